"""A model field for "languages spoken at the stands": a list of language codes.

Stored as a JSON list (works the same on SQLite and PostgreSQL), edited as a list of checkboxes,
shown with the language names from Django's own catalogues, so that a Polish visitor reads
"polski, rumuński" without anyone translating those names.
"""

from django import forms
from django.conf.locale import LANG_INFO
from django.db import models
from django.utils.translation import gettext_lazy

# Dutch, English and the languages of the largest groups of EU labour migrants in Rotterdam
# (Bulgarians are often Turkish-speaking), in a stable order.
SPOKEN_LANGUAGE_CODES = [
    "nl",
    "en",
    "pl",
    "ro",
    "bg",
    "hu",
    "tr",
    "pt",
    "es",
    "it",
    "el",
    "lt",
    "lv",
    "sk",
    "uk",
    "de",
    "ru",
]


def language_name(code: str) -> str:
    """The name of a language in the active language (Django translates these names)."""
    info = LANG_INFO.get(code)
    if not info or "name" not in info:
        return code
    return str(gettext_lazy(info["name"]))


def spoken_language_choices():
    return [(code, gettext_lazy(LANG_INFO[code]["name"])) for code in SPOKEN_LANGUAGE_CODES]


class LanguageListField(models.JSONField):
    """A list of language codes from :data:`SPOKEN_LANGUAGE_CODES`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=spoken_language_choices,
            required=not self.blank,
            label=kwargs.get("label") or self.verbose_name.capitalize(),
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        unknown = [code for code in value or [] if code not in SPOKEN_LANGUAGE_CODES]
        if unknown:
            raise forms.ValidationError(
                gettext_lazy("Unknown language code: %(codes)s."),
                code="unknown_language",
                params={"codes": ", ".join(unknown)},
            )
