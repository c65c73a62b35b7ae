"""The info point overview page: every point with address, hours per day, the open-now state,
a route link and a phone number that works from a foreign SIM; in every language."""

import datetime
import json
import re
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from goedwerk.localization.translate import translate_instance, translate_page
from home.factories import InfoPointFactory, WalkInHoursFactory
from home.models import InfoPointIndexPage, WalkInHours
from home.opening import AMSTERDAM
from home.phone import international, tel_href

pytestmark = pytest.mark.django_db


def ams(*args):
    return datetime.datetime(*args, tzinfo=AMSTERDAM)


@pytest.fixture
def points(locale_nl):
    zuid = InfoPointFactory(
        name="WIN-punt Zuid",
        locale=locale_nl,
        phone="010 123 4567",
        latitude=Decimal("51.88654"),
        longitude=Decimal("4.48000"),
    )
    WalkInHoursFactory(info_point=zuid, weekday=1, sort_order=0)
    WalkInHoursFactory(
        info_point=zuid,
        weekday=4,
        opens=datetime.time(17),
        closes=datetime.time(20),
        note="Avondspreekuur",
        sort_order=1,
    )
    WalkInHoursFactory(
        info_point=zuid,
        weekday=4,
        opens=datetime.time(9),
        closes=datetime.time(11),
        sort_order=2,
    )
    west = InfoPointFactory(name="WIN-punt West", locale=locale_nl, phone="14 010")
    WalkInHoursFactory(
        info_point=west,
        weekday=5,
        opens=datetime.time(22),
        closes=datetime.time(1),
        sort_order=0,
    )
    return {"zuid": zuid, "west": west}


@pytest.fixture
def overview(home_nl, points):
    page = home_nl.add_child(
        instance=InfoPointIndexPage(
            title="Informatiepunten", slug="informatiepunten", intro="Loop binnen met je vragen."
        )
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def romanian(home_nl, overview, points):
    translate_instance(points["zuid"], "ro", {"WIN-punt Zuid": "Punctul WIN Sud"})
    translate_page(home_nl, "ro", {"Welkom in Rotterdam": "Bun venit la Rotterdam"})
    return translate_page(
        overview,
        "ro",
        {"Informatiepunten": "Puncte de informare", "informatiepunten": "puncte-de-informare"},
    )


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@time_machine.travel(ams(2026, 3, 26, 18, 0), tick=False)  # a Thursday
def test_every_point_with_address_hours_route_and_phone(client, overview):
    html = _get(client, overview.url)
    assert '<html lang="nl">' in html
    assert html.index("WIN-punt West") < html.index("WIN-punt Zuid")
    # Hours per day, in order, with several slots on one day.
    assert re.search(
        r"<th scope=\"row\">donderdag</th>"
        r"<td>09:00\u201311:00<br>17:00\u201320:00 \(Avondspreekuur\)</td>",
        html,
    )
    assert "22:00\u201301:00" in html
    # The route: to the coordinates, or to the address where there are none.
    assert 'href="https://www.openstreetmap.org/directions?to=51.88654%2C4.48000"' in html
    assert 'href="https://www.openstreetmap.org/search?query=' in html
    # A number that works from a foreign SIM.
    assert 'href="tel:+31101234567"' in html and "+31 10 123 4567" in html
    assert 'href="tel:14010"' in html
    # No embedded map, and the script is our own, deferred.
    assert "<iframe" not in html
    assert re.search(r'<script src="/static/js/opening\.js" defer>', html)


@time_machine.travel(ams(2026, 3, 26, 18, 0), tick=False)
def test_open_now_is_rendered_and_the_timeline_goes_with_it(client, overview):
    html = _get(client, overview.url)
    match = re.search(r'data-state="open" data-opening-timeline="([^"]*)">([^<]*)</p>', html)
    assert match, html
    entries = json.loads(match.group(1).replace("&quot;", '"'))
    assert entries[0][0] == int(ams(2026, 3, 26, 18, 0).timestamp() * 1000)
    assert entries[0][1] == "open"
    assert match.group(2) == entries[0][2]
    # Friday's night slot: closed now, opening tomorrow at 22:00.
    assert 'data-state="tomorrow"' in html


@time_machine.travel(ams(2026, 3, 27, 23, 30), tick=False)
def test_the_night_slot_is_open_at_half_past_eleven(client, overview):
    html = _get(client, overview.url)
    west = html[html.index("WIN-punt West") :]
    assert west.index('data-state="open"') < west.index("</li>")


def test_romanian_visitor_sees_the_points_in_romanian(client, romanian, points):
    assert romanian.url.startswith("/ro/")
    html = _get(client, romanian.url)
    assert '<html lang="ro">' in html
    assert "<h1>Puncte de informare</h1>" in html
    assert "Punctul WIN Sud" in html and "WIN-punt Zuid" not in html
    # A point that has no Romanian translation yet is shown in the fallback language (Dutch:
    # it has no English one either), its texts marked as such, the language named.
    assert '<h2><span lang="nl">WIN-punt West</span> <span class="language-label">(' in html
    # The hours are facts: the same in every language.
    assert "17:00\u201320:00" in html


def test_query_count_does_not_grow_with_the_points(
    client, romanian, points, locale_nl, django_assert_max_num_queries
):
    client.get(romanian.url)  # warm the site and locale caches
    with django_assert_max_num_queries(23) as few:
        _get(client, romanian.url)
    for number in range(5):
        extra = InfoPointFactory(name=f"Extra {number}", locale=locale_nl)
        WalkInHoursFactory(info_point=extra, weekday=2, sort_order=0)
        translate_instance(extra, "ro", {})
    with django_assert_max_num_queries(len(few.captured_queries)):
        _get(client, romanian.url)


def test_only_one_overview_under_a_home_page(home_nl, overview):
    assert not InfoPointIndexPage.can_create_at(home_nl)


@pytest.mark.parametrize(
    ("local", "expected"),
    [
        ("010 123 4567", "+31 10 123 4567"),
        ("06 1234 5678", "+31 6 1234 5678"),
        ("010-1234567", "+31 10 1234567"),
        ("0031 10 123 4567", "+31 10 123 4567"),
        ("+31 10 123 4567", "+31 10 123 4567"),
        ("14 010", ""),  # the municipal short number only works from a Dutch network
        ("", ""),
    ],
)
def test_international_form_of_a_local_number(local, expected):
    assert international(local) == expected


def test_tel_links():
    assert tel_href("+31 10 123 4567") == "tel:+31101234567"
    assert tel_href("14 010") == "tel:14010"
    assert tel_href(" ") == ""


def test_a_slot_may_end_after_midnight_but_not_take_no_time(points):
    slot = WalkInHours(
        info_point=points["west"],
        weekday=5,
        opens=datetime.time(22),
        closes=datetime.time(1),
        locale=points["west"].locale,
    )
    slot.clean()
    slot.closes = datetime.time(22)
    with pytest.raises(ValidationError):
        slot.clean()


def test_schema_org_has_the_international_number_and_coordinates(points):
    data = points["zuid"].schema_org()
    assert data["telephone"] == "+31 10 123 4567"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 51.88654, "longitude": 4.48}


def test_the_page_stays_within_the_weight_budget(client, overview, locale_nl):
    from tests.home.test_performance import BUDGET, _weight

    for number in range(8):
        point = InfoPointFactory(name=f"WIN-punt {number}", locale=locale_nl)
        for day in range(1, 8):
            WalkInHoursFactory(info_point=point, weekday=day, sort_order=day)
    served, _raw = _weight(client, overview.url)
    assert served <= BUDGET


def test_control_characters_in_the_editor_are_refused_and_nothing_is_lost(client, overview):
    from django.contrib.auth import get_user_model

    from tests.signin import activate_totp

    user = get_user_model().objects.create_superuser("beheer", "beheer@example.org", "pw")
    activate_totp(user)
    client.force_login(user)
    url = f"/admin/pages/{overview.pk}/edit/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"title": "Informatiepunten", "slug": "informatiepunten", "intro": "Loop\x00 binnen"}
    )
    assert response.status_code == 200  # the form again, with an error
    form = response.context["form"]
    assert "intro" in form.errors
    assert "\x00" not in form.data["intro"] and "Loop binnen" in form.data["intro"]
    overview.refresh_from_db()
    assert overview.intro == "Loop binnen met je vragen."
