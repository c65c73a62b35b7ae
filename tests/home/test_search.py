"""Search per language with Wagtail's database backend: synonyms, excerpts, titles first,
results from the fallback languages and a fixed number of queries (README, "Search"). Run on
PostgreSQL too (DATABASE_URL): the ranking must hold on both backends."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import get_language_info, gettext
from wagtail.models import Page

from goedwerk.localization.translate import translate_page
from home.factories import (
    CampaignPageFactory,
    ContentPageFactory,
    SynonymGroupFactory,
    block,
)
from home.models import InfoPointIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def housing(home_nl):
    page = CampaignPageFactory(
        parent=home_nl,
        title="Wonen in Rotterdam",
        slug="wonen",
        intro="Een huurcontract staat los van je baan.",
    )
    page.save_revision().publish()
    translate_page(home_nl, "pl", {"home-nl": "home-pl"})
    polish = translate_page(
        page,
        "pl",
        {
            "Wonen in Rotterdam": "Mieszkanie w Rotterdamie",
            "wonen": "mieszkanie",
            "Een huurcontract staat los van je baan.": "Umowa najmu jest oddzielna od pracy.",
        },
    )
    return page, polish


def test_polish_word_finds_the_polish_page_only(client, housing):
    dutch, polish = housing
    html = client.get("/pl/zoeken/", {"q": "mieszkanie"}).content.decode()
    assert f'href="{polish.url}"' in html
    assert f'href="{dutch.url}"' not in html


def test_dutch_search_stays_in_dutch(client, housing):
    dutch, polish = housing
    html = client.get("/nl/zoeken/", {"q": "huurcontract"}).content.decode()
    assert f'href="{dutch.url}"' in html
    assert f'href="{polish.url}"' not in html
    html = client.get("/pl/zoeken/", {"q": "huurcontract"}).content.decode()
    assert f'href="{dutch.url}"' not in html


def test_search_paginates_and_keeps_the_query(client, home_nl):
    for number in range(12):
        CampaignPageFactory(
            parent=home_nl, title=f"Taalles {number}", slug=f"taalles-{number}"
        ).save_revision().publish()
    html = client.get("/nl/zoeken/", {"q": "taalles"}).content.decode()
    assert "12 results" in html or "12 resultaten" in html
    assert html.count('<li>\n      <h2><a href="') == 10
    assert 'href="?q=taalles&amp;page=2"' in html
    page_two = client.get("/nl/zoeken/", {"q": "taalles", "page": 2}).content.decode()
    assert page_two.count('<li>\n      <h2><a href="') == 2


def test_empty_search_shows_the_form(client, home_nl):
    response = client.get("/nl/zoeken/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


# --- Synonyms, excerpts, ranking, fallback languages, queries (issue #12) --------------------


def _publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def brp(home_nl):
    """The Dutch BRP page: "meldunek" (Polish) appears nowhere on it."""
    return _publish(
        CampaignPageFactory(
            parent=home_nl,
            title="Inschrijven in de BRP",
            slug="brp",
            intro="Woon je langer dan vier maanden in Nederland? Schrijf je in bij de gemeente.",
        )
    )


def _found(html: str) -> list[str]:
    """Every result link (the titles of both lists; the menu links pages too)."""
    return re.findall(r'<h[23]><a href="([^"]+)"', html)


def test_a_synonym_finds_the_dutch_brp_page(client, brp):
    assert _found(client.get("/nl/zoeken/", {"q": "meldunek"}).content.decode()) == []
    SynonymGroupFactory(terms="BRP, inschrijven, meldunek, registration")
    html = client.get("/nl/zoeken/", {"q": "meldunek"}).content.decode()
    assert _found(html) == [brp.url]
    # The excerpt marks what the group matched, in the visitor's text.
    assert "<mark>Schrijf</mark>" not in html
    assert "Woon je langer dan vier maanden in Nederland?" in html
    html = client.get("/nl/zoeken/", {"q": "Meldunek gemeente"}).content.decode()
    assert _found(html) == [brp.url]
    assert "bij de <mark>gemeente</mark>." in html


def test_a_synonym_and_another_word_must_both_match(client, brp):
    SynonymGroupFactory(terms="BRP, inschrijven, meldunek")
    html = client.get("/nl/zoeken/", {"q": "meldunek huurcontract"}).content.decode()
    assert _found(html) == []


def test_the_excerpt_escapes_html_and_marks_the_terms(client, home_nl):
    page = _publish(
        CampaignPageFactory(
            parent=home_nl,
            title="Papieren",
            slug="papieren",
            intro='Neem <script>alert("x")</script> & je BSN-brief mee.',
        )
    )
    html = client.get("/nl/zoeken/", {"q": "bsn"}).content.decode()
    assert _found(html) == [page.url]
    assert (
        '<p class="search-result__excerpt">Neem &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
        " &amp; je <mark>BSN</mark>-brief mee.</p>"
    ) in html
    assert "<script>alert" not in html


def test_the_excerpt_prefers_the_search_description_and_reads_the_body(client, home_nl):
    described = CampaignPageFactory(
        parent=home_nl,
        title="Zorg",
        slug="zorg",
        intro="De huisarts en de zorgverzekering.",
        search_description="Alles over je zorgverzekering.",
    )
    _publish(described)
    body_only = ContentPageFactory(
        parent=home_nl,
        title="Uitleg",
        slug="uitleg",
        intro="",
        body=[
            block("heading", {"text": "Kop zonder treffer", "level": "h2"}),
            block("paragraph", "<p>Een <b>zorgverzekering</b> is verplicht.</p>"),
        ],
    )
    _publish(body_only)
    html = client.get("/nl/zoeken/", {"q": "zorgverzekering"}).content.decode()
    assert sorted(_found(html)) == sorted([described.url, body_only.url])
    assert "Alles over je <mark>zorgverzekering</mark>." in html
    assert "De huisarts" not in html
    assert "Een <mark>zorgverzekering</mark> is verplicht." in html


def _result_urls(html: str) -> list[str]:
    """The result links of the visitor's language, in order."""
    section = html.split('<ul class="search-results">', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<h2><a href="([^"]+)"', section)


def test_a_title_match_ranks_above_body_matches(client, home_nl):
    """On SQLite and PostgreSQL alike (run with DATABASE_URL): the backend alone puts the page
    that repeats the word in its text first; the title match is shown first all the same."""
    body_only = _publish(
        CampaignPageFactory(
            parent=home_nl,
            title="Werk",
            slug="werk",
            intro="Huisvesting, huisvesting en nog eens huisvesting: huisvesting via je "
            "werkgever, huisvesting in Rotterdam, huisvesting.",
        )
    )
    titled = _publish(
        CampaignPageFactory(
            parent=home_nl,
            title="Huisvesting: wat je moet weten over huren en je rechten als huurder",
            slug="huisvesting",
            intro="Over wonen in Rotterdam.",
        )
    )
    by_backend = list(
        Page.objects.live().filter(pk__in=[body_only.pk, titled.pk]).search("huisvesting")
    )
    assert by_backend[0].pk == body_only.pk  # without the title rule the test would fail
    html = client.get("/nl/zoeken/", {"q": "huisvesting"}).content.decode()
    assert _result_urls(html) == [titled.url, body_only.url]


def test_a_title_matched_through_a_synonym_ranks_first(client, home_nl):
    body_only = _publish(
        CampaignPageFactory(
            parent=home_nl,
            title="Werk",
            slug="werk",
            intro="Registration registration registration: meldunek, meldunek, meldunek.",
        )
    )
    titled = _publish(
        CampaignPageFactory(
            parent=home_nl, title="Inschrijven bij de gemeente", slug="inschrijven", intro="Kort."
        )
    )
    SynonymGroupFactory(terms="inschrijven, meldunek, registration")
    html = client.get("/nl/zoeken/", {"q": "meldunek"}).content.decode()
    assert _result_urls(html) == [titled.url, body_only.url]


@pytest.fixture
def romanian(home_nl, brp):
    """Romanian has its home page and one page; the BRP page is in Dutch and English, a Dutch
    page on the BRP desk only in Dutch."""
    translate_page(home_nl, "en", {"home-nl": "home-en"})
    translate_page(home_nl, "ro", {"home-nl": "home-ro"})
    english = translate_page(
        brp,
        "en",
        {
            "Inschrijven in de BRP": "Registering in the BRP",
            "brp": "brp",
            "Woon je langer dan vier maanden in Nederland? Schrijf je in bij de gemeente.": (
                "Staying longer than four months? Register with the BRP at the municipality."
            ),
        },
    )
    desk = _publish(
        CampaignPageFactory(
            parent=home_nl, title="De BRP-balie", slug="balie", intro="Openingstijden."
        )
    )
    both = _publish(
        CampaignPageFactory(parent=home_nl, title="BRP en werk", slug="werk", intro="Werk.")
    )
    romanian = translate_page(
        both, "ro", {"BRP en werk": "BRP și munca", "werk": "munca", "Werk.": "Munca."}
    )
    # Dutch and English, translated into Romanian without the word: not offered in Dutch.
    other = _publish(
        CampaignPageFactory(parent=home_nl, title="BRP-afspraak", slug="afspraak", intro="Bel.")
    )
    translate_page(other, "ro", {"BRP-afspraak": "Programare", "afspraak": "programare"})
    return {"english": english, "desk": desk, "romanian": romanian, "brp": brp, "other": other}


def test_romanian_search_offers_results_from_the_fallback_languages(client, romanian):
    html = client.get("/ro/zoeken/", {"q": "BRP"}).content.decode()
    own, other = html.split('id="search-other-languages"', 1)
    assert _result_urls(own) == [romanian["romanian"].url]
    with translation.override("ro"):
        english_name = str(get_language_info("en")["name_translated"])
        dutch_name = str(get_language_info("nl")["name_translated"])
        heading = gettext("Found in other languages")
    assert f">{heading}</h2>" in other
    # Each page once, in the first fallback language that has it: the English BRP page, not
    # the Dutch one; the Dutch desk page; never a page Romanian has (found or not).
    links = re.findall(r'<h3><a href="([^"]+)" lang="(\w+)" hreflang="(\w+)">', other)
    assert links == [
        (romanian["english"].url, "en", "en"),
        (romanian["desk"].url, "nl", "nl"),
    ]
    assert romanian["brp"].url not in _found(html)
    assert romanian["other"].url not in _found(html)
    assert other.index(english_name) < other.index(dutch_name)
    assert (
        '<p class="search-result__excerpt" lang="en">Staying longer than four months? Register '
        "with the <mark>BRP</mark> at the municipality.</p>"
    ) in other


def test_fallback_results_are_labelled_in_the_visitors_language(client, romanian):
    html = client.get("/ro/zoeken/", {"q": "BRP"}).content.decode()
    with translation.override("ro"):
        label = gettext("Language: %(language)s") % {
            "language": get_language_info("nl")["name_translated"]
        }
    assert "Olandez" in label  # Django's Romanian name of Dutch
    assert f'<p class="search-result__language">{label}</p>' in html


def test_a_fully_translated_language_offers_no_fallback(client, romanian):
    html = client.get("/nl/zoeken/", {"q": "BRP"}).content.decode()
    assert 'id="search-other-languages"' not in html


def _brp_pages(home_nl, numbers):
    """Dutch campaign and content pages that mention the BRP, every third also in English."""
    for number in numbers:
        factory = [CampaignPageFactory, ContentPageFactory][number % 2]
        page = _publish(
            factory(
                parent=home_nl,
                title=f"BRP pagina {number}",
                slug=f"brp-{number}",
                intro=f"Over de BRP, deel {number}.",
            )
        )
        if number % 3 == 0:
            translate_page(page, "en", {page.slug: f"{page.slug}-en"})


def test_the_query_count_does_not_grow_with_the_results(
    client, home_nl, django_assert_max_num_queries
):
    translate_page(home_nl, "en", {"home-nl": "home-en"})
    translate_page(home_nl, "ro", {"home-nl": "home-ro"})
    SynonymGroupFactory(terms="BRP, inschrijven, meldunek")
    urls = ["/nl/zoeken/?q=meldunek", "/ro/zoeken/?q=BRP", "/en/zoeken/?q=BRP&page=2"]

    def counts():
        numbers = []
        for url in urls:
            client.get(url)  # warm: the site, the synonym groups and the content types cached
            with CaptureQueriesContext(connection) as context:
                response = client.get(url)
            assert response.status_code == 200
            numbers.append(len(context))
        return numbers

    _brp_pages(home_nl, range(2))
    few = counts()
    _brp_pages(home_nl, range(2, 30))
    overview = home_nl.add_child(
        instance=InfoPointIndexPage(title="BRP-loketten", slug="loketten", intro="De BRP.")
    )
    _publish(overview)
    many = counts()
    assert many == few
    html = client.get("/ro/zoeken/", {"q": "BRP"}).content.decode()
    assert html.count('<h3><a href="') == 10  # a full list from the fallback languages, 3 types
    for url in urls:
        with django_assert_max_num_queries(8):
            client.get(url)
