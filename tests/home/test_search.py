"""Search per language with Wagtail's database backend."""

import pytest

from goedwerk.localization.translate import translate_page
from home.factories import CampaignPageFactory

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
