"""The partner's evidence after upload: deleting and replacing it while the report is editable,
and the rule for certificates that have already expired.

Neither action deletes the ``Evidence`` row: the record of what was handed in stays (for the
review screen and the audit log). Instead the row is *withdrawn* (``withdrawn_at``,
``withdrawn_by``) and so no longer current: the portal no longer lists it, nobody can download
it, and the dashboard's expiry warnings ignore it.

- **Delete** marks the row withdrawn and removed (``file_removed_at``) and deletes its file from
  the private storage once the transaction has committed (a rolled-back delete keeps the file).
- **Replace** stores the new file as a new ``Evidence`` row for the same slot (same report,
  commitment and kind) and marks the old one withdrawn with ``superseded_by`` pointing at the new
  one. The old file is *not* kept until the retention period: it is deleted from the storage
  after the commit, as for a delete (data minimisation; the municipality reviews the current
  file, and the record of the old one, its name, size and dates, stays).

Both are logged in Wagtail's audit log (``partners.evidence.delete``, ``partners.evidence.replace``
on the old row; the new file of a replacement also gets its ``partners.evidence.upload``).
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from partners import audit
from partners.models import Evidence, Report
from partners.models.reports import CERTIFYING_KINDS, private_storage

from .locking import lock
from .notifications import remember_active_language
from .writing import ReportLocked, _display_name


class EvidenceGone(Exception):
    """The evidence was deleted or replaced in the meantime (by another member)."""


def is_expired_certificate(kind: str, valid_until: date | None, today: date | None = None) -> bool:
    """A certificate whose valid-until date has passed: refused at upload unless the partner
    confirms they know (``EvidenceForm``'s checkbox)."""
    if kind not in CERTIFYING_KINDS or valid_until is None:
        return False
    return valid_until < (today or timezone.localdate())


def evidence_of(organisation, evidence_id: int) -> Evidence:
    """The organisation's evidence with this id, with its report and period (withdrawn or not:
    check ``is_current``); ``Evidence.DoesNotExist`` for another organisation's."""
    return Evidence.objects.select_related("report__period").get(
        pk=evidence_id, report__organisation=organisation
    )


def _editable_report(evidence: Evidence) -> Report:
    """The evidence's report, locked and read again inside the transaction (``locking.lock``):
    a submission at the same moment waits for this change or makes it refused, never both."""
    report = lock(Report.objects.get(pk=evidence.report_id))
    if not report.is_editable:
        raise ReportLocked
    return report


def _withdraw(evidence: Evidence, *, by, superseded_by: Evidence | None = None) -> None:
    """Mark ``evidence`` withdrawn (a conditional UPDATE: a second member doing the same at the
    same moment gets ``EvidenceGone``) and delete its file after the commit."""
    now = timezone.now()
    updated = Evidence.objects.filter(pk=evidence.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=now, withdrawn_by=by, superseded_by=superseded_by, file_removed_at=now
    )
    if not updated:
        raise EvidenceGone
    evidence.withdrawn_at = evidence.file_removed_at = now
    evidence.withdrawn_by, evidence.superseded_by = by, superseded_by
    stored_name = evidence.stored_name
    transaction.on_commit(lambda: private_storage().delete(stored_name), robust=True)


def delete_evidence(evidence: Evidence, *, by) -> Evidence:
    """Withdraw ``evidence`` and remove its file (after the commit). Raises ``ReportLocked``
    when the report is no longer editable and ``EvidenceGone`` when it was withdrawn already."""
    with transaction.atomic():
        report = _editable_report(evidence)
        _withdraw(evidence, by=by)
        log(
            evidence,
            audit.EVIDENCE_DELETE,
            user=by,
            data={"report": report.pk, "kind": evidence.kind, "name": evidence.original_name},
        )
        remember_active_language(by)
    return evidence


def replace_evidence(evidence: Evidence, *, form, by) -> Evidence:
    """Store the checked file of ``form`` (a ``ReplaceEvidenceForm``) as the new evidence of the
    same slot and withdraw ``evidence`` as superseded by it; the old file is deleted after the
    commit (see the module docstring). Returns the new evidence. Raises like
    ``delete_evidence``; the new file is removed again when anything fails."""
    uploaded, detected = form.cleaned_data["file"], form.detected
    storage = private_storage()
    stored_name = storage.save(Evidence.new_stored_name(detected.extension), uploaded)
    try:
        with transaction.atomic():
            report = _editable_report(evidence)
            new = Evidence.objects.create(
                report=report,
                commitment_id=evidence.commitment_id,
                kind=evidence.kind,
                valid_until=form.cleaned_data.get("valid_until"),
                description=form.cleaned_data.get("description", ""),
                stored_name=stored_name,
                original_name=_display_name(uploaded.name, detected.extension),
                content_type=detected.content_type,
                size=uploaded.size,
                uploaded_by=by,
            )
            _withdraw(evidence, by=by, superseded_by=new)
            log(
                evidence,
                audit.EVIDENCE_REPLACE,
                user=by,
                data={"report": report.pk, "kind": evidence.kind, "replaced_by": new.pk},
            )
            log(
                new,
                audit.EVIDENCE_UPLOAD,
                user=by,
                data={
                    "report": report.pk,
                    "kind": new.kind,
                    "size": new.size,
                    "replaces": evidence.pk,
                },
            )
            remember_active_language(by)
    except BaseException:
        storage.delete(stored_name)
        raise
    return new
