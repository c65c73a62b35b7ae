"""Info points (WIN-punten): where migrants can walk in with questions, and when."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.phone import international, tel_href

SCHEMA_WEEKDAYS = {
    1: "https://schema.org/Monday",
    2: "https://schema.org/Tuesday",
    3: "https://schema.org/Wednesday",
    4: "https://schema.org/Thursday",
    5: "https://schema.org/Friday",
    6: "https://schema.org/Saturday",
    7: "https://schema.org/Sunday",
}


class Weekday(models.IntegerChoices):
    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")
    SUNDAY = 7, _("Sunday")


class InfoPoint(TranslatableMixin, index.Indexed, ClusterableModel):
    name = models.CharField(_("name"), max_length=120)
    street_address = models.CharField(_("street and number"), max_length=120)
    postcode = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("city"), max_length=80, default="Rotterdam")
    neighbourhood = models.CharField(_("neighbourhood"), max_length=80, blank=True)
    phone = models.CharField(
        _("phone number"),
        max_length=30,
        blank=True,
        help_text=_("As people dial it, for example 14 010."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        help_text=_(
            "For the route link, for example 51.88654. Without it the link searches the address."
        ),
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    languages = models.CharField(
        _("languages spoken"),
        max_length=200,
        blank=True,
        help_text=_("In the language of the page, for example: Dutch, Polish, Bulgarian."),
    )
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text=_("Short practical information, such as what to bring or how to get there."),
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldPanel("neighbourhood"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Address"),
        ),
        FieldPanel("phone"),
        FieldPanel("languages"),
        FieldPanel("notes"),
        InlinePanel("walk_in_hours", heading=_("Walk-in hours"), label=_("time slot")),
    ]

    # Facts are the same in every language and follow the Dutch (goedwerk.localization.sync);
    # only texts are translated.
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("street_address", overridable=False),
        SynchronizedField("postcode", overridable=False),
        SynchronizedField("city", overridable=False),
        SynchronizedField("neighbourhood", overridable=False),
        SynchronizedField("phone", overridable=False),
        TranslatableField("languages"),
        TranslatableField("notes"),
        TranslatableField("walk_in_hours"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("neighbourhood"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("info point")
        verbose_name_plural = _("info points")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @staticmethod
    def prefetch_for_display(queryset):
        """What rendering an info point needs, for any number of them, in one extra query."""
        return queryset.prefetch_related(
            Prefetch("walk_in_hours", queryset=WalkInHours.objects.order_by("sort_order"))
        )

    @property
    def phone_international(self) -> str:
        """The phone number as a foreign SIM dials it (+31 ...), or "" for a short number."""
        return international(self.phone)

    @property
    def phone_href(self) -> str:
        """``tel:`` link that works from any SIM where the number has a +31 form."""
        return tel_href(self.phone_international or self.phone)

    @property
    def route_url(self) -> str:
        """Directions on OpenStreetMap (a link, no embedded map): to the coordinates, or to
        the address when they are not filled in."""
        if self.latitude is not None and self.longitude is not None:
            query = urlencode({"to": f"{self.latitude},{self.longitude}"})
            return f"https://www.openstreetmap.org/directions?{query}"
        address = f"{self.street_address}, {self.postcode} {self.city}"
        return "https://www.openstreetmap.org/search?" + urlencode({"query": address})

    def schema_org(self, url: str = "") -> dict:
        """JSON-LD (schema.org GovernmentOffice) for search engines and assistants."""
        data = {
            "@context": "https://schema.org",
            "@type": "GovernmentOffice",
            "name": self.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": self.street_address,
                "postalCode": self.postcode,
                "addressLocality": self.city,
                "addressCountry": "NL",
            },
            "openingHoursSpecification": [
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": SCHEMA_WEEKDAYS[slot.weekday],
                    "opens": slot.opens.strftime("%H:%M"),
                    "closes": slot.closes.strftime("%H:%M"),
                }
                for slot in self.walk_in_hours.all()
            ],
        }
        if self.phone:
            data["telephone"] = self.phone_international or self.phone
        if self.latitude is not None and self.longitude is not None:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(self.latitude),
                "longitude": float(self.longitude),
            }
        if self.languages:
            data["availableLanguage"] = [
                part.strip() for part in self.languages.split(",") if part.strip()
            ]
        if url:
            data["url"] = url
        return data


class WalkInHours(TranslatableMixin, Orderable):
    """One walk-in time slot. Translatable so that its note can be translated."""

    info_point = ParentalKey(InfoPoint, on_delete=models.CASCADE, related_name="walk_in_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("from"))
    closes = models.TimeField(
        _("until"), help_text=_("Earlier than the start time: the slot ends the next day.")
    )
    note = models.CharField(
        _("note"), max_length=120, blank=True, help_text=_("For example: evening walk-in.")
    )

    panels = [
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("note"),
    ]

    translatable_fields = [
        SynchronizedField("weekday", overridable=False),
        SynchronizedField("opens", overridable=False),
        SynchronizedField("closes", overridable=False),
        TranslatableField("note"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("walk-in time slot")
        verbose_name_plural = _("walk-in hours")
        ordering = ["sort_order"]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"

    def clean(self):
        super().clean()
        # A slot may run past midnight (22:00-01:00, see home/opening.py), but not for no time.
        if self.opens and self.closes and self.closes == self.opens:
            raise ValidationError({"closes": _("The end time must differ from the start time.")})
