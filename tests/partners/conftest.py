"""Fixtures for the reporting side of the portal: a small covenant, two organisations with a
member each, and an open reporting period."""

from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import translation
from wagtail.models import Locale

from partners.factories import (
    CommitmentFactory,
    CovenantFactory,
    IndicatorFactory,
    MembershipFactory,
    OrganisationFactory,
    ReportingPeriodFactory,
)


@pytest.fixture(autouse=True)
def _default_locale(db):
    Locale.objects.get_or_create(language_code="nl")


@pytest.fixture
def english():
    """Interface strings in English (the msgids), so assertions do not depend on catalogues;
    the covenant's own texts stay Dutch unless translated."""
    with translation.override("en"):
        yield


@pytest.fixture
def covenant(db):
    """Two employer commitments (one may be 'not applicable') and one of the municipality."""
    covenant = CovenantFactory(title="Testconvenant")
    brp = CommitmentFactory(covenant=covenant, code="brp", title="Inschrijving BRP", order=1)
    workers = IndicatorFactory(commitment=brp, code="workers", label="Werknemers", order=1)
    registered = IndicatorFactory(
        commitment=brp, code="registered", label="Ingeschreven in de BRP", order=2, part_of=workers
    )
    branch = CommitmentFactory(
        covenant=covenant,
        code="branch",
        title="Brancheorganisatie",
        order=2,
        allows_not_applicable=True,
    )
    member_of = IndicatorFactory(
        commitment=branch,
        code="member_of",
        label="Lid van",
        value_type="choice",
        choice_codes="abu\nnbbu\nneither",
        choice_labels="ABU\nNBBU\nGeen van beide",
        order=1,
    )
    sna = IndicatorFactory(commitment=branch, code="sna", label="SNA", value_type="yes_no", order=2)
    since = IndicatorFactory(
        commitment=branch,
        code="since",
        label="Lid sinds",
        value_type="date",
        required=False,
        order=3,
    )
    number = IndicatorFactory(
        commitment=branch, code="number", label="Lidnummer", value_type="text", required=False
    )
    fairs = CommitmentFactory(
        covenant=covenant, code="fairs", title="Banenmarkten", party="municipality"
    )
    fairs_held = IndicatorFactory(commitment=fairs, code="held", label="Georganiseerd")
    return SimpleNamespace(
        covenant=covenant,
        brp=brp,
        branch=branch,
        fairs=fairs,
        workers=workers,
        registered=registered,
        member_of=member_of,
        sna=sna,
        since=since,
        number=number,
        fairs_held=fairs_held,
    )


@pytest.fixture
def period(covenant):
    return ReportingPeriodFactory(covenant=covenant.covenant, name="2025 H2")


@pytest.fixture
def org_a(db):
    return OrganisationFactory(name="Alfa Uitzend B.V.", slug="alfa")


@pytest.fixture
def org_b(db):
    return OrganisationFactory(name="Bravo Werk B.V.", slug="bravo")


@pytest.fixture
def member_a(org_a):
    return MembershipFactory(organisation=org_a).user


@pytest.fixture
def member_b(org_b):
    return MembershipFactory(organisation=org_b).user


@pytest.fixture
def client_a(member_a):
    client = Client()
    client.force_login(member_a)
    return client


@pytest.fixture
def client_b(member_b):
    client = Client()
    client.force_login(member_b)
    return client


def complete_answers(covenant, **overrides) -> dict:
    """POST data for a complete, consistent employer report."""
    data = {
        "version": "0",
        f"i{covenant.workers.pk}": "120",
        f"i{covenant.registered.pk}": "100",
        f"i{covenant.member_of.pk}": "abu",
        f"i{covenant.sna.pk}": "yes",
        f"i{covenant.since.pk}": "2020-01-15",
        f"i{covenant.number.pk}": "ABU-1234",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
