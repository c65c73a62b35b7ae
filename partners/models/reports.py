"""Self-reports of the partners per reporting period, their answers and their evidence.

The status of a report moves only through ``Report.transition_to``, along the edges declared once
in ``TRANSITIONS``. Forms never carry the status (the field is not editable) and ``save()``
refuses a changed status, so there is no other way to change it.

Workers' personal data is never asked for or stored here: every indicator is an aggregate.
"""

import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from partners import audit
from partners.reporting.deadlines import ReportQuerySet
from partners.reporting.permissions import may_act
from partners.reporting.states import (
    EDITABLE_STATUSES,
    TRANSITIONS,
    Actor,
    ReportStatus,
)

from .covenant import Commitment, Indicator, IndicatorType, Party, ReportingPeriod
from .organisations import Organisation

# Wagtail log action per target status (registered in partners/audit.py).
TRANSITION_LOG_ACTIONS = {
    ReportStatus.SUBMITTED: audit.REPORT_SUBMIT,
    ReportStatus.CHANGES_REQUESTED: audit.REPORT_REQUEST_CHANGES,
    ReportStatus.APPROVED: audit.REPORT_APPROVE,
    ReportStatus.REOPENED: audit.REPORT_REOPEN,
}


class IllegalTransition(Exception):
    """The report cannot move from its current status to the requested one."""


class StaleReport(Exception):
    """Someone else changed the report since it was read (its version moved on)."""


def party_for(organisation: Organisation) -> str:
    """The municipality reports on its own commitments; every other kind on the employers'."""
    if organisation.kind == Organisation.Kind.MUNICIPALITY:
        return Party.MUNICIPALITY
    return Party.EMPLOYER


class Report(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    status = models.CharField(
        _("status"),
        max_length=32,
        choices=ReportStatus.choices,
        default=ReportStatus.DRAFT,
        editable=False,
    )
    # Optimistic locking: every write is a conditional UPDATE on this number.
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    # The partner's last save or submission (staff decisions do not change these two).
    updated_at = models.DateTimeField(_("last saved at"), default=timezone.now, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last saved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    # The latest approval; kept when the report is reopened (the status says it no longer holds).
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period__starts_on", "organisation__name"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period"], name="unique_report_per_period"
            ),
        ]
        indexes = [
            # The staff screens filter and count a period's reports per status (review listing,
            # period overview, insight dashboard): an index scan, not a table scan.
            models.Index(fields=["period", "status"], name="report_period_status"),
        ]
        permissions = [("review_report", _("Can review, approve and reopen reports"))]

    _saved_status = None  # the status as last read from or written to the database

    def __str__(self) -> str:
        return f"{self.organisation}, {self.period}"

    def save(self, *args, **kwargs):
        expected = ReportStatus.DRAFT if self._state.adding else self._saved_status
        if expected is not None and "status" in self.__dict__ and self.status != expected:
            raise IllegalTransition("The status of a report only changes through transition_to().")
        super().save(*args, **kwargs)
        self._saved_status = self.status

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_status = instance.__dict__.get("status")
        return instance

    @property
    def party(self) -> str:
        return party_for(self.organisation)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def allowed_transitions(self) -> dict[str, str]:
        return TRANSITIONS.get(self.status, {})

    def transition_to(self, new_status: str, *, by, comment: str = "") -> None:
        """Move to ``new_status`` if ``TRANSITIONS`` allows it for ``by``; log it in Wagtail's
        audit log. Raises IllegalTransition, PermissionDenied or StaleReport."""
        old_status = self.status
        actor = TRANSITIONS.get(old_status, {}).get(new_status)
        if actor is None:
            raise IllegalTransition(f"{old_status} → {new_status} is not allowed.")
        if not may_act(actor, by, self):
            raise PermissionDenied
        now = timezone.now()
        changes = {"status": new_status}
        if actor == Actor.PARTNER:
            # "Last saved at … by …" is about the answers: only the partner's own moves count,
            # never a staff decision (which has its own entry in the timeline).
            changes.update(updated_at=now, updated_by=by)
        if new_status == ReportStatus.SUBMITTED:
            changes.update(submitted_at=now, submitted_by=by)
        if new_status == ReportStatus.APPROVED:
            changes.update(approved_at=now, approved_by=by)
        with transaction.atomic():
            updated = Report.objects.filter(
                pk=self.pk, status=old_status, version=self.version
            ).update(version=F("version") + 1, **changes)
            if not updated:
                raise StaleReport
            for name, value in changes.items():
                setattr(self, name, value)
            self.version += 1
            self._saved_status = new_status
            log(
                self,
                TRANSITION_LOG_ACTIONS[new_status],
                user=by,
                data={"from": old_status, "to": new_status, "comment": comment},
            )


class IndicatorValue(models.Model):
    """One answer. ``raw`` keeps exactly what was typed, so a draft never loses input; the typed
    column matching the indicator's type holds the value once it is valid."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    raw = models.TextField(_("as entered"), blank=True)
    is_valid = models.BooleanField(_("valid"), default=True)
    number = models.PositiveBigIntegerField(_("number"), null=True, blank=True)
    boolean = models.BooleanField(_("yes/no"), null=True, blank=True)
    text = models.CharField(_("text or choice"), max_length=255, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="unique_value"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.raw}"

    @property
    def value(self):
        if not self.is_valid:
            return None
        return {
            IndicatorType.COUNT: self.number,
            IndicatorType.YES_NO: self.boolean,
            IndicatorType.DATE: self.date,
        }.get(self.indicator.value_type, self.text or None)

    def set_value(self, value_type: str, value) -> None:
        self.number, self.boolean, self.text, self.date = None, None, "", None
        if value is None:
            return
        if value_type == IndicatorType.COUNT:
            self.number = value
        elif value_type == IndicatorType.YES_NO:
            self.boolean = value
        elif value_type == IndicatorType.DATE:
            self.date = value
        else:
            self.text = value


class CommitmentResponse(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="responses")
    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="+")
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    explanation = models.TextField(_("why not applicable"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("commitment response")
        verbose_name_plural = _("commitment responses")
        constraints = [
            models.UniqueConstraint(fields=["report", "commitment"], name="unique_response"),
        ]

    def __str__(self) -> str:
        return f"{self.report_id}/{self.commitment_id}"


class EvidenceKind(models.TextChoices):
    GENERAL = "general", _("Supporting document")
    SNF_REGISTRATION = "snf_registration", _("SNF registration (housing)")
    BRANCH_MEMBERSHIP = "branch_membership", _("ABU or NBBU membership")
    SNA_REGISTRATION = "sna_registration", _("SNA registration (NEN 4400-1)")


# Evidence of these kinds certifies something for a limited time: it needs a valid-until date.
CERTIFYING_KINDS = frozenset(
    {EvidenceKind.SNF_REGISTRATION, EvidenceKind.BRANCH_MEMBERSHIP, EvidenceKind.SNA_REGISTRATION}
)
EXPIRY_WARNING_DAYS = 60


def private_storage():
    return storages["private"]


class EvidenceQuerySet(models.QuerySet):
    def current(self):
        """Evidence the partner has not deleted or replaced (``withdrawn_at`` is empty)."""
        return self.filter(withdrawn_at__isnull=True)


class Evidence(models.Model):
    """A file attached to a report (or one of its commitments). Stored in the private storage
    under a random name and only ever served through the portal's download view.

    While the report is editable the partner may delete or replace it
    (``partners.reporting.evidence``). The row is then kept as a record, with ``withdrawn_at``
    (and ``superseded_by`` for a replacement) set; its file is removed from the storage.
    """

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.PROTECT, related_name="evidence"
    )
    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(
        _("kind"), max_length=32, choices=EvidenceKind.choices, default=EvidenceKind.GENERAL
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=255, blank=True)
    stored_name = models.CharField(max_length=255, unique=True, editable=False)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    # Set by the retention job (partners.privacy.retention) when it deleted the file from the
    # private storage; the record keeps what was there (name, kind, size, dates).
    file_removed_at = models.DateTimeField(
        _("file removed at"), null=True, blank=True, editable=False
    )
    # Set when the partner deleted or replaced this evidence: no longer current, listed or
    # downloadable; the review screen shows it as removed (or replaced by ``superseded_by``).
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="supersedes",
    )

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.original_name

    def clean(self):
        super().clean()
        if self.kind in CERTIFYING_KINDS and self.valid_until is None:
            raise ValidationError(
                {"valid_until": _("A registration or membership certificate needs this date.")}
            )

    @staticmethod
    def new_stored_name(extension: str) -> str:
        return f"evidence/{uuid.uuid4().hex}.{extension}"

    @property
    def is_current(self) -> bool:
        return self.withdrawn_at is None

    def open(self):
        if self.file_removed_at is not None or self.withdrawn_at is not None:
            raise FileNotFoundError(self.stored_name)
        return private_storage().open(self.stored_name, "rb")

    @property
    def certifies(self) -> bool:
        return self.kind in CERTIFYING_KINDS

    def expiry_state(self, today: date | None = None) -> str:
        """'expired', 'expiring' (within EXPIRY_WARNING_DAYS) or '' (fine or not certifying)."""
        if not self.certifies or self.valid_until is None:
            return ""
        today = today or timezone.localdate()
        if self.valid_until < today:
            return "expired"
        if (self.valid_until - today).days <= EXPIRY_WARNING_DAYS:
            return "expiring"
        return ""

    def expiry_label(self, today: date | None = None) -> str:
        """The expiry state in words, for lists (never colour only): '' when not certifying."""
        if not self.certifies or self.valid_until is None:
            return ""
        return {"expired": _("expired"), "expiring": _("expires soon")}.get(
            self.expiry_state(today), _("current")
        )
