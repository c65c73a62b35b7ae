"""Demo job fairs, loaded by `manage.py load_demo` after the home and partners demos. Idempotent.

Creates the job fair index under the Dutch home page, the three fairs that were held and two
upcoming ones (one of them postponed), with coalition partners and other organisations as
stands, and translates all of it into English and Polish through wagtail-localize. Running it
again changes nothing; the upcoming fairs only move when their date has passed.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Site

from goedwerk.localization.translate import translate_page
from home.demo_pages import assign, publish_if_changed
from home.models import HomePage
from partners.models import Organisation

from . import demo_content as content
from .models import JobFairExhibitor, JobFairIndexPage, JobFairOrganiser, JobFairPage


def logins() -> list[tuple[str, str]]:
    """This app creates no accounts."""
    return []


def load(*, stdout, password: str) -> None:
    home = _dutch_home()
    if home is None:
        stdout.write("Job fairs: no Dutch home page (load the home demo first); nothing created.")
        return
    index = _index(home)
    partners = {o.slug: o for o in Organisation.objects.filter(slug__in=content.PARTNER_NAMES)}
    now = timezone.now()
    fairs = [_fair(index, data, partners, now) for data in content.FAIRS]

    for language in content.LANGUAGES:
        translate_page(index, language, _index_strings(language), strict=True)
        for fair, data in zip(fairs, content.FAIRS, strict=True):
            translate_page(fair, language, _fair_strings(data, language), strict=True)
    upcoming = JobFairPage.objects.child_of(index).upcoming(now).count()
    stdout.write(
        f"Job fairs: {len(fairs)} fairs ({upcoming} upcoming), translated into "
        f"{', '.join(content.LANGUAGES)}."
    )


# --- Pages ------------------------------------------------------------------------------------


def _dutch_home() -> HomePage | None:
    nl = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if nl is None:
        return None
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and site.root_page.locale_id == nl.pk:
        root = site.root_page.specific
        if isinstance(root, HomePage):
            return root
    return HomePage.objects.filter(locale=nl, depth=2).first()


def _index(home: HomePage) -> JobFairIndexPage:
    data = content.INDEX
    index = JobFairIndexPage.objects.child_of(home).first()
    values = {"title": data["title"].nl, "intro": f"<p>{data['intro'].nl}</p>"}
    if index is None:
        index = home.add_child(instance=JobFairIndexPage(slug=data["slug"].nl, **values))
        return publish_if_changed(index, True)
    changed = assign(index, **values)
    return publish_if_changed(index, changed)


def _local(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo(settings.TIME_ZONE))


def _saturday_in(weeks: int, today: date) -> date:
    day = today + timedelta(weeks=weeks)
    return day + timedelta(days=(5 - day.weekday()) % 7)


def _schedule(data, existing: JobFairPage | None, now: datetime) -> dict:
    kind, *rest = data["when"]
    if kind == "fixed":
        (year, month, day), start_hour, end_hour = rest
        start_day = date(year, month, day)
        return {
            "start": _local(start_day, start_hour),
            "end": _local(start_day, end_hour),
            "status": "scheduled",
            "previous_start": None,
        }
    weeks, start_hour, end_hour, postponed_weeks = rest
    if existing is not None and existing.start > now:
        # Still upcoming: keep the date, so that a second run changes nothing.
        return {
            "start": existing.start,
            "end": existing.end,
            "status": existing.status,
            "previous_start": existing.previous_start,
        }
    start_day = _saturday_in(weeks, timezone.localdate(now))
    schedule = {
        "start": _local(start_day, start_hour),
        "end": _local(start_day, end_hour),
        "status": "scheduled",
        "previous_start": None,
    }
    if postponed_weeks:
        schedule["status"] = "postponed"
        schedule["previous_start"] = _local(
            start_day - timedelta(weeks=postponed_weeks), start_hour
        )
    return schedule


def _stands(data, partners, locale) -> list[JobFairExhibitor]:
    stands = []
    for slug in data["partners"]:
        description = content.PARTNER_DESCRIPTIONS.get(slug, content.AGENCY_DESCRIPTION).nl
        organisation = partners.get(slug)
        stands.append(
            JobFairExhibitor(
                organisation=organisation,
                # Without the partners demo the partner still has a stand, by name.
                name="" if organisation else content.PARTNER_NAMES[slug],
                kind="coalition_employer",
                description=description,
                locale=locale,
            )
        )
    for key in data["stands"]:
        kind, name, description = content.STANDS[key]
        stands.append(
            JobFairExhibitor(name=name.nl, kind=kind, description=description.nl, locale=locale)
        )
    for number, stand in enumerate(stands):
        stand.sort_order = number
    return stands


def _stand_key(stand: JobFairExhibitor):
    return (stand.organisation_id, stand.name, stand.kind, stand.description)


def _fair(index: JobFairIndexPage, data, partners, now) -> JobFairPage:
    fair = JobFairPage.objects.child_of(index).filter(slug=data["slug"]).first()
    venue, street, postcode, neighbourhood = data["venue"]
    latitude, longitude = (Decimal(value) for value in data["geo"]) if data["geo"] else (None, None)
    values = {
        "title": data["title"].nl,
        "intro": data["intro"].nl,
        **_schedule(data, fair, now),
        "new_date_pending": False,
        "status_note": data["status_note"].nl if "status_note" in data else "",
        "venue_name": venue,
        "street_address": street,
        "postcode": postcode,
        "city": "Rotterdam",
        "neighbourhood": neighbourhood,
        "latitude": latitude,
        "longitude": longitude,
        "accessibility": data["accessibility"].nl,
        "languages_spoken": data["languages"],
        "what_to_bring": "<ul>" + "".join(f"<li>{t.nl}</li>" for t in content.BRING) + "</ul>",
        "is_free": True,
        "registration_url": "",
        "entry_note": content.WALK_IN.nl,
    }
    stands = _stands(data, partners, index.locale)
    organisers = [
        JobFairOrganiser(name=name, url=url, locale=index.locale, sort_order=number)
        for number, (name, url) in enumerate(data["organisers"])
    ]
    if fair is None:
        fair = JobFairPage(slug=data["slug"], **values)
        fair.exhibitors = stands
        fair.organisers = organisers
        index.add_child(instance=fair)
        return publish_if_changed(fair, True)

    changed = assign(fair, **values)
    current_stands = [_stand_key(s) for s in fair.exhibitors.all()]
    if current_stands != [_stand_key(s) for s in stands]:
        fair.exhibitors = stands
        changed = True
    current_organisers = [(o.name, o.url) for o in fair.organisers.all()]
    if current_organisers != [(o.name, o.url) for o in organisers]:
        fair.organisers = organisers
        changed = True
    return publish_if_changed(fair, changed)


# --- Translations -----------------------------------------------------------------------------


def _index_strings(language: str) -> dict[str, str]:
    return {text.nl: text.get(language) for text in content.INDEX.values()}


def _fair_strings(data, language: str) -> dict[str, str]:
    texts = [data["title"], data["intro"], data["accessibility"], content.WALK_IN]
    texts.extend(content.BRING)
    if "status_note" in data:
        texts.append(data["status_note"])
    for slug in data["partners"]:
        texts.append(content.PARTNER_DESCRIPTIONS.get(slug, content.AGENCY_DESCRIPTION))
    for key in data["stands"]:
        _kind, name, description = content.STANDS[key]
        texts.extend([name, description])
    for name, _url in data["organisers"]:
        texts.append(content.ORGANISER_NAMES[name])
    strings = {text.nl: text.get(language) for text in texts}
    # The slug follows the translated title.
    strings[data["slug"]] = slugify(data["title"].get(language))
    return strings
