"""Deadline reminders: 14 and 3 days before the deadline that counts for an organisation's report,
and once when it has passed. Run daily (or more often: it is idempotent) by
``manage.py send_report_reminders``.

A reminder is recorded as a ``SentReminder`` row in the same transaction as the e-mail is sent;
its unique constraint (organisation, period, kind, deadline) means it never goes out twice, also
when two schedulers run at once. When the send fails the row is rolled back and the next run
tries again. A new deadline (changes requested, extension granted) gets new reminders.

Staff can also send the same reminder at once from the period overview (``send_now``): at most
one per organisation and period within ``settings.REMINDER_NOW_INTERVAL_HOURS``, checked under a
row lock on the organisation (so two staff members clicking at the same moment send it once),
audited as ``partners.reminder.send_now`` and sent by the task queue after the commit.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_tasks import task
from wagtail.log_actions import log

from partners import audit
from partners.models import Membership, Organisation, Report, ReportingPeriod
from partners.reporting.deadlines import deadline_for, with_deadline
from partners.reporting.expected import is_expected

from . import emails
from .models import ReminderKind, SentReminder
from .notifications import members_of
from .permissions import may_review

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


def _log(
    record: SentReminder, item: DueReminder, *, action: str = audit.REMINDER_SEND, user=None
) -> None:
    """Every reminder sent is in the audit trail: on the report (so the review timeline shows
    it) or, for an organisation that has not started, on the reminder record itself."""
    data = {
        "kind": item.kind,
        "due_on": item.due_on,
        "recipients": record.recipients,
        "organisation": item.organisation.pk,
        "period": item.period.pk,
    }
    log(item.report if item.report is not None else record, action, user=user, data=data)


# --- Sent now, by staff ----------------------------------------------------------------------


class NowOutcome:
    """What ``send_now`` did for one organisation."""

    SENT = "sent"  # queued: the e-mail goes out after the commit
    RECENT = "recent"  # one was sent within the interval: nothing sent
    HANDED_IN = "handed_in"  # the report is submitted or approved: nothing to remind of
    NO_RECIPIENTS = "no_recipients"  # no member with an e-mail address


def now_interval() -> timedelta:
    return timedelta(hours=getattr(settings, "REMINDER_NOW_INTERVAL_HOURS", 24))


def email_kind(days_left: int) -> str:
    """The e-mail's wording: the overdue reminder's once the deadline has passed, otherwise the
    one of the reminders before the deadline ("due on …, in N days")."""
    return ReminderKind.OVERDUE if days_left < 0 else ReminderKind.NOW


def send_now(organisation: Organisation, period: ReportingPeriod, by) -> str:
    """Send ``organisation``'s members the deadline reminder for ``period`` now (staff only).
    Returns a ``NowOutcome``. Idempotent within ``now_interval()``."""
    if not may_review(by):
        raise PermissionDenied
    with transaction.atomic():
        # Serialises concurrent sends for this organisation (PostgreSQL row lock; SQLite's
        # IMMEDIATE transactions lock the whole database), so the check below cannot race.
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        now = timezone.now()
        recent = SentReminder.objects.filter(
            organisation=organisation,
            period=period,
            kind=ReminderKind.NOW,
            sent_at__gt=now - now_interval(),
        )
        if recent.exists():
            return NowOutcome.RECENT
        report = (
            with_deadline(Report.objects.filter(organisation=organisation, period=period))
            .select_related("organisation", "period")
            .first()
        )
        if report is not None and not report.is_editable:
            return NowOutcome.HANDED_IN
        recipients = members_of(organisation).count()
        if not recipients:
            return NowOutcome.NO_RECIPIENTS
        due_on = deadline_for(report, period=period)
        days_left = (due_on - timezone.localdate()).days
        record = SentReminder.objects.create(
            organisation=organisation,
            period=period,
            kind=ReminderKind.NOW,
            due_on=due_on,
            recipients=recipients,
            sent_at=now,
            sent_by=by,
        )
        item = DueReminder(organisation, period, report, ReminderKind.NOW, due_on, days_left)
        _log(record, item, action=audit.REMINDER_SEND_NOW, user=by)
        record_id = record.pk
        transaction.on_commit(lambda: deliver_reminder_now.enqueue(record_id))
    return NowOutcome.SENT


@task()
def deliver_reminder_now(record_id: int) -> int:
    """The queued half of ``send_now``: the same e-mail as the scheduled reminders, to every
    member in their own language. Returns the number of e-mails sent."""
    record = (
        SentReminder.objects.select_related("organisation", "period").filter(pk=record_id).first()
    )
    if record is None:
        return 0
    report = (
        with_deadline(Report.objects.filter(organisation=record.organisation, period=record.period))
        .select_related("organisation", "period")
        .first()
    )
    if report is not None and not report.is_editable:
        return 0  # handed in between the click and the send
    days_left = (record.due_on - timezone.localdate()).days
    try:
        sent = emails.reminder(
            record.organisation,
            record.period,
            report,
            kind=email_kind(days_left),
            due_on=record.due_on,
            days_left=days_left,
        )
    except Exception:
        # Not delivered (the mail server refused or was away). The record goes, so the interval
        # does not stop staff from sending it again, and the failure is in the audit trail
        # beside the send. The task still fails, for the worker's log.
        SentReminder.objects.filter(pk=record.pk).delete()
        item = DueReminder(
            record.organisation, record.period, report, ReminderKind.NOW, record.due_on, days_left
        )
        _log(record, item, action=audit.REMINDER_SEND_NOW_FAILED, user=record.sent_by)
        raise
    if sent != record.recipients:
        SentReminder.objects.filter(pk=record.pk).update(recipients=sent)
    return sent
