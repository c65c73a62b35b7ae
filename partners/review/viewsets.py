"""The "Covenant reports" area of the Wagtail admin: a listing to pick reports from, the review
screen, the staff evidence download and the report's history (Wagtail's own history view over
the audit log). There are no add, edit, copy or delete views for reports."""

import django_filters
from django import forms as django_forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton, ListingButton
from wagtail.models import ModelLogEntry

from partners.models import (
    Commitment,
    CommitmentResponse,
    Evidence,
    IndicatorValue,
    Organisation,
    Report,
    ReportingPeriod,
    ReportStatus,
)
from partners.reporting.deadlines import DEADLINE, is_overdue, with_deadline
from partners.reporting.models import DeadlineExtension, ExtensionStatus

from .choosers import organisation_chooser_viewset
from .permissions import ReviewPermissionPolicy
from .views import URL_NAMESPACE, EvidenceDownloadView, ReviewView


def _source_commitments():
    from django.conf import settings

    return Commitment.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by(
        "party", "order", "pk"
    )


class ReportFilterSet(WagtailFilterSet):
    period = django_filters.ModelChoiceFilter(
        label=_("Reporting period"), queryset=ReportingPeriod.objects.order_by("-starts_on")
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=ReportStatus.choices,
        widget=django_forms.CheckboxSelectMultiple,
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        # A chooser, not a <select> with every organisation of the coalition in the page.
        widget=organisation_chooser_viewset.widget_class,
    )
    commitment = django_filters.ModelChoiceFilter(
        label=_("Commitment"),
        queryset=_source_commitments(),
        method="filter_commitment",
        help_text=_("Reports with answers, notes or evidence on this commitment."),
    )

    class Meta:
        model = Report
        fields = ["period", "status", "organisation", "commitment"]

    def filter_commitment(self, queryset, name, value):
        if not value:
            return queryset
        report = OuterRef("pk")
        return queryset.filter(
            Exists(IndicatorValue.objects.filter(report=report, indicator__commitment=value))
            | Exists(CommitmentResponse.objects.filter(report=report, commitment=value))
            | Exists(Evidence.objects.filter(report=report, commitment=value))
        )


class AbsoluteDateColumn(Column):
    """A date or time as it is ("12 March 2026, 14:05"), never "3 months ago"."""

    cell_template_name = "partners/review/tables/absolute_date_cell.html"

    def __init__(self, *args, date_format="DATE_FORMAT", **kwargs):
        super().__init__(*args, **kwargs)
        self.date_format = date_format


class DeadlineColumn(Column):
    """The deadline that counts, with "overdue" and a waiting extension request marked."""

    cell_template_name = "partners/review/tables/deadline_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        today = timezone.localdate()
        context["overdue"] = is_overdue(instance.status, getattr(instance, DEADLINE), today)
        context["pending_extension"] = getattr(instance, "pending_extension", False)
        return context


class ReportIndexView(generic.IndexView):
    default_ordering = "submitted_at"
    page_title = _("Covenant reports")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organisation", "period")

    @staticmethod
    def annotate_rows(queryset):
        """The deadline that counts and a waiting extension request: correlated subqueries, so
        they are computed for the rows of one page only (see ``paginate_queryset``)."""
        pending = DeadlineExtension.objects.filter(
            report=OuterRef("pk"), status=ExtensionStatus.PENDING
        )
        return with_deadline(queryset.annotate(pending_extension=Exists(pending)))

    def paginate_queryset(self, queryset, page_size):
        """Count and order without the subqueries (a database computes them for every row it
        sorts: 76,000 reports at 10,000 organisations), then annotate the page's rows."""
        paginator, page, _rows, is_paginated = super().paginate_queryset(queryset, page_size)
        ids = list(page.object_list.values_list("pk", flat=True))
        annotated = self.annotate_rows(
            Report.objects.filter(pk__in=ids).select_related("organisation", "period")
        ).in_bulk()
        page.object_list = [annotated[pk] for pk in ids]
        return paginator, page, page.object_list, is_paginated

    def order_queryset(self, queryset):
        if self.ordering in (DEADLINE, f"-{DEADLINE}"):
            queryset = with_deadline(queryset)  # sorting on it needs it on every row
        # Oldest submission first; reports not submitted yet at the end (on every database).
        if self.ordering in ("submitted_at", "-submitted_at"):
            field = F("submitted_at")
            order = (
                field.asc(nulls_last=True)
                if self.ordering == "submitted_at"
                else field.desc(nulls_last=True)
            )
            return queryset.order_by(order, "organisation__name", "pk")
        return super().order_queryset(queryset)

    def get_edit_url(self, instance):
        return reverse(f"{URL_NAMESPACE}:review", args=[instance.pk])

    def get_list_more_buttons(self, instance):
        return [
            ListingButton(
                gettext("History"),
                url=reverse(f"{URL_NAMESPACE}:history", args=[instance.pk]),
                icon_name="history",
                priority=10,
            )
        ]


class ReportHistoryView(HistoryView):
    """Wagtail's history view, readable with the review permission, covering the report's own
    entries and those of its evidence (uploads and staff downloads)."""

    any_permission_required = ["review"]

    def get_edit_url(self, instance):
        return reverse(f"{URL_NAMESPACE}:review", args=[instance.pk])

    @property
    def header_buttons(self):
        return [
            HeaderButton(
                label=gettext("Review report"),
                url=self.get_edit_url(self.object),
                icon_name="tasks",
            )
        ]

    def get_base_queryset(self):
        evidence_ids = [str(pk) for pk in self.object.evidence.values_list("pk", flat=True)]
        queryset = ModelLogEntry.objects.filter(
            Q(
                content_type=ContentType.objects.get_for_model(Report),
                object_id=str(self.object.pk),
            )
            | Q(
                content_type=ContentType.objects.get_for_model(Evidence),
                object_id__in=evidence_ids,
            )
        )
        return self._annotate_queryset(queryset)


STATUS_PRIMARY = {ReportStatus.SUBMITTED, ReportStatus.APPROVED}


class ReportReviewViewSet(ModelViewSet):
    model = Report
    name = URL_NAMESPACE
    url_prefix = "partners/reports"
    icon = "tasks"
    menu_label = _("Covenant reports")
    menu_order = 305
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = ReportIndexView
    history_view_class = ReportHistoryView
    filterset_class = ReportFilterSet
    search_fields = ["organisation__name", "period__name"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        "organisation",
        Column("period", label=_("Reporting period"), sort_key="period__starts_on"),
        StatusTagColumn(
            "get_status_display",
            label=_("Status"),
            sort_key="status",
            primary=lambda report: report.status in STATUS_PRIMARY,
        ),
        AbsoluteDateColumn(
            "submitted_at",
            label=_("Submitted"),
            sort_key="submitted_at",
            date_format="SHORT_DATETIME_FORMAT",
        ),
        DeadlineColumn("deadline_due", label=_("Deadline"), sort_key="deadline_due"),
    ]

    @property
    def permission_policy(self):
        return ReviewPermissionPolicy(self.model)

    @property
    def review_view(self):
        return ReviewView.as_view()

    @property
    def evidence_view(self):
        return EvidenceDownloadView.as_view()

    def get_urlpatterns(self):
        """Only reading and reviewing: no add, edit, delete, copy or usage views."""
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("review/<int:pk>/", self.review_view, name="review"),
            path("evidence/<int:pk>/", self.evidence_view, name="evidence"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "usage_url_name"):
            kwargs[name] = None
        return kwargs

    def register_admin_url_finder(self):
        """Wagtail's "edit" URL finder would point at a view that does not exist."""

    def get_permissions_to_register(self):
        from django.contrib.auth.models import Permission

        return Permission.objects.filter(
            content_type__app_label="partners",
            codename__in=["review_report", "view_evidence"],
        )


VIEWSETS = [ReportReviewViewSet(), organisation_chooser_viewset]
