"""The job fair model: what counts as upcoming, ordering, validation, exhibitors."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from events.factories import JobFairExhibitorFactory
from events.models import JobFairExhibitor, JobFairPage, JobFairStatus
from partners.models import Organisation

from .conftest import ams

pytestmark = pytest.mark.django_db

NOW = ams(2025, 6, 21, 12, 0)


@pytest.fixture
def fairs(make_fair):
    """Five fairs around NOW (21 June 2025, noon in Rotterdam)."""
    return {
        "long_ago": make_fair(
            title="Oktober", start=ams(2024, 10, 3, 10), end=ams(2024, 10, 3, 16)
        ),
        "march": make_fair(title="Maart", start=ams(2025, 3, 15, 10), end=ams(2025, 3, 15, 15)),
        # Running right now: started this morning, ends this afternoon.
        "today": make_fair(title="Vandaag", start=ams(2025, 6, 21, 10), end=ams(2025, 6, 21, 16)),
        "autumn": make_fair(title="Najaar", start=ams(2025, 10, 4, 10), end=ams(2025, 10, 4, 15)),
        "summer": make_fair(title="Zomer", start=ams(2025, 7, 5, 10), end=ams(2025, 7, 5, 15)),
    }


@time_machine.travel(NOW, tick=False)
def test_upcoming_is_soonest_first_and_includes_a_fair_in_progress(fairs):
    titles = [f.title for f in JobFairPage.objects.upcoming()]
    assert titles == ["Vandaag", "Zomer", "Najaar"]


@time_machine.travel(NOW, tick=False)
def test_past_is_most_recent_first(fairs):
    assert [f.title for f in JobFairPage.objects.past()] == ["Maart", "Oktober"]


def test_boundary_moves_with_the_clock(fairs):
    # One second before the end of today's fair it is upcoming; one second after, it is past.
    with time_machine.travel(ams(2025, 6, 21, 15, 59, 59), tick=False):
        assert "Vandaag" in [f.title for f in JobFairPage.objects.upcoming()]
    with time_machine.travel(ams(2025, 6, 21, 16, 0, 1), tick=False):
        assert "Vandaag" not in [f.title for f in JobFairPage.objects.upcoming()]
        assert next(f.title for f in JobFairPage.objects.past()) == "Vandaag"


@time_machine.travel(NOW, tick=False)
def test_postponed_without_new_date_stays_upcoming_at_the_end(make_fair, fairs):
    make_fair(
        title="Uitgesteld",
        start=ams(2025, 5, 1, 10),
        end=ams(2025, 5, 1, 15),
        status=JobFairStatus.POSTPONED,
        new_date_pending=True,
    )
    assert [f.title for f in JobFairPage.objects.upcoming()][-1] == "Uitgesteld"
    assert "Uitgesteld" not in [f.title for f in JobFairPage.objects.past()]
    assert "Uitgesteld" not in [f.title for f in JobFairPage.objects.taking_place()]


def _clean(fair):
    fair.full_clean()


def test_saving_an_invalid_fair_is_refused(make_fair):
    # Wagtail validates pages on save, so an invalid status cannot reach the database.
    with pytest.raises(ValidationError):
        make_fair(status=JobFairStatus.POSTPONED)


def test_end_must_follow_start(make_fair):
    fair = make_fair()
    fair.end = fair.start - timedelta(hours=1)
    with pytest.raises(ValidationError) as excinfo:
        _clean(fair)
    assert "end" in excinfo.value.message_dict


def test_postponed_needs_original_date_or_pending(make_fair):
    fair = make_fair()
    fair.status = JobFairStatus.POSTPONED
    with pytest.raises(ValidationError) as excinfo:
        _clean(fair)
    assert "previous_start" in excinfo.value.message_dict
    fair.previous_start = fair.start - timedelta(days=14)
    _clean(fair)
    fair.previous_start = None
    fair.new_date_pending = True
    _clean(fair)


def test_pending_and_previous_start_only_when_postponed(make_fair):
    fair = make_fair()
    fair.new_date_pending = True
    fair.previous_start = ams(2025, 1, 1, 10)
    with pytest.raises(ValidationError) as excinfo:
        _clean(fair)
    assert {"new_date_pending", "previous_start"} <= set(excinfo.value.message_dict)


def test_moved_online_needs_address(make_fair):
    fair = make_fair()
    fair.status = JobFairStatus.MOVED_ONLINE
    with pytest.raises(ValidationError) as excinfo:
        _clean(fair)
    assert "online_url" in excinfo.value.message_dict


def test_image_needs_alt_text(make_fair):
    import wagtail_factories

    fair = make_fair()
    fair.image = wagtail_factories.ImageFactory()
    with pytest.raises(ValidationError) as excinfo:
        _clean(fair)
    assert "image_alt" in excinfo.value.message_dict
    fair.image_alt = "Bezoekers bij een stand"
    _clean(fair)


def test_reserved_slug_refused(make_fair):
    fair = make_fair(title="Feed", slug="feed-2025")
    fair.slug = "feed"
    with pytest.raises(ValidationError) as excinfo:
        _clean(fair)
    assert "slug" in excinfo.value.message_dict


@pytest.fixture
def tempo_team(db):
    return Organisation.objects.create(
        name="Tempo-Team", slug="tempo-team", kind=Organisation.Kind.STAFFING_AGENCY
    )


def test_exhibitor_is_an_organisation_or_a_name(make_fair, tempo_team):
    fair = make_fair()
    neither = JobFairExhibitor(page=fair, kind="other")
    with pytest.raises(ValidationError):
        neither.full_clean(exclude=["page", "locale"])
    both = JobFairExhibitor(page=fair, organisation=tempo_team, name="Tempo", kind="other")
    with pytest.raises(ValidationError):
        both.full_clean(exclude=["page", "locale"])
    JobFairExhibitor(page=fair, organisation=tempo_team, kind="coalition_employer").full_clean(
        exclude=["page", "locale"]
    )
    JobFairExhibitor(page=fair, name="EURES", kind="eures").full_clean(exclude=["page", "locale"])


def test_exhibitor_link_to_partner_shows_its_name(make_fair, tempo_team):
    stand = JobFairExhibitorFactory(
        page=make_fair(), organisation=tempo_team, name="", kind="coalition_employer"
    )
    assert stand.display_name == "Tempo-Team"
    assert stand.locale_id == stand.page.locale_id  # taken from the page


@time_machine.travel(NOW, tick=False)
def test_attended_by_lists_past_fairs_with_a_stand_once(fairs, tempo_team, make_fair, polish):
    other = Organisation.objects.create(name="Vebego", slug="vebego-zorg", kind="employer")
    for key in ("long_ago", "march", "summer"):
        JobFairExhibitorFactory(
            page=fairs[key], organisation=tempo_team, name="", kind="coalition_employer"
        )
    JobFairExhibitorFactory(page=fairs["march"], organisation=tempo_team, name="", kind="other")
    JobFairExhibitorFactory(page=fairs["today"], organisation=other, name="", kind="employer")
    cancelled = make_fair(
        title="Afgelast",
        start=ams(2025, 2, 1, 10),
        end=ams(2025, 2, 1, 15),
        status=JobFairStatus.CANCELLED,
    )
    JobFairExhibitorFactory(page=cancelled, organisation=tempo_team, name="", kind="other")
    # A Polish translation copies the stands; the partner still attended the fair only once.
    polish(fairs["march"])

    attended = list(JobFairPage.objects.attended_by(tempo_team))
    assert [f.title for f in attended] == ["Maart", "Oktober"]
    assert [f.title for f in JobFairPage.objects.attended_by(other)] == []
    assert {f.title for f in JobFairPage.objects.exhibiting(tempo_team)} >= {"Zomer", "Maart"}
