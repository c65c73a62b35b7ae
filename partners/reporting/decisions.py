"""Staff decisions on a report: verdicts, comments, approving, requesting changes, reopening and
deciding extension requests. Each function runs in one transaction that locks the report's row
(``locking.lock``), writes one audit-log entry and, where someone must hear of it, sends the
e-mails once the transaction has committed (``emails.after_commit``).

Whole-report decisions go through ``Report.transition_to`` (which checks the allowed moves and
the reviewer's permission and logs the move); nothing here writes a report's status or figures.
The partner's own actions (save, submit, evidence, asking for more time) are in ``writing``.
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from partners import audit
from partners.models import Commitment, Report, ReportStatus
from partners.models.reports import StaleReport

from . import emails, thread
from .locking import lock
from .models import (
    CommitmentVerdict,
    DeadlineExtension,
    DeadlineReason,
    ExtensionStatus,
    ReportDeadline,
    ReviewComment,
    Verdict,
)
from .permissions import may_review


class ReviewError(Exception):
    """The action is not possible in the report's current state."""


def _require_reviewer(user) -> None:
    if not may_review(user):
        raise PermissionDenied


def _lock(report: Report, expected_version: int | None) -> Report:
    """Lock the report for this transaction (see ``partners.reporting.locking``) and refuse a
    decision taken on an outdated screen."""
    lock(report)
    if expected_version is not None and report.version != expected_version:
        raise StaleReport
    return report


def needs_changes(report: Report) -> bool:
    """Staff marked a commitment of the submission under review as needing changes."""
    return CommitmentVerdict.objects.filter(
        report=report, submitted_at=report.submitted_at, verdict=Verdict.NEEDS_CHANGES
    ).exists()


def approve(report: Report, *, by, comment: str = "", expected_version=None) -> None:
    with transaction.atomic():
        _lock(report, expected_version)
        _approve_locked(report, by=by, comment=comment)


def _approve_locked(report: Report, *, by, comment: str) -> None:
    if needs_changes(report):
        raise ReviewError("A commitment needs changes: request changes instead.")
    report.transition_to(ReportStatus.APPROVED, by=by, comment=comment)
    emails.after_commit(emails.report_approved, report, comment=comment)


def request_changes(
    report: Report, *, by, comment: str, resubmit_by: date, expected_version=None
) -> None:
    _send_back(
        report,
        ReportStatus.CHANGES_REQUESTED,
        DeadlineReason.CHANGES_REQUESTED,
        by=by,
        comment=comment,
        resubmit_by=resubmit_by,
        expected_version=expected_version,
    )


def reopen(report: Report, *, by, reason: str, resubmit_by: date, expected_version=None) -> None:
    _send_back(
        report,
        ReportStatus.REOPENED,
        DeadlineReason.REOPENED,
        by=by,
        comment=reason,
        resubmit_by=resubmit_by,
        expected_version=expected_version,
    )


SEND_BACK_EMAILS = {
    ReportStatus.CHANGES_REQUESTED: emails.changes_requested,
    ReportStatus.REOPENED: emails.report_reopened,
}


def _send_back(report, status, reason, *, by, comment, resubmit_by, expected_version) -> None:
    if not comment.strip():
        raise ReviewError("A comment is required.")
    with transaction.atomic():
        _lock(report, expected_version)
        _send_back_locked(report, status, reason, by=by, comment=comment, resubmit_by=resubmit_by)


def _send_back_locked(report, status, reason, *, by, comment, resubmit_by) -> None:
    ReportDeadline.objects.create(report=report, due_on=resubmit_by, reason=reason, set_by=by)
    report.transition_to(status, by=by, comment=comment)
    emails.after_commit(SEND_BACK_EMAILS[status], report, comment=comment)


def set_verdict(report: Report, commitment, *, by, verdict: str, comment: str = ""):
    """Record (or change) the verdict on one commitment of the submission under review."""
    _require_reviewer(by)
    with transaction.atomic():
        _lock(report, None)
        _require_submitted(report)
        return _write_verdict(report, commitment, by=by, verdict=verdict, comment=comment)


def _require_submitted(report: Report) -> None:
    if report.status != ReportStatus.SUBMITTED or report.submitted_at is None:
        raise ReviewError("Only a submitted report can be judged.")


def _write_verdict(report, commitment, *, by, verdict, comment) -> CommitmentVerdict:
    item, _created = CommitmentVerdict.objects.update_or_create(
        report=report,
        commitment=commitment,
        submitted_at=report.submitted_at,
        defaults={
            "verdict": verdict,
            "comment": comment,
            "decided_by": by,
            "decided_at": timezone.now(),
        },
    )
    log(
        report,
        audit.REPORT_VERDICT,
        user=by,
        data={
            "commitment": commitment.pk,
            "commitment_title": commitment.title,
            "verdict": verdict,
            "comment": comment,
            "status": report.status,
        },
    )
    return item


# The decisions of the review screen's one form (``review``).
APPROVE = "approve"
REQUEST_CHANGES = "request_changes"
SAVE_VERDICTS = "save"
DECISIONS = (APPROVE, REQUEST_CHANGES, SAVE_VERDICTS)


def review(
    report: Report,
    *,
    by,
    verdicts: dict,
    decision: str,
    comment: str = "",
    resubmit_by: date | None = None,
    expected_version=None,
) -> None:
    """The whole review of a submission at once: the verdicts on its commitments
    (``{commitment_id: (verdict, comment)}``; only those that differ from the stored ones are
    written and logged) and then ``decision``: ``APPROVE``, ``REQUEST_CHANGES`` (``comment``
    and ``resubmit_by`` required) or ``SAVE_VERDICTS``.

    One transaction on the locked report: when anything is refused (an outdated screen,
    approving while a commitment needs changes, a move the report's state does not allow, an
    unknown commitment or verdict), nothing is saved. E-mails go out after the commit."""
    _require_reviewer(by)
    if decision not in DECISIONS:
        raise ReviewError("Unknown decision.")
    if decision == REQUEST_CHANGES and (not comment.strip() or resubmit_by is None):
        raise ReviewError("A comment and a date to resubmit by are required.")
    for verdict, verdict_comment in verdicts.values():
        if verdict not in Verdict.values:
            raise ReviewError("Unknown verdict.")
        if verdict == Verdict.NEEDS_CHANGES and not verdict_comment.strip():
            raise ReviewError("Say what needs to change.")
    with transaction.atomic():
        _lock(report, expected_version)
        _require_submitted(report)
        commitments = Commitment.objects.in_bulk(list(verdicts))
        stored = {
            item.commitment_id: item
            for item in CommitmentVerdict.objects.filter(
                report=report, submitted_at=report.submitted_at
            )
        }
        covenant_id = report.period.covenant_id
        for pk, (verdict, verdict_comment) in verdicts.items():
            commitment = commitments.get(pk)
            if commitment is None or commitment.covenant_id != covenant_id:
                raise ReviewError("Not a commitment of this report.")
            old = stored.get(pk)
            if old is not None and (old.verdict, old.comment) == (verdict, verdict_comment):
                continue
            _write_verdict(report, commitment, by=by, verdict=verdict, comment=verdict_comment)
        if decision == APPROVE:
            _approve_locked(report, by=by, comment=comment)
        elif decision == REQUEST_CHANGES:
            _send_back_locked(
                report,
                ReportStatus.CHANGES_REQUESTED,
                DeadlineReason.CHANGES_REQUESTED,
                by=by,
                comment=comment,
                resubmit_by=resubmit_by,
            )


def add_comment(
    report: Report, *, by, text: str, internal: bool = False, commitment=None
) -> ReviewComment:
    """Staff write in the report's thread (``commitment`` None) or in a commitment's thread
    (``partners.reporting.thread``). A shared comment e-mails the organisation's members after
    the commit; an internal note is for staff only and e-mails nobody."""
    _require_reviewer(by)
    try:
        text = thread.check_text(text)
        thread.check_commitment(report, commitment)
    except thread.ThreadError as error:
        raise ReviewError(str(error)) from error
    with transaction.atomic():
        comment = thread.write(
            report, by=by, text=text, commitment=commitment, internal=internal, by_partner=False
        )
        if not internal:
            emails.after_commit(emails.staff_commented, report, comment=comment.pk)
    return comment


def grant_extension(extension: DeadlineExtension, *, by, until: date, comment: str = "") -> None:
    _decide(extension, ExtensionStatus.GRANTED, by=by, until=until, comment=comment)


def refuse_extension(extension: DeadlineExtension, *, by, comment: str) -> None:
    if not comment.strip():
        raise ReviewError("Say why the extension is refused.")
    _decide(extension, ExtensionStatus.REFUSED, by=by, until=None, comment=comment)


def _decide(extension, status, *, by, until, comment) -> None:
    _require_reviewer(by)
    with transaction.atomic():
        lock(extension.report)
        updated = DeadlineExtension.objects.filter(
            pk=extension.pk, status=ExtensionStatus.PENDING
        ).update(
            status=status,
            granted_until=until,
            decision_comment=comment,
            decided_by=by,
            decided_at=timezone.now(),
        )
        if not updated:
            raise ReviewError("This request has already been decided.")
        extension.refresh_from_db()
        report = extension.report
        if status == ExtensionStatus.GRANTED:
            ReportDeadline.objects.create(
                report=report, due_on=until, reason=DeadlineReason.EXTENSION, set_by=by
            )
        log(
            report,
            audit.EXTENSION_GRANT if status == ExtensionStatus.GRANTED else audit.EXTENSION_REFUSE,
            user=by,
            data={
                "extension": extension.pk,
                "granted_until": until,
                "comment": comment,
                "status": report.status,
            },
        )
        emails.after_commit(emails.extension_decided, report, extension=extension.pk)


def log_staff_download(evidence, user) -> None:
    """Record that a member of staff downloaded a partner's evidence."""
    log(
        evidence,
        audit.EVIDENCE_STAFF_DOWNLOAD,
        user=user,
        data={
            "report": evidence.report_id,
            "file": evidence.original_name,
            "kind": evidence.kind,
        },
    )
