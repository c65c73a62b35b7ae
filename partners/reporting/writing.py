"""The partner's actions on a report: saving answers, submitting, adding evidence and asking for
more time. Every write to a report is a conditional UPDATE on its version, so two members
editing at once can never silently overwrite each other.

Each service records the language the partner works in (their e-mails follow it) and sends the
e-mails its action causes after the transaction commits (``emails.after_commit``).
"""

import os
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
from .models import DeadlineExtension, ExtensionStatus
from .notifications import remember_active_language


class ReportLocked(Exception):
    """The report is submitted or approved: the partner cannot change it now."""


class ExtensionNotPossible(Exception):
    """More time cannot be asked for now (handed in, not later, too late, one already waiting)."""


def _lock_for_writing(organisation, period, user, expected_version: int) -> Report:
    """Create the draft on first save; bump the version if nobody else did in the meantime."""
    report, _created = Report.objects.get_or_create(organisation=organisation, period=period)
    if not report.is_editable:
        raise ReportLocked
    now = timezone.now()
    updated = Report.objects.filter(
        pk=report.pk, version=expected_version, status__in=EDITABLE_STATUSES
    ).update(version=F("version") + 1, updated_at=now, updated_by=user)
    if not updated:
        raise StaleReport
    report.version, report.updated_at, report.updated_by = expected_version + 1, now, user
    return report


def save_answers(*, organisation, period, form, user, expected_version: int) -> Report:
    """Store every answer as typed (invalid ones flagged), in one transaction."""
    with transaction.atomic():
        report = _lock_for_writing(organisation, period, user, expected_version)
        IndicatorValue.objects.filter(report=report).delete()
        CommitmentResponse.objects.filter(report=report).delete()
        values = []
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
            values.append(value)
        IndicatorValue.objects.bulk_create(values)
        responses = []
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
                responses.append(response)
        CommitmentResponse.objects.bulk_create(responses)
        log(report, audit.REPORT_SAVE_DRAFT, user=user, data={"version": report.version})
        remember_active_language(user)
    return report


def save(*, organisation, period, form, user, expected_version: int, submit: bool) -> Report:
    """Save the answers and, when ``submit`` (and the form is valid), hand the report in: one
    transaction, so a refused submission keeps the saved draft. Staff hear of a submission."""
    with transaction.atomic():
        report = save_answers(
            organisation=organisation,
            period=period,
            form=form,
            user=user,
            expected_version=expected_version,
        )
        if submit:
            hand_in(report, by=user)
    return report


def hand_in(report: Report, *, by) -> None:
    """Submit ``report`` as it is saved (``Report.transition_to`` checks the move and the
    member); after the commit staff hear of it and the organisation's members get a
    confirmation, each in their language."""
    with transaction.atomic():
        report.transition_to(ReportStatus.SUBMITTED, by=by)
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
