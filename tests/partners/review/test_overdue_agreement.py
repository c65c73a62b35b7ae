"""One rule for "overdue" (partners.reporting.deadlines): the partner's dashboard, the staff
insight counts, the reminders and the exports agree on every case."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from partners.factories import ReportFactory, ReportingPeriodFactory
from partners.insight import exports, stats
from partners.models import Organisation, ReportStatus
from partners.reporting import decisions as services
from partners.reporting import reminders, writing
from partners.reporting.deadlines import deadline_for

from .conftest import fill

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _days(n):
    return TODAY() + timedelta(days=n)


def on_time(report, partner, reviewer):
    pass


def past_the_period_deadline(report, partner, reviewer):
    pass


def sent_back_with_a_later_resubmit_date(report, partner, reviewer):
    report.transition_to(ReportStatus.SUBMITTED, by=partner)
    services.request_changes(report, by=reviewer, comment="Aanvullen", resubmit_by=_days(10))


def with_a_granted_extension(report, partner, reviewer):
    extension = writing.request_extension(
        organisation=report.organisation,
        period=report.period,
        by=partner,
        until=_days(10),
        reason="Drukte",
    )
    services.grant_extension(extension, by=reviewer, until=_days(10))


def with_a_refused_extension(report, partner, reviewer):
    extension = writing.request_extension(
        organisation=report.organisation,
        period=report.period,
        by=partner,
        until=_days(10),
        reason="Drukte",
    )
    services.refuse_extension(extension, by=reviewer, comment="Nee")


def approved(report, partner, reviewer):
    report.transition_to(ReportStatus.SUBMITTED, by=partner)
    services.approve(report, by=reviewer)


# (case, days from today to the period's deadline, overdue?)
CASES = [
    (on_time, 10, False),
    (past_the_period_deadline, -5, True),
    (sent_back_with_a_later_resubmit_date, -5, False),
    (with_a_granted_extension, -5, False),
    (with_a_refused_extension, -5, True),
    (approved, -5, False),
]


def _dashboard_says(client, organisation, period) -> bool:
    response = client.get(
        reverse("partners:dashboard", kwargs={"organisation_slug": organisation.slug})
    )
    assert response.status_code == 200
    row = next(row for row in response.context["rows"] if row["period"] == period)
    return row["late"]


def _insight_says(covenant, period) -> bool:
    row = next(row for row in stats.status_overview(covenant) if row.period == period)
    assert row.overdue in (0, 1)
    return row.overdue == 1


def _reminders_say(organisation, period) -> bool:
    due = reminders.due_reminders(TODAY())
    kinds = {
        item.kind for item in due if (item.organisation, item.period) == (organisation, period)
    }
    return "overdue" in kinds


def _export_says(organisation, period) -> bool:
    with translation.override("en"):
        table = exports.PeriodExport(period)
        header = table.header()
        row = next(row for row in table.rows() if row[0] == organisation.name)
        return row[header.index("Overdue")] == "yes"


@pytest.mark.parametrize("case,deadline_in,overdue", CASES, ids=[c[0].__name__ for c in CASES])
def test_everyone_agrees_on_overdue(
    case, deadline_in, overdue, covenant, organisation, partner, partner_client, reviewer
):
    # Only this organisation is expected to report (the seeded municipality joins later).
    Organisation.objects.exclude(pk=organisation.pk).update(joined_covenant_on=_days(3650))
    period = ReportingPeriodFactory(
        covenant=covenant.covenant,
        starts_on=_days(-200),
        ends_on=_days(-20),
        opens_on=_days(-19),
        deadline=_days(deadline_in),
    )
    report = ReportFactory(organisation=organisation, period=period)
    fill(report, covenant)
    case(report, partner, reviewer)

    answers = {
        "portal dashboard": _dashboard_says(partner_client, organisation, period),
        "insight counts": _insight_says(covenant.covenant, period),
        "reminders": _reminders_say(organisation, period),
        "export": _export_says(organisation, period),
    }
    assert answers == dict.fromkeys(answers, overdue)


def test_not_started_is_overdue_after_the_period_deadline_everywhere(
    covenant, organisation, partner, partner_client
):
    Organisation.objects.exclude(pk=organisation.pk).update(joined_covenant_on=_days(3650))
    period = ReportingPeriodFactory(
        covenant=covenant.covenant,
        starts_on=_days(-200),
        ends_on=_days(-20),
        opens_on=_days(-19),
        deadline=_days(-2),
    )
    assert _dashboard_says(partner_client, organisation, period)
    assert _insight_says(covenant.covenant, period)
    assert _reminders_say(organisation, period)
    assert _export_says(organisation, period)


def test_a_resubmit_date_never_shortens_the_deadline(submitted, reviewer, period):
    assert period.deadline > _days(14)
    services.request_changes(submitted, by=reviewer, comment="Aanvullen", resubmit_by=_days(14))
    assert deadline_for(submitted) == period.deadline  # the later period deadline still counts
    later = period.deadline + timedelta(days=20)
    writing.request_extension(
        organisation=submitted.organisation,
        period=submitted.period,
        by=submitted.submitted_by,
        until=later,
        reason="x",
    )
    extension = submitted.extension_requests.get()
    services.grant_extension(extension, by=reviewer, until=later)
    assert deadline_for(submitted) == later  # a later deadline set in the review does count
