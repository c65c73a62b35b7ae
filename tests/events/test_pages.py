"""The public pages: index and detail in Dutch and Polish, JSON-LD, Open Graph, Atom, queries."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.factories import JobFairExhibitorFactory, JobFairOrganiserFactory
from events.models import ARCHIVE_PAGE_SIZE, JobFairStatus
from partners.models import Organisation

from .conftest import ams

pytestmark = pytest.mark.django_db

NOW = ams(2025, 9, 1, 12)
ATOM = "{http://www.w3.org/2005/Atom}"


def _json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def _og(html: str) -> dict:
    return dict(re.findall(r'<meta property="(og:[a-z:_]+)" content="([^"]*)">', html))


@time_machine.travel(NOW, tick=False)
def test_index_lists_upcoming_then_past(client, index, make_fair):
    make_fair(title="Bibliotheek", start=ams(2024, 10, 3, 10), end=ams(2024, 10, 3, 15))
    make_fair(title="Werkstation", start=ams(2025, 6, 21, 10), end=ams(2025, 6, 21, 15))
    make_fair(title="Later", start=ams(2025, 12, 6, 10), end=ams(2025, 12, 6, 15))
    make_fair(title="Eerst", start=ams(2025, 9, 20, 10), end=ams(2025, 9, 20, 15))
    html = client.get(index.url).content.decode()
    upcoming, past = html.split('id="past-heading"')
    assert upcoming.index("Eerst") < upcoming.index("Later")
    assert "Werkstation" not in upcoming
    assert past.index("Werkstation") < past.index("Bibliotheek")
    assert f'href="{index.ical_url}"' in html
    assert 'type="application/atom+xml"' in html


@time_machine.travel(NOW, tick=False)
def test_index_archive_is_paginated(client, index, make_fair):
    for day in range(1, ARCHIVE_PAGE_SIZE + 3):
        make_fair(title=f"Oud {day:02}", start=ams(2025, 1, day, 10), end=ams(2025, 1, day, 15))
    first = client.get(index.url).content.decode()
    second = client.get(index.url + "?page=2").content.decode()
    newest_first = [f"Oud {day:02}" for day in range(ARCHIVE_PAGE_SIZE + 2, 0, -1)]
    on_first = newest_first[:ARCHIVE_PAGE_SIZE]
    on_second = newest_first[ARCHIVE_PAGE_SIZE:]
    assert all(title in first for title in on_first)
    assert not any(title in first for title in on_second)
    assert all(title in second for title in on_second)
    assert 'href="?page=2#past" aria-current="page"' in second
    assert client.get(index.url + "?page=99").status_code == 200  # the last page, not an error


@time_machine.travel(NOW, tick=False)
def test_index_in_dutch_and_polish_has_month_names_of_the_language(client, make_fair, polish):
    fair = make_fair(title="Banenmarkt Zuid", start=ams(2025, 10, 4, 10), end=ams(2025, 10, 4, 15))
    fair_pl = polish(fair, {"Banenmarkt Zuid": "Targi pracy Południe"})
    index_pl = fair_pl.get_parent().specific

    dutch = client.get(fair.get_parent().url).content.decode()
    assert "zaterdag 4 oktober 2025, 10:00" in dutch
    assert '<html lang="nl">' in dutch

    polish_html = client.get(index_pl.url).content.decode()
    assert index_pl.url.startswith("/pl/")
    assert "Targi pracy Południe" in polish_html
    assert "Banenmarkt Zuid" not in polish_html  # only fairs in the visitor's language
    # Genitive month and Polish weekday, from Django's own catalogue.
    assert "sobota 4 października 2025, 10:00" in polish_html.lower()
    assert '<html lang="pl">' in polish_html


@time_machine.travel(NOW, tick=False)
def test_detail_in_dutch_and_polish(client, make_fair, polish):
    org = Organisation.objects.create(
        name="Tempo-Team",
        slug="tempo-team",
        kind="staffing_agency",
        website="https://www.tempo-team.nl/",
    )
    fair = make_fair(
        title="Banenmarkt West",
        start=ams(2025, 10, 4, 10),
        end=ams(2025, 10, 4, 15),
        languages_spoken=["nl", "pl", "bg"],
        accessibility="Drempelvrije ingang en een lift.",
    )
    JobFairExhibitorFactory(page=fair, organisation=org, name="", kind="coalition_employer")
    JobFairExhibitorFactory(page=fair, name="EURES", kind="eures")
    fair_pl = polish(fair, {"Banenmarkt West": "Targi pracy Zachód"})

    dutch = client.get(fair.url).content.decode()
    assert "Banenmarkt West" in dutch
    assert 'href="https://www.tempo-team.nl/">Tempo-Team</a>' in dutch
    assert "EURES" in dutch
    assert "Drempelvrije ingang" in dutch
    assert "zaterdag 4 oktober 2025" in dutch
    assert "Nederlands" in dutch and "Pools" in dutch and "Bulgaars" in dutch
    assert f'href="{fair.ical_url}"' in dutch

    polish_html = client.get(fair_pl.url).content.decode()
    assert "Targi pracy Zachód" in polish_html
    assert "sobota 4 października 2025" in polish_html.lower()
    assert "polski" in polish_html and "bułgarski" in polish_html
    assert "Tempo-Team" in polish_html  # the stands came along with the translation
    assert 'hreflang="nl"' in polish_html


@time_machine.travel(NOW, tick=False)
def test_dst_fair_on_the_page(client, make_fair):
    fair = make_fair(start=ams(2025, 10, 25, 22), end=ams(2025, 10, 26, 4))
    html = client.get(fair.url).content.decode()
    assert 'datetime="2025-10-25T22:00:00+02:00"' in html
    assert 'datetime="2025-10-26T04:00:00+01:00"' in html
    data = _json_ld(html)
    assert data["startDate"] == "2025-10-25T22:00:00+02:00"
    assert data["endDate"] == "2025-10-26T04:00:00+01:00"


@time_machine.travel(NOW, tick=False)
def test_json_ld_of_a_scheduled_fair(client, make_fair):
    fair = make_fair(
        title="Banenmarkt Zuid",
        start=ams(2025, 10, 4, 10),
        end=ams(2025, 10, 4, 15),
        latitude="51.8950",
        longitude="4.4890",
    )
    JobFairOrganiserFactory(page=fair, name="Gemeente Rotterdam")
    data = _json_ld(client.get(fair.url).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Banenmarkt Zuid"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["startDate"] == "2025-10-04T10:00:00+02:00"
    location = data["location"]
    assert location["@type"] == "Place"
    assert location["address"]["@type"] == "PostalAddress"
    assert location["address"]["postalCode"] == "3011 PV"
    assert location["geo"]["latitude"] == pytest.approx(51.895)
    assert data["organizer"]["name"] == "Gemeente Rotterdam"
    assert data["isAccessibleForFree"] is True
    assert data["offers"]["price"] == "0"
    assert "previousStartDate" not in data


@time_machine.travel(NOW, tick=False)
def test_json_ld_and_page_of_a_postponed_fair(client, make_fair):
    fair = make_fair(
        start=ams(2025, 11, 8, 10),
        end=ams(2025, 11, 8, 15),
        status=JobFairStatus.POSTPONED,
        previous_start=ams(2025, 10, 4, 10),
    )
    html = client.get(fair.url).content.decode()
    data = _json_ld(html)
    assert data["eventStatus"] == "https://schema.org/EventPostponed"
    assert data["previousStartDate"] == "2025-10-04T10:00:00+02:00"
    assert data["startDate"] == "2025-11-08T10:00:00+01:00"
    assert "fair-status--postponed" in html
    assert "<del>" in html and "4 oktober 2025" in html


@time_machine.travel(NOW, tick=False)
def test_json_ld_cancelled_and_moved_online(client, make_fair):
    cancelled = make_fair(status=JobFairStatus.CANCELLED)
    html = client.get(cancelled.url).content.decode()
    assert _json_ld(html)["eventStatus"] == "https://schema.org/EventCancelled"
    assert "fair-status--cancelled" in html
    assert f'href="{cancelled.ical_url}" download' not in html  # nothing to add to a calendar

    online = make_fair(status=JobFairStatus.MOVED_ONLINE, online_url="https://meet.example/fair")
    data = _json_ld(client.get(online.url).content.decode())
    assert data["eventStatus"] == "https://schema.org/EventMovedOnline"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://meet.example/fair"}


def test_json_ld_cannot_break_out_of_the_script(client, make_fair):
    fair = make_fair(intro="</script><script>alert(1)</script>")
    html = client.get(fair.url).content.decode()
    assert "<script>alert(1)" not in html
    assert _json_ld(html)["description"] == "</script><script>alert(1)</script>"


def test_open_graph(client, make_fair, polish):
    import wagtail_factories

    fair = make_fair(
        title="Banenmarkt Zuid",
        image=wagtail_factories.ImageFactory(),
        image_alt="Bezoekers praten met een werkgever",
    )
    og = _og(client.get(fair.url).content.decode())
    assert og["og:title"] == "Banenmarkt Zuid"
    assert og["og:type"] == "website"
    assert og["og:url"] == fair.get_full_url()
    assert og["og:url"].endswith("/nl/banenmarkten/banenmarkt-zuid/")
    assert og["og:locale"] == "nl_NL"
    assert og["og:description"] == fair.intro
    assert og["og:site_name"] == "Goed Werk Rotterdam"  # Settings > Site settings
    # On the site's configured address (WAGTAILADMIN_BASE_URL), like every absolute link.
    assert og["og:image"].startswith(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/")
    assert ".fill-1200x630" in og["og:image"]
    assert og["og:image:alt"] == "Bezoekers praten met een werkgever"

    fair_pl = polish(fair)
    assert _og(client.get(fair_pl.url).content.decode())["og:locale"] == "pl_PL"


def test_atom_feed_is_valid(client, index, make_fair):
    with time_machine.travel(ams(2025, 6, 1, 12), tick=False):
        make_fair(title="Voorbij", start=ams(2025, 3, 15, 10), end=ams(2025, 3, 15, 15))
        make_fair(title="Zomer", start=ams(2025, 7, 5, 10), end=ams(2025, 7, 5, 15))
        make_fair(title="Najaar", start=ams(2025, 10, 4, 10), end=ams(2025, 10, 4, 15))
        response = client.get(index.feed_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None, required
    self_link = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link and self_link[0].get("href").endswith(index.feed_url)
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Zomer", "Najaar"]
    for entry in entries:
        for required in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{required}") is not None, required
        assert "/nl/banenmarkten/" in entry.find(f"{ATOM}link").get("href")


def _fair_with_stands(make_fair, n, org):
    fair = make_fair(
        title=f"Banenmarkt {n}",
        start=ams(2025, 10, n % 28 + 1, 10),
        end=ams(2025, 10, n % 28 + 1, 15),
    )
    JobFairExhibitorFactory(page=fair, organisation=org, name="", kind="coalition_employer")
    JobFairExhibitorFactory(page=fair, name="EURES", kind="eures")
    JobFairOrganiserFactory(page=fair)
    return fair


@time_machine.travel(NOW, tick=False)
def test_index_queries_do_not_grow_with_the_number_of_fairs(client, index, make_fair):
    org = Organisation.objects.create(name="People 21", slug="people-21", kind="staffing_agency")
    for n in range(2):
        _fair_with_stands(make_fair, n, org)
    make_fair(title="Oud A", start=ams(2024, 1, 5, 10), end=ams(2024, 1, 5, 15))
    client.get(index.url)  # warm up caches (site root paths, content types)
    with CaptureQueriesContext(connection) as few:
        assert client.get(index.url).status_code == 200

    for n in range(2, 15):
        _fair_with_stands(make_fair, n, org)
    for n in range(2, 15):
        make_fair(title=f"Oud {n}", start=ams(2024, 1, n, 10), end=ams(2024, 1, n, 15))
    with CaptureQueriesContext(connection) as many:
        response = client.get(index.url)
    assert response.content.decode().count('class="fair-card ') == 15
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
