"""The search results page in a real browser (issue #12): synonyms, marked excerpts and the
list from the fallback languages pass axe-core (WCAG 2.1 A/AA) in Dutch and Romanian, on a
desktop and at 390 px."""

import pytest
from wagtail.models import Locale

from goedwerk.localization.translate import translate_page
from home.factories import CampaignPageFactory, SynonymGroupFactory
from tests.home.conftest import build_home

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(transactional_db):
    nl = Locale.objects.get_or_create(language_code="nl")[0]
    home = build_home(nl)
    brp = CampaignPageFactory(
        parent=home,
        title="Inschrijven in de BRP",
        slug="brp",
        intro="Woon je langer dan vier maanden in Nederland? Schrijf je in bij de gemeente.",
    )
    brp.save_revision().publish()
    desk = CampaignPageFactory(
        parent=home, title="De BRP-balie", slug="balie", intro="Openingstijden van de BRP-balie."
    )
    desk.save_revision().publish()
    translate_page(home, "ro", {"home-nl": "home-ro"})
    SynonymGroupFactory(terms="BRP, inschrijven, meldunek, registration")
    return {"brp": brp, "desk": desk}


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(
    ("path", "language"), [("/nl/zoeken/?q=meldunek", "nl"), ("/ro/zoeken/?q=BRP", "ro")]
)
def test_search_results_are_accessible(
    live_server, page, assert_accessible, site, path, language, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + path)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    assert page.locator(".search-results mark").count() >= 1
    if language == "ro":
        # Only Dutch pages match: the list from the fallback languages, each marked Dutch.
        links = page.locator(".search-results-other h3 a")
        assert links.count() == 2
        assert {links.nth(i).get_attribute("lang") for i in range(2)} == {"nl"}
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page)
