"""The review screen in the Wagtail admin and the staff download of evidence.

The review screen shows every indicator (labels in the admin's language) with this period's and
the previous period's answers, the partner's notes and evidence, the verdicts, comments, extension
requests and the audit timeline. Its POST actions are the only way staff act on a report, and
none of them can set a status or a figure: whole-report decisions go through
``Report.transition_to`` in ``partners.reporting.decisions``.
"""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.models import ModelLogEntry

from partners.downloads import evidence_response
from partners.models import Evidence, Report, ReportStatus
from partners.models.reports import Actor, IllegalTransition, StaleReport
from partners.privacy.access_log import record_report_view
from partners.reporting import decisions as services
from partners.reporting.deadlines import deadline_for, default_resubmit_by
from partners.reporting.models import (
    CommitmentVerdict,
    DeadlineExtension,
    ExtensionStatus,
    ReviewComment,
    Verdict,
)
from partners.reporting.structure import (
    answers_of,
    attach_previous,
    build_sections,
    format_value,
    previous_report,
)

from . import forms
from .permissions import ReviewPermissionPolicy

URL_NAMESPACE = "partners_review_reports"


def review_url(report) -> str:
    return reverse(f"{URL_NAMESPACE}:review", args=[report.pk])


def timeline_for(report, evidence_ids) -> list:
    """Audit entries of the report and of its evidence, newest first (one query), with the
    statuses and verdicts they record in the words people use (``entry.readable``)."""
    report_type = ContentType.objects.get_for_model(Report)
    evidence_type = ContentType.objects.get_for_model(Evidence)
    entries = list(
        ModelLogEntry.objects.filter(
            Q(content_type=report_type, object_id=str(report.pk))
            | Q(content_type=evidence_type, object_id__in=[str(pk) for pk in evidence_ids])
        )
        .select_related("user")
        .order_by("-timestamp", "-pk")
    )
    statuses, verdicts = dict(ReportStatus.choices), dict(Verdict.choices)
    for entry in entries:
        data = entry.data or {}
        entry.readable = {
            "from": statuses.get(data.get("from"), ""),
            "to": statuses.get(data.get("to"), ""),
            "status": statuses.get(data.get("status"), ""),
            "verdict": verdicts.get(data.get("verdict"), ""),
        }
    return entries


class ReviewView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_policy = ReviewPermissionPolicy(Report)
    permission_required = "review"
    template_name = "partners/review/review.html"
    header_icon = "tasks"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.report = get_object_or_404(
            Report.objects.select_related(
                "organisation", "period", "period__covenant", "submitted_by", "updated_by"
            ),
            pk=kwargs["pk"],
        )
        self.bound = {}  # action name → bound form with errors, to show again

    def get_page_title(self):
        return _("Review report")

    def get_page_subtitle(self):
        return str(self.report)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{URL_NAMESPACE}:index"), "label": _("Covenant reports")},
            {"url": "", "label": str(self.report)},
        ]

    # --- what the screen shows --------------------------------------------------------------

    @cached_property
    def staff_moves(self) -> set:
        return {
            status
            for status, actor in self.report.allowed_transitions().items()
            if actor == Actor.STAFF
        }

    @cached_property
    def needs_changes_titles(self) -> list[str]:
        if self.report.submitted_at is None:
            return []
        ids = set(
            CommitmentVerdict.objects.filter(
                report=self.report,
                submitted_at=self.report.submitted_at,
                verdict=Verdict.NEEDS_CHANGES,
            ).values_list("commitment_id", flat=True)
        )
        return [s.text.title for s in self.sections if s.commitment.pk in ids]

    @cached_property
    def sections(self):
        report = self.report
        sections = build_sections(report.period, report.party)
        attach_previous(sections, previous_report(report.period, report.organisation))
        return sections

    def _sections_context(self, evidence, verdicts, earlier):
        values, responses = answers_of(self.report)
        reviewing = self.report.status == ReportStatus.SUBMITTED
        result = []
        for section in self.sections:
            pk = section.commitment.pk
            verdict = verdicts.get(pk)
            form = self.bound.get(f"verdict-{pk}")
            if form is None and reviewing:
                initial = {}
                if verdict:
                    initial = {"verdict": verdict.verdict, "comment": verdict.comment}
                form = forms.VerdictForm(initial=initial, prefix=f"c{pk}")
            result.append(
                {
                    "section": section,
                    "response": responses.get(pk),
                    "rows": [
                        {
                            "row": row,
                            "value": format_value(row, values.get(row.indicator.pk)),
                            "invalid": (
                                values.get(row.indicator.pk) is not None
                                and not values[row.indicator.pk].is_valid
                            ),
                        }
                        for row in section.rows
                    ],
                    "evidence": [e for e in evidence if e.commitment_id == pk],
                    "verdict": verdict,
                    "earlier": earlier.get(pk, []),
                    "form": form if reviewing else None,
                }
            )
        return result

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.report
        record_report_view(self.request.user, report)
        evidence = list(
            report.evidence.select_related("uploaded_by", "withdrawn_by", "superseded_by").order_by(
                "uploaded_at"
            )
        )
        current, earlier = {}, {}
        for verdict in CommitmentVerdict.objects.filter(report=report).select_related("decided_by"):
            if verdict.submitted_at == report.submitted_at:
                current[verdict.commitment_id] = verdict
            else:
                earlier.setdefault(verdict.commitment_id, []).append(verdict)
        extensions = list(
            DeadlineExtension.objects.filter(report=report).select_related(
                "requested_by", "decided_by"
            )
        )
        previous = previous_report(report.period, report.organisation)
        version = {"version": report.version}
        moves = self.staff_moves
        context.update(
            report=report,
            organisation=report.organisation,
            period=report.period,
            previous=previous,
            deadline=deadline_for(report),
            sections=self._sections_context(evidence, current, earlier),
            general_evidence=[e for e in evidence if e.commitment_id is None],
            comments=list(ReviewComment.objects.filter(report=report).select_related("author")),
            extensions=extensions,
            timeline=timeline_for(report, [e.pk for e in evidence]),
            history_url=reverse(f"{URL_NAMESPACE}:history", args=[report.pk]),
            approve_form=(
                self.bound.get("approve") or forms.ApproveForm(initial=version)
                if ReportStatus.APPROVED in moves
                else None
            ),
            changes_form=(
                self.bound.get("request_changes")
                or forms.SendBackForm(
                    initial={**version, "resubmit_by": default_resubmit_by(report)},
                    prefix="changes",
                )
                if ReportStatus.CHANGES_REQUESTED in moves
                else None
            ),
            reopen_form=(
                self.bound.get("reopen") or forms.ReopenForm(initial=version, prefix="reopen")
                if ReportStatus.REOPENED in moves
                else None
            ),
            comment_form=self.bound.get("comment") or forms.CommentForm(prefix="comment"),
            needs_changes=self.needs_changes_titles,
        )
        for extension in extensions:
            if extension.status == ExtensionStatus.PENDING:
                extension.grant_form = self.bound.get(
                    f"grant-{extension.pk}"
                ) or forms.GrantExtensionForm(
                    initial={"until": extension.requested_until},
                    prefix=f"grant{extension.pk}",
                )
                extension.refuse_form = self.bound.get(
                    f"refuse-{extension.pk}"
                ) or forms.RefuseExtensionForm(prefix=f"refuse{extension.pk}")
        return context

    # --- actions ----------------------------------------------------------------------------

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        handler = {
            "approve": self.approve,
            "request_changes": self.request_changes,
            "reopen": self.reopen,
            "verdict": self.verdict,
            "comment": self.comment,
            "grant_extension": self.grant_extension,
            "refuse_extension": self.refuse_extension,
        }.get(action)
        if handler is None:
            return self._redisplay(_("Unknown action."))
        try:
            return handler()
        except StaleReport:
            return self._redisplay(
                _("Someone changed this report in the meantime. Check it again and retry.")
            )
        except (IllegalTransition, services.ReviewError):
            return self._redisplay(_("That is not possible in the report's current state."))

    def _done(self, message):
        messages.success(self.request, message)
        return redirect(review_url(self.report))

    def _redisplay(self, error=None, key=None, form=None):
        if key and form is not None:
            self.bound[key] = form
        if error:
            messages.error(self.request, error)
        self.report.refresh_from_db()
        context = self.get_context_data()
        return self.render_to_response(context, status=400)

    def approve(self):
        form = forms.ApproveForm(self.request.POST, needs_changes=self.needs_changes_titles)
        if not form.is_valid():
            return self._redisplay(_("The report was not approved."), "approve", form)
        services.approve(
            self.report,
            by=self.request.user,
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data["version"],
        )
        return self._done(_("The report has been approved."))

    def request_changes(self):
        form = forms.SendBackForm(self.request.POST, prefix="changes")
        if not form.is_valid():
            return self._redisplay(_("Changes were not requested."), "request_changes", form)
        services.request_changes(
            self.report,
            by=self.request.user,
            comment=form.cleaned_data["comment"],
            resubmit_by=form.cleaned_data["resubmit_by"],
            expected_version=form.cleaned_data["version"],
        )
        return self._done(_("Changes have been requested from the partner."))

    def reopen(self):
        form = forms.ReopenForm(self.request.POST, prefix="reopen")
        if not form.is_valid():
            return self._redisplay(_("The report was not reopened."), "reopen", form)
        services.reopen(
            self.report,
            by=self.request.user,
            reason=form.cleaned_data["comment"],
            resubmit_by=form.cleaned_data["resubmit_by"],
            expected_version=form.cleaned_data["version"],
        )
        return self._done(_("The report has been reopened."))

    def verdict(self):
        pk = self.request.POST.get("commitment", "")
        section = next((s for s in self.sections if str(s.commitment.pk) == pk), None)
        if section is None:
            raise Http404
        form = forms.VerdictForm(self.request.POST, prefix=f"c{section.commitment.pk}")
        if not form.is_valid():
            return self._redisplay(
                _("The verdict was not saved."), f"verdict-{section.commitment.pk}", form
            )
        services.set_verdict(
            self.report,
            section.commitment,
            by=self.request.user,
            verdict=form.cleaned_data["verdict"],
            comment=form.cleaned_data["comment"],
        )
        return self._done(_("Verdict on “%(title)s” saved.") % {"title": section.text.title})

    def comment(self):
        form = forms.CommentForm(self.request.POST, prefix="comment")
        if not form.is_valid():
            return self._redisplay(_("The comment was not saved."), "comment", form)
        services.add_comment(
            self.report,
            by=self.request.user,
            text=form.cleaned_data["text"],
            internal=form.cleaned_data["internal"],
        )
        return self._done(_("Comment added."))

    def _extension(self):
        pk = self.request.POST.get("extension", "")
        return get_object_or_404(
            DeadlineExtension, pk=pk if pk.isdigit() else 0, report=self.report
        )

    def grant_extension(self):
        extension = self._extension()
        form = forms.GrantExtensionForm(self.request.POST, prefix=f"grant{extension.pk}")
        if not form.is_valid():
            return self._redisplay(
                _("The extension was not granted."), f"grant-{extension.pk}", form
            )
        services.grant_extension(
            extension,
            by=self.request.user,
            until=form.cleaned_data["until"],
            comment=form.cleaned_data["comment"],
        )
        return self._done(_("The extension has been granted."))

    def refuse_extension(self):
        extension = self._extension()
        form = forms.RefuseExtensionForm(self.request.POST, prefix=f"refuse{extension.pk}")
        if not form.is_valid():
            return self._redisplay(
                _("The extension was not refused."), f"refuse-{extension.pk}", form
            )
        services.refuse_extension(
            extension, by=self.request.user, comment=form.cleaned_data["comment"]
        )
        return self._done(_("The extension has been refused."))


class EvidenceDownloadView(PermissionCheckedMixin, View):
    """Staff download of a partner's evidence from the review screen; every download is
    recorded in the audit log."""

    permission_policy = ReviewPermissionPolicy(Report)
    permission_required = "review"

    def get(self, request, pk):
        evidence = get_object_or_404(Evidence, pk=pk)
        response = evidence_response(evidence)
        services.log_staff_download(evidence, request.user)
        return response
