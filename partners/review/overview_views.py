"""The period overview in the Wagtail admin: who has (not) handed in a period's report, the
deadline that counts, who asked for more time, the last activity and the reviewer; "send
reminder now" for a selection of organisations, and the overview as a CSV file."""

import io

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import QueryDict, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from goedwerk.forms import SafeForm
from goedwerk.spreadsheets import BYTE_ORDER_MARK, csv_writer, dialect_from, in_language, safe_text
from partners import audit
from partners.models import Organisation, ReportingPeriod, ReportStatus
from partners.reporting import reminders
from partners.reporting.permissions import may_review

from . import overview

URL_NAMESPACE = "partners_review_overview"
#: Organisations per page of the overview (the CSV export has them all).
PER_PAGE = 100
#: Organisations per chunk of the streamed CSV export.
CSV_CHUNK = 500


def _require_reviewer(user) -> None:
    if not may_review(user):
        raise PermissionDenied


def status_choices():
    return [(overview.NOT_STARTED, gettext_lazy("Not started")), *ReportStatus.choices]


class OverviewFilterForm(SafeForm):
    period = django_forms.ChoiceField(label=gettext_lazy("Reporting period"), required=False)
    status = django_forms.MultipleChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=status_choices,
        widget=django_forms.CheckboxSelectMultiple,
    )
    overdue = django_forms.BooleanField(label=gettext_lazy("Overdue only"), required=False)
    pending = django_forms.BooleanField(
        label=gettext_lazy("Waiting extension request only"), required=False
    )

    def __init__(self, *args, periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(str(p.pk), p.name) for p in periods]


class PeriodOverviewMixin:
    """The chosen period and the filtered rows, shared by the page and its CSV export."""

    def dispatch(self, request, *args, **kwargs):
        _require_reviewer(request.user)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def periods(self) -> list[ReportingPeriod]:
        return list(ReportingPeriod.objects.order_by("-starts_on", "pk"))

    @cached_property
    def filter_form(self) -> OverviewFilterForm:
        form = OverviewFilterForm(self.request.GET, periods=self.periods)
        form.is_valid()  # invalid values are left out of cleaned_data: no filter for them
        return form

    @cached_property
    def period(self) -> ReportingPeriod | None:
        requested = self.filter_form.cleaned_data.get("period") or None
        return overview.choose_period(self.periods, requested, timezone.localdate())

    def get_queryset(self):
        """The chosen period's organisations, annotated and filtered (needs a period)."""
        data = self.filter_form.cleaned_data
        return overview.filter_overview(
            overview.overview_queryset(self.period),
            statuses=data.get("status") or (),
            overdue=data.get("overdue", False),
            pending=data.get("pending", False),
        )

    def query_string(self) -> str:
        data = self.filter_form.cleaned_data
        params = [("period", self.period.pk)] if self.period else []
        params += [("status", status) for status in data.get("status") or ()]
        params += [(name, "1") for name in ("overdue", "pending") if data.get(name)]
        return urlencode(params)


class PeriodOverviewView(PeriodOverviewMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "partners/review/overview.html"
    page_title = gettext_lazy("Period overview")
    header_icon = "list-ul"

    def get_page_subtitle(self):
        return self.period.name if self.period else ""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows, page = [], None
        if self.period is not None:
            # Count and order the ids, then annotate one page of rows: a database computes the
            # subqueries of the select list for every row it sorts, not only for the page.
            paginator = WagtailPaginator(self.get_queryset().values_list("pk", flat=True), PER_PAGE)
            page = paginator.get_page(self.request.GET.get("p"))
            ids = list(page.object_list)
            annotated = overview.overview_queryset(self.period).in_bulk(ids)
            rows = overview.rows([annotated[pk] for pk in ids], _("Not started"))
            context["elided_page_range"] = paginator.get_elided_page_range(page.number)
        query = self.query_string()
        context.update(
            period=self.period,
            filter_form=self.filter_form,
            rows=rows,
            page_obj=page,
            total=page.paginator.count if page else 0,
            review_url_name="partners_review_reports:review",
            export_url=f"{reverse(f'{URL_NAMESPACE}:export')}?{query}",
            query=query,
            interval_hours=int(reminders.now_interval().total_seconds() // 3600),
            can_remind=any(not row.handed_in for row in rows),
        )
        return context

    def post(self, request, *args, **kwargs):
        """Send reminder now to the organisations ticked (``organisation``) for ``period``."""
        period = next((p for p in self.periods if str(p.pk) == request.POST.get("period")), None)
        back = reverse(f"{URL_NAMESPACE}:index")
        if period is None:
            messages.error(request, _("Choose a reporting period."))
            return redirect(back)
        query = QueryDict(request.POST.get("query", "")).urlencode()
        back = f"{back}?{query or urlencode({'period': period.pk})}"
        ids = [pk for pk in request.POST.getlist("organisation") if pk.isdigit()]
        organisations = list(
            Organisation.objects.filter(overview.in_period(period), pk__in=ids).order_by(
                "name", "pk"
            )
        )
        if not organisations:
            messages.error(request, _("Select at least one organisation to remind."))
            return redirect(back)
        outcomes = {}
        for organisation in organisations:
            outcome = reminders.send_now(organisation, period, by=request.user)
            outcomes.setdefault(outcome, []).append(organisation.name)
        self._report(outcomes)
        return redirect(back)

    def _report(self, outcomes: dict) -> None:
        request, Now = self.request, reminders.NowOutcome
        sent = outcomes.get(Now.SENT, [])
        if sent:
            messages.success(
                request,
                ngettext(
                    "Reminder sent to %(count)d organisation: %(names)s.",
                    "Reminders sent to %(count)d organisations: %(names)s.",
                    len(sent),
                )
                % {"count": len(sent), "names": ", ".join(sent)},
            )
        hours = int(reminders.now_interval().total_seconds() // 3600)
        skipped = (
            (
                Now.RECENT,
                ngettext(
                    "Not sent to %(names)s: a reminder was sent in the last %(hours)d hour.",
                    "Not sent to %(names)s: a reminder was sent in the last %(hours)d hours.",
                    hours,
                ),
            ),
            (Now.HANDED_IN, _("Not sent to %(names)s: the report has been handed in.")),
            (
                Now.NO_RECIPIENTS,
                _("Not sent to %(names)s: no member has an e-mail address."),
            ),
        )
        for outcome, text in skipped:
            names = outcomes.get(outcome)
            if names:
                messages.warning(request, text % {"names": ", ".join(names), "hours": hours})


class PeriodOverviewExportView(PeriodOverviewMixin, View):
    """The overview as shown (period and filters) as CSV for Dutch Excel: ";" between cells,
    UTF-8 with a byte order mark, formulas neutralised. Logged like the other exports.

    Streamed: the matching ids are read first (one query), then the rows in chunks of
    ``CSV_CHUNK`` organisations (two queries each, as a page of the overview), so memory does
    not grow with the number of organisations."""

    def get(self, request, *args, **kwargs):
        if self.period is None:
            raise PermissionDenied  # nothing to export; no period exists
        ids = list(self.get_queryset().values_list("pk", flat=True))
        filename = f"goedwerk-overzicht-{slugify(self.period.name)}.csv"
        response = StreamingHttpResponse(
            in_language(self._lines(ids, dialect_from(request.GET.get("csv"))), get_language()),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        patch_cache_control(response, private=True, no_store=True)
        log(
            self.period,
            audit.REPORTS_EXPORT,
            user=request.user,
            data={"format": "csv", "overview": True, "organisations": len(ids)},
        )
        return response

    def _lines(self, ids: list[int], dialect: str):
        buffer = io.StringIO()
        writer = csv_writer(buffer, dialect)
        yield BYTE_ORDER_MARK
        writer.writerow(
            [
                _("Organisation"),
                _("Status"),
                _("Deadline"),
                _("Overdue"),
                _("Extension asked until"),
                _("Last activity"),
                _("Reviewer"),
            ]
        )
        yes, not_started = _("yes"), _("Not started")
        for start in range(0, len(ids), CSV_CHUNK):
            chunk = ids[start : start + CSV_CHUNK]
            annotated = overview.overview_queryset(self.period).in_bulk(chunk)
            found = [annotated[pk] for pk in chunk if pk in annotated]  # in the overview's order
            for row in overview.rows(found, not_started):
                writer.writerow(
                    [
                        safe_text(row.organisation.name),
                        safe_text(row.status_label),
                        row.deadline.isoformat(),
                        yes if row.overdue else "",
                        row.pending_until.isoformat() if row.pending_until else "",
                        timezone.localtime(row.last_activity).strftime("%Y-%m-%d %H:%M")
                        if row.last_activity
                        else "",
                        safe_text(row.reviewer),
                    ]
                )
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
