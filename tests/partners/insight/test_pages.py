"""The public progress page and partner list: Dutch and Polish, approved figures only, the k ≥ 3
rule, consent, queries, and the demo loader."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page

from goedwerk.localization.translate import translate_page
from partners.insight import demo
from partners.insight.factories import PartnerFactory, make_report, reviewer
from partners.insight.models import CoalitionPartnersPage, CoalitionProgressPage
from partners.models import ReportStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_nl):
    progress = home_nl.add_child(
        instance=CoalitionProgressPage(
            title="Wat de coalitie bereikt",
            slug="voortgang",
            intro="<p>Zo gaat het met de afspraken.</p>",
        )
    )
    progress.save_revision().publish()
    partners = home_nl.add_child(
        instance=CoalitionPartnersPage(title="Partners van de coalitie", slug="partners")
    )
    partners.save_revision().publish()
    progress_pl = translate_page(
        progress,
        "pl",
        {
            "Wat de coalitie bereikt": "Co osiąga koalicja",
            "voortgang": "postepy",
            "Zo gaat het met de afspraken.": "Tak idzie realizacja porozumienia.",
        },
        strict=True,
    )
    partners_pl = translate_page(
        partners, "pl", {"Partners van de coalitie": "Partnerzy koalicji", "partners": "partnerzy"}
    )
    return {
        "progress": progress,
        "progress_pl": progress_pl,
        "partners": partners,
        "partners_pl": partners_pl,
    }


def text(response) -> str:
    """The visible text of the main content, whitespace collapsed."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def approve_three(ind, period, numbers=((100, 80), (50, 40), (30, 30))):
    staff = reviewer()
    for employed, registered in numbers:
        answers = {ind["workers_employed"]: employed, ind["registered_brp_address"]: registered}
        make_report(PartnerFactory(), period, answers, staff=staff)


@pytest.mark.parametrize(
    ("key", "language", "title"),
    [("progress", "nl", "Wat de coalitie bereikt"), ("progress_pl", "pl", "Co osiąga koalicja")],
)
def test_progress_page_renders_in_dutch_and_polish(client, pages, ind, h1, key, language, title):
    approve_three(ind, h1)
    response = client.get(pages[key].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{title}</h1>" in html
    assert 'role="img"' in html
    assert "<table" in html
    assert "180" in text(response)  # 100 + 50 + 30 workers
    assert "83,3%" in text(response)  # 150 of 180 registered, in a Dutch and Polish format
    assert pages["partners" if language == "nl" else "partners_pl"].url in html


def test_progress_page_moves_when_a_report_is_approved(client, pages, ind, h1):
    staff = reviewer()
    approve_three(ind, h1, numbers=((100, 80), (50, 40)))
    waiting = make_report(
        PartnerFactory(),
        h1,
        {ind["workers_employed"]: 30, ind["registered_brp_address"]: 30},
        status=ReportStatus.SUBMITTED,
    )
    before = text(client.get(pages["progress"].url))
    assert "180" not in before and "150" not in before  # two organisations: not published

    waiting.transition_to(ReportStatus.APPROVED, by=staff)
    after = text(client.get(pages["progress"].url))
    assert "180" in after

    waiting.transition_to(ReportStatus.REOPENED, by=staff)
    reopened = text(client.get(pages["progress"].url))
    assert "180" not in reopened


def test_progress_page_ignores_reports_that_are_not_approved(client, pages, ind, h1):
    approve_three(ind, h1)
    staff = reviewer()
    for status in ("draft", "submitted", "changes_requested", "reopened"):
        answers = {ind["workers_employed"]: 7000, ind["registered_brp_address"]: 1}
        make_report(PartnerFactory(), h1, answers, status=status, staff=staff)
    page = text(client.get(pages["progress"].url))
    assert "180" in page
    assert "7180" not in page and "7.180" not in page and "28.180" not in page


def test_progress_page_without_approved_reports(client, pages, h1):
    response = client.get(pages["progress"].url)
    assert response.status_code == 200
    assert 'role="img"' not in response.content.decode()


def test_partner_list_shows_every_partner_and_only_consented_figures(client, pages, ind, h1):
    staff = reviewer()
    open_book = PartnerFactory(
        name="Open Uitzend B.V.", public_profile_consent=True, website="https://open.example"
    )
    private = PartnerFactory(name="Stil Werk B.V.", public_profile_consent=False)
    make_report(open_book, h1, {ind["workers_employed"]: 4321}, staff=staff)
    make_report(private, h1, {ind["workers_employed"]: 8765}, staff=staff)
    for key in ("partners", "partners_pl"):
        response = client.get(pages[key].url)
        assert response.status_code == 200
        page = text(response)
        assert "Open Uitzend B.V." in page and "Stil Werk B.V." in page
        assert "Gemeente Rotterdam" not in page  # the municipality is the other party
        assert "4321" in page or "4.321" in page or "4 321" in page or "4\xa0321" in page
        assert "8765" not in page and "8.765" not in page and "8\xa0765" not in page
        assert 'href="https://open.example"' in response.content.decode()


def test_partner_list_queries_do_not_grow_with_partners(client, pages, ind, h1):
    staff = reviewer()

    def add(count):
        for index in range(count):
            organisation = PartnerFactory(public_profile_consent=index % 2 == 0)
            make_report(organisation, h1, {ind["workers_employed"]: 5}, staff=staff)

    def count_queries(url):
        client.get(url)  # warm caches
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    add(1)
    few = count_queries(pages["partners"].url), count_queries(pages["progress"].url)
    add(20)
    many = count_queries(pages["partners"].url), count_queries(pages["progress"].url)
    assert few == many


def test_demo_pages_are_idempotent_and_translated(home_nl):
    demo.load(stdout=io.StringIO(), password="x")
    count = Page.objects.count()
    demo.load(stdout=io.StringIO(), password="x")
    assert Page.objects.count() == count
    progress = CoalitionProgressPage.objects.filter(locale__language_code="pl").get()
    assert progress.title == "Co osiąga koalicja"
    assert progress.live
    assert CoalitionPartnersPage.objects.filter(locale__language_code="nl").count() == 1
    assert CoalitionPartnersPage.objects.filter(locale__language_code="pl").get().live


# --- Findable: the footer links to the partner list, an employer's name finds it -------------


def _search(client, language: str, query: str) -> str:
    """The search results (the main content: the footer links to the partner list anyway)."""
    response = client.get(f"/{language}/zoeken/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_an_employers_name_finds_the_partner_list_in_each_language(
    client, pages, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        PartnerFactory(name="Tempo-Team")
    assert f'href="{pages["partners"].url}"' in _search(client, "nl", "Tempo-Team")
    html = _search(client, "pl", "Tempo-Team")
    assert f'href="{pages["partners_pl"].url}"' in html
    assert f'href="{pages["partners"].url}"' not in html


def test_a_renamed_employer_is_found_by_its_new_name(
    client, pages, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        partner = PartnerFactory(name="Labour Power Company")
    assert f'href="{pages["partners"].url}"' not in _search(client, "nl", "Vebego")
    with django_capture_on_commit_callbacks(execute=True):
        partner.name = "Vebego Zorg"
        partner.save()
    assert f'href="{pages["partners"].url}"' in _search(client, "nl", "Vebego")


def test_the_footer_links_to_the_partner_list_in_the_language_shown(client, pages):
    for key, other in (("progress", "partners"), ("progress_pl", "partners_pl")):
        html = client.get(pages[key].url).content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        assert f'<a href="{pages[other].url}">{pages[other].title}</a>' in footer


def test_progress_page_speaks_to_migrants_not_to_employers(client, pages, ind, h1):
    """The public figures use the public wording (partners.insight.wording), with an
    explanation, instead of the portal's questions for employers."""
    approve_three(ind, h1)
    page = text(client.get(pages["progress"].url))
    with translation.override("nl"):  # the page is Dutch: the wording in its Dutch translation
        for wording in (
            "Employers who help you register at the municipality (BRP)",
            "Labour migrants working for these employers",
            "Registration as a resident, for people who stay longer than four months.",
        ):
            assert translation.gettext(wording) != wording
            assert translation.gettext(wording) in page
    assert ind["workers_employed"].label not in page  # "Arbeidsmigranten in dienst of ..."
    assert ind["workers_employed"].commitment.title not in page  # "Inschrijving in de BRP"
    assert "(personen)" not in page  # the public label says what is counted


def test_partner_figures_use_the_public_wording_in_a_scrollable_region(client, pages, ind, h1):
    open_book = PartnerFactory(name="Open Uitzend B.V.", public_profile_consent=True)
    make_report(open_book, h1, {ind["workers_employed"]: 12}, staff=reviewer())
    html = client.get(pages["partners"].url).content.decode()
    region = re.search(
        r'<div class="table-wrapper" role="region" tabindex="0"'
        r' aria-labelledby="([^"]+)">\s*<table',
        html,
    )
    assert region is not None
    assert f'<caption id="{region.group(1)}"' in html
    with translation.override("nl"):
        assert translation.gettext("Labour migrants working for these employers") in html
    assert ind["workers_employed"].label not in html
