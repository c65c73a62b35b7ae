"""The partner's actions on a report: saving answers, submitting, adding evidence and asking for
more time. Every write to a report is a conditional UPDATE on its version, so two members
editing at once can never silently overwrite each other.

Each service records the language the partner works in (their e-mails follow it) and sends the
e-mails its action causes after the transaction commits (``emails.after_commit``).
"""

import os
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.log_actions import log

from goedwerk.forms import strip_control_characters
from partners import audit
from partners.models import CommitmentResponse, Evidence, IndicatorValue, Report, ReportStatus
from partners.models.reports import EDITABLE_STATUSES, StaleReport, private_storage

from . import emails
from .deadlines import MAX_EXTENSION_DAYS, deadline_for
from .locking import lock
from .merge import EMPTY, decode_base, encode_base, merge, stored_answers
from .models import DeadlineExtension, ExtensionStatus, SubmissionSnapshot
from .notifications import remember_active_language
from .structure import answers_of, snapshot_answers


class ReportLocked(Exception):
    """The report is submitted or approved: the partner cannot change it now."""


class ExtensionNotPossible(Exception):
    """More time cannot be asked for now (handed in, not later, too late, one already waiting)."""


@dataclass
class SaveOutcome:
    """What ``save`` did. ``form`` is the form to show again (if one is shown): its input, with
    the merged answers, carrying the report's current version and the base of its answers."""

    report: Report
    form: object
    saved: dict[str, str]  # the stored answers now (``merge.stored_answers``)
    # Nothing was saved: these answers were changed both here and in the newer saved version.
    conflicts: list[str] = field(default_factory=list)
    # Saved after merging with a newer version that changed other answers: by whom, when.
    merged_with: object = None
    merged_at: object = None
    submitted: bool = False

    @property
    def merged(self) -> bool:
        return self.merged_at is not None


def _lock_for_writing(report: Report, user, expected_version: int) -> None:
    """Bump the version if nobody else did in the meantime (the row is locked, so this is a
    second guard: every write to a report stays a conditional UPDATE on its version)."""
    now = timezone.now()
    updated = Report.objects.filter(
        pk=report.pk, version=expected_version, status__in=EDITABLE_STATUSES
    ).update(version=F("version") + 1, updated_at=now, updated_by=user)
    if not updated:
        raise StaleReport
    report.version, report.updated_at, report.updated_by = expected_version + 1, now, user


VALUE_FIELDS = ["raw", "is_valid", "number", "boolean", "text", "date"]
RESPONSE_FIELDS = ["not_applicable", "explanation", "notes"]


def _state(instance, fields) -> tuple:
    return tuple(getattr(instance, name) for name in fields)


def _write(model, fields, report, stored: dict, wanted: dict) -> None:
    """Make the report's rows of ``model`` what ``wanted`` says ({key: unsaved instance}):
    insert the new ones, update the changed ones, delete the ones no longer wanted. At most
    three queries, however many answers there are."""
    new, changed = [], []
    for key, instance in wanted.items():
        old = stored.get(key)
        if old is None:
            new.append(instance)
        elif _state(old, fields) != _state(instance, fields):
            for name in fields:
                setattr(old, name, getattr(instance, name))
            changed.append(old)
    gone = [old.pk for key, old in stored.items() if key not in wanted]
    if gone:
        model.objects.filter(report=report, pk__in=gone).delete()
    if changed:
        model.objects.bulk_update(changed, fields)
    if new:
        model.objects.bulk_create(new)


def _write_answers(report: Report, form, values: dict, responses: dict) -> None:
    """Store every answer of ``form`` as typed (invalid ones flagged), touching only the rows
    that change. ``values`` and ``responses`` are the stored rows (``answers_of``)."""
    wanted_values = {}
    for row in form.rows.values():
        raw = form.raw(row.name)
        if not raw:
            continue
        value = IndicatorValue(
            report=report,
            indicator=row.indicator,
            raw=raw,
            is_valid=row.name not in form.format_errors,
        )
        value.set_value(row.indicator.value_type, form.parsed.get(row.name))
        wanted_values[row.indicator.pk] = value
    _write(IndicatorValue, VALUE_FIELDS, report, values, wanted_values)
    wanted_responses = {}
    for section in form.sections:
        prefix = section.prefix
        response = CommitmentResponse(
            report=report,
            commitment=section.commitment,
            not_applicable=bool(form.cleaned_data.get(f"{prefix}_na")),
            explanation=form.raw(f"{prefix}_explanation"),
            notes=form.raw(f"{prefix}_notes"),
        )
        if response.not_applicable or response.explanation.strip() or response.notes.strip():
            wanted_responses[section.commitment.pk] = response
    _write(CommitmentResponse, RESPONSE_FIELDS, report, responses, wanted_responses)


def save(
    *, organisation, period, form, user, expected_version: int, base: str | None, submit: bool
) -> SaveOutcome:
    """Save the answers of ``form`` (validated) and, when ``submit`` (the form is valid), hand
    the report in: one transaction, so a refused submission keeps the saved draft. Staff hear of
    a submission.

    ``expected_version`` and ``base`` say what the form was rendered with. When someone else
    saved since, the answers are merged one by one (``merge.merge``): untouched answers keep the
    newer saved value, answers changed only here are saved. If an answer was changed both here
    and there, nothing is saved and the outcome lists the conflicts (the whole form is refused
    rather than half of it: the person decides with everything in view, and the version they
    then save with tells exactly what they saw). A merged report that brought in someone else's
    changes is saved as a draft but not handed in: the person has not seen those yet.

    Raises ``ReportLocked`` when the report is submitted (or approved) by now."""
    with transaction.atomic():
        report, _created = Report.objects.get_or_create(organisation=organisation, period=period)
        lock(report)  # the next save waits for this one, and sees what it stored
        if not report.is_editable:
            raise ReportLocked
        values, responses = answers_of(report)
        saved = stored_answers(values, responses)
        merged_with = merged_at = None
        if report.version != expected_version:
            result = merge(form.typed_answers(), decode_base(base), saved)
            if result.conflicts:
                shown = form.rebound(
                    version=report.version, base=encode_base(saved), answers=result.answers
                )
                return SaveOutcome(report, shown, saved, conflicts=result.conflicts)
            if result.kept:
                merged_with, merged_at = report.updated_by, report.updated_at
                submit = False
            form = form.rebound(version=report.version, base="", answers=result.answers)
            submit = submit and form.is_valid()
        _lock_for_writing(report, user, report.version)
        _write_answers(report, form, values, responses)
        log(report, audit.REPORT_SAVE_DRAFT, user=user, data={"version": report.version})
        remember_active_language(user)
        if submit:
            hand_in(report, by=user)
    answers = form.typed_answers()
    saved = {name: text for name, text in answers.items() if text != EMPTY}
    return SaveOutcome(
        report,
        form.rebound(version=report.version, base=encode_base(saved)),
        saved,
        merged_with=merged_with,
        merged_at=merged_at,
        submitted=submit,
    )


def hand_in(report: Report, *, by) -> None:
    """Submit ``report`` as it is saved (``Report.transition_to`` checks the move and the
    member); after the commit staff hear of it and the organisation's members get a
    confirmation, each in their language. The answers handed in are kept as a
    ``SubmissionSnapshot``: the review screen marks what changed since the submission before."""
    with transaction.atomic():
        report.transition_to(ReportStatus.SUBMITTED, by=by)
        SubmissionSnapshot.objects.create(
            report=report, submitted_at=report.submitted_at, answers=snapshot_answers(report)
        )
        remember_active_language(by)
        emails.after_commit(emails.report_submitted, report)
        emails.after_commit(emails.submission_received, report)


def _display_name(name: str, extension: str) -> str:
    name = os.path.basename(strip_control_characters(name).replace("\\", "/")).strip()
    name = name or "evidence"
    stem, ext = os.path.splitext(name)
    if ext.lower().lstrip(".") not in {"jpg": {"jpg", "jpeg"}}.get(extension, {extension}):
        name = f"{stem or 'evidence'}.{extension}"
    return name[-200:]


def store_evidence(*, organisation, period, form, user) -> Evidence:
    """Save the checked file under a random name in the private storage and record it."""
    uploaded, detected = form.cleaned_data["file"], form.detected
    storage = private_storage()
    stored_name = storage.save(Evidence.new_stored_name(detected.extension), uploaded)
    try:
        with transaction.atomic():
            report, _created = Report.objects.get_or_create(
                organisation=organisation, period=period
            )
            lock(report)  # a submission at the same moment waits, or this upload is refused
            if not report.is_editable:
                raise ReportLocked
            evidence = Evidence.objects.create(
                report=report,
                commitment_id=form.cleaned_data.get("commitment"),
                kind=form.cleaned_data["kind"],
                valid_until=form.cleaned_data.get("valid_until"),
                description=form.cleaned_data.get("description", ""),
                stored_name=stored_name,
                original_name=_display_name(uploaded.name, detected.extension),
                content_type=detected.content_type,
                size=uploaded.size,
                uploaded_by=user,
            )
            log(
                evidence,
                audit.EVIDENCE_UPLOAD,
                user=user,
                data={"report": report.pk, "kind": evidence.kind, "size": evidence.size},
            )
            remember_active_language(user)
    except BaseException:
        storage.delete(stored_name)
        raise
    return evidence


def request_extension(*, organisation, period, by, until: date, reason: str) -> DeadlineExtension:
    """A member asks for a later deadline (the portal view has checked the membership). Creates
    the draft report when the partner has not started yet; staff hear of the request."""
    with transaction.atomic():
        report, _created = Report.objects.get_or_create(organisation=organisation, period=period)
        lock(report)
        if not report.is_editable:
            raise ExtensionNotPossible("The report has been handed in.")
        current = deadline_for(report)
        if until <= current or until > current + timedelta(days=MAX_EXTENSION_DAYS):
            raise ExtensionNotPossible("The new deadline must be later, within the maximum.")
        if DeadlineExtension.objects.filter(report=report, status=ExtensionStatus.PENDING).exists():
            raise ExtensionNotPossible("A request is already waiting for a decision.")
        extension = DeadlineExtension.objects.create(
            report=report,
            current_deadline=current,
            requested_until=until,
            reason=reason,
            requested_by=by,
        )
        log(
            report,
            audit.EXTENSION_REQUEST,
            user=by,
            data={
                "extension": extension.pk,
                "current_deadline": current,
                "requested_until": until,
                "comment": reason,
                "status": report.status,
            },
        )
        remember_active_language(by)
        emails.after_commit(emails.extension_requested, report, extension=extension.pk)
    return extension
