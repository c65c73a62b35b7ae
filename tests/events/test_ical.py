"""iCalendar output, parsed back with the icalendar library."""

from datetime import UTC, timedelta

import pytest
import time_machine
from icalendar import Calendar

from events.factories import JobFairExhibitorFactory
from events.models import JobFairStatus

from .conftest import ams

pytestmark = pytest.mark.django_db


def _calendar(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def _events(calendar):
    return calendar.walk("VEVENT")


def test_fair_download_is_a_valid_calendar_with_one_event(client, make_fair):
    fair = make_fair(
        title="Banenmarkt Zuid",
        latitude="51.9000",
        longitude="4.4800",
        what_to_bring="<ul><li>Een geldig identiteitsbewijs</li><li>Uw cv &amp; diploma's</li>"
        "</ul>",
    )
    JobFairExhibitorFactory(page=fair, name="EURES", kind="eures")
    response = client.get(fair.ical_url)
    assert response["Content-Disposition"] == 'attachment; filename="banenmarkt-zuid.ics"'
    calendar = _calendar(response)
    assert str(calendar["VERSION"]) == "2.0"
    (event,) = _events(calendar)
    assert str(event["SUMMARY"]) == "Banenmarkt Zuid"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "Centrale Bibliotheek" in str(event["LOCATION"])
    assert "EURES" in str(event["DESCRIPTION"])
    assert "Een geldig identiteitsbewijs\nUw cv & diploma's" in str(event["DESCRIPTION"])
    assert calendar.to_ical().decode().count("X-PUBLISHED-TTL:PT6H") == 1
    assert str(event["URL"]).endswith(fair.url)
    assert event.decoded("DTSTAMP") is not None
    assert event["GEO"].latitude == pytest.approx(51.9)


def test_dst_change_keeps_the_real_offsets(client, make_fair):
    # Summer time ends in the night of 25 to 26 October 2025: 22:00 CEST -> 04:00 CET.
    fair = make_fair(start=ams(2025, 10, 25, 22), end=ams(2025, 10, 26, 4))
    with time_machine.travel(ams(2025, 10, 1, 12), tick=False):
        calendar = _calendar(client.get(fair.ical_url))
    (event,) = _events(calendar)
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert start.utcoffset() == timedelta(hours=2)
    assert end.utcoffset() == timedelta(hours=1)
    assert (start.hour, end.hour) == (22, 4)
    # Six wall-clock hours, seven real ones (Python subtracts same-zone times by wall clock).
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=7)
    timezones = calendar.walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Amsterdam"]
    raw = calendar.to_ical().decode()
    assert "DTSTART;TZID=Europe/Amsterdam:20251025T220000" in raw
    assert "DTEND;TZID=Europe/Amsterdam:20251026T040000" in raw


def test_uid_stable_and_sequence_rises_with_each_publication(client, make_fair, polish):
    fair = make_fair(title="Banenmarkt West")
    fair.save_revision().publish()
    fair.refresh_from_db()
    (first,) = _events(_calendar(client.get(fair.ical_url)))

    fair.venue_name = "Experience College"
    fair.title = "Banenmarkt Oud-Mathenesse"
    fair.save_revision().publish()
    fair.refresh_from_db()
    (second,) = _events(_calendar(client.get(fair.ical_url)))

    assert str(second["UID"]) == str(first["UID"])
    assert str(fair.translation_key) in str(first["UID"])
    assert int(second["SEQUENCE"]) > int(first["SEQUENCE"])
    assert "Experience College" in str(second["LOCATION"])

    # A draft does not change what calendars see.
    fair.venue_name = "Ergens anders"
    fair.save_revision()
    (draft,) = _events(_calendar(client.get(fair.ical_url)))
    assert int(draft["SEQUENCE"]) == int(second["SEQUENCE"])

    # Publishing an older revision still raises the sequence.
    fair.revisions.order_by("created_at").first().publish()
    (older,) = _events(_calendar(client.get(fair.ical_url)))
    assert int(older["SEQUENCE"]) > int(second["SEQUENCE"])

    # The Polish page describes the same event: same UID, same sequence.
    fair.refresh_from_db()
    fair_pl = polish(fair)
    (polish_event,) = _events(_calendar(client.get(fair_pl.ical_url)))
    (dutch_event,) = _events(_calendar(client.get(fair.ical_url)))
    assert str(polish_event["UID"]) == str(first["UID"])
    assert int(polish_event["SEQUENCE"]) == int(dutch_event["SEQUENCE"])


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"status": JobFairStatus.CANCELLED}, "CANCELLED"),
        ({"status": JobFairStatus.POSTPONED, "new_date_pending": True}, "TENTATIVE"),
        (
            {"status": JobFairStatus.POSTPONED, "previous_start": ams(2030, 1, 1, 10)},
            "CONFIRMED",
        ),
        (
            {"status": JobFairStatus.MOVED_ONLINE, "online_url": "https://meet.example/x"},
            "CONFIRMED",
        ),
    ],
)
def test_status(client, make_fair, changes, expected):
    fair = make_fair(**changes)
    (event,) = _events(_calendar(client.get(fair.ical_url)))
    assert str(event["STATUS"]) == expected
    if fair.status == JobFairStatus.MOVED_ONLINE:
        assert str(event["LOCATION"]) == "https://meet.example/x"


def test_index_feed_lists_only_upcoming_fairs(client, index, make_fair):
    with time_machine.travel(ams(2025, 6, 1, 12), tick=False):
        make_fair(title="Voorbij", start=ams(2025, 3, 15, 10), end=ams(2025, 3, 15, 15))
        make_fair(title="Later", start=ams(2025, 10, 4, 10), end=ams(2025, 10, 4, 15))
        make_fair(
            title="Afgelast",
            start=ams(2025, 7, 5, 10),
            end=ams(2025, 7, 5, 15),
            status=JobFairStatus.CANCELLED,
        )
        response = client.get(index.ical_url)
    assert response["Content-Disposition"].startswith("inline")
    calendar = _calendar(response)
    events = _events(calendar)
    # Cancelled upcoming fairs stay in the feed (as CANCELLED) so subscribed calendars update.
    assert [str(e["SUMMARY"]).split(": ")[-1] for e in events] == ["Afgelast", "Later"]
    assert [str(e["STATUS"]) for e in events] == ["CANCELLED", "CONFIRMED"]
    assert str(calendar["X-WR-CALNAME"]) == index.title
    assert "REFRESH-INTERVAL" in calendar


def test_index_feed_is_per_language(client, index, make_fair, polish):
    fair = make_fair(title="Banenmarkt Noord")
    make_fair(title="Alleen Nederlands")
    polish(fair, {"Banenmarkt Noord": "Targi pracy Północ"})
    pl_index = index.get_translation(polish_locale())
    calendar = _calendar(client.get(pl_index.specific.ical_url))
    assert [str(e["SUMMARY"]) for e in _events(calendar)] == ["Targi pracy Północ"]


def polish_locale():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="pl")
