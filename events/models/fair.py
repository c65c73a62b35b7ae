"""One page per job fair (banenmarkt), and the queries that find fairs.

Dates, status, place and coordinates are *synchronised* across translations (an editor changes
them once, in the source language); texts are *translated* with wagtail-localize.

How a postponement is stored: ``start`` and ``end`` always hold the current date of the fair.
When a fair is postponed to a known date, ``previous_start`` keeps the date that was announced
first (shown to visitors, and as ``previousStartDate`` in schema.org). When the new date is not
known yet, ``new_date_pending`` is ticked and ``start``/``end`` keep the original date; such a
fair stays among the upcoming ones until an editor sets the new date.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page, PageManager, PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from goedwerk.pages import OneQueryViewRestrictionsMixin
from goedwerk.routing import chrome

from .. import seo, status
from ..fields import LanguageListField, language_name
from ..status import JobFairStatus
from .stands import JobFairExhibitor

# Sub-page routes of the index (see index.py); a fair may not take one of these as its slug.
RESERVED_SLUGS = {"feed", "ical"}


class JobFairPageQuerySet(PageQuerySet):
    def upcoming(self, now: datetime | None = None):
        """Fairs that have not ended yet at ``now`` (default: this moment), plus postponed
        fairs whose new date is still to be announced. Soonest first; those without a new date
        last."""
        now = now or timezone.now()
        return self.filter(
            Q(end__gte=now) | Q(status=JobFairStatus.POSTPONED, new_date_pending=True)
        ).order_by("new_date_pending", "start", "pk")

    def past(self, now: datetime | None = None):
        """Fairs that ended before ``now``; most recent first."""
        now = now or timezone.now()
        return (
            self.filter(end__lt=now)
            .exclude(status=JobFairStatus.POSTPONED, new_date_pending=True)
            .order_by("-start", "-pk")
        )

    def taking_place(self):
        """Fairs that will happen on their current date: not cancelled, date known."""
        return self.exclude(status=JobFairStatus.CANCELLED).exclude(
            status=JobFairStatus.POSTPONED, new_date_pending=True
        )

    def with_exhibitors(self):
        """Prefetch stands (with their organisation) and organisers: a fixed number of queries
        for any number of fairs."""
        return self.prefetch_related(
            Prefetch(
                "exhibitors", queryset=JobFairExhibitor.objects.select_related("organisation")
            ),
            "organisers",
        )

    def exhibiting(self, organisation):
        """Fairs where ``organisation`` has (or had) a stand."""
        return self.filter(
            pk__in=JobFairExhibitor.objects.filter(organisation=organisation).values("page_id")
        )

    def attended_by(self, organisation, *, locale=None, now: datetime | None = None):
        """Fairs that took place (ended, not cancelled) with a stand of ``organisation``, most
        recent first, one page per fair: in ``locale`` (default: the default locale, in which
        every fair is written)."""
        locale = locale or Locale.get_default()
        return self.exhibiting(organisation).taking_place().past(now).filter(locale=locale)


JobFairPageManager = PageManager.from_queryset(JobFairPageQuerySet)


class JobFairPage(OneQueryViewRestrictionsMixin, RoutablePageMixin, Page):
    """One job fair."""

    intro = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_(
            "One or two sentences: who the fair is for and what visitors can do there. Shown in "
            "lists, feeds and when the page is shared."
        ),
    )
    body = RichTextField(
        _("more information"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
    )

    # When
    start = models.DateTimeField(
        _("starts at"),
        help_text=_(
            "Date and time in Rotterdam (Europe/Amsterdam). For a postponed fair: the new date."
        ),
    )
    end = models.DateTimeField(_("ends at"), help_text=_("Must be after the start."))

    # Status
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=JobFairStatus.choices,
        default=JobFairStatus.SCHEDULED,
        help_text=_("Postponed, cancelled or moved online is shown prominently to visitors."),
    )
    previous_start = models.DateTimeField(
        _("originally planned start"),
        null=True,
        blank=True,
        help_text=_(
            "Only for a postponed fair with a new date: the date that was announced first. "
            "Enter the new date in 'starts at' and 'ends at'."
        ),
    )
    new_date_pending = models.BooleanField(
        _("new date to be announced"),
        default=False,
        help_text=_(
            "Only for a postponed fair without a new date yet: leave 'starts at' on the "
            "original date."
        ),
    )
    status_note = models.CharField(
        _("note about the status"),
        max_length=300,
        blank=True,
        help_text=_("Optional, e.g. why the fair was postponed or cancelled."),
    )
    online_url = models.URLField(
        _("online address"),
        blank=True,
        help_text=_("Required when the fair has moved online: where visitors join."),
    )

    # Where
    venue_name = models.CharField(_("venue"), max_length=200)
    street_address = models.CharField(_("street and number"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("city"), max_length=100, default="Rotterdam")
    neighbourhood = models.CharField(
        _("neighbourhood"), max_length=100, blank=True, help_text=_("e.g. Oud-Mathenesse.")
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    accessibility = models.TextField(
        _("accessibility of the venue"),
        blank=True,
        help_text=_(
            "Step-free entrance, lift, accessible toilet, quiet room, nearest public transport."
        ),
    )

    # Practical
    languages_spoken = LanguageListField(
        _("languages spoken at the stands"),
        help_text=_("Visitors see these in their own language."),
    )
    what_to_bring = RichTextField(
        _("what to bring"),
        blank=True,
        features=["bold", "ul", "link"],
        help_text=_("e.g. ID card or passport, CV, BSN if you have one."),
    )
    is_free = models.BooleanField(_("free entry"), default=True)
    registration_url = models.URLField(
        _("registration link"),
        blank=True,
        help_text=_("Leave empty when visitors can walk in without registering."),
    )
    entry_note = models.CharField(
        _("note about entry"),
        max_length=300,
        blank=True,
        help_text=_("Optional, e.g. 'Walk in at any time; no appointment needed.'"),
    )

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("Required with an image: what the image shows, for people who cannot see it."),
    )

    objects = JobFairPageManager()

    parent_page_types = ["events.JobFairIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("previous_start"), FieldPanel("new_date_pending")]),
                FieldPanel("online_url"),
                FieldPanel("status_note"),
            ],
            heading=_("Date, time and status"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldPanel("neighbourhood"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("accessibility"),
            ],
            heading=_("Place"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("is_free"),
                FieldPanel("registration_url"),
                FieldPanel("entry_note"),
                FieldPanel("what_to_bring"),
                FieldPanel("languages_spoken"),
            ],
            heading=_("Entry and practical information"),
        ),
        InlinePanel(
            "organisers",
            heading=_("Organisers"),
            label=_("Organiser"),
            help_text=_("Who organises the fair, e.g. the City of Rotterdam."),
        ),
        InlinePanel(
            "exhibitors",
            heading=_("Stands"),
            label=_("Stand"),
            help_text=_("Choose a coalition partner, or type the name of another organisation."),
        ),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
    ]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("show_in_menus"),
        TranslatableField("intro"),
        TranslatableField("body"),
        SynchronizedField("start", overridable=False),
        SynchronizedField("end", overridable=False),
        SynchronizedField("status", overridable=False),
        SynchronizedField("previous_start", overridable=False),
        SynchronizedField("new_date_pending", overridable=False),
        TranslatableField("status_note"),
        SynchronizedField("online_url", overridable=False),
        SynchronizedField("venue_name", overridable=False),
        SynchronizedField("street_address", overridable=False),
        SynchronizedField("postcode", overridable=False),
        SynchronizedField("city", overridable=False),
        SynchronizedField("neighbourhood", overridable=False),
        SynchronizedField("latitude", overridable=False),
        SynchronizedField("longitude", overridable=False),
        TranslatableField("accessibility"),
        SynchronizedField("languages_spoken", overridable=False),
        TranslatableField("what_to_bring"),
        SynchronizedField("is_free", overridable=False),
        SynchronizedField("registration_url", overridable=False),
        TranslatableField("entry_note"),
        SynchronizedField("image"),
        TranslatableField("image_alt"),
        TranslatableField("organisers"),
        TranslatableField("exhibitors"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("venue_name"),
        index.SearchField("neighbourhood"),
        index.FilterField("start"),
    ]

    class Meta:
        verbose_name = _("job fair")
        verbose_name_plural = _("job fairs")

    # --- Validation -----------------------------------------------------------------------
    def clean(self):
        super().clean()
        errors: dict[str, list] = {}
        if self.start and self.end and self.end <= self.start:
            errors.setdefault("end", []).append(_("The end must be after the start."))
        if self.status == JobFairStatus.POSTPONED:
            if not self.new_date_pending and not self.previous_start:
                errors.setdefault("previous_start", []).append(
                    _(
                        "A postponed fair needs either the originally planned start (with the "
                        "new date in 'starts at'), or 'new date to be announced'."
                    )
                )
            if (
                self.previous_start
                and self.start
                and not self.new_date_pending
                and self.previous_start == self.start
            ):
                errors.setdefault("start", []).append(
                    _("Enter the new date here; the original date goes in 'originally planned'.")
                )
        else:
            if self.new_date_pending:
                errors.setdefault("new_date_pending", []).append(
                    _("Only a postponed fair can have a new date to be announced.")
                )
            if self.previous_start:
                errors.setdefault("previous_start", []).append(
                    _("Only a postponed fair has an originally planned start.")
                )
        if self.status == JobFairStatus.MOVED_ONLINE and not self.online_url:
            errors.setdefault("online_url", []).append(
                _("Enter the online address of a fair that has moved online.")
            )
        if self.image_id and not self.image_alt.strip():
            errors.setdefault("image_alt", []).append(
                _("Describe the image for people who cannot see it.")
            )
        if self.slug in RESERVED_SLUGS:
            errors.setdefault("slug", []).append(
                _("This address is taken by the calendar or news feed; choose another.")
            )
        if errors:
            raise ValidationError(errors)

    # --- Presentation helpers -------------------------------------------------------------
    @property
    def shows_status(self) -> bool:
        """Whether visitors are told about the status (see events/status.py)."""
        return status.is_announced(self)

    @property
    def status_label(self) -> str:
        """The status as the templates show it; empty for a scheduled fair."""
        return status.label(self)

    @property
    def is_postponed(self) -> bool:
        return self.status == JobFairStatus.POSTPONED

    @property
    def is_cancelled(self) -> bool:
        return self.status == JobFairStatus.CANCELLED

    @property
    def is_moved_online(self) -> bool:
        return self.status == JobFairStatus.MOVED_ONLINE

    @property
    def original_start(self) -> datetime | None:
        """The first announced start of a postponed fair (``start`` itself while the new date
        is pending)."""
        if not self.is_postponed:
            return None
        return self.start if self.new_date_pending else self.previous_start

    def is_upcoming(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.end >= now or (self.is_postponed and self.new_date_pending)

    @property
    def spans_days(self) -> bool:
        return timezone.localtime(self.start).date() != timezone.localtime(self.end).date()

    @property
    def address_line(self) -> str:
        locality = " ".join(part for part in [self.postcode, self.city] if part)
        return ", ".join(part for part in [self.street_address, locality] if part)

    @property
    def location_text(self) -> str:
        return ", ".join(part for part in [self.venue_name, self.address_line] if part)

    @property
    def spoken_languages(self) -> list[str]:
        return [language_name(code) for code in self.languages_spoken or []]

    @property
    def ical_url(self) -> str:
        return self.url + self.reverse_subpage("ical")

    @path("ical/", name="ical")
    def ical_download(self, request):
        # The body lives in events/views.py.
        from .. import views

        return views.fair_calendar(request, self)

    def _index_page(self, request):
        """The parent index page: the copy the router found on the path when there is one (its
        fields are all there, so no query), else from the database."""
        found = chrome(request)
        if found is not None and len(found.chain) >= 2 and found.chain[-1].pk == self.pk:
            parent = found.chain[-2]
            if parent.path == self.path[: -self.steplen]:
                return parent.specific_deferred
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Stands and organisers once, for the page and for its schema.org data.
        prefetch_related_objects(
            [self],
            Prefetch(
                "exhibitors", queryset=JobFairExhibitor.objects.select_related("organisation")
            ),
            "organisers",
        )
        context["exhibitors"] = list(self.exhibitors.all())
        context["organisers"] = list(self.organisers.all())
        context["is_upcoming"] = self.is_upcoming()
        context["index_page"] = self._index_page(request)
        context["open_graph"] = seo.open_graph(self, request)
        context["json_ld"] = seo.json_ld(seo.event_data(self, request))
        return context
