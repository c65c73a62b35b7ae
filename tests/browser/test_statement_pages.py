"""The accessibility and privacy statements in a real browser: axe-core finds nothing in Dutch and
Romanian, on a desktop and at 390 px (no horizontal scrolling either)."""

import pytest
from wagtail.models import Locale

from tests.home.conftest import build_home
from tests.home.statements import build_statements

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def statements(transactional_db):
    locale_nl = Locale.objects.get_or_create(language_code="nl")[0]
    return build_statements(build_home(locale_nl))


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("language", ["nl", "ro"])
@pytest.mark.parametrize("key", ["accessibility", "privacy"])
def test_statement_is_accessible(
    live_server, page, assert_accessible, statements, key, language, width
):
    target = statements[key].get_translation(Locale.objects.get(language_code=language))
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + target.url)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    assert page.locator("main h2").count() >= 5
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, scroll
    assert_accessible(page)
