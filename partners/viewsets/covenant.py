"""Admin for the covenant, its commitments, indicators and reporting periods.

Covenant, Commitment and Indicator are translatable snippets: wagtail-localize adds "Translate"
to their action menus. Staff edit the Dutch (source) rows; the portal shows the translation of
the visitor's language when there is one.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from goedwerk.forms import SafeAdminFormsMixin
from partners import audit  # noqa: F401  (registers the reports' audit-log actions)
from partners.models import Commitment, Covenant, Indicator, ReportingPeriod


class CovenantViewSet(SafeAdminFormsMixin, SnippetViewSet):
    model = Covenant
    icon = "doc-full"
    menu_label = _("Covenants")
    list_display = ["title", "signed_on", "ends_on"]
    search_fields = ["title"]
    search_backend_name = None
    panels = [
        FieldPanel("title"),
        FieldPanel("code"),
        FieldRowPanel([FieldPanel("signed_on"), FieldPanel("ends_on")]),
        FieldPanel("description"),
    ]


class CommitmentViewSet(SafeAdminFormsMixin, SnippetViewSet):
    model = Commitment
    icon = "tasks"
    menu_label = _("Commitments")
    list_display = ["title", "code", "party", "covenant", "order"]
    search_fields = ["title", "code"]
    search_backend_name = None
    list_filter = ["party", "allows_not_applicable"]
    ordering = ["covenant", "party", "order"]
    panels = [
        FieldPanel("covenant"),
        FieldRowPanel([FieldPanel("party"), FieldPanel("order"), FieldPanel("code")]),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("allows_not_applicable"),
    ]


class IndicatorViewSet(SafeAdminFormsMixin, SnippetViewSet):
    model = Indicator
    icon = "list-ol"
    menu_label = _("Indicators")
    list_display = ["label", "code", "commitment", "value_type", "required"]
    search_fields = ["label", "code"]
    search_backend_name = None
    list_filter = ["value_type", "required", "commitment__party"]
    ordering = ["commitment__party", "commitment__order", "order"]
    panels = [
        FieldPanel("commitment"),
        FieldRowPanel([FieldPanel("order"), FieldPanel("code")]),
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldRowPanel([FieldPanel("value_type"), FieldPanel("unit"), FieldPanel("required")]),
        MultiFieldPanel(
            [FieldPanel("choice_codes"), FieldPanel("choice_labels")],
            heading=_("Choices (only for the type 'choice')"),
        ),
        FieldPanel("part_of"),
        FieldPanel("parts_add_up"),
    ]


class ReportingPeriodViewSet(SafeAdminFormsMixin, SnippetViewSet):
    model = ReportingPeriod
    icon = "date"
    menu_label = _("Reporting periods")
    list_display = ["name", "starts_on", "ends_on", "opens_on", "deadline"]
    ordering = ["-starts_on"]
    panels = [
        FieldPanel("covenant"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("deadline")]),
    ]


class CovenantViewSetGroup(SnippetViewSetGroup):
    items = (CovenantViewSet, CommitmentViewSet, IndicatorViewSet, ReportingPeriodViewSet)
    menu_label = _("Covenant")
    menu_icon = "doc-full"
    menu_order = 310


VIEWSETS: list = [CovenantViewSetGroup()]
