"""The deadline that counts for a report, and whether a report is overdue on a given day.

The one rule, used by the portal's dashboard and report page, the insight counts, the reminders,
the review listing and the exports:

* the deadline that counts is the newest deadline set for the report (changes requested,
  reopened, extension granted), but never earlier than the period's own deadline: a resubmit-by
  date cannot take time away from a partner that handed in early;
* a report is overdue on ``day`` when it is not handed in (draft, changes requested, reopened,
  or not started at all) and the deadline that counts is before ``day``. Submitted and approved
  reports are never overdue.

The deadline is computed in the database (``deadline_expression``), so a list of reports costs
one query whatever its length.
"""

from datetime import date, timedelta

from django.apps import apps
from django.db import models
from django.db.models import DateField, F, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from .states import NOT_HANDED_IN

DEADLINE = "deadline_due"  # the annotation's name
#: A partner may ask for at most this many days after the deadline that counts.
MAX_EXTENSION_DAYS = 180
#: Sending a report back suggests this many days from today for the resubmission.
DEFAULT_RESUBMIT_DAYS = 14


def _latest_set_deadline(report_ref: str):
    ReportDeadline = apps.get_model("partners_review", "ReportDeadline")
    return Subquery(
        ReportDeadline.objects.filter(report_id=OuterRef(report_ref))
        .order_by("-created_at", "-pk")
        .values("due_on")[:1],
        output_field=DateField(),
    )


def deadline_expression(report_ref: str = "pk", period_deadline: str = "period__deadline"):
    """SQL for the deadline that counts, for a Report queryset (or, with other references, for
    any queryset that can reach a report and its period)."""
    period = F(period_deadline)
    return Greatest(
        Coalesce(_latest_set_deadline(report_ref), period, output_field=DateField()),
        period,
        output_field=DateField(),
    )


def with_deadline(queryset):
    """Annotate a Report queryset with ``deadline_due``."""
    return queryset.annotate(**{DEADLINE: deadline_expression()})


class ReportQuerySet(models.QuerySet):
    """``Report.objects``: the deadline and "overdue" as queryset methods."""

    def with_deadline(self):
        return with_deadline(self)

    def overdue(self, day: date):
        """Reports overdue on ``day`` (organisations that have not started are not rows here:
        count them with ``is_overdue(None, period.deadline, day)``)."""
        return self.with_deadline().filter(status__in=NOT_HANDED_IN, **{f"{DEADLINE}__lt": day})


def deadline_for(report=None, *, period=None) -> date:
    """The deadline that counts for ``report`` (or for ``period`` when there is no report)."""
    if report is None or report.pk is None:
        return period.deadline
    annotated = getattr(report, DEADLINE, None)
    if annotated is not None:
        return annotated
    Report = apps.get_model("partners", "Report")
    return with_deadline(Report.objects.filter(pk=report.pk)).values_list(DEADLINE, flat=True)[0]


def is_overdue(status: str | None, deadline: date, day: date) -> bool:
    """``status`` None means: not started. ``deadline`` is the one that counts."""
    handed_in = status is not None and status not in NOT_HANDED_IN
    return not handed_in and deadline < day


def report_is_overdue(report, *, period, day: date) -> bool:
    """The same for a report (annotated or not) or, when ``report`` is None, its period."""
    return is_overdue(report.status if report else None, deadline_for(report, period=period), day)


def default_resubmit_by(report, today: date | None = None) -> date:
    """Two weeks from today, or the report's current deadline when that is later: sending a
    report back never suggests taking time away (and cannot: see ``deadline_expression``)."""
    today = today or timezone.localdate()
    return max(today + timedelta(days=DEFAULT_RESUBMIT_DAYS), deadline_for(report))
