"""Dashboard counts and coalition figures: statuses, approved-only totals, the k ≥ 3 rule,
public-profile consent, and queries that do not grow with the number of reports."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from partners.insight import stats
from partners.insight.factories import PartnerFactory, make_report, reviewer
from partners.models import ReportStatus

pytestmark = pytest.mark.django_db


def figure(trends, code, period_index=0):
    for commitment in trends.commitments:
        for trend in commitment.indicators:
            if trend.code == code:
                return trend.figures[period_index]
    raise AssertionError(f"no indicator {code}")


def workers(ind, employed, registered):
    return {ind["workers_employed"]: employed, ind["registered_brp_address"]: registered}


@time_machine.travel(date(2025, 9, 1), tick=False)
def test_status_counts_per_period_with_not_started_and_overdue(covenant, h1, h2):
    staff = reviewer()
    for status in ReportStatus.values:  # one organisation per status
        make_report(PartnerFactory(), h1, status=status, staff=staff)
    PartnerFactory()  # has not started
    PartnerFactory(joined_covenant_on=date(2025, 8, 1))  # joined after H1: not expected then
    # The seed adds the municipality (no joining date: always expected).

    overview = {row.period.name: row for row in stats.status_overview(covenant)}

    first = overview["2025 H1"]
    assert first.expected == 7
    assert first[stats.NOT_STARTED] == 2
    for status in ReportStatus.values:
        assert first[status] == 1, status
    assert first.is_past_deadline
    # Not started (2), draft, changes requested and reopened: not handed in after the deadline.
    assert first.overdue == 5
    second = overview["2025 H2"]
    assert second.expected == 8
    assert second[stats.NOT_STARTED] == 8
    assert second.overdue == 0  # the deadline is still ahead
    assert list(overview) == ["2025 H1", "2025 H2"]


@time_machine.travel(date(2026, 3, 1), tick=False)
def test_overdue_once_the_deadline_has_passed(covenant, h1, h2):
    make_report(PartnerFactory(), h2, status=ReportStatus.DRAFT)
    make_report(PartnerFactory(), h2, status=ReportStatus.SUBMITTED)
    row = next(r for r in stats.status_overview(covenant) if r.period == h2)
    assert row.overdue == 2  # the draft and the municipality, which has not started


def test_totals_count_approved_reports_only(covenant, ind, h1):
    staff = reviewer()
    for employed, registered in ((100, 80), (50, 40), (30, 30)):
        make_report(PartnerFactory(), h1, workers(ind, employed, registered), staff=staff)
    for status in (
        ReportStatus.DRAFT,
        ReportStatus.SUBMITTED,
        ReportStatus.CHANGES_REQUESTED,
        ReportStatus.REOPENED,
    ):
        make_report(PartnerFactory(), h1, workers(ind, 1000, 1000), status=status, staff=staff)

    for public in (False, True):
        trends = stats.commitment_trends(covenant, [h1], public=public)
        employed = figure(trends, "workers_employed")
        assert employed.total == 180
        assert employed.contributors == 3
        registered = figure(trends, "registered_brp_address")
        assert registered.total == 150
        assert registered.share == pytest.approx(83.3)
        assert trends.approved == [3]


def test_public_aggregate_needs_three_organisations(covenant, ind, h1):
    staff = reviewer()
    make_report(PartnerFactory(), h1, workers(ind, 100, 80), staff=staff)
    make_report(PartnerFactory(), h1, workers(ind, 50, 40), staff=staff)

    staff_view = figure(stats.commitment_trends(covenant, [h1]), "workers_employed")
    assert staff_view.total == 150  # staff see everything
    public = figure(stats.commitment_trends(covenant, [h1], public=True), "workers_employed")
    assert public.total is None
    assert public.suppressed
    assert stats.public_progress(covenant).commitments == []  # nothing to publish at all

    make_report(PartnerFactory(), h1, workers(ind, 10, 10), staff=staff)
    public = figure(stats.commitment_trends(covenant, [h1], public=True), "workers_employed")
    assert public.total == 160
    assert not public.suppressed


@pytest.mark.parametrize(
    ("consents", "published"),
    [
        ([True], True),  # one organisation with a public profile: its own figure
        ([True, True], True),
        ([True, False], False),  # the other one could be worked out
        ([True, False, False], False),  # three, but the two without consent could be
        ([True, False, False, False], True),
    ],
)
def test_public_profile_consent(covenant, ind, h1, consents, published):
    staff = reviewer()
    for consent in consents:
        organisation = PartnerFactory(public_profile_consent=consent)
        make_report(organisation, h1, workers(ind, 10, 5), staff=staff)
    public = figure(stats.commitment_trends(covenant, [h1], public=True), "workers_employed")
    assert (public.total == 10 * len(consents)) is published
    assert public.suppressed is not published


def test_public_figures_leave_out_answers_that_are_not_counts(covenant, ind, h1):
    staff = reviewer()
    for _ in range(3):
        make_report(PartnerFactory(), h1, {ind["language_in_working_hours"]: True}, staff=staff)
    staff_view = figure(stats.commitment_trends(covenant, [h1]), "language_in_working_hours")
    assert (staff_view.yes, staff_view.no) == (3, 0)
    with pytest.raises(AssertionError):
        figure(stats.commitment_trends(covenant, [h1], public=True), "language_in_working_hours")


def test_choice_answers_are_counted_per_choice_with_labels(covenant, ind, h1):
    staff = reviewer()
    for choice in ("abu", "abu", "nbbu"):
        make_report(PartnerFactory(), h1, {ind["branch_organisation"]: choice}, staff=staff)
    assert figure(stats.commitment_trends(covenant, [h1]), "branch_organisation").choices == [
        ("ABU", 2),
        ("NBBU", 1),
    ]


def test_consented_figures_only_for_organisations_with_a_public_profile(covenant, ind, h1, h2):
    staff = reviewer()
    open_book = PartnerFactory(public_profile_consent=True)
    private = PartnerFactory(public_profile_consent=False)
    make_report(open_book, h1, workers(ind, 40, 20), staff=staff)
    make_report(open_book, h2, workers(ind, 50, 45), staff=staff)
    make_report(private, h1, workers(ind, 70, 10), staff=staff)
    make_report(PartnerFactory(public_profile_consent=True), h2, workers(ind, 9, 9), status="draft")

    with translation.override("en"):
        figures = stats.consented_figures(covenant, [open_book, private])
    assert set(figures) == {open_book.pk}
    assert figures[open_book.pk].period == h2  # the latest approved report
    with translation.override("en"):
        rows = {str(row.label): (row.number, row.share) for row in figures[open_book.pk].rows}
    # The public wording, not the portal's label for employers (see partners.insight.wording).
    assert rows["Labour migrants working for these employers"] == (50, None)
    assert rows["Of whom registered at the municipality (BRP) with their current address"] == (
        45,
        90.0,
    )
    assert ind["workers_employed"].label not in rows


def _queries(function) -> int:
    with CaptureQueriesContext(connection) as context:
        function()
    return len(context.captured_queries)


def test_queries_do_not_grow_with_the_number_of_reports(covenant, ind, h1, h2, monkeypatch):
    # The uncached path (the figures' cache is tested on its own, in test_stats.py).
    monkeypatch.setattr(stats, "FIGURES_CACHE_SECONDS", 0)
    staff = reviewer()

    def add(count):
        for index in range(count):
            organisation = PartnerFactory(public_profile_consent=index % 2 == 0)
            answers = {**workers(ind, 10, 5), ind["branch_organisation"]: "abu"}
            make_report(organisation, h1, answers, staff=staff)
            make_report(organisation, h2, answers, status=ReportStatus.SUBMITTED, staff=staff)

    def everything():
        stats.status_overview(covenant)
        stats.commitment_trends(covenant)
        stats.public_progress(covenant)

    add(3)
    few = _queries(everything)
    add(27)
    many = _queries(everything)
    assert figure(stats.commitment_trends(covenant, [h1]), "workers_employed").total == 300
    assert few == many
    # status_overview: periods, statuses, overdue reports (deadline per report); each of the
    # two trend calls one more for the expected organisations per period.
    assert many <= 15


def test_a_period_with_part_of_the_reports_approved_is_provisional(covenant, ind, h1, h2):
    staff = reviewer()
    organisations = [PartnerFactory() for _ in range(5)]
    for organisation in organisations:
        make_report(organisation, h1, workers(ind, 10, 5), staff=staff)
    make_report(organisations[0], h2, workers(ind, 10, 5), staff=staff)
    trends = stats.commitment_trends(covenant, [h1, h2])
    # The municipality is expected to report as well: 6 expected in both periods.
    assert trends.expected == [6, 6]
    assert trends.approved == [5, 1]
    assert trends.provisional == [True, True]
    with translation.override("en"):
        assert trends.period_labels == [f"{h1.name} (provisional)", f"{h2.name} (provisional)"]
    with translation.override("nl"):
        assert trends.period_labels[0] == f"{h1.name} (voorlopig)"
    assert stats.is_provisional(6, 6) is False and stats.is_provisional(1, 6) is True


def test_the_figures_are_cached_until_an_approval_or_a_consent_changes(
    covenant, h1, ind, django_assert_num_queries
):
    """The sums of approved answers come from the cache while the approved reports and the
    consents are the same; approving, reopening or a changed consent gives new sums."""
    from partners.insight.stats import _figures
    from partners.models import Report

    employed = ind["workers_employed"]
    first = PartnerFactory(name="Alfa")
    make_report(first, h1, {employed: 10})
    assert _figures(covenant, [h1])[h1.pk, employed.pk].total == 10
    with django_assert_num_queries(1):  # the fingerprint only
        assert _figures(covenant, [h1])[h1.pk, employed.pk].total == 10

    make_report(PartnerFactory(name="Beta"), h1, {employed: 5})
    assert _figures(covenant, [h1])[h1.pk, employed.pk].total == 15

    hidden = _figures(covenant, [h1])[h1.pk, employed.pk].hidden
    first.public_profile_consent = not first.public_profile_consent
    first.save()
    assert _figures(covenant, [h1])[h1.pk, employed.pk].hidden != hidden

    Report.objects.filter(organisation=first).update(status=ReportStatus.SUBMITTED)
    assert _figures(covenant, [h1])[h1.pk, employed.pk].total == 5
