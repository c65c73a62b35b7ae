"""Deadline reminders: 14 and 3 days before the deadline that counts for an organisation's report,
and once when it has passed. Run daily (or more often: it is idempotent) by
``manage.py send_report_reminders``.

A reminder is recorded as a ``SentReminder`` row in the same transaction as the e-mail is sent;
its unique constraint (organisation, period, kind, deadline) means it never goes out twice, also
when two schedulers run at once. When the send fails the row is rolled back and the next run
tries again. A new deadline (changes requested, extension granted) gets new reminders.
"""

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from wagtail.log_actions import log

from partners import audit
from partners.models import Membership, Organisation, Report, ReportingPeriod
from partners.reporting.deadlines import deadline_for, with_deadline
from partners.reporting.expected import is_expected

from . import emails
from .models import ReminderKind, SentReminder

OVERDUE_WINDOW_DAYS = 30  # no overdue reminder for deadlines longer ago than this


def kind_for(days_left: int) -> str | None:
    if 3 < days_left <= 14:
        return ReminderKind.DAYS_14
    if 0 <= days_left <= 3:
        return ReminderKind.DAYS_3
    if -OVERDUE_WINDOW_DAYS <= days_left < 0:
        return ReminderKind.OVERDUE
    return None


@dataclass
class DueReminder:
    organisation: Organisation
    period: ReportingPeriod
    report: Report | None
    kind: str
    due_on: date
    days_left: int

    @property
    def key(self) -> tuple:
        return (self.organisation.pk, self.period.pk, self.kind, self.due_on)


def due_reminders(today: date) -> list[DueReminder]:
    """Every reminder that should have gone out by ``today``, sent or not (a fixed number of
    queries, however many organisations and periods there are)."""
    periods = list(ReportingPeriod.objects.opened(today))
    organisations = list(
        Organisation.objects.filter(
            Exists(Membership.objects.filter(organisation=OuterRef("pk")))
        ).order_by("name")
    )
    reports = {
        (r.organisation_id, r.period_id): r
        for r in with_deadline(Report.objects.filter(period__in=periods)).select_related(
            "period", "organisation"
        )
    }
    due = []
    for period in periods:
        for organisation in organisations:
            if not is_expected(organisation, period):
                continue
            report = reports.get((organisation.pk, period.pk))
            due_on = deadline_for(report, period=period)
            if report is not None and not report.is_editable:
                continue
            days_left = (due_on - today).days
            kind = kind_for(days_left)
            if kind:
                due.append(DueReminder(organisation, period, report, kind, due_on, days_left))
    return due


def send_due_reminders(today: date, *, dry_run: bool = False) -> list[DueReminder]:
    """Send what is due and not sent yet; returns what was (or, dry, would be) sent."""
    due = due_reminders(today)
    sent_keys = set(
        SentReminder.objects.filter(period__in={item.period.pk for item in due}).values_list(
            "organisation_id", "period_id", "kind", "due_on"
        )
    )
    done = []
    for item in due:
        if item.key in sent_keys:
            continue
        if dry_run:
            done.append(item)
            continue
        try:
            with transaction.atomic():
                record = SentReminder.objects.create(
                    organisation=item.organisation,
                    period=item.period,
                    kind=item.kind,
                    due_on=item.due_on,
                )
                record.recipients = emails.reminder(
                    item.organisation,
                    item.period,
                    item.report,
                    kind=item.kind,
                    due_on=item.due_on,
                    days_left=item.days_left,
                )
                record.save(update_fields=["recipients"])
                _log(record, item)
        except IntegrityError:  # another run sent it a moment ago
            continue
        done.append(item)
    return done


def _log(record: SentReminder, item: DueReminder) -> None:
    """Every reminder sent is in the audit trail: on the report (so the review timeline shows
    it) or, for an organisation that has not started, on the reminder record itself."""
    data = {
        "kind": item.kind,
        "due_on": item.due_on,
        "recipients": record.recipients,
        "organisation": item.organisation.pk,
        "period": item.period.pk,
    }
    log(item.report if item.report is not None else record, audit.REMINDER_SEND, data=data)
