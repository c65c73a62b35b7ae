"""Demo content of the coalition insight: the public progress page and the partner list, under
the Dutch home page. Their texts are in demo/pages/coalition-progress.yaml and
coalition-partners.yaml, translated by the PO files in demo/locale/<language>/ (see
``goedwerk.demo``) into every configured language that has a translated home page. Idempotent:
running it again changes nothing.

The figures on the progress page come from approved reports (partners.demo_reports); the page
says so when there are none yet.
"""

from goedwerk import demo
from home.models import HomePage

from .models import CoalitionPartnersPage, CoalitionProgressPage


def load(*, stdout, password: str) -> None:
    home = demo.dutch_home()
    if home is None:
        stdout.write("Coalition insight: no Dutch home page, skipped (load home.demo first).")
        return
    texts = demo.source("coalition-progress")
    progress = demo.child_page(
        home,
        CoalitionProgressPage,
        texts["slug"],
        {
            "title": texts["title"],
            "intro": demo.rich_text(texts["intro"]),
            "method_note": demo.rich_text(texts["method"]),
        },
    )
    texts = demo.source("coalition-partners")
    partners = demo.child_page(
        home,
        CoalitionPartnersPage,
        texts["slug"],
        {"title": texts["title"], "intro": demo.rich_text(texts["intro"])},
    )

    # Only into languages whose home page is translated: a translated page needs its parent.
    translated_homes = list(
        HomePage.objects.filter(translation_key=home.translation_key).values_list(
            "locale__language_code", flat=True
        )
    )
    languages = demo.translate(progress, "coalition-progress", only=translated_homes)
    demo.translate(partners, "coalition-partners", only=translated_homes)
    stdout.write(
        "Coalition insight: progress page and partner list, translated into "
        f"{', '.join(languages) or 'no other language'}."
    )


def logins() -> list[tuple[str, str]]:
    """The public pages need no accounts."""
    return []
