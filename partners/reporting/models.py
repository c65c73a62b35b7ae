"""The records the review adds to a report: verdicts per commitment (per review round),
comments, deadlines, deadline extensions, the reminders that were sent and the language each
partner user reads e-mail in. (The report, its answers and evidence are in ``partners.models``.)

None of these models changes a report's status or figures: whole-report decisions go through
``Report.transition_to`` (see ``decisions``). Every change is written to Wagtail's audit log on
the report itself, so the review screen and the admin history show one timeline.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationPreference(models.Model):
    """The language a user last used in the portal; their e-mails are written in it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    language = models.CharField(_("language"), max_length=10)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user} ({self.language})"


class Verdict(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    NEEDS_CHANGES = "needs_changes", _("Needs changes")


class CommitmentVerdict(models.Model):
    """Staff's verdict on one commitment of one submission of a report. A new submission starts
    a new round: earlier verdicts stay, tied to the submission they judged."""

    report = models.ForeignKey(
        "partners.Report",
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="verdicts",
    )
    commitment = models.ForeignKey(
        "partners.Commitment",
        verbose_name=_("commitment"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(
        _("submission judged"), help_text=_("When the judged version was submitted.")
    )
    verdict = models.CharField(_("verdict"), max_length=16, choices=Verdict.choices)
    comment = models.TextField(_("comment"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        ordering = ["-submitted_at", "commitment__order"]
        verbose_name = _("verdict on a commitment")
        verbose_name_plural = _("verdicts on commitments")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "commitment", "submitted_at"], name="unique_verdict_per_round"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_id}/{self.commitment_id}: {self.verdict}"


class ReviewComment(models.Model):
    """One message in a report's comment thread (``partners.reporting.thread``): on the whole
    report (``commitment`` empty) or on one of its commitments. Written by staff (shared with
    the partner unless marked internal) or by a member of the organisation (``by_partner``,
    stored when written, so it stays true if the author's roles change later)."""

    report = models.ForeignKey(
        "partners.Report",
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="review_comments",
    )
    commitment = models.ForeignKey(
        "partners.Commitment",
        verbose_name=_("commitment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: the comment is on the whole report."),
    )
    by_partner = models.BooleanField(
        _("written by the partner"),
        default=False,
        help_text=_("Written by a member of the organisation, not by municipal staff."),
    )
    text = models.TextField(_("comment"))
    internal = models.BooleanField(
        _("internal"),
        default=False,
        help_text=_("Internal comments are only shown to municipal staff."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")

    def __str__(self) -> str:
        return self.text[:60]


class DeadlineReason(models.TextChoices):
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    REOPENED = "reopened", _("Report reopened")
    EXTENSION = "extension", _("Extension granted")


class ReportDeadline(models.Model):
    """A deadline for one organisation's report that replaces the period's deadline. The newest
    row counts, never earlier than the period's deadline (see ``partners.reporting.deadlines``)."""

    report = models.ForeignKey(
        "partners.Report",
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="deadlines",
    )
    due_on = models.DateField(_("due on"))
    reason = models.CharField(_("reason"), max_length=32, choices=DeadlineReason.choices)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("set at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = ["created_at", "pk"]
        verbose_name = _("report deadline")
        verbose_name_plural = _("report deadlines")

    def __str__(self) -> str:
        return f"{self.report_id}: {self.due_on}"


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class DeadlineExtension(models.Model):
    """A partner's request for more time, and staff's decision on it."""

    report = models.ForeignKey(
        "partners.Report",
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="extension_requests",
    )
    current_deadline = models.DateField(_("deadline at the time of the request"))
    requested_until = models.DateField(_("new deadline asked for"))
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ExtensionStatus.choices,
        default=ExtensionStatus.PENDING,
    )
    granted_until = models.DateField(_("granted until"), null=True, blank=True)
    decision_comment = models.TextField(_("comment on the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("deadline extension request")
        verbose_name_plural = _("deadline extension requests")
        constraints = [
            # At most one open request per report: staff answer it before the next one.
            models.UniqueConstraint(
                fields=["report"],
                condition=models.Q(status="pending"),
                name="one_pending_extension_per_report",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.requested_until} ({self.status})"


class ReminderKind(models.TextChoices):
    DAYS_14 = "days_14", _("14 days before the deadline")
    DAYS_3 = "days_3", _("3 days before the deadline")
    OVERDUE = "overdue", _("Deadline passed")
    NOW = "now", _("Sent by staff")


class SentReminder(models.Model):
    """One reminder e-mail round for one organisation, period and deadline. The unique
    constraint makes sure a scheduled reminder is never sent twice; a new deadline (after changes
    were requested or an extension was granted) gets its own reminders.

    Reminders staff send from the period overview (kind ``now``, with ``sent_by``) are not
    covered by the constraint: ``reminders.send_now`` allows one per organisation and period
    within ``REMINDER_NOW_INTERVAL_HOURS``, under a row lock on the organisation."""

    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    period = models.ForeignKey(
        "partners.ReportingPeriod",
        verbose_name=_("reporting period"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ReminderKind.choices)
    due_on = models.DateField(_("deadline reminded of"))
    recipients = models.PositiveIntegerField(_("number of recipients"), default=0)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The staff member who sent it from the period overview."),
    )

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period", "kind", "due_on"],
                condition=~models.Q(kind="now"),
                name="unique_reminder",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "period", "sent_at"], name="reminder_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.period_id}: {self.kind} ({self.due_on})"


class SubmissionSnapshot(models.Model):
    """The answers as they were handed in, one row per submission (written by
    ``writing.hand_in``), so the review screen can show what changed since the submission
    before. ``answers`` is ``{"values": {indicator_id: raw}, "responses": {commitment_id:
    {"not_applicable", "explanation", "notes"}}}`` (keys as strings, raw text as typed)."""

    report = models.ForeignKey(
        "partners.Report",
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="snapshots",
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    answers = models.JSONField(_("answers"), default=dict)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("submitted answers")
        verbose_name_plural = _("submitted answers")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "submitted_at"], name="unique_snapshot_per_submission"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_id} @ {self.submitted_at:%Y-%m-%d %H:%M}"
