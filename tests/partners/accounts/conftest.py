"""Fixtures for the accounts side of the portal: organisations, people in each role, MFA."""

import pytest
from django.core.cache import cache

from partners.factories import (
    DEFAULT_PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    StaffUserFactory,
    UserFactory,
)
from partners.models import Membership
from tests.signin import activate_totp


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth keeps its rate-limit counters in the cache; every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_locale(db):
    """Site templates look up the default Wagtail locale (made by Wagtail's migrations)."""
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code="nl")


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Tempo-Team", slug="tempo-team")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Vebego Zorg", slug="vebego-zorg")


@pytest.fixture
def org_admin(organisation):
    """An organisation admin who has already set up MFA."""
    user = UserFactory(email="admin@tempo-team.example")
    MembershipFactory(organisation=organisation, user=user, role=Membership.Role.ADMIN)
    activate_totp(user)
    return user


@pytest.fixture
def reporter(organisation):
    user = UserFactory(email="rapporteur@tempo-team.example")
    MembershipFactory(organisation=organisation, user=user, role=Membership.Role.REPORTER)
    return user


@pytest.fixture
def staff(db):
    """Programme staff with full admin rights and MFA set up."""
    user = StaffUserFactory(email="programma@gemeente-rotterdam.example", is_superuser=True)
    activate_totp(user)
    return user
