"""Fixtures of the public site's tests: a small Dutch site with Polish translations."""

import pytest
import wagtail_factories
from wagtail.models import Locale, Page, Site

from goedwerk.localization.translate import translate_instance, translate_page
from home.factories import (
    CampaignPageFactory,
    ContentPageFactory,
    InfoPointFactory,
    WalkInHoursFactory,
    all_blocks,
)
from home.models import HomePage


def build_home(locale_nl):
    """A published Dutch home page that is the root of the default site."""
    root = Page.get_first_root_node()
    if root is None:  # a flushed transactional database: recreate what migrations made
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale_nl))
    home = root.add_child(
        instance=HomePage(
            title="Welkom in Rotterdam",
            slug="home-nl",
            locale=locale_nl,
            intro="<p>Informatie voor <b>arbeidsmigranten</b> in Rotterdam.</p>",
        )
    )
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True, defaults={"root_page": home, "hostname": "localhost", "port": 80}
    )
    return home


def build_info_point(locale_nl):
    point = InfoPointFactory(name="WIN-punt Zuid", locale=locale_nl)
    WalkInHoursFactory(info_point=point, weekday=1, sort_order=0)
    WalkInHoursFactory(info_point=point, weekday=4, sort_order=1, note="Avondspreekuur")
    return point


def build_small_site(home_nl, info_point, image):
    """Home, a campaign page with every block, and a footer page; all translated into Polish."""
    campaign = CampaignPageFactory(
        parent=home_nl,
        title="Inschrijven bij de gemeente",
        slug="inschrijven",
        intro="Met een inschrijving krijg je een burgerservicenummer.",
        body=all_blocks(info_point=info_point, image=image),
    )
    campaign.save_revision().publish()
    privacy = ContentPageFactory(
        parent=home_nl, title="Privacyverklaring", slug="privacy", show_in_footer=True
    )
    privacy.save_revision().publish()
    home_nl.featured_campaigns.create(campaign=campaign, sort_order=0)

    translate_instance(info_point, "pl", {"WIN-punt Zuid": "Punkt WIN Południe"})
    home_pl = translate_page(
        home_nl, "pl", {"Welkom in Rotterdam": "Witamy w Rotterdamie", "home-nl": "home-pl"}
    )
    campaign_pl = translate_page(
        campaign,
        "pl",
        {
            "Inschrijven bij de gemeente": "Meldunek w gminie",
            "inschrijven": "meldunek",
            "Met een inschrijving krijg je een burgerservicenummer.": (
                "Po zameldowaniu otrzymujesz numer BSN."
            ),
        },
    )
    privacy_pl = translate_page(
        privacy, "pl", {"Privacyverklaring": "Oświadczenie o prywatności", "privacy": "prywatnosc"}
    )
    return {
        "home": home_nl,
        "home_pl": home_pl,
        "campaign": campaign,
        "campaign_pl": campaign_pl,
        "privacy": privacy,
        "privacy_pl": privacy_pl,
    }


@pytest.fixture
def locale_nl(db):
    return Locale.objects.get_or_create(language_code="nl")[0]


@pytest.fixture
def home_nl(locale_nl):
    return build_home(locale_nl)


@pytest.fixture
def info_point(locale_nl):
    return build_info_point(locale_nl)


@pytest.fixture
def image(db):
    return wagtail_factories.ImageFactory(title="Informatiepunt")


@pytest.fixture
def small_site(home_nl, info_point, image):
    return build_small_site(home_nl, info_point, image)
