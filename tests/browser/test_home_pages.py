"""The public site in a real browser: every page type in Dutch and Polish passes axe-core
(WCAG 2.1 A/AA), and the keyboard reaches the skip link first."""

import pytest
import wagtail_factories
from wagtail.models import Locale

from tests.home.conftest import build_home, build_info_point, build_small_site

# The live server needs committed data: a transactional database, flushed after each test, so
# the fixture recreates the root page and site when they are gone.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def small_site(transactional_db):
    locale_nl = Locale.objects.get_or_create(language_code="nl")[0]
    return build_small_site(
        build_home(locale_nl),
        build_info_point(locale_nl),
        wagtail_factories.ImageFactory(title="Informatiepunt"),
    )


PATHS = {
    "home": lambda site: site["home"].url,
    "home_pl": lambda site: site["home_pl"].url,
    "campaign": lambda site: site["campaign"].url,
    "campaign_pl": lambda site: site["campaign_pl"].url,
    "content": lambda site: site["privacy"].url,
    "content_pl": lambda site: site["privacy_pl"].url,
    "search": lambda site: "/nl/zoeken/?q=inschrijven",
    "search_pl": lambda site: "/pl/zoeken/?q=meldunek",
    "404": lambda site: "/nl/bestaat-niet/",
    "404_pl": lambda site: "/pl/nie-istnieje/",
}


@pytest.mark.parametrize("name", list(PATHS))
def test_page_is_accessible(live_server, page, assert_accessible, small_site, name):
    page.goto(live_server.url + PATHS[name](small_site))
    expected_language = "pl" if name.endswith("_pl") else "nl"
    assert page.locator("html").get_attribute("lang") == expected_language
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_faq_opens_without_javascript(live_server, browser, small_site):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(live_server.url + small_site["campaign"].url)
    tab.get_by_text("Kost het geld?").click()
    assert tab.locator("details").first.get_attribute("open") is not None
    context.close()


def test_tab_reaches_the_skip_link_first_and_it_moves_focus_to_main(live_server, page, small_site):
    page.goto(live_server.url + small_site["campaign"].url)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_fallback_pages_are_accessible(live_server, page, assert_accessible, small_site):
    """Issue #12: a Romanian home page whose menu, cards and footer are Dutch (no Romanian or
    English translations), and a language without a home page, served the Dutch one in place
    with the notice, both pass axe-core with every fallback marked by its language."""
    from goedwerk.localization.translate import translate_page

    translate_page(small_site["home"], "ro", {"home-nl": "home-ro"})
    page.goto(live_server.url + "/ro/")
    assert page.locator("html").get_attribute("lang") == "ro"
    assert page.locator('.main-nav a[hreflang="nl"] span[lang="nl"]').count() >= 1
    assert_accessible(page)

    page.goto(live_server.url + "/hu/")
    assert page.locator("html").get_attribute("lang") == "hu"
    assert page.locator(".page-content").get_attribute("lang") == "nl"
    assert page.locator("#fallback-notice").is_visible()
    assert_accessible(page)
