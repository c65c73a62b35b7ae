"""Page types of the public site. Dutch is the source language; every page is translated with
wagtail-localize into the other locales."""

import json

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from goedwerk.localization import fallback
from goedwerk.pages import OneQueryViewRestrictionsMixin, footer_condition
from home import opening
from home.blocks import CampaignStreamBlock, ContentStreamBlock, HomeStreamBlock
from home.models.info_points import InfoPoint


class HomePage(OneQueryViewRestrictionsMixin, Page):
    """The root of each language tree."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    hero_heading = models.CharField(
        _("hero heading"),
        max_length=120,
        blank=True,
        help_text=_("A large welcome line above the introduction; the page title if empty."),
    )
    body = StreamField(HomeStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_heading"),
        FieldPanel("intro"),
        InlinePanel(
            "featured_campaigns",
            heading=_("Featured campaign pages"),
            label=_("campaign page"),
            max_num=6,
        ),
        FieldPanel("body"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_heading"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def featured_pages(self) -> list[Page]:
        """The featured campaign pages in the visitor's language: the live translation in the
        first language of the fallback chain (goedwerk.localization.fallback) that has one,
        otherwise the chosen page; each with ``shown_language``. One query."""
        chosen = self.featured_campaigns.filter(campaign__isnull=False)
        # The chosen pages and their live translations along the chain, in one query.
        rows = list(
            CampaignPage.objects.filter(
                models.Q(pk__in=chosen.values("campaign"))
                | models.Q(
                    translation_key__in=chosen.values("campaign__translation_key"),
                    locale__language_code__in=fallback.languages(),
                    live=True,
                )
            ).annotate(
                featured_order=models.Subquery(
                    chosen.filter(campaign=models.OuterRef("pk")).values("sort_order")[:1]
                ),
                shown_language=models.F("locale__language_code"),
            )
        )
        translated = fallback.pick(rows)
        pages = []
        for item in sorted(
            (row for row in rows if row.featured_order is not None),
            key=lambda row: row.featured_order,
        ):
            page = translated.get(item.translation_key)
            if page is None and item.live:
                page = item
            if page is not None:
                pages.append(page)
        return pages

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_pages"] = self.featured_pages()
        return context


class HomePageFeaturedCampaign(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_campaigns")
    campaign = models.ForeignKey(
        "home.CampaignPage",
        verbose_name=_("campaign page"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("campaign", page_type="home.CampaignPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured campaign page")
        verbose_name_plural = _("featured campaign pages")


class CampaignPage(OneQueryViewRestrictionsMixin, Page):
    """A theme page: registration, work and rights, housing, health insurance, learning Dutch."""

    intro = models.TextField(
        _("introduction"),
        max_length=400,
        help_text=_("One or two sentences; also shown on the home page and in search results."),
    )
    body = StreamField(CampaignStreamBlock(), verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro", boost=1.5),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.ContentPage"]
    template = "home/campaign_page.html"

    class Meta:
        verbose_name = _("campaign page")
        verbose_name_plural = _("campaign pages")


class ContentPage(OneQueryViewRestrictionsMixin, Page):
    """A plain page, such as the privacy statement or the accessibility statement."""

    intro = models.TextField(_("introduction"), max_length=400, blank=True)
    body = StreamField(ContentStreamBlock(), verbose_name=_("body"), blank=True)
    show_in_footer = models.BooleanField(
        _("show in footer"),
        default=False,
        help_text=_("Link to this page from the footer of every page (privacy, accessibility)."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    promote_panels = [*Page.promote_panels, FieldPanel("show_in_footer")]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("show_in_footer"),
    ]

    parent_page_types = ["home.HomePage", "home.CampaignPage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]
    template = "home/content_page.html"

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")

    @classmethod
    def footer_pages(cls, locale: Locale | None = None):
        """The footer's pages in ``locale`` (goedwerk.pages.footer_condition: content pages
        marked "show in footer", the statements and the partner list). One query."""
        locale = locale or Locale.get_active()
        return (
            Page.objects.live()
            .filter(locale=locale)
            .filter(footer_condition())
            .order_by("path")
            .only("id", "title", "url_path", "path", "depth", "locale_id", "content_type_id")
        )


class InfoPointIndexPage(Page):
    """All info points: address, walk-in hours per day, open now or when next, a route link and
    a phone number that works from a foreign SIM. The points are the info point snippets in the
    language shown (where a point has no translation yet, in the first language of the fallback
    chain that has one: goedwerk.localization.fallback)."""

    intro = models.TextField(_("introduction"), max_length=400, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "home/info_point_index_page.html"

    class Meta:
        verbose_name = _("info point overview")
        verbose_name_plural = _("info point overviews")

    def info_points(self):
        """Every info point once, in the language shown, with its walk-in hours by day and the
        open-now timeline (see home/opening.py). Four queries at most, whatever their number."""
        source = InfoPoint.prefetch_for_display(
            InfoPoint.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        )
        source = list(source)
        for original in source:
            original.shown_language = settings.LANGUAGE_CODE
        # Each point in the first language of the fallback chain it is translated into.
        translations = fallback.localized(source, all_in_source_language=True)
        now = timezone.now()
        points = []
        for original in source:
            point = translations[original.pk]
            # The hours are facts, synchronised from the source: read them from the source so
            # that a translation saved before a change cannot show stale times.
            slots = list(original.walk_in_hours.all())
            notes = {slot.translation_key: slot.note for slot in point.walk_in_hours.all()}
            days = {}
            for slot in sorted(slots, key=lambda slot: (slot.weekday, slot.opens)):
                slot.shown_note = notes.get(slot.translation_key, slot.note)
                days.setdefault(slot.weekday, []).append(slot)
            point.hours_by_day = [(day, days[day]) for day in sorted(days)]
            # A point without a translation in the visitor's language is marked with the
            # language it is shown in.
            point.fallback_language = (
                fallback.language_of(point) if fallback.is_fallback(point) else ""
            )
            point.opening = opening.status(slots, now)
            point.opening_timeline = json.dumps(opening.timeline(slots, now), separators=(",", ":"))
            points.append(point)
        return points

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["info_points"] = self.info_points()
        return context
