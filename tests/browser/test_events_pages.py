"""Job fair pages in a real browser, checked by axe-core (WCAG 2.1 A/AA), in Dutch and Polish."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from events.factories import (
    JobFairExhibitorFactory,
    JobFairIndexPageFactory,
    JobFairOrganiserFactory,
    JobFairPageFactory,
)
from events.models import JobFairStatus
from goedwerk.localization.translate import translate_page
from home.models import HomePage
from partners.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["nl", "pl"]


def _at(days: int, hour: int):
    day = timezone.localtime() + timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


@pytest.fixture
def fairs(transactional_db):
    """A Dutch site with an index, an upcoming, a postponed, a cancelled and a past fair, all
    translated into Polish."""
    nl, _ = Locale.objects.get_or_create(language_code="nl")
    Locale.objects.get_or_create(language_code="pl")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=nl)
    )
    home = root.add_child(instance=HomePage(title="Goed Werk", slug="goed-werk-events"))
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True
    )
    site.root_page = home
    site.save()
    index = JobFairIndexPageFactory(parent=home)
    tempo = Organisation.objects.create(
        name="Tempo-Team", slug="tempo-team", kind="staffing_agency", website="https://example.org/"
    )
    upcoming = JobFairPageFactory(
        parent=index,
        title="Banenmarkt Tarwewijk",
        start=_at(21, 10),
        end=_at(21, 15),
        latitude="51.8900",
        longitude="4.4800",
        accessibility="Drempelvrije ingang en een toegankelijk toilet.",
        what_to_bring="<ul><li>Een geldig identiteitsbewijs</li><li>Uw cv</li></ul>",
    )
    JobFairExhibitorFactory(page=upcoming, organisation=tempo, name="", kind="coalition_employer")
    JobFairExhibitorFactory(
        page=upcoming, name="EURES", kind="eures", description="Werken in een ander EU-land"
    )
    JobFairOrganiserFactory(page=upcoming)
    postponed = JobFairPageFactory(
        parent=index,
        title="Banenmarkt Hillesluis",
        start=_at(90, 10),
        end=_at(90, 14),
        status=JobFairStatus.POSTPONED,
        previous_start=_at(60, 10),
        status_note="De zaal was niet beschikbaar.",
    )
    cancelled = JobFairPageFactory(
        parent=index,
        title="Banenmarkt Carnisse",
        start=_at(40, 10),
        end=_at(40, 14),
        status=JobFairStatus.CANCELLED,
    )
    past = JobFairPageFactory(
        parent=index, title="Banenmarkt Bibliotheek", start=_at(-300, 12), end=_at(-300, 16)
    )
    translate_page(home, "pl", {"Goed Werk": "Dobra Praca"})
    translate_page(index, "pl", {"Banenmarkten": "Targi pracy", "banenmarkten": "targi-pracy"})
    pages = {"index": index, "upcoming": upcoming}
    for key, fair in {
        "upcoming": upcoming,
        "postponed": postponed,
        "cancelled": cancelled,
        "past": past,
    }.items():
        pages[key + "_pl"] = translate_page(fair, "pl", {fair.title: f"Targi {fair.title[11:]}"})
    pages["index_pl"] = pages["upcoming_pl"].get_parent().specific
    pages.update(postponed=postponed, cancelled=cancelled, past=past)
    return pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_index_page(live_server, page, assert_accessible, fairs, language):
    index = fairs["index"] if language == "nl" else fairs["index_pl"]
    page.goto(live_server.url + index.url)
    assert page.locator("html").get_attribute("lang") == language
    cards = page.locator(".fair-list .fair-card__title")
    assert cards.count() == 3  # upcoming, cancelled, postponed (soonest first)
    assert page.locator(".fair-status--cancelled").count() == 1
    assert page.locator(".fair-status--postponed").count() == 1
    assert page.locator(".past-list li").count() == 1
    assert_accessible(page)
    # The calendar feed is a real calendar.
    response = page.request.get(live_server.url + index.ical_url)
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.text().count("BEGIN:VEVENT") == 3


@pytest.mark.parametrize("language", LANGUAGES)
def test_detail_pages(live_server, page, assert_accessible, fairs, language):
    suffix = "" if language == "nl" else "_pl"
    for key in ("upcoming", "postponed", "cancelled", "past"):
        fair = fairs[key + suffix]
        page.goto(live_server.url + fair.url)
        assert page.locator("h1").inner_text() == fair.title
        assert page.locator('script[type="application/ld+json"]').count() == 1
        assert_accessible(page)
    upcoming = fairs["upcoming" + suffix]
    page.goto(live_server.url + upcoming.url)
    assert page.locator(".stand").count() == 2
    download = page.locator(f'a[href="{upcoming.ical_url}"]')
    assert download.count() == 1
    # Keyboard users reach the main content through the skip link.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
