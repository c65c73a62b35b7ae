"""Test data for the coalition insight: the seeded Rotterdam covenant, periods and reports that
have gone through the real status transitions (so that the audit log has the approvals)."""

from datetime import date

import factory
from django.apps import apps

from partners.covenant_seed import COVENANT, seed
from partners.factories import MembershipFactory, OrganisationFactory, StaffUserFactory
from partners.models import (
    Covenant,
    Indicator,
    IndicatorValue,
    Report,
    ReportingPeriod,
    ReportStatus,
)

# The path through the status machine to each status: (target status, who moves it).
PATHS = {
    ReportStatus.DRAFT: [],
    ReportStatus.SUBMITTED: [(ReportStatus.SUBMITTED, "partner")],
    ReportStatus.CHANGES_REQUESTED: [
        (ReportStatus.SUBMITTED, "partner"),
        (ReportStatus.CHANGES_REQUESTED, "staff"),
    ],
    ReportStatus.APPROVED: [(ReportStatus.SUBMITTED, "partner"), (ReportStatus.APPROVED, "staff")],
    ReportStatus.REOPENED: [
        (ReportStatus.SUBMITTED, "partner"),
        (ReportStatus.APPROVED, "staff"),
        (ReportStatus.REOPENED, "staff"),
    ],
}


def rotterdam_covenant() -> Covenant:
    """The Rotterdam covenant as migration 0003 seeds it (seeded again after a flush)."""
    seed(apps)
    return Covenant.objects.get(code=COVENANT["code"], locale__language_code="nl")


def indicators(covenant: Covenant) -> dict[str, Indicator]:
    return {
        indicator.code: indicator
        for indicator in Indicator.objects.filter(commitment__covenant=covenant)
    }


class PeriodFactory(factory.django.DjangoModelFactory):
    """A half-year period; reporting opens the day after it ends, deadline six weeks later."""

    class Meta:
        model = ReportingPeriod

    covenant = factory.LazyFunction(rotterdam_covenant)
    name = factory.Sequence(lambda n: f"{2024 + n // 2} H{n % 2 + 1}")
    starts_on = date(2025, 1, 1)
    ends_on = date(2025, 6, 30)
    opens_on = date(2025, 7, 1)
    deadline = date(2025, 8, 15)


class PartnerFactory(OrganisationFactory):
    """A covenant partner (it has a joining date)."""

    joined_covenant_on = date(2024, 6, 27)


def reviewer():
    return StaffUserFactory(is_superuser=True)


def make_report(
    organisation,
    period,
    answers: dict[Indicator, object] | None = None,
    *,
    status: str = ReportStatus.APPROVED,
    staff=None,
) -> Report:
    """A report with ``answers`` (indicator → typed value), moved to ``status`` through
    ``Report.transition_to`` by a member of the organisation and by ``staff``."""
    report = Report.objects.create(organisation=organisation, period=period)
    for indicator, value in (answers or {}).items():
        answer = IndicatorValue(report=report, indicator=indicator, raw=str(value))
        answer.set_value(indicator.value_type, value)
        answer.save()
    steps = PATHS[status]
    if steps:
        member = MembershipFactory(organisation=organisation).user
        staff = staff or reviewer()
        for target, actor in steps:
            report.transition_to(target, by=member if actor == "partner" else staff)
    return report
