"""A Dutch home page translated into every site language, with the demo's two statements
(built by the demo loader from demo/pages/statement-*.yaml and translated from its PO files)."""

from django.conf import settings

from goedwerk import demo
from goedwerk.localization.translate import translate_page
from home import demo as home_demo

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def build_statements(home_nl) -> dict:
    for code in LANGUAGES:
        if code != settings.LANGUAGE_CODE:
            translate_page(home_nl, code, {home_nl.slug: f"home-{code}"})
    privacy = home_demo._privacy(home_nl)
    accessibility = home_demo._accessibility(home_nl)
    demo.translate(privacy, "statement-privacy")
    demo.translate(accessibility, "statement-toegankelijkheid")
    return {"privacy": privacy, "accessibility": accessibility}
