"""What search engines and link previews read: schema.org ``Event`` JSON-LD and Open Graph."""

import json
from typing import TYPE_CHECKING

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import to_locale

from goedwerk.links import site_url
from home.models.site_settings import SiteSettings

from . import status

if TYPE_CHECKING:
    from .models.fair import JobFairPage

SCHEMA = status.SCHEMA
# Open Graph wants language_TERRITORY; these are the territories of our audiences.
OG_LOCALES = {
    "nl": "nl_NL",
    "en": "en_GB",
    "pl": "pl_PL",
    "ro": "ro_RO",
    "bg": "bg_BG",
    "hu": "hu_HU",
}
OG_IMAGE_SPEC = "fill-1200x630"
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def og_locale(language_code: str) -> str:
    return OG_LOCALES.get(language_code) or to_locale(language_code)


def _iso(value) -> str:
    """ISO 8601 in Rotterdam time, with its UTC offset (+01:00 in winter, +02:00 in summer)."""
    return timezone.localtime(value).isoformat()


def _image_url(page, request) -> str | None:
    image = getattr(page, "image", None)
    if image is None:
        return None
    return site_url(image.get_rendition(OG_IMAGE_SPEC).url)


def event_data(fair: "JobFairPage", request) -> dict:
    url = fair.get_full_url(request=request)
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": fair.title,
        "description": fair.intro,
        "url": url,
        "inLanguage": fair.locale.language_code,
        "startDate": _iso(fair.start),
        "endDate": _iso(fair.end),
        "eventStatus": status.schema_event_status(fair),
        "eventAttendanceMode": status.schema_attendance_mode(fair),
        "isAccessibleForFree": fair.is_free,
    }
    if fair.original_start is not None and not fair.new_date_pending:
        data["previousStartDate"] = _iso(fair.original_start)
    place = {
        "@type": "Place",
        "name": fair.venue_name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": fair.street_address,
            "postalCode": fair.postcode,
            "addressLocality": fair.city,
            "addressCountry": "NL",
        },
    }
    if fair.latitude is not None and fair.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(fair.latitude),
            "longitude": float(fair.longitude),
        }
    if fair.is_moved_online:
        data["location"] = {"@type": "VirtualLocation", "url": fair.online_url}
    else:
        data["location"] = place
    organisers = [
        {"@type": "Organization", "name": o.name, **({"url": o.url} if o.url else {})}
        for o in fair.organisers.all()
    ]
    if organisers:
        data["organizer"] = organisers if len(organisers) > 1 else organisers[0]
    if fair.is_free:
        data["offers"] = {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "EUR",
            "availability": SCHEMA + "InStock",
            "url": fair.registration_url or url,
        }
    image = _image_url(fair, request)
    if image:
        data["image"] = [image]
    return data


def json_ld(data: dict) -> str:
    """JSON that is safe inside <script type="application/ld+json">."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_JSON_ESCAPES))  # noqa: S308 - escaped just above


def open_graph(page, request) -> list[tuple[str, str]]:
    """(property, content) pairs; the template writes one <meta property> per pair."""
    description = getattr(page, "search_description", "") or getattr(page, "intro", "")
    tags = [
        ("og:type", "website"),
        ("og:title", page.seo_title or page.title),
        ("og:description", strip_tags(description).strip()),
        ("og:url", page.get_full_url(request=request)),
        ("og:locale", og_locale(page.locale.language_code)),
        ("og:site_name", SiteSettings.for_request(request).site_name),
    ]
    image = _image_url(page, request)
    if image:
        tags.append(("og:image", image))
        tags.append(("og:image:alt", page.image_alt))
    return [(prop, content) for prop, content in tags if content]
