"""The period overview: one row per organisation expected to report for a period (and any other
that has a report for it), with or without a report, in a fixed number of queries.

Everything per row is computed in the database on one Organisation queryset: the report's
columns through a ``FilteredRelation``, the deadline that counts with
``partners.reporting.deadlines.deadline_expression``, a pending extension request and the latest
staff decisions as subqueries. The reviewers' names take one more query.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db.models import (
    DateField,
    DateTimeField,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.utils import timezone

from partners.models import Organisation, Report, ReportingPeriod, ReportStatus
from partners.reporting.deadlines import DEADLINE, deadline_expression, is_overdue
from partners.reporting.expected import expected_organisations
from partners.reporting.models import (
    CommitmentVerdict,
    DeadlineExtension,
    ExtensionStatus,
    ReportDeadline,
)
from partners.reporting.states import NOT_HANDED_IN

NOT_STARTED = "not_started"  # the status filter's value for "no report yet"


def choose_period(periods: list[ReportingPeriod], requested: str | None, today: date | None):
    """The requested period; else, of those open for reporting, the one whose deadline is
    nearest to today (a later one on a tie); else the latest period."""
    by_id = {str(period.pk): period for period in periods}
    if requested in by_id:
        return by_id[requested]
    today = today or timezone.localdate()
    opened = [period for period in periods if period.is_open(today)]
    if opened:
        return min(opened, key=lambda p: (abs((p.deadline - today).days), -p.deadline.toordinal()))
    return max(periods, key=lambda p: p.starts_on, default=None)


def in_period(period: ReportingPeriod) -> Q:
    """The organisations of ``period``'s overview: those expected to report, and any other that
    has a report for it."""
    report_of = Report.objects.filter(organisation=OuterRef("pk"), period=period)
    return expected_organisations(period.ends_on) | Q(Exists(report_of))


def _latest(queryset, field: str, output):
    return Subquery(queryset.values(field)[:1], output_field=output)


def overview_queryset(period: ReportingPeriod):
    """Organisations of ``period`` annotated with their report's columns (None when they have
    not started), ``deadline_due``, ``pending_until`` and the latest staff decisions."""
    report_ref = OuterRef("report_pk")
    verdicts = CommitmentVerdict.objects.filter(report_id=report_ref).order_by("-decided_at", "-pk")
    set_deadlines = ReportDeadline.objects.filter(report_id=report_ref).order_by(
        "-created_at", "-pk"
    )
    decided = DeadlineExtension.objects.filter(
        report_id=report_ref, decided_at__isnull=False
    ).order_by("-decided_at", "-pk")
    pending = DeadlineExtension.objects.filter(report_id=report_ref, status=ExtensionStatus.PENDING)
    return (
        Organisation.objects.filter(in_period(period))
        .annotate(report=FilteredRelation("reports", condition=Q(reports__period=period)))
        .annotate(
            report_pk=F("report__id"),
            status=F("report__status"),
            updated_at=F("report__updated_at"),
            submitted_at=F("report__submitted_at"),
            approved_at=F("report__approved_at"),
            approved_by_id=F("report__approved_by_id"),
            period_deadline=Value(period.deadline, output_field=DateField()),
        )
        .annotate(
            **{DEADLINE: deadline_expression("report_pk", "period_deadline")},
            pending_until=_latest(pending, "requested_until", DateField()),
            verdict_at=_latest(verdicts, "decided_at", DateTimeField()),
            verdict_by=_latest(verdicts, "decided_by_id", IntegerField()),
            deadline_set_at=_latest(set_deadlines, "created_at", DateTimeField()),
            deadline_set_by=_latest(set_deadlines, "set_by_id", IntegerField()),
            extension_decided_at=_latest(decided, "decided_at", DateTimeField()),
            extension_decided_by=_latest(decided, "decided_by_id", IntegerField()),
        )
        .order_by("name", "pk")
    )


def filter_overview(queryset, *, statuses=(), overdue=False, pending=False, today=None):
    """The overview's filters, in SQL: statuses (``NOT_STARTED`` for organisations without a
    report), overdue only, a pending extension request only."""
    today = today or timezone.localdate()
    if statuses:
        condition = Q(status__in=[s for s in statuses if s != NOT_STARTED])
        if NOT_STARTED in statuses:
            condition |= Q(report_pk__isnull=True)
        queryset = queryset.filter(condition)
    if overdue:
        queryset = queryset.filter(
            Q(report_pk__isnull=True) | Q(status__in=NOT_HANDED_IN), **{f"{DEADLINE}__lt": today}
        )
    if pending:
        queryset = queryset.filter(pending_until__isnull=False)
    return queryset


@dataclass
class Row:
    organisation: Organisation
    report_id: int | None
    status: str | None
    status_label: str
    deadline: date
    overdue: bool
    pending_until: date | None
    last_activity: datetime | None
    reviewer: str

    @property
    def not_started(self) -> bool:
        return self.report_id is None

    @property
    def handed_in(self) -> bool:
        return self.status is not None and self.status not in NOT_HANDED_IN


def _name(user) -> str:
    return (user.get_full_name() or user.email) if user is not None else ""


def rows(queryset, not_started_label: str, today: date | None = None) -> list[Row]:
    """The rows of an (annotated, filtered) overview queryset: two queries in all."""
    today = today or timezone.localdate()
    organisations = list(queryset)
    statuses = dict(ReportStatus.choices)
    latest_decision = {}
    for org in organisations:
        decisions = [
            (at, user_id)
            for at, user_id in (
                (org.verdict_at, org.verdict_by),
                (org.deadline_set_at, org.deadline_set_by),
                (org.extension_decided_at, org.extension_decided_by),
                (org.approved_at, org.approved_by_id),
            )
            if at is not None
        ]
        latest_decision[org.pk] = max(decisions, key=lambda d: d[0], default=(None, None))
    user_ids = {user_id for _at, user_id in latest_decision.values() if user_id}
    users = get_user_model().objects.in_bulk(user_ids) if user_ids else {}
    result = []
    for org in organisations:
        decided_at, user_id = latest_decision[org.pk]
        deadline = getattr(org, DEADLINE)
        moments = [m for m in (org.updated_at, org.submitted_at, decided_at) if m is not None]
        result.append(
            Row(
                organisation=org,
                report_id=org.report_pk,
                status=org.status,
                status_label=str(statuses[org.status]) if org.status else not_started_label,
                deadline=deadline,
                overdue=is_overdue(org.status, deadline, today),
                pending_until=org.pending_until,
                last_activity=max(moments, default=None),
                reviewer=_name(users.get(user_id)) if user_id else "",
            )
        )
    return result
