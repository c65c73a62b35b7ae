"""The review screen in the Wagtail admin and the staff download of evidence.

The review screen shows every indicator (labels in the admin's language) with this period's and
the previous period's answers, the partner's notes and evidence, the verdicts, comments, extension
requests and the audit timeline. The figures come first, each count with its change against the
previous period (marked in words beyond ``REVIEW_CHANGE_THRESHOLD_PERCENT``) and a mark on the
answers changed since the submission before; beside each commitment its verdict, and at the end
one decision: the whole review is one form, saved at once by ``decisions.review``. Its POST
actions are the only way staff act on a report, and
none of them can set a status or a figure: whole-report decisions go through
``Report.transition_to`` in ``partners.reporting.decisions``.
"""

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats
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
from partners.reporting.emails import thread_anchor
from partners.reporting.models import (
    CommitmentVerdict,
    DeadlineExtension,
    ExtensionStatus,
    Verdict,
)
from partners.reporting.structure import (
    answers_of,
    attach_previous,
    build_sections,
    change_between,
    format_value,
    last_submitted_answers,
    previous_report,
)
from partners.reporting.thread import threads_for

from . import forms
from .permissions import ReviewPermissionPolicy

URL_NAMESPACE = "partners_review_reports"


def review_url(report) -> str:
    return reverse(f"{URL_NAMESPACE}:review", args=[report.pk])


def threshold_percent() -> float:
    return float(getattr(settings, "REVIEW_CHANGE_THRESHOLD_PERCENT", 25))


MINUS = "\N{MINUS SIGN}"


def signed_number(number) -> str:
    text = formats.number_format(abs(number), use_l10n=True, force_grouping=True)
    return f"+{text}" if number > 0 else (f"{MINUS}{text}" if number < 0 else text)


def describe_change(change) -> dict | None:
    """A change (``structure.change_between``) as the screen shows it."""
    if change is None:
        return None
    percent = ""
    if change.percent is not None:
        rounded = round(change.percent, 1)
        text = formats.number_format(abs(rounded), 1, use_l10n=True)
        sign = "+" if rounded > 0 else (MINUS if rounded < 0 else "")
        percent = f"{sign}{text} %"
    return {"absolute": signed_number(change.absolute), "percent": percent, "sharp": change.sharp}


def error_summary(forms_shown) -> list[dict]:
    """Every error of the forms shown, each linking to its field (radio buttons: the first)."""
    items = []
    for form in forms_shown:
        if form is None or not form.is_bound or not form.errors:
            continue
        for error in form.non_field_errors():
            items.append({"href": "", "label": "", "message": error})
        for field in form:
            for error in field.errors:
                href = ""
                if not field.is_hidden:
                    radio = isinstance(field.field.widget, django_forms.RadioSelect)
                    suffix = "_0" if radio else ""
                    href = f"#{field.auto_id}{suffix}"
                items.append({"href": href, "label": field.label, "message": error})
    return items


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
    def reviewing(self) -> bool:
        return self.report.status == ReportStatus.SUBMITTED

    @cached_property
    def verdict_rounds(self) -> tuple[dict, dict]:
        """({commitment_id: verdict on the submission under review}, {commitment_id: [verdicts
        on earlier submissions]}) in one query."""
        report, current, earlier = self.report, {}, {}
        for verdict in CommitmentVerdict.objects.filter(report=report).select_related("decided_by"):
            if report.submitted_at is not None and verdict.submitted_at == report.submitted_at:
                current[verdict.commitment_id] = verdict
            else:
                earlier.setdefault(verdict.commitment_id, []).append(verdict)
        return current, earlier

    def _titles_needing_changes(self, verdicts: dict) -> list[str]:
        return [
            section.text.title
            for section in self.sections
            if verdicts.get(section.commitment.pk) == Verdict.NEEDS_CHANGES
        ]

    @cached_property
    def needs_changes_titles(self) -> list[str]:
        current = self.verdict_rounds[0]
        return self._titles_needing_changes({pk: v.verdict for pk, v in current.items()})

    @cached_property
    def sections(self):
        report = self.report
        sections = build_sections(report.period, report.party)
        attach_previous(sections, previous_report(report.period, report.organisation))
        return sections

    @property
    def allowed_decisions(self) -> set:
        moves = self.staff_moves
        allowed = {services.SAVE_VERDICTS}
        if ReportStatus.APPROVED in moves:
            allowed.add(services.APPROVE)
        if ReportStatus.CHANGES_REQUESTED in moves:
            allowed.add(services.REQUEST_CHANGES)
        return allowed

    def decision_form(self, data=None, needs_changes=()):
        initial = {
            "version": self.report.version,
            "decision": services.SAVE_VERDICTS,
            "resubmit_by": default_resubmit_by(self.report),
        }
        return forms.DecisionForm(
            data,
            initial=initial,
            prefix="decision",
            allowed=self.allowed_decisions,
            needs_changes=needs_changes,
        )

    def verdict_form(self, section, data=None):
        pk = section.commitment.pk
        if data is not None:
            return forms.ReviewVerdictForm(data, prefix=f"c{pk}")
        verdict, initial = self.verdict_rounds[0].get(pk), {}
        if verdict:
            initial = {"verdict": verdict.verdict, "comment": verdict.comment}
        return forms.ReviewVerdictForm(initial=initial, prefix=f"c{pk}")

    def comment_form(self, commitment_id):
        """The comment form of a commitment's thread; inside the one review form its fields
        belong to a separate ``<form>`` after it (``thread_anchor`` + ``-form``)."""
        bound = self.bound.get(f"comment-{commitment_id}")
        if bound is not None:
            return bound
        form_id = f"{thread_anchor(commitment_id)}-form" if self.reviewing else ""
        return forms.CommentForm(prefix=f"comment{commitment_id}", form_id=form_id)

    def _sections_context(self, evidence, verdicts, earlier, threads):
        values, responses = answers_of(self.report)
        before = last_submitted_answers(self.report)
        before_values = (before or {}).get("values", {})
        before_responses = (before or {}).get("responses", {})
        threshold = threshold_percent()
        result = []
        for section in self.sections:
            pk = section.commitment.pk
            form = None
            if self.reviewing:
                form = self.bound.get(f"verdict-{pk}") or self.verdict_form(section)
            response = responses.get(pk)
            rows = []
            for row in section.rows:
                value = values.get(row.indicator.pk)
                raw = value.raw if value is not None else ""
                earlier_raw = before_values.get(str(row.indicator.pk), "")
                rows.append(
                    {
                        "row": row,
                        "value": format_value(row, value),
                        "invalid": value is not None and not value.is_valid,
                        "change": describe_change(change_between(row, value, threshold)),
                        "changed": before is not None and raw != earlier_raw,
                        "before": earlier_raw,
                    }
                )
            now_response = {
                "not_applicable": bool(response and response.not_applicable),
                "explanation": response.explanation if response else "",
                "notes": response.notes if response else "",
            }
            then_response = {
                "not_applicable": False,
                "explanation": "",
                "notes": "",
                **before_responses.get(str(pk), {}),
            }
            result.append(
                {
                    "section": section,
                    "response": response,
                    "response_changed": before is not None and now_response != then_response,
                    "rows": rows,
                    "changed_count": sum(1 for r in rows if r["changed"]),
                    "sharp_count": sum(1 for r in rows if r["change"] and r["change"]["sharp"]),
                    "evidence": [e for e in evidence if e.commitment_id == pk],
                    "verdict": verdicts.get(pk),
                    "earlier": earlier.get(pk, []),
                    "form": form,
                    "thread": threads.of(pk),
                    "thread_anchor": thread_anchor(pk),
                    "comment_form": self.comment_form(pk),
                }
            )
        return result, before is not None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.report
        record_report_view(self.request.user, report)
        evidence = list(
            report.evidence.select_related("uploaded_by", "withdrawn_by", "superseded_by").order_by(
                "uploaded_at"
            )
        )
        current, earlier = self.verdict_rounds
        extensions = list(
            DeadlineExtension.objects.filter(report=report).select_related(
                "requested_by", "decided_by"
            )
        )
        previous = previous_report(report.period, report.organisation)
        version = {"version": report.version}
        moves = self.staff_moves
        threads = threads_for(report, include_internal=True)
        sections, compared = self._sections_context(evidence, current, earlier, threads)
        decision_form = None
        if self.reviewing:
            decision_form = self.bound.get("decision") or self.decision_form()
        reopen_form = (
            self.bound.get("reopen") or forms.ReopenForm(initial=version, prefix="reopen")
            if ReportStatus.REOPENED in moves
            else None
        )
        comment_form = self.bound.get("comment") or forms.CommentForm(prefix="comment")
        extension_forms = []
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
                extension_forms += [extension.grant_form, extension.refuse_form]
        context.update(
            report=report,
            organisation=report.organisation,
            period=report.period,
            previous=previous,
            deadline=deadline_for(report),
            sections=sections,
            compared_with_submission=compared,
            threshold=formats.number_format(
                int(threshold_percent())
                if threshold_percent().is_integer()
                else threshold_percent(),
                use_l10n=True,
            ),
            changed_count=sum(item["changed_count"] for item in sections),
            sharp_count=sum(item["sharp_count"] for item in sections),
            general_evidence=[e for e in evidence if e.commitment_id is None],
            comments=threads.report,
            extensions=extensions,
            timeline=timeline_for(report, [e.pk for e in evidence]),
            history_url=reverse(f"{URL_NAMESPACE}:history", args=[report.pk]),
            decision_form=decision_form,
            allowed_decisions=self.allowed_decisions,
            review_errors=error_summary([*(item["form"] for item in sections), decision_form]),
            other_errors=error_summary(
                [
                    reopen_form,
                    comment_form,
                    *(item["comment_form"] for item in sections),
                    *extension_forms,
                ]
            ),
            reopen_form=reopen_form,
            comment_form=comment_form,
            needs_changes=self.needs_changes_titles,
        )
        return context

    # --- actions ----------------------------------------------------------------------------

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        handler = {
            "review": self.review,
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
        for name in ("reviewing", "staff_moves", "verdict_rounds", "needs_changes_titles"):
            self.__dict__.pop(name, None)  # computed before the refresh
        context = self.get_context_data()
        return self.render_to_response(context, status=400)

    def review(self, data=None, *, with_verdicts=True, failure=None):
        """The one form: every verdict and the decision, saved at once by
        ``decisions.review``. When anything is wrong nothing is saved and the screen comes back
        with everything as typed (status 400). ``with_verdicts=False``: a decision alone
        (the separate approve and request-changes actions)."""
        data = self.request.POST if data is None else data
        failure = failure or _("Nothing was saved: correct the marked fields.")
        posted, effective = {}, {pk: v.verdict for pk, v in self.verdict_rounds[0].items()}
        verdict_forms = {}
        if with_verdicts:
            for section in self.sections:
                form = self.verdict_form(section, data)
                verdict_forms[section.commitment.pk] = form
                if form.is_valid() and form.cleaned_data["verdict"]:
                    posted[section.commitment.pk] = (
                        form.cleaned_data["verdict"],
                        form.cleaned_data["comment"].strip(),
                    )
                    effective[section.commitment.pk] = form.cleaned_data["verdict"]
        decision = self.decision_form(data, needs_changes=self._titles_needing_changes(effective))
        for pk, form in verdict_forms.items():
            self.bound[f"verdict-{pk}"] = form
        self.bound["decision"] = decision
        valid = decision.is_valid() and all(form.is_valid() for form in verdict_forms.values())
        if not valid:
            return self._redisplay(failure)
        cleaned = decision.cleaned_data
        try:
            services.review(
                self.report,
                by=self.request.user,
                verdicts=posted,
                decision=cleaned["decision"],
                comment=cleaned["comment"],
                resubmit_by=cleaned["resubmit_by"],
                expected_version=cleaned["version"],
            )
        except StaleReport:
            # Shown again as typed, with the report's current version: check, then retry.
            self.report.refresh_from_db()
            again = data.copy() if hasattr(data, "copy") else dict(data)
            again[decision.add_prefix("version")] = str(self.report.version)
            self.bound["decision"] = self.decision_form(again, needs_changes=decision.needs_changes)
            self.bound["decision"].is_valid()
            raise
        return self._done(
            {
                services.APPROVE: _("The report has been approved."),
                services.REQUEST_CHANGES: _("Changes have been requested from the partner."),
                services.SAVE_VERDICTS: _("The verdicts have been saved."),
            }[cleaned["decision"]]
        )

    def approve(self):
        """The decision alone, as the separate approve form posted it."""
        post = self.request.POST
        data = {
            "decision-decision": services.APPROVE,
            "decision-version": post.get("version", ""),
            "decision-comment": post.get("comment", ""),
        }
        return self.review(data, with_verdicts=False, failure=_("The report was not approved."))

    def request_changes(self):
        """The decision alone, as the separate request-changes form posted it."""
        post = self.request.POST
        data = {
            "decision-decision": services.REQUEST_CHANGES,
            "decision-version": post.get("changes-version", ""),
            "decision-comment": post.get("changes-comment", ""),
            "decision-resubmit_by": post.get("changes-resubmit_by", ""),
        }
        return self.review(data, with_verdicts=False, failure=_("Changes were not requested."))

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
        """A comment in the report's thread, or (``commitment`` posted) in a commitment's."""
        pk = self.request.POST.get("commitment", "")
        section, prefix, key, form_id = None, "comment", "comment", ""
        if pk:
            section = next((s for s in self.sections if str(s.commitment.pk) == pk), None)
            if section is None:
                raise Http404
            prefix = f"comment{section.commitment.pk}"
            key = f"comment-{section.commitment.pk}"
            if self.reviewing:
                form_id = f"{thread_anchor(section.commitment.pk)}-form"
        form = forms.CommentForm(self.request.POST, prefix=prefix, form_id=form_id)
        if not form.is_valid():
            return self._redisplay(_("The comment was not saved."), key, form)
        commitment = section.commitment if section else None
        services.add_comment(
            self.report,
            by=self.request.user,
            text=form.cleaned_data["text"],
            internal=form.cleaned_data["internal"],
            commitment=commitment,
        )
        messages.success(self.request, _("Comment added."))
        anchor = thread_anchor(commitment.pk if commitment else None)
        return redirect(f"{review_url(self.report)}#{anchor}")

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
