"""Admin for the covenant, its commitments, indicators and reporting periods.

Covenant, Commitment and Indicator are translatable snippets: wagtail-localize adds "Translate"
to their action menus. Staff edit the Dutch (source) rows; the portal shows the translation of
the visitor's language when there is one, and the Dutch text (marked ``lang="nl"``) when there is
none. The listings have a column "Translations" with the languages each row still lacks, looked up
for the whole page in one query (``translation_status``).
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from goedwerk.forms import SafeAdminFormsMixin
from goedwerk.localization.bulk import translation_status
from partners import audit  # noqa: F401  (registers the reports' audit-log actions)
from partners.models import Commitment, Covenant, Indicator, ReportingPeriod


def _language_name(code: str) -> str:
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


class TranslationStatusColumn(Column):
    """The languages a row is translated into and those it still lacks (site languages)."""

    cell_template_name = "partners/admin/translation_status_cell.html"

    def __init__(self, name="translations", **kwargs):
        kwargs.setdefault("label", _("Translations"))
        super().__init__(name, **kwargs)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        translated, missing = getattr(instance, "translation_status", ([], []))
        context["translated"] = [_language_name(code) for code in translated]
        context["missing"] = [_language_name(code) for code in missing]
        return context


class TranslationStatusIndexView(IndexView):
    """Looks up the translations of all listed rows at once for ``TranslationStatusColumn``,
    and loads the locale and the related rows shown in the listing with the rows themselves."""

    def get_base_queryset(self):
        related = ["locale"]
        for name in self.list_display:
            if isinstance(name, str):
                try:
                    field = self.model._meta.get_field(name)
                except FieldDoesNotExist:
                    continue
                if field.many_to_one:
                    related.append(name)
        return super().get_base_queryset().select_related(*related)

    def get_table(self, object_list):
        object_list = list(object_list)
        status = translation_status(object_list)
        for obj in object_list:
            obj.translation_status = status.get(obj.pk, ([], []))
        return super().get_table(object_list)


class CovenantViewSet(SafeAdminFormsMixin, SnippetViewSet):
    model = Covenant
    icon = "doc-full"
    menu_label = _("Covenants")
    index_view_class = TranslationStatusIndexView
    list_display = ["title", "signed_on", "ends_on", TranslationStatusColumn()]
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
    index_view_class = TranslationStatusIndexView
    list_display = ["title", "code", "party", "covenant", "order", TranslationStatusColumn()]
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
    index_view_class = TranslationStatusIndexView
    list_display = [
        "label",
        "code",
        "commitment",
        "value_type",
        "required",
        TranslationStatusColumn(),
    ]
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
