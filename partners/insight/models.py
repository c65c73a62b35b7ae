"""Public pages about the coalition's progress, and the permission to see the staff dashboard.

Both page types are ordinary translatable Wagtail pages: editors write the introduction in Dutch and
translate it with wagtail-localize; the figures and the partner list are computed when the page is
served, in the visitor's language, from approved reports only (see ``partners.insight.stats``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from goedwerk.pages import OneQueryViewRestrictionsMixin, public_condition
from goedwerk.routing import chrome
from partners.models import Covenant, Organisation

from . import chartfiles, charts, comparable, stats

LOGO_RENDITION = "max-240x120"


class InsightPermission(models.Model):
    """Holds no data: it only declares the permission to view the coalition dashboard and the
    exports without being allowed to review reports (e.g. for policy advisers)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_insight", _("Can view the coalition dashboard and export reports")),
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


def source_covenant(chosen: Covenant | None = None) -> Covenant | None:
    """The covenant in the source language: the chosen one (or its source when a translation was
    chosen), else the most recently signed covenant."""
    source = Covenant.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    if chosen is not None:
        return source.filter(translation_key=chosen.translation_key).first()
    return source.order_by("-signed_on", "pk").first()


class CoalitionProgressPage(OneQueryViewRestrictionsMixin, RoutablePageMixin, Page):
    """What the coalition has achieved, per commitment and period, from approved reports.

    The charts compare the same organisations in every period (``comparable``) and can be
    downloaded as SVG or PNG (``chart/<key>/<svg|png>/``), with the same disclosure rule."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    covenant = models.ForeignKey(
        Covenant,
        verbose_name=_("covenant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to show the most recently signed covenant."),
    )
    method_note = RichTextField(
        _("how the figures are made"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown below the figures. Explain where the numbers come from."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("covenant"),
        FieldPanel("method_note"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    template = "partners_insight/coalition_progress_page.html"

    class Meta:
        verbose_name = _("coalition progress page")
        verbose_name_plural = _("coalition progress pages")

    def public_charts(self, progress: stats.Trends | None) -> dict[int, charts.Chart]:
        """{commitment id: like-with-like chart} from the public (disclosure-checked)
        figures, each with its caption and download links."""
        if progress is None:
            return {}
        comparison = comparable.same_organisation_trends(progress, public=True)
        base = self.url
        found = {}
        for commitment in progress.commitments:
            chart = charts.comparison_chart(comparison, commitment)
            if chart is None:
                continue
            chart.downloads = [
                (
                    gettext("Download %(format)s") % {"format": fmt.upper()},
                    base + self.reverse_subpage("chart", args=[chart.key, fmt]).lstrip("/"),
                )
                for fmt in chartfiles.FORMATS
                if base
            ]
            found[commitment.commitment.pk] = chart
        return found

    @path("chart/<slug:key>/<str:fmt>/")
    def chart(self, request, key: str, fmt: str):
        """One of the page's charts as an SVG or PNG file."""
        if fmt not in chartfiles.FORMATS:
            raise Http404
        covenant = source_covenant(self.covenant)
        progress = stats.public_progress(covenant) if covenant else None
        found = {chart.key: chart for chart in self.public_charts(progress).values()}
        if key not in found:
            raise Http404
        return chartfiles.response(found[key], fmt, f"goedwerk-{covenant.code}")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        covenant = source_covenant(self.covenant)
        progress = stats.public_progress(covenant) if covenant else None
        found = self.public_charts(progress)
        context["progress"] = progress
        context["commitments"] = [
            (commitment, found.get(commitment.commitment.pk))
            for commitment in (progress.commitments if progress else [])
        ]
        context["minimum_organisations"] = stats.MIN_ORGANISATIONS
        context["partners_page"] = self.partners_page(request)
        return context

    def partners_page(self, request):
        """The partner list in this page's language: found with the page by the router
        (goedwerk.routing, ``GOEDWERK_LINKED_PAGE_TYPES``), else one query."""

        def query():
            return (
                CoalitionPartnersPage.objects.live()
                .filter(public_condition())
                .filter(locale_id=self.locale_id)
                .first()
            )

        found = chrome(request)
        if (
            found is not None
            and found.chain[-1].pk == self.pk
            and self.locale.language_code == get_language()  # the locale came with the page
        ):
            return found.linked_page(CoalitionPartnersPage, query)
        return query()


class CoalitionPartnersPage(OneQueryViewRestrictionsMixin, Page):
    """The partners of the covenant. The covenant is public, so every partner is listed by name;
    only partners that consented to a public profile show their own figures."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    # The site search finds this page by an employer's name ("Tempo-Team"): the names are
    # indexed with the page, and reindexed when an organisation changes (see apps.py).
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("partner_names", boost=2),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    template = "partners_insight/coalition_partners_page.html"

    class Meta:
        verbose_name = _("coalition partners page")
        verbose_name_plural = _("coalition partners pages")

    @staticmethod
    def partners():
        """Covenant partners (the municipality is the other party, not a partner), with their
        logos' renditions prefetched: a fixed number of queries."""
        images = get_image_model().objects.prefetch_renditions(LOGO_RENDITION)
        return CoalitionPartnersPage.partner_organisations().prefetch_related(
            Prefetch("logo", queryset=images)
        )

    @staticmethod
    def partner_organisations():
        """Who the page lists: the organisations that joined the covenant, but not the
        municipality (the other party)."""
        return (
            Organisation.objects.filter(joined_covenant_on__isnull=False)
            .exclude(kind=Organisation.Kind.MUNICIPALITY)
            .order_by("name")
        )

    def partner_names(self) -> str:
        return "\n".join(self.partner_organisations().values_list("name", flat=True))

    @classmethod
    def reindex(cls) -> None:
        """Update the search index of every live partner list (after an organisation changed)."""
        for page in cls.objects.live():
            index.insert_or_update_object(page)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        partners = list(self.partners())
        covenant = source_covenant()
        figures = (
            stats.consented_figures(covenant, [p for p in partners if p.public_profile_consent])
            if covenant
            else {}
        )
        context["partners"] = [(partner, figures.get(partner.pk)) for partner in partners]
        context["logo_rendition"] = LOGO_RENDITION
        context["progress_page"] = (
            CoalitionProgressPage.objects.live().filter(locale_id=self.locale_id).first()
        )
        return context
