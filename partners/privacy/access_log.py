"""Who of the municipal staff looked at an organisation's reports (AVG: transparency).

Two kinds of entries in Wagtail's log make up the list an organisation's admin reads in the
portal ("Who viewed our reports"):

- ``REPORT_VIEWED``: a member of staff opened the report's review screen. Written by
  ``record_report_view``, at most once per person and report in ``DEDUPLICATE_WITHIN``, so that
  reloading the screen or posting a verdict does not fill the list.
- the staff download of an evidence file (``audit.EVIDENCE_STAFF_DOWNLOAD``), which the review
  already writes for every download.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from partners import audit
from partners.models import Evidence, Report

REPORT_VIEWED = audit.REPORT_STAFF_VIEW
DEDUPLICATE_WITHIN = timedelta(minutes=15)


def record_report_view(user, report) -> None:
    """Log that ``user`` (staff) looked at ``report``, unless they did in the last 15 minutes."""
    if not user.is_authenticated:
        return
    recent = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Report),
        object_id=str(report.pk),
        action=REPORT_VIEWED,
        user=user,
        timestamp__gte=timezone.now() - DEDUPLICATE_WITHIN,
    )
    if not recent.exists():
        log(report, REPORT_VIEWED, user=user, data={"organisation": report.organisation_id})


@dataclass
class StaffView:
    when: datetime
    who: str
    report: Report
    file_name: str  # empty for a view of the review screen


def _ids(queryset):
    return queryset.annotate(object_key=Cast("pk", CharField())).values("object_key")


def staff_views_for(organisation):
    """Every logged staff view of the organisation's reports and downloads of its evidence,
    newest first (a queryset of log entries; turn a page of it into rows with ``as_rows``)."""
    reports = Report.objects.filter(organisation=organisation)
    evidence = Evidence.objects.filter(report__organisation=organisation)
    return (
        ModelLogEntry.objects.filter(
            Q(
                action=REPORT_VIEWED,
                content_type=ContentType.objects.get_for_model(Report),
                object_id__in=_ids(reports),
            )
            | Q(
                action=audit.EVIDENCE_STAFF_DOWNLOAD,
                content_type=ContentType.objects.get_for_model(Evidence),
                object_id__in=_ids(evidence),
            )
        )
        .select_related("user")
        .order_by("-timestamp", "-pk")
    )


def _who(entry) -> str:
    user = entry.user
    if user is None:
        return _("A former member of staff")
    return user.get_full_name().strip() or user.email or user.get_username()


def as_rows(entries) -> list[StaffView]:
    """Log entries of ``staff_views_for`` as rows: who, when, which report (and file)."""
    entries = list(entries)
    report_type = ContentType.objects.get_for_model(Report)
    report_ids = {int(e.object_id) for e in entries if e.content_type_id == report_type.pk}
    evidence = {
        str(item.pk): item
        for item in Evidence.objects.filter(
            pk__in=[int(e.object_id) for e in entries if e.content_type_id != report_type.pk]
        ).only("pk", "report_id", "original_name")
    }
    report_ids |= {item.report_id for item in evidence.values()}
    reports = Report.objects.select_related("period").in_bulk(report_ids)
    rows = []
    for entry in entries:
        if entry.content_type_id == report_type.pk:
            report, file_name = reports.get(int(entry.object_id)), ""
        else:
            item = evidence.get(entry.object_id)
            report = reports.get(item.report_id) if item else None
            file_name = item.original_name if item else ""
        if report is not None:
            rows.append(StaffView(entry.timestamp, _who(entry), report, file_name))
    return rows
