"""Wagtail admin views: the coalition dashboard and the exports of a reporting period."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from goedwerk.spreadsheets import dialect_from, in_language
from partners import audit
from partners.models import ReportingPeriod
from partners.reporting.permissions import may_view_insight

from . import chartfiles, charts, comparable, exports, stats
from .models import source_covenant

EXPORT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
STATUS_COLUMNS = [
    (stats.NOT_STARTED, gettext_lazy("Not started")),
    ("draft", gettext_lazy("Draft")),
    ("submitted", gettext_lazy("Submitted")),
    ("changes_requested", gettext_lazy("Changes requested")),
    ("reopened", gettext_lazy("Reopened")),
    ("approved", gettext_lazy("Approved")),
    (stats.OVERDUE, gettext_lazy("Overdue")),
]


def can_view_insight(user) -> bool:
    return may_view_insight(user)


def _require_insight(user) -> None:
    if not can_view_insight(user):
        raise PermissionDenied


def choose_period(periods: list[ReportingPeriod], requested: str | None, today=None):
    """The requested period, else the latest one open for reporting, else the latest one."""
    by_id = {str(period.pk): period for period in periods}
    if requested in by_id:
        return by_id[requested]
    today = today or timezone.localdate()
    opened = [period for period in periods if period.is_open(today)]
    return (opened or periods or [None])[-1]


def staff_charts(covenant, trends: stats.Trends) -> dict[str, charts.Chart]:
    """The dashboard's charts by key, each with its caption and download links: approved
    reports per period, and per commitment the trend of the same organisations in every period
    (``comparable``). The chart download view draws the same charts."""
    found = {}
    if trends.periods:
        approved = charts.bar_chart(
            _("Approved reports per period"), trends.period_labels, trends.approved
        )
        approved.key = "approved"
        approved.caption = [comparable.basis(trends)]
        found[approved.key] = approved
    comparison = comparable.same_organisation_trends(trends)
    for commitment in trends.commitments:
        chart = charts.comparison_chart(comparison, commitment)
        if chart is not None:
            found[chart.key] = chart
    for chart in found.values():
        chart.downloads = [
            (
                _("Download %(format)s") % {"format": fmt.upper()},
                reverse("partners_insight:chart", args=[chart.key, fmt]),
            )
            for fmt in chartfiles.FORMATS
        ]
    return found


class DashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "partners_insight/admin/dashboard.html"
    page_title = gettext_lazy("Coalition insight")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        _require_insight(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        covenant = source_covenant()
        context["covenant"] = covenant
        if covenant is None:
            return context
        overview = stats.status_overview(covenant)
        periods = [row.period for row in overview]
        selected = choose_period(periods, self.request.GET.get("period"))
        trends = stats.commitment_trends(covenant, periods)
        found = staff_charts(covenant, trends)
        context.update(
            periods=periods,
            selected=selected,
            overview=[(row, [row[key] for key, _label in STATUS_COLUMNS]) for row in overview],
            status_columns=STATUS_COLUMNS,
            trends=trends,
            commitments=[
                (commitment, found.get(f"commitment-{commitment.commitment.pk}"))
                for commitment in trends.commitments
            ],
            approved_chart=found.get("approved"),
            export_links=[
                (fmt.upper(), reverse("partners_insight:export", args=[selected.pk, fmt]))
                for fmt in EXPORT_FORMATS
            ]
            + [
                (
                    _("%(format)s, approved reports only") % {"format": fmt.upper()},
                    reverse("partners_insight:export", args=[selected.pk, fmt]) + "?approved=1",
                )
                for fmt in EXPORT_FORMATS
            ]
            if selected
            else [],
        )
        return context


def export(request, period_id: int, fmt: str):
    """The period as CSV (streamed; ``;``-separated for Dutch Excel unless ``?csv=plain``) or
    XLSX (built in a temporary file), logged in the audit log as ``partners.reports.export``."""
    _require_insight(request.user)
    if fmt not in EXPORT_FORMATS:
        raise Http404
    period = get_object_or_404(ReportingPeriod.objects.select_related("covenant"), pk=period_id)
    approved_only = request.GET.get("approved") == "1"
    table = exports.PeriodExport(period, approved_only=approved_only)
    filename = f"{table.filename_stem}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            in_language(
                exports.csv_lines(table, dialect_from(request.GET.get("csv"))), get_language()
            ),
            content_type=EXPORT_FORMATS["csv"],
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        response = FileResponse(
            exports.xlsx_file(table),
            as_attachment=True,
            filename=filename,
            content_type=EXPORT_FORMATS["xlsx"],
        )
    patch_cache_control(response, private=True, no_store=True)
    log(
        period,
        audit.REPORTS_EXPORT,
        user=request.user,
        data={
            "format": fmt,
            "organisations": len(table),
            "period": period.name,
            "approved_only": approved_only,
        },
    )
    return response


def chart(request, key: str, fmt: str):
    """One dashboard chart as an SVG or PNG file (same permission as the dashboard)."""
    _require_insight(request.user)
    covenant = source_covenant()
    if fmt not in chartfiles.FORMATS or covenant is None:
        raise Http404
    periods = list(ReportingPeriod.objects.filter(covenant=covenant).order_by("starts_on", "pk"))
    found = staff_charts(covenant, stats.commitment_trends(covenant, periods))
    if key not in found:
        raise Http404
    response = chartfiles.response(found[key], fmt, f"goedwerk-{covenant.code}")
    patch_cache_control(response, private=True, no_store=True)
    return response
