"""Every public page type, in every site language, at desktop and phone width, in a real browser:
the page answers (200, or 404 for the not-found page), ``<html lang>`` is the page's language and
axe-core finds no WCAG 2.1 A/AA violation.

The content is the demo (``manage.py load_demo``), loaded once for the module, plus a content
page (the demo has none) translated into every language except its intro, so the check also
covers a page that shows an untranslated text marked with its real language. The live server
and one browser tab are shared by the module's tests; the database is flushed afterwards, as a
transactional test would leave it. ``test_every_public_page_type_is_covered`` fails when a new
page type is added without being listed here.
"""

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from pytest_django.live_server_helper import LiveServer
from wagtail.models import Collection, Locale, Page

from goedwerk.localization.translate import translate_page
from home.factories import ContentPageFactory
from home.models import HomePage

from .conftest import policy_problems

# The module loads the whole demo once and shares it between 72 browser tests. On PostgreSQL,
# putting back what the migrations made after an earlier flush (below) collides with rows the
# suite left behind, so the module runs on SQLite only: what the browser is shown does not
# depend on the database engine. (Known limit: see the README, "Tests".)
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        connection.vendor != "sqlite",
        reason="the every-page-type browser module runs on SQLite (the demo is loaded once)",
    ),
]

LANGUAGES = [code for code, _name in settings.LANGUAGES]
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}

#: The concrete Page subclasses (by model label) with the public pages this module opens.
PAGE_MODELS = [
    "home.HomePage",
    "home.CampaignPage",
    "home.ContentPage",
    "home.InfoPointIndexPage",
    "home.PrivacyStatementPage",
    "home.AccessibilityStatementPage",
    "events.JobFairIndexPage",
    "events.JobFairPage",
    "partners_insight.CoalitionProgressPage",
    "partners_insight.CoalitionPartnersPage",
]
#: Public pages that are not Wagtail pages: the search results and the page for a wrong address.
OTHER_PAGES = ["search", "not_found"]

#: When the page scrolls sideways: how far, and the elements that may cause it (those sticking
#: out that no scrolling ancestor holds in, or that are positioned and so may escape it).
WIDER_THAN_THE_WINDOW = """() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    const held = (el) => {
        if (getComputedStyle(el).position !== 'static') return false;
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
            if (getComputedStyle(up).overflowX !== 'visible') return true;
        }
        return false;
    };
    const out = [...document.body.querySelectorAll('*')]
        .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5 && !held(el))
        .slice(0, 8)
        .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') || ''}">`);
    return {by: root.scrollWidth - root.clientWidth, elements: out};
}"""

CONTENT_PAGE = {
    "Colofon": {
        "en": "Colophon",
        "pl": "Stopka redakcyjna",
        "ro": "Caseta redacțională",
        "bg": "Редакционно каре",
        "hu": "Impresszum",
    },
    "colofon": {
        "en": "colophon",
        "pl": "stopka",
        "ro": "caseta",
        "bg": "redakcionno-kare",
        "hu": "impresszum",
    },
}


# The mark makes pytest-django create the test database, which the module fixture below
# fills; the browser tests themselves are unmarked: each test would otherwise run in a
# transaction of its own (or flush the demo), and unmarked tests run after every database test.
@pytest.mark.django_db
def test_the_site_has_the_six_languages():
    assert LANGUAGES == ["nl", "en", "pl", "ro", "bg", "hu"]


def test_every_public_page_type_is_covered():
    """A new page type fails here until it is added to PAGE_MODELS (and so is opened below)."""
    concrete = {
        model._meta.label
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page
    }
    assert set(PAGE_MODELS) == concrete


def _restore_migrated_data(contents) -> None:
    """A transactional test that ran before this module flushed the database, and with it what
    the migrations made (editor groups, workflow, locale, page tree). Put it back the way
    ``serialized_rollback`` does, from the copy Django serialised when it set the database up
    (made when any test of the run asks for serialized rollback, as the account tests do;
    see the ``migrated_data`` fixture)."""
    from django.contrib.auth.models import Group
    from django.db import connection

    if Group.objects.exists():
        return  # nothing was flushed
    if not contents:
        pytest.fail(
            "An earlier transactional test emptied the database and no copy of the migrated "
            "data was kept: run this module on its own or with the whole suite."
        )
    # As TransactionTestCase does: empty without post_migrate's content types and permissions
    # (they are in the copy), then load the copy.
    from django.contrib.contenttypes.models import ContentType

    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(contents)
    ContentType.objects.clear_cache()  # the copy's ids, not those post_migrate gave after a flush


def _ensure_tree(nl: Locale) -> None:
    """What migrations make and a flushed (transactional) database lacks."""
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=nl))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def _content_page() -> None:
    home = HomePage.objects.get(locale__language_code=settings.LANGUAGE_CODE, depth=2)
    page = ContentPageFactory(
        parent=home,
        title="Colofon",
        slug="colofon",
        intro="Deze site is gemaakt door de gemeente Rotterdam.",
    )
    page.save_revision().publish()
    for language in LANGUAGES[1:]:
        strings = {source: texts[language] for source, texts in CONTENT_PAGE.items()}
        translate_page(page, language, strings)  # the intro stays Dutch, marked lang="nl"


def _urls() -> dict[tuple[str, str], str]:
    """{(page type, language): path} for every page type in every language."""
    urls = {}
    for label in PAGE_MODELS:
        model = apps.get_model(label)
        for language in LANGUAGES:
            found = (
                model.objects.live()
                .public()
                .filter(locale__language_code=language)
                .order_by("path")
                .first()
            )
            assert found is not None, f"the demo has no live {label} in {language}"
            urls[label, language] = found.url
    for language in LANGUAGES:
        urls["search", language] = f"/{language}/zoeken/?q=Rotterdam"
        urls["not_found", language] = f"/{language}/bestaat-niet/"
    return urls


@pytest.fixture(scope="module")
def demo_urls(django_db_setup, django_db_blocker, migrated_data):
    """The demo in the test database, committed (the live server reads it), for the module."""
    with django_db_blocker.unblock():
        _restore_migrated_data(migrated_data)
        nl = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
        _ensure_tree(nl)
        call_command("load_demo", verbosity=0)
        _content_page()
        urls = _urls()
        yield urls
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="module")
def server(demo_urls, django_db_blocker):
    """A live server of its own: pytest-django's ``live_server`` would make every test
    transactional and so flush the demo after the first one."""
    with django_db_blocker.unblock():
        live = LiveServer("localhost")
        live._live_server_modified_settings.enable()
        yield live
        live._live_server_modified_settings.disable()
        live.stop()


@pytest.fixture(scope="module")
def tab(browser):
    """One tab for the whole module; ``tab.console`` collects what the browser logs."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.console = []
    page.on("console", lambda message: page.console.append(f"{page.url}: {message.text}"))
    yield page
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_MODELS + OTHER_PAGES)
def test_page_type_in_language(server, demo_urls, tab, assert_accessible, page_type, language):
    url = server.url + demo_urls[page_type, language]
    tab.console.clear()
    tab.set_viewport_size(WIDTHS["desktop"])
    response = tab.goto(url)
    assert response.status == (404 if page_type == "not_found" else 200), url
    assert tab.locator("html").get_attribute("lang") == language, url
    assert tab.locator("h1").count() == 1, url
    for width, size in WIDTHS.items():
        # The same page, laid out again at the other width (no second request).
        tab.set_viewport_size(size)
        # Nothing scrolls sideways at phone width (WCAG 1.4.10): wide tables scroll in their
        # own focusable region instead.
        too_wide = tab.evaluate(WIDER_THAN_THE_WINDOW)
        assert not too_wide, (width, url, too_wide)
        assert_accessible(tab)
    problems = policy_problems(tab.console)
    assert not problems, "The browser reported policy violations:\n" + "\n".join(problems)
