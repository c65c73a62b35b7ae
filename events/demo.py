"""Demo job fairs, loaded by `manage.py load_demo` after the home and partners demos. Idempotent.

Creates the job fair index under the Dutch home page, the three fairs that were held and two
upcoming ones (one of them postponed), with coalition partners and other organisations as
stands, and translates all of it from the PO files in demo/locale/ (English and Polish) through
wagtail-localize's PO import (see ``goedwerk.demo``). Running it
again changes nothing; the upcoming fairs only move when their date has passed.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from goedwerk import demo
from goedwerk.demo import assign, publish_if_changed
from partners.models import Organisation

from .models import JobFairExhibitor, JobFairIndexPage, JobFairOrganiser, JobFairPage

# The facts of the fairs; their texts are in demo/pages/job-fair-<slug>.yaml and the texts they
# share (what to bring, the stands) in demo/pages/job-fairs-common.yaml. The three fairs that
# were held (3 Oct 2024, 15 Mar 2025, 21 Jun 2025) come from the municipality's slides (seed
# 000); street addresses other than the Centrale Bibliotheek's, all times, and the two upcoming
# fairs are made up for the demo.
PARTNER_NAMES = {
    "tempo-team": "Tempo-Team",
    "vebego-zorg": "Vebego Zorg",
    "network-people": "Network People B.V.",
    "labour-power-company": "Labour Power Company",
    "people-21": "People 21",
}
ALL_PARTNERS = list(PARTNER_NAMES)
CITY = ("Gemeente Rotterdam", "https://www.rotterdam.nl/")
EURES_ORG = ("EURES", "https://eures.europa.eu/")

# when: ("fixed", date, start hour, end hour) or ("relative", weeks ahead, start hour, end hour,
# weeks the original date lay before the new one when postponed, or None)
FAIRS = [
    {
        "slug": "banenmarkt-centrale-bibliotheek-2024",
        "when": ("fixed", (2024, 10, 3), 12, 16),
        "venue": ("Centrale Bibliotheek", "Hoogstraat 110", "3011 PV", "Centrum"),
        "geo": ("51.922000", "4.487000"),
        "languages": ["nl", "en", "pl", "ro", "bg"],
        "partners": ALL_PARTNERS,
        "stands": ["eures", "win"],
        "organisers": [CITY, EURES_ORG],
    },
    {
        "slug": "banenmarkt-oud-mathenesse-2025",
        "when": ("fixed", (2025, 3, 15), 10, 14),
        "venue": ("Experience College", "Marconiplein 10", "3025 AA", "Oud-Mathenesse"),
        "geo": None,
        "languages": ["nl", "en", "pl", "ro", "bg", "tr"],
        "partners": ALL_PARTNERS,
        "stands": ["eures", "language", "childcare", "win"],
        "organisers": [CITY],
    },
    {
        "slug": "banenmarkt-werkstation-op-zuid-2025",
        "when": ("fixed", (2025, 6, 21), 10, 14),
        "venue": ("Werkstation op Zuid", "Zuidplein 500", "3083 CX", "Rotterdam-Zuid"),
        "geo": None,
        "languages": ["nl", "en", "pl", "ro", "bg", "hu", "tr"],
        "partners": ALL_PARTNERS,
        "stands": ["werkcentrum", "language", "interpreters", "win"],
        "organisers": [CITY],
    },
    {
        "slug": "banenmarkt-tarwewijk",
        "when": ("relative", 3, 10, 15, None),
        "venue": ("Wijkcentrum Tarwewijk", "Mijnsherenlaan 1", "3081 CA", "Tarwewijk"),
        "geo": None,
        "languages": ["nl", "en", "pl", "ro", "bg", "hu", "tr"],
        "partners": ALL_PARTNERS,
        "stands": [
            "eures",
            "werkcentrum",
            "legal",
            "language",
            "training",
            "childcare",
            "interpreters",
            "win",
        ],
        "organisers": [CITY],
    },
    {
        "slug": "banenmarkt-hillesluis",
        "when": ("relative", 13, 10, 14, 4),
        "venue": ("Wijkcentrum Hillesluis", "Beijerlandselaan 100", "3074 EL", "Hillesluis"),
        "geo": None,
        "languages": ["nl", "en", "pl", "ro", "bg", "tr"],
        "partners": ["tempo-team", "network-people", "people-21"],
        "stands": ["training", "language", "win"],
        "organisers": [CITY],
    },
]


def logins() -> list[tuple[str, str]]:
    """This app creates no accounts."""
    return []


def load(*, stdout, password: str) -> None:
    home = demo.dutch_home()
    if home is None:
        stdout.write("Job fairs: no Dutch home page (load the home demo first); nothing created.")
        return
    index = _index(home)
    partners = {o.slug: o for o in Organisation.objects.filter(slug__in=PARTNER_NAMES)}
    now = timezone.now()
    fairs = [_fair(index, data, partners, now) for data in FAIRS]

    languages = demo.translate(index, "job-fairs")
    for fair, data in zip(fairs, FAIRS, strict=True):
        demo.translate(fair, f"job-fair-{data['slug']}")
    upcoming = JobFairPage.objects.child_of(index).upcoming(now).count()
    stdout.write(
        f"Job fairs: {len(fairs)} fairs ({upcoming} upcoming), translated into "
        f"{', '.join(languages)}."
    )


# --- Pages ------------------------------------------------------------------------------------


def _index(home) -> JobFairIndexPage:
    data = demo.source("job-fairs")
    index = JobFairIndexPage.objects.child_of(home).first()
    # In the main menu: a migrant looking for work should find the fairs from every page.
    values = {
        "title": data["title"],
        "intro": demo.rich_text(data["intro"]),
        "show_in_menus": True,
    }
    return demo.child_page(home, JobFairIndexPage, data["slug"], values, existing=index)


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
    common = demo.source("job-fairs-common")
    stands = []
    for slug in data["partners"]:
        description = common["partner_descriptions"].get(slug, common["agency_description"])
        organisation = partners.get(slug)
        stands.append(
            JobFairExhibitor(
                organisation=organisation,
                # Without the partners demo the partner still has a stand, by name.
                name="" if organisation else PARTNER_NAMES[slug],
                kind="coalition_employer",
                description=description,
                locale=locale,
            )
        )
    for key in data["stands"]:
        stand = common["stands"][key]
        stands.append(
            JobFairExhibitor(
                name=stand["name"],
                kind=stand["kind"],
                description=stand["description"],
                locale=locale,
            )
        )
    for number, stand in enumerate(stands):
        stand.sort_order = number
        # In the contexts of the PO files: the same on every database.
        stand.translation_key = demo.stable_id("job-fair", data["slug"], "stand", number)
    return stands


def _stand_key(stand: JobFairExhibitor):
    return (
        stand.organisation_id,
        stand.name,
        stand.kind,
        stand.description,
        str(stand.translation_key),
    )


def _fair(index: JobFairIndexPage, data, partners, now) -> JobFairPage:
    fair = JobFairPage.objects.child_of(index).filter(slug=data["slug"]).first()
    texts = demo.source(f"job-fair-{data['slug']}")
    common = demo.source("job-fairs-common")
    venue, street, postcode, neighbourhood = data["venue"]
    latitude, longitude = (Decimal(value) for value in data["geo"]) if data["geo"] else (None, None)
    values = {
        "title": texts["title"],
        "intro": texts["intro"],
        **_schedule(data, fair, now),
        "new_date_pending": False,
        "status_note": texts.get("status_note", ""),
        "venue_name": venue,
        "street_address": street,
        "postcode": postcode,
        "city": "Rotterdam",
        "neighbourhood": neighbourhood,
        "latitude": latitude,
        "longitude": longitude,
        "accessibility": texts["accessibility"],
        "languages_spoken": data["languages"],
        "what_to_bring": demo.rich_text([{"ul": common["what_to_bring"]}]),
        "is_free": True,
        "registration_url": "",
        "entry_note": common["entry_note"],
    }
    stands = _stands(data, partners, index.locale)
    organisers = [
        JobFairOrganiser(
            name=name,
            url=url,
            locale=index.locale,
            sort_order=number,
            translation_key=demo.stable_id("job-fair", data["slug"], "organiser", number),
        )
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

    def organiser_key(organiser):
        return (organiser.name, organiser.url, str(organiser.translation_key))

    current_organisers = [organiser_key(o) for o in fair.organisers.all()]
    if current_organisers != [organiser_key(o) for o in organisers]:
        fair.organisers = organisers
        changed = True
    return publish_if_changed(fair, changed)
