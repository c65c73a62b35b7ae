"""The partner portal's reporting side: dashboard, report form, evidence upload and download,
and asking for more time. A thin layer over the reporting core (``partners.reporting``): each
view parses the request, calls one core service and renders the outcome.

Every view is scoped to one organisation of the signed-in member by ``portal_member_required``
(or, for downloads, by ``get_membership_or_404``): anything of another organisation is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import OperationalError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from events.models import JobFairPage
from partners.access import memberships_for, portal_member_required
from partners.accounts.policy import needs_mfa_setup, redirect_to_mfa_setup
from partners.downloads import evidence_response
from partners.filecheck.upload import limit_upload_body
from partners.models import Commitment, Evidence, Report, ReportingPeriod
from partners.models.covenant import fallback_lang, localize
from partners.models.reports import CERTIFYING_KINDS, StaleReport, party_for
from partners.reporting.deadlines import deadline_for, report_is_overdue, with_deadline
from partners.reporting.decisions import log_staff_download
from partners.reporting.emails import thread_anchor
from partners.reporting.evidence import (
    EvidenceGone,
    delete_evidence,
    evidence_of,
    replace_evidence,
)
from partners.reporting.feedback import feedback_for
from partners.reporting.locking import BUSY_MESSAGE, is_lock_timeout
from partners.reporting.permissions import may_download_evidence_as_staff
from partners.reporting.progress import report_progress
from partners.reporting.structure import (
    answers_of,
    attach_previous,
    build_sections,
    fallback_notice,
    format_value,
    previous_report,
)
from partners.reporting.summary import build_summary, handed_in_report
from partners.reporting.summary_pdf import render_pdf
from partners.reporting.thread import ThreadError, post_partner_comment
from partners.reporting.writing import (
    ExtensionNotPossible,
    ReportLocked,
    request_extension,
    save,
    store_evidence,
)

from .forms import (
    EvidenceForm,
    ExtensionRequestForm,
    ReplaceEvidenceForm,
    ReportForm,
    ThreadCommentForm,
)


@login_required
def organisation_list(request):
    memberships = list(memberships_for(request.user).order_by("organisation__name"))
    if len(memberships) == 1:
        return redirect("partners:dashboard", organisation_slug=memberships[0].organisation.slug)
    return render(request, "partners/portal/organisation_list.html", {"memberships": memberships})


def _report_url(organisation, period) -> str:
    return reverse(
        "partners:report", kwargs={"organisation_slug": organisation.slug, "period_id": period.pk}
    )


def _summary_urls(organisation, period, report) -> dict:
    """Links to the printable summary and its PDF, once the report has been handed in."""
    if report is None or report.submitted_at is None:
        return {"summary_url": "", "summary_pdf_url": ""}
    kwargs = {"organisation_slug": organisation.slug, "period_id": period.pk}
    return {
        "summary_url": reverse("partners:report_summary", kwargs=kwargs),
        "summary_pdf_url": reverse("partners:report_summary_pdf", kwargs=kwargs),
    }


def _status_label(report) -> str:
    return report.get_status_display() if report else _("Not started")


def _renewal_url(organisation, period, evidence) -> str:
    """The upload page of ``period``'s report, pre-filled for a renewal of ``evidence``."""
    url = reverse(
        "partners:evidence_upload",
        kwargs={"organisation_slug": organisation.slug, "period_id": period.pk},
    )
    query = {"kind": evidence.kind}
    if evidence.commitment_id:
        query["commitment"] = evidence.commitment_id
    return f"{url}?{urlencode(query)}"


@portal_member_required
def dashboard(request, organisation_slug):
    organisation = request.organisation
    today = timezone.localdate()
    periods = list(ReportingPeriod.objects.order_by("-starts_on"))
    reports = {
        r.period_id: r
        for r in with_deadline(
            Report.objects.filter(organisation=organisation).select_related("period")
        )
    }
    rows, upcoming = [], []
    for period in periods:
        report = reports.get(period.pk)
        if not period.is_open(today):
            upcoming.append(period)
            continue
        # The deadline that counts: the period's, or a later one set by the review (changes
        # requested, reopened, extension granted).
        deadline = deadline_for(report, period=period)
        rows.append(
            {
                "period": period,
                "report": report,
                "deadline": deadline,
                "status": _status_label(report),
                "to_do": report is None or report.is_editable,
                "late": report_is_overdue(report, period=period, day=today),
                "url": _report_url(organisation, period),
                **_summary_urls(organisation, period, report),
            }
        )
    to_do = sorted((row for row in rows if row["to_do"]), key=lambda row: row["deadline"])
    certificates = {}
    for evidence in (
        Evidence.objects.current()
        .filter(
            report__organisation=organisation, kind__in=CERTIFYING_KINDS, valid_until__isnull=False
        )
        .order_by("valid_until")
    ):
        certificates[evidence.kind] = evidence  # the one valid the longest wins
    # A renewed certificate goes with the open report due first; none editable: no link.
    renew_in = to_do[0]["period"] if to_do else None
    warnings = [
        {
            "evidence": e,
            "state": e.expiry_state(today),
            "period": renew_in,
            "upload_url": _renewal_url(organisation, renew_in, e) if renew_in else "",
        }
        for e in certificates.values()
        if e.expiry_state(today)
    ]
    context = {
        "organisation": organisation,
        "membership": request.membership,
        "due_next": to_do[0] if to_do else None,
        "to_do": to_do,
        "history": [row for row in rows if not row["to_do"]],
        "rows": rows,
        "upcoming": sorted(upcoming, key=lambda period: period.opens_on),
        "warnings": warnings,
        "today": today,
        "job_fairs": list(JobFairPage.objects.attended_by(organisation)[:10]),
    }
    return render(request, "partners/portal/dashboard.html", context)


def _opened_period_or_404(period_id) -> ReportingPeriod:
    period = get_object_or_404(ReportingPeriod.objects.select_related("covenant"), pk=period_id)
    if not period.is_open():
        raise Http404
    return period


def _conflicts(outcome) -> list[dict]:
    """The answers both people changed, each with the two values side by side."""
    form = outcome.form  # validated, with the typed value of every conflicting answer
    typed = form.typed_answers()
    titles = {section.prefix: section.text.title for section in form.sections}
    for section in form.sections:
        titles.update((row.name, section.text.title) for row in section.rows)
    rows = []
    for name in outcome.conflicts:
        saved = form.shown(name, outcome.saved.get(name, ""))
        form.conflicting[name] = saved  # noted at the input too
        rows.append(
            {
                "anchor": form.anchor(name),
                "commitment": titles.get(name, titles.get(name.partition("_")[0], "")),
                "label": form.fields[name].label,
                "mine": form.shown(name, typed[name]),
                "saved": saved,
            }
        )
    return rows


def _saved_answers(sections, report):
    """The report's stored answers per commitment, formatted for reading."""
    values, responses = answers_of(report)
    return [
        {
            "section": section,
            "response": responses.get(section.commitment.pk),
            "answers": [
                {"row": row, "value": format_value(row, values.get(row.indicator.pk))}
                for row in section.rows
            ],
        }
        for section in sections
    ]


def _saved_section(request, sections) -> str:
    """The section whose "Save draft" button was pressed (its anchor), or ``""``."""
    wanted = request.POST.get("save", "")
    return wanted if any(section.prefix == wanted for section in sections) else ""


def _returning_form(sections, report):
    """The form for a stored report (or none yet). With answers saved as invalid, it is bound
    to them and validated, so they come back marked, with the error summary, before any save."""
    values, responses = answers_of(report)
    initial = ReportForm.initial_from(values, responses, report.version if report else 0)
    if not any(not value.is_valid for value in values.values()):
        return ReportForm(initial=initial, sections=sections), values, responses
    data = {}
    for name, value in initial.items():
        if value is True:
            data[name] = "on"
        elif value not in (False, None):
            data[name] = str(value)
    form = ReportForm(data, sections=sections)
    form.is_valid()
    return form, values, responses


def _merged_message(outcome, submitting: bool) -> str:
    by = outcome.merged_with
    message = _("Your changes were merged with those of %(name)s saved at %(time)s.") % {
        "name": (by.get_full_name() or by.email) if by is not None else "?",
        "time": formats.date_format(timezone.localtime(outcome.merged_at), "DATETIME_FORMAT"),
    }
    if submitting:
        message += " " + _(
            "The report has not been submitted yet: check the answers and submit it again."
        )
    return message


@require_http_methods(["GET", "POST"])
@portal_member_required
def report_form(request, organisation_slug, period_id):
    organisation, user = request.organisation, request.user
    period = _opened_period_or_404(period_id)
    report = (
        Report.objects.filter(organisation=organisation, period=period)
        .select_related("updated_by", "submitted_by")
        .first()
    )
    sections = build_sections(period, party_for(organisation))
    previous = previous_report(period, organisation)
    attach_previous(sections, previous)
    url = _report_url(organisation, period)
    status, conflict, form, busy = 200, None, None, False
    values = responses = None

    if report is not None and not report.is_editable:
        if request.method == "POST":
            messages.error(request, _("This report has been submitted and cannot be changed."))
            return redirect(url)
    elif request.method == "POST":
        submitting = "submit" in request.POST
        form = ReportForm(request.POST, sections=sections, submitting=submitting)
        valid = form.is_valid()
        try:
            outcome = save(
                organisation=organisation,
                period=period,
                form=form,
                user=user,
                expected_version=form.cleaned_data.get("version") or 0,
                base=form.cleaned_data.get("base"),
                submit=submitting and valid,
            )
        except ReportLocked:
            messages.error(
                request, _("Someone else submitted this report while you were editing it.")
            )
            return redirect(url)
        except (StaleReport, OperationalError) as error:
            # (SQLite) the database stayed locked by another writer for longer than the busy
            # timeout: nothing was saved, the input stays with what it was rendered with (so
            # the next try merges), never a 500.
            if isinstance(error, OperationalError) and not is_lock_timeout(error):
                raise
            form = form.rebound(
                version=form.cleaned_data.get("version") or 0,
                base=form.cleaned_data.get("base") or "",
            )
            busy, status = True, 409
        else:
            report, form = outcome.report, outcome.form
            if outcome.conflicts:
                conflict, status = _conflicts(outcome), 409
            elif outcome.submitted:
                messages.success(request, _("Thank you: the report has been submitted."))
                return redirect("partners:dashboard", organisation_slug=organisation.slug)
            else:
                if outcome.merged:
                    messages.success(request, _merged_message(outcome, submitting))
                elif valid:
                    messages.success(request, _("Your draft has been saved."))
                if form.is_valid():
                    section = _saved_section(request, sections)
                    return redirect(f"{url}#{section}" if section else url)
    else:
        form, values, responses = _returning_form(sections, report)

    feedback = feedback_for(report, organisation=organisation, period=period)
    progress = None
    if form is not None:
        if values is None:
            values, responses = answers_of(report)
        progress = report_progress(sections, values, responses, feedback.needs_changes())
        verdicts = feedback.verdicts_by_commitment()
        for item in progress.sections:  # what each section shows beside its questions
            item.section.progress = item
            item.section.verdict = verdicts.get(item.section.commitment.pk)
    for section in sections:  # each commitment's comment thread, with a reply form
        _attach_thread(section, feedback.threads, in_report_form=form is not None)
    titles = {s.commitment.pk: s.text.title for s in sections}
    evidence = list(report.evidence.all()) if report else []
    langs = {s.commitment.pk: s.lang for s in sections}
    for item in evidence:
        item.commitment_title = titles.get(item.commitment_id, "")
        item.commitment_lang = langs.get(item.commitment_id, "")
    covenant = localize([period.covenant])[period.covenant.pk]
    covenant_lang = fallback_lang(period.covenant, covenant)
    context = {
        "organisation": organisation,
        "period": period,
        "report": report,
        "form": form,
        "sections": sections,
        "conflict": conflict,
        "busy": busy,
        "busy_message": BUSY_MESSAGE,
        "evidence": evidence,
        "previous_period_name": previous.period.name if previous else "",
        "covenant": covenant,
        "covenant_lang": covenant_lang,
        "fallback_notice": fallback_notice(sections, covenant_lang),
        "read_only": _saved_answers(sections, report) if form is None else None,
        "feedback": feedback,
        "report_thread": feedback.threads.report,
        "report_thread_form": ThreadCommentForm(prefix=thread_anchor(None)),
        "comment_url": reverse(
            "partners:report_comment",
            kwargs={"organisation_slug": organisation.slug, "period_id": period.pk},
        ),
        "progress": progress,
        "returning": request.method == "GET",
        "deadline": feedback.deadline or period.deadline,
        "past_deadline": feedback.deadline is not None and feedback.deadline < timezone.localdate(),
    }
    return render(request, "partners/portal/report_form.html", context, status=status)


def _attach_thread(section, threads, *, in_report_form: bool) -> None:
    """The section's thread and reply form. Inside the report form the reply's fields belong to
    a separate ``<form>`` after it (``form=`` attribute): replying never submits the answers."""
    pk = section.commitment.pk
    section.thread_anchor = thread_anchor(pk)
    section.thread = threads.of(pk)
    section.thread_form_id = f"{section.thread_anchor}-form" if in_report_form else ""
    section.thread_form = ThreadCommentForm(
        prefix=section.thread_anchor, form_id=section.thread_form_id
    )


@require_POST
@portal_member_required
def report_comment(request, organisation_slug, period_id):
    """A member's comment in one of the report's threads (the whole report, or the commitment
    posted as ``commitment``). Back to the thread on the report page; when the comment cannot
    be stored, a page of its own shows it again as typed (the report's answers are untouched)."""
    organisation = request.organisation
    period = _opened_period_or_404(period_id)
    report = get_object_or_404(
        Report.objects.select_related("organisation", "period"),
        organisation=organisation,
        period=period,
    )
    commitment = None
    commitment_id = request.POST.get("commitment", "")
    if commitment_id:
        commitment = get_object_or_404(
            Commitment,
            pk=commitment_id if commitment_id.isdigit() else 0,
            covenant_id=period.covenant_id,
        )
    anchor = thread_anchor(commitment.pk if commitment else None)
    form = ThreadCommentForm(request.POST, prefix=anchor)
    report_url = _report_url(organisation, period)
    status = 400
    if form.is_valid():
        try:
            post_partner_comment(
                report, by=request.user, text=form.cleaned_data["text"], commitment=commitment
            )
        except ThreadError as error:
            form.add_error("text", str(error))
        except OperationalError as error:
            if not is_lock_timeout(error):
                raise
            form.add_error(None, BUSY_MESSAGE)
            status = 409
        else:
            messages.success(request, _("Your comment has been sent to the municipality."))
            return redirect(f"{report_url}#{anchor}")
    title = ""
    if commitment is not None:
        title = localize([commitment])[commitment.pk].title
    context = {
        "organisation": organisation,
        "period": period,
        "form": form,
        "commitment": commitment,
        "commitment_title": title,
        "report_url": report_url,
        "back_url": f"{report_url}#{anchor}",
    }
    return render(request, "partners/portal/report_comment.html", context, status=status)


def _summary_or_404(request, period_id):
    """The summary of the organisation's report for the period; a 404 for a report that was
    never submitted (a draft has nothing to summarise yet) and for other organisations."""
    report = handed_in_report(request.organisation, period_id)
    if report is None:
        raise Http404
    return build_summary(report)


@require_GET
@portal_member_required
def report_summary(request, organisation_slug, period_id):
    """A printable summary of what was handed in: the saved answers, status and submission."""
    summary = _summary_or_404(request, period_id)
    context = {
        "organisation": request.organisation,
        "period": summary.period,
        "summary": summary,
        "report_url": _report_url(request.organisation, summary.period),
    }
    return render(request, "partners/portal/report_summary.html", context)


@require_GET
@portal_member_required
def report_summary_pdf(request, organisation_slug, period_id):
    """The same summary as a PDF made on the server, as an attachment nobody else keeps."""
    summary = _summary_or_404(request, period_id)
    response = HttpResponse(render_pdf(summary), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{summary.filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
@limit_upload_body
@portal_member_required
def evidence_upload(request, organisation_slug, period_id):
    organisation = request.organisation
    period = _opened_period_or_404(period_id)
    report = Report.objects.filter(organisation=organisation, period=period).first()
    url = _report_url(organisation, period)
    if report is not None and not report.is_editable:
        messages.error(request, _("This report has been submitted: evidence cannot be added."))
        return redirect(url)
    sections = build_sections(period, party_for(organisation))
    form = EvidenceForm(
        request.POST or None,
        request.FILES or None,
        sections=sections,
        initial=EvidenceForm.initial_from_query(request.GET, sections),
    )
    if request.method == "POST" and form.is_valid():
        try:
            evidence = store_evidence(
                organisation=organisation, period=period, form=form, user=request.user
            )
        except ReportLocked:
            messages.error(request, _("This report has been submitted: evidence cannot be added."))
            return redirect(url)
        except OperationalError as error:
            if not is_lock_timeout(error):
                raise
            form.add_error(None, BUSY_MESSAGE)
            context = {"organisation": organisation, "period": period, "form": form}
            return render(
                request,
                "partners/portal/evidence_upload.html",
                {**context, "report_url": url},
                status=409,
            )
        messages.success(
            request,
            _("“%(name)s” has been added to the report.") % {"name": evidence.original_name},
        )
        return redirect(f"{url}#evidence")
    context = {"organisation": organisation, "period": period, "form": form, "report_url": url}
    return render(request, "partners/portal/evidence_upload.html", context)


LOCKED_EVIDENCE_MESSAGE = gettext_lazy(
    "This report has been submitted: its evidence cannot be deleted or replaced."
)
GONE_EVIDENCE_MESSAGE = gettext_lazy("This evidence has already been deleted or replaced.")


def _changeable_evidence(request, evidence_id):
    """The organisation's evidence and its report's URL, or a redirect with the reason it cannot
    be changed (withdrawn already, report handed in). Anything else is a 404."""
    try:
        evidence = evidence_of(request.organisation, evidence_id)
    except Evidence.DoesNotExist as missing:
        raise Http404 from missing
    period = evidence.report.period
    if not period.is_open():
        raise Http404
    url = _report_url(request.organisation, period)
    if not evidence.is_current:
        messages.error(request, GONE_EVIDENCE_MESSAGE)
        return evidence, url, redirect(f"{url}#evidence")
    if not evidence.report.is_editable:
        messages.error(request, LOCKED_EVIDENCE_MESSAGE)
        return evidence, url, redirect(url)
    return evidence, url, None


@require_http_methods(["GET", "POST"])
@portal_member_required
def evidence_delete(request, organisation_slug, evidence_id):
    """GET: the confirmation page (works without JavaScript); POST: delete."""
    evidence, url, refused = _changeable_evidence(request, evidence_id)
    if refused:
        return refused
    if request.method == "POST":
        try:
            delete_evidence(evidence, by=request.user)
        except ReportLocked:
            messages.error(request, LOCKED_EVIDENCE_MESSAGE)
            return redirect(url)
        except EvidenceGone:
            messages.error(request, GONE_EVIDENCE_MESSAGE)
            return redirect(f"{url}#evidence")
        except OperationalError as error:
            if not is_lock_timeout(error):
                raise
            messages.error(request, BUSY_MESSAGE)
            return redirect(request.path)
        messages.success(
            request, _("“%(name)s” has been deleted.") % {"name": evidence.original_name}
        )
        return redirect(f"{url}#evidence")
    context = {
        "organisation": request.organisation,
        "period": evidence.report.period,
        "evidence": evidence,
        "report_url": url,
    }
    return render(request, "partners/portal/evidence_delete.html", context)


@require_http_methods(["GET", "POST"])
@limit_upload_body
@portal_member_required
def evidence_replace(request, organisation_slug, evidence_id):
    evidence, url, refused = _changeable_evidence(request, evidence_id)
    if refused:
        return refused
    form = ReplaceEvidenceForm(
        request.POST or None,
        request.FILES or None,
        evidence=evidence,
        initial={"description": evidence.description},
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            new = replace_evidence(evidence, form=form, by=request.user)
        except ReportLocked:
            messages.error(request, LOCKED_EVIDENCE_MESSAGE)
            return redirect(url)
        except EvidenceGone:
            messages.error(request, GONE_EVIDENCE_MESSAGE)
            return redirect(f"{url}#evidence")
        except OperationalError as error:
            if not is_lock_timeout(error):
                raise
            form.add_error(None, BUSY_MESSAGE)
            status = 409
        else:
            messages.success(
                request,
                _("“%(old)s” has been replaced by “%(new)s”.")
                % {"old": evidence.original_name, "new": new.original_name},
            )
            return redirect(f"{url}#evidence")
    context = {
        "organisation": request.organisation,
        "period": evidence.report.period,
        "evidence": evidence,
        "form": form,
        "report_url": url,
    }
    return render(request, "partners/portal/evidence_replace.html", context, status=status)


@portal_member_required
def _member_download(request, organisation_slug, evidence_id):
    return evidence_response(
        get_object_or_404(
            Evidence.objects.current(), pk=evidence_id, report__organisation=request.organisation
        )
    )


@login_required
def evidence_download(request, organisation_slug, evidence_id):
    """Members of the organisation, and staff allowed to view evidence, get the file as an
    attachment; everybody else gets a 404."""
    if may_download_evidence_as_staff(request.user):
        if needs_mfa_setup(request.user):
            return redirect_to_mfa_setup(request, next_url=request.get_full_path())
        evidence = get_object_or_404(
            Evidence, pk=evidence_id, report__organisation__slug=organisation_slug
        )
        response = evidence_response(evidence)
        log_staff_download(evidence, request.user)
        return response
    return _member_download(request, organisation_slug=organisation_slug, evidence_id=evidence_id)


@require_http_methods(["GET", "POST"])
@portal_member_required
def extension_request(request, organisation_slug, period_id):
    organisation = request.organisation
    period = _opened_period_or_404(period_id)
    report = (
        Report.objects.filter(organisation=organisation, period=period)
        .select_related("organisation", "period")
        .first()
    )
    report_url = _report_url(organisation, period)
    if report is not None and not report.is_editable:
        messages.info(request, _("This report has been handed in: no extension is needed."))
        return redirect(report_url)
    feedback = feedback_for(report, organisation=organisation, period=period)
    current = deadline_for(report, period=period)
    form = ExtensionRequestForm(request.POST or None, current_deadline=current)
    pending = feedback.pending_extension
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and pending is None and form.is_valid():
        try:
            request_extension(
                organisation=organisation,
                period=period,
                by=request.user,
                until=form.cleaned_data["requested_until"],
                reason=form.cleaned_data["reason"],
            )
        except OperationalError as error:
            if not is_lock_timeout(error):
                raise
            form.add_error(None, BUSY_MESSAGE)
            status = 409
        except ExtensionNotPossible:
            form.add_error(
                None,
                _(
                    "Your request could not be sent: the report was handed in or another "
                    "request is waiting for a decision."
                ),
            )
        else:
            messages.success(
                request,
                _("Your request has been sent. You will get an e-mail when it has been decided."),
            )
            return redirect(report_url)
    context = {
        "organisation": organisation,
        "period": period,
        "form": form,
        "current_deadline": current,
        "pending": pending,
        "report_url": report_url,
    }
    return render(request, "partners/portal/extension_request.html", context, status=status)
