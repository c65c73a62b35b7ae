"""A small site tree for the job fair tests: a Dutch home page as the default site's root, the
nl/en/pl locales, and helpers to build fairs and their Polish translations."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import wagtail_factories
from wagtail.models import Locale, Page, Site

from events.factories import JobFairIndexPageFactory, JobFairPageFactory
from goedwerk.localization.translate import translate_page
from home.models import HomePage

AMS = ZoneInfo("Europe/Amsterdam")


def ams(*args) -> datetime:
    """An aware datetime in Rotterdam time: ams(2025, 10, 25, 22)."""
    return datetime(*args, tzinfo=AMS)


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Goed Werk"
    slug = "goed-werk"

    class Meta:
        model = HomePage


@pytest.fixture
def locales(db):
    nl, _ = Locale.objects.get_or_create(language_code="nl")
    en, _ = Locale.objects.get_or_create(language_code="en")
    pl, _ = Locale.objects.get_or_create(language_code="pl")
    return {"nl": nl, "en": en, "pl": pl}


@pytest.fixture
def home(locales):
    home = HomePageFactory(parent=Page.get_first_root_node(), locale=locales["nl"])
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.save()
    Site.clear_site_root_paths_cache()
    return home


@pytest.fixture
def index(home):
    return JobFairIndexPageFactory(parent=home)


@pytest.fixture
def make_fair(index):
    def make(**kwargs):
        kwargs.setdefault("parent", index)
        return JobFairPageFactory(**kwargs)

    return make


@pytest.fixture
def polish(home, index):
    """translate(page, strings) -> its published Polish translation (wagtail-localize), with the
    home and index pages translated first."""

    def translate(page, strings=None):
        translate_page(home, "pl", {"Goed Werk": "Dobra Praca"})
        translate_page(index, "pl", {"Banenmarkten": "Targi pracy", "banenmarkten": "targi-pracy"})
        return translate_page(page, "pl", strings or {}).specific

    return translate
