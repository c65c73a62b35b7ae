"""The info point overview in a real browser: no axe violations in Dutch, Romanian and Polish,
on a desktop and at 390 px; the script keeps "open now" current on a cached page."""

import datetime
import json

import pytest
from wagtail.models import Locale

from goedwerk.localization.translate import translate_instance, translate_page
from home.factories import InfoPointFactory, WalkInHoursFactory
from home.models import InfoPointIndexPage
from home.opening import AMSTERDAM
from tests.home.conftest import build_home

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def overview(transactional_db):
    nl = Locale.objects.get_or_create(language_code="nl")[0]
    home = build_home(nl)
    zuid = InfoPointFactory(name="WIN-punt Zuid", locale=nl, phone="010 123 4567")
    west = InfoPointFactory(name="WIN-punt West", locale=nl)
    for day in range(1, 8):  # every day an evening slot, and a night slot on Friday
        WalkInHoursFactory(
            info_point=zuid,
            weekday=day,
            opens=datetime.time(17),
            closes=datetime.time(20),
            note="Avondspreekuur",
        )
    WalkInHoursFactory(info_point=west, weekday=5, opens=datetime.time(22), closes=datetime.time(1))
    page = home.add_child(instance=InfoPointIndexPage(title="Informatiepunten", slug="info"))
    page.save_revision().publish()
    pages = {"nl": page}
    translate_instance(zuid, "ro", {"WIN-punt Zuid": "Punctul WIN Sud"})
    translate_instance(zuid, "pl", {"WIN-punt Zuid": "Punkt WIN Południe"})
    for code, title in (("ro", "Puncte de informare"), ("pl", "Punkty informacyjne")):
        translate_page(home, code, {"Welkom in Rotterdam": title, "home-nl": f"home-{code}"})
        pages[code] = translate_page(page, code, {"Informatiepunten": title, "info": "info"})
    return pages


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("language", ["nl", "ro", "pl"])
def test_overview_is_accessible(live_server, page, assert_accessible, overview, language, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + overview[language].url)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator(".info-point-list > li").count() == 2
    assert page.locator(".opening-status").count() == 2
    assert page.locator('a[href^="https://www.openstreetmap.org/"]').count() == 2
    assert page.locator('a[href="tel:+31101234567"]').count() == 1
    # Nothing sticks out sideways on a phone (WCAG 1.4.10 reflow).
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page)


def _zuid_status(page):
    return page.locator(".info-point", has_text="WIN-punt Zuid").locator(".opening-status")


def test_the_script_shows_the_state_of_the_visitors_moment(live_server, page, overview):
    """The page was built now; a visitor who sees it (from a cache) four days later at 18:00
    Dutch time reads "open now", not what held when the page was built."""
    page.goto(live_server.url + overview["nl"].url)
    built = json.loads(_zuid_status(page).get_attribute("data-opening-timeline"))
    later = datetime.datetime.now(AMSTERDAM).replace(hour=18, minute=0, second=0, microsecond=0)
    later += datetime.timedelta(days=4)
    page.clock.install(time=later)
    page.goto(live_server.url + overview["nl"].url)
    # The server wrote its own moment's state; the script replaced it with the entry that holds
    # at the browser's clock.
    ms = later.timestamp() * 1000
    expected = [entry for entry in built if entry[0] <= ms][-1]
    status = _zuid_status(page)
    assert expected[1] == "open"
    assert status.get_attribute("data-state") == "open"
    assert status.inner_text() == expected[2]
    assert status.inner_text().startswith("Nu open") or "20:00" in status.inner_text()


def test_past_the_horizon_the_state_is_hidden(live_server, page, overview):
    page.clock.install(time=datetime.datetime.now(AMSTERDAM) + datetime.timedelta(days=30))
    page.goto(live_server.url + overview["nl"].url)
    assert not _zuid_status(page).is_visible()
