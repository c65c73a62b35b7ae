"""The demo loader: what it creates, its translations, and that a second run changes nothing."""

import io

import pytest
import time_machine
from wagtail.models import Page, Revision

from events import demo
from events.models import JobFairExhibitor, JobFairIndexPage, JobFairPage, JobFairStatus
from partners.models import Organisation

from .conftest import ams

pytestmark = pytest.mark.django_db


@pytest.fixture
def partners(db):
    # Four of the five: the loader must fall back to a plain name for the missing one.
    return [
        Organisation.objects.create(name=name, slug=slug, kind="staffing_agency")
        for slug, name in [
            ("tempo-team", "Tempo-Team"),
            ("vebego-zorg", "Vebego Zorg"),
            ("network-people", "Network People B.V."),
            ("labour-power-company", "Labour Power Company"),
        ]
    ]


def _snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "stands": JobFairExhibitor.objects.count(),
        "fairs": sorted(
            JobFairPage.objects.values_list("locale__language_code", "slug", "start", "status")
        ),
    }


# The clock ticks: wagtail-localize notices changes by their timestamps.
@time_machine.travel(ams(2026, 1, 15, 9), tick=True)
def test_demo_creates_fairs_and_translations_and_is_idempotent(home, partners):
    out = io.StringIO()
    demo.load(stdout=out, password="x")
    assert "5 fairs (2 upcoming)" in out.getvalue()

    index = JobFairIndexPage.objects.get(locale__language_code="nl")
    assert index.get_parent().specific == home
    dutch = JobFairPage.objects.child_of(index).live()
    assert dutch.count() == 5
    assert [f.start.date().isoformat() for f in dutch.past()] == [
        "2025-06-21",
        "2025-03-15",
        "2024-10-03",
    ]
    upcoming = list(dutch.upcoming())
    assert len(upcoming) == 2
    assert {f.status for f in upcoming} == {JobFairStatus.SCHEDULED, JobFairStatus.POSTPONED}
    postponed = next(f for f in upcoming if f.status == JobFairStatus.POSTPONED)
    assert postponed.previous_start < postponed.start
    postponed.full_clean()

    for language in ("en", "pl"):
        assert JobFairPage.objects.live().filter(locale__language_code=language).count() == 5
        assert JobFairIndexPage.objects.live().filter(locale__language_code=language).exists()
    polish = JobFairPage.objects.get(
        locale__language_code="pl", translation_key=dutch.past().last().translation_key
    )
    assert polish.title == "Targi pracy w Bibliotece Centralnej"
    assert "EURES" in [s.display_name for s in polish.exhibitors.all()]

    tempo = partners[0]
    attended = JobFairPage.objects.attended_by(tempo)
    assert attended.count() == 3
    people_21 = JobFairExhibitor.objects.filter(name="People 21", organisation=None)
    assert people_21.exists()  # no partner organisation: a plain-name stand

    before = _snapshot()
    demo.load(stdout=io.StringIO(), password="x")
    assert _snapshot() == before


def test_demo_without_home_creates_nothing(db):
    out = io.StringIO()
    before = Page.objects.count()
    demo.load(stdout=out, password="x")
    assert "no Dutch home page" in out.getvalue()
    assert Page.objects.count() == before
    assert demo.logins() == []
