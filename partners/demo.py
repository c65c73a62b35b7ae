"""Demo content of the partner portal, loaded by `manage.py load_demo`. Must be idempotent."""

from . import covenant_translations, demo_accounts, demo_reports
from .review import demo as review_demo


def load(*, stdout, password: str) -> None:
    demo_accounts.load(stdout=stdout, password=password)
    demo_reports.load(stdout=stdout, password=password)  # seeds the covenant if it was flushed
    covenant_translations.load(stdout=stdout)
    review_demo.load(stdout=stdout, password=password)


def logins() -> list[tuple[str, str]]:
    return [*demo_accounts.logins(), *demo_reports.logins()]
