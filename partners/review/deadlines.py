"""The deadline that counts for one organisation's report: the newest deadline set for the report
(changes requested, reopened, extension granted) or else the period's deadline."""

from datetime import date

from django.db.models import DateField, F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .models import ReportDeadline


def latest_deadline_subquery(report_ref: str = "pk"):
    return Subquery(
        ReportDeadline.objects.filter(report_id=OuterRef(report_ref))
        .order_by("-created_at", "-pk")
        .values("due_on")[:1],
        output_field=DateField(),
    )


def with_deadline(queryset, name: str = "deadline_due"):
    """Annotate a Report queryset with the deadline that counts (one query for all rows)."""
    return queryset.annotate(
        **{
            name: Coalesce(
                latest_deadline_subquery(), F("period__deadline"), output_field=DateField()
            )
        }
    )


def deadline_for(report=None, *, period=None) -> date:
    """The deadline of ``report`` (or of ``period`` when there is no report yet)."""
    if report is None or report.pk is None:
        return period.deadline
    annotated = getattr(report, "deadline_due", None)
    if annotated is not None:
        return annotated
    latest = ReportDeadline.objects.filter(report=report).order_by("-created_at", "-pk").first()
    return latest.due_on if latest else report.period.deadline
