"""Fixtures of the coalition insight: the seeded Rotterdam covenant with two half-year periods,
reviewing staff with MFA, and a small public site (Dutch home, Polish translation)."""

from datetime import date

import pytest
from django.test import Client
from wagtail.models import Locale, Page, Site
from wagtail.users.models import UserProfile

from goedwerk.localization.translate import translate_page
from home.models import HomePage
from partners.factories import StaffUserFactory
from partners.insight.factories import PeriodFactory, indicators, rotterdam_covenant
from tests.signin import activate_totp


@pytest.fixture
def covenant(db):
    return rotterdam_covenant()


@pytest.fixture
def ind(covenant):
    """The covenant's indicators by code."""
    return indicators(covenant)


@pytest.fixture
def h1(covenant):
    return PeriodFactory(
        covenant=covenant,
        name="2025 H1",
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 6, 30),
        opens_on=date(2025, 7, 1),
        deadline=date(2025, 8, 15),
    )


@pytest.fixture
def h2(covenant):
    return PeriodFactory(
        covenant=covenant,
        name="2025 H2",
        starts_on=date(2025, 7, 1),
        ends_on=date(2025, 12, 31),
        opens_on=date(2026, 1, 1),
        deadline=date(2026, 2, 15),
    )


def with_mfa(user):
    """Activate an authenticator app, and make the admin speak English to this user so that
    tests can read its texts before and after the translation pass."""
    activate_totp(user)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def staff(db):
    """Programme staff allowed to review (superuser), with MFA so the admin lets them in."""
    return with_mfa(StaffUserFactory(email="programma@gemeente.example", is_superuser=True))


@pytest.fixture
def staff_client(staff):
    client = Client()
    client.force_login(staff)
    return client


@pytest.fixture
def home_nl(db):
    locale = Locale.objects.get_or_create(language_code="nl")[0]
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Welkom in Rotterdam", slug="home-nl", locale=locale)
    )
    home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    translate_page(
        home, "pl", {"Welkom in Rotterdam": "Witamy w Rotterdamie", "home-nl": "home-pl"}
    )
    return home
