"""Fixtures for the review: a small covenant with an open period, an organisation with a
(Polish-speaking) reporter, a reviewer with the review permission and MFA, and helpers to move a
report along."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from partners.factories import (
    CommitmentFactory,
    CovenantFactory,
    IndicatorFactory,
    MembershipFactory,
    OrganisationFactory,
    ReportFactory,
    ReportingPeriodFactory,
    StaffUserFactory,
    UserFactory,
)
from partners.models import IndicatorValue, ReportStatus
from partners.reporting.models import NotificationPreference
from tests.signin import activate_totp


@pytest.fixture(autouse=True)
def _review_setup(db, settings):
    Locale.objects.get_or_create(language_code="nl")
    cache.clear()
    translation.deactivate()  # no language left over from an earlier request in this thread
    yield
    cache.clear()


def _group(name, *codenames):
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.set(
        Permission.objects.filter(
            codename__in=codenames,
            content_type__app_label__in=["partners", "wagtailadmin"],
        )
    )
    return group


@pytest.fixture
def reviewer(db):
    """Programme staff with the review permission (not a superuser) and MFA set up."""
    user = StaffUserFactory(email="reviewer@rotterdam.example", first_name="Rita")
    user.groups.add(_group("Reviewers", "access_admin", "review_report", "view_evidence"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"  # the admin in English, so tests can read its messages
    profile.save()
    return activate_totp(user)


@pytest.fixture
def staff_without_permission(db):
    user = StaffUserFactory(email="editor@rotterdam.example")
    user.groups.add(_group("Editors only", "access_admin"))
    return activate_totp(user)


@pytest.fixture
def reviewer_client(reviewer):
    client = Client()
    client.force_login(reviewer)
    return client


@pytest.fixture
def covenant(db):
    covenant = CovenantFactory(title="Convenant Goed Werkgeverschap")
    brp = CommitmentFactory(covenant=covenant, code="brp", title="Inschrijving BRP", order=1)
    workers = IndicatorFactory(commitment=brp, code="workers", label="Werknemers", order=1)
    registered = IndicatorFactory(
        commitment=brp, code="registered", label="Ingeschreven", order=2, part_of=workers
    )
    language = CommitmentFactory(covenant=covenant, code="language", title="Taallessen", order=2)
    started = IndicatorFactory(commitment=language, code="started", label="Gestart", order=1)
    return SimpleNamespace(
        covenant=covenant,
        brp=brp,
        language=language,
        workers=workers,
        registered=registered,
        started=started,
    )


@pytest.fixture
def period(covenant):
    return ReportingPeriodFactory(covenant=covenant.covenant, name="2025 H2")


@pytest.fixture
def previous_period(covenant, period):
    from datetime import timedelta

    return ReportingPeriodFactory(
        covenant=covenant.covenant,
        name="2025 H1",
        starts_on=period.starts_on - timedelta(days=181),
        ends_on=period.starts_on - timedelta(days=1),
        opens_on=period.starts_on - timedelta(days=20),
        deadline=period.starts_on + timedelta(days=30),
    )


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Tempo-Team", slug="tempo-team")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Vebego Zorg", slug="vebego-zorg")


@pytest.fixture
def partner(organisation):
    """A reporter of the organisation who uses the portal in Polish."""
    user = UserFactory(email="reporter@tempo-team.example", first_name="Piotr")
    MembershipFactory(organisation=organisation, user=user)
    NotificationPreference.objects.create(user=user, language="pl")
    return user


@pytest.fixture
def partner_client(partner):
    client = Client()
    client.force_login(partner)
    return client


def fill(report, covenant, workers=120, registered=100, started=12):
    for indicator, number in (
        (covenant.workers, workers),
        (covenant.registered, registered),
        (covenant.started, started),
    ):
        value = IndicatorValue(report=report, indicator=indicator, raw=str(number))
        value.set_value("count", number)
        value.save()


@pytest.fixture
def draft(organisation, period, covenant, partner):
    report = ReportFactory(organisation=organisation, period=period)
    fill(report, covenant)
    return report


@pytest.fixture
def submitted(draft, partner):
    draft.transition_to(ReportStatus.SUBMITTED, by=partner)
    return draft


def review_url(report):
    return reverse("partners_review_reports:review", args=[report.pk])
