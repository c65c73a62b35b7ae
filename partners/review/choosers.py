"""A chooser for organisations (Wagtail's modal with search and pages), so that the review
listing's organisation filter does not put every organisation of the coalition into the page:
at 10,000 organisations a ``<select>`` alone was half a megabyte of HTML on every listing page."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet

from goedwerk.forms import ControlCharactersMixin
from partners.models import Organisation
from partners.reporting.permissions import may_review


class OrganisationSearchForm(ControlCharactersMixin, BaseFilterForm):
    """Search organisations by (part of) their name or KvK number, in the database. A search
    with control characters is refused (the project's rule) and lists every organisation."""

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
        required=False,
        max_length=255,
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = objects.filter(Q(name__icontains=query) | Q(kvk_number__icontains=query))
            self.is_searching = True
            self.search_query = query
        return objects


class ReviewersOnlyMixin:
    """The organisation list is the review area's: only those who may review open it."""

    def dispatch(self, request, *args, **kwargs):
        if not may_review(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class OrganisationChooseView(ReviewersOnlyMixin, chooser_views.ChooseView):
    filter_form_class = OrganisationSearchForm


class OrganisationChooseResultsView(ReviewersOnlyMixin, chooser_views.ChooseResultsView):
    filter_form_class = OrganisationSearchForm


class OrganisationChooserViewSet(ChooserViewSet):
    model = Organisation
    icon = "group"
    choose_one_text = _("Choose an organisation")
    choose_another_text = _("Choose another organisation")
    choose_view_class = OrganisationChooseView
    choose_results_view_class = OrganisationChooseResultsView
    per_page = 25
    register_widget = False  # only the review listing's filter uses it


organisation_chooser_viewset = OrganisationChooserViewSet("partners_organisation_chooser")
