"""Every page type renders in Dutch and in Polish, with the right language markers."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize(
    ("key", "language", "expected"),
    [
        ("home", "nl", "Welkom in Rotterdam"),
        ("home_pl", "pl", "Witamy w Rotterdamie"),
        ("campaign", "nl", "Inschrijven bij de gemeente"),
        ("campaign_pl", "pl", "Meldunek w gminie"),
        ("privacy", "nl", "Privacyverklaring"),
        ("privacy_pl", "pl", "Oświadczenie o prywatności"),
    ],
)
def test_page_types_render_in_dutch_and_polish(client, small_site, key, language, expected):
    page = small_site[key]
    assert page.url.startswith(f"/{language}/")
    html = _get(client, page.url)
    assert f'<html lang="{language}">' in html
    assert f"<h1>{expected}</h1>" in html or f">{expected}</h1>" in html
    assert 'href="#main"' in html and 'id="main"' in html


def test_campaign_page_renders_every_block(client, small_site):
    html = _get(client, small_site["campaign"].url)
    assert "<details>" in html and "<summary>Kost het geld?</summary>" in html
    assert 'class="block steps"' in html and "<ol>" in html
    assert "<dt>5 dagen</dt>" in html
    assert 'alt="Een medewerker helpt"' in html
    assert 'class="utrecht-button utrecht-button--primary-action" href="tel:14010"' in html
    assert "WIN-punt Zuid" in html and "Avondspreekuur" in html
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match
    assert '"@type": "GovernmentOffice"' in match.group(1)
    assert '"dayOfWeek": "https://schema.org/Thursday"' in match.group(1)


def test_polish_campaign_page_shows_the_polish_info_point(client, small_site):
    html = _get(client, small_site["campaign_pl"].url)
    assert "Punkt WIN Południe" in html
    assert "WIN-punt Zuid" not in html


def test_home_page_lists_featured_campaign_in_its_language(client, small_site):
    html = _get(client, small_site["home_pl"].url)
    assert f'href="{small_site["campaign_pl"].url}"' in html
    assert "Meldunek w gminie" in html


def test_navigation_and_footer_follow_the_language(client, small_site):
    html = _get(client, small_site["home_pl"].url)
    nav = html.split('class="main-nav"')[1].split("</nav>")[0]
    assert "Meldunek w gminie" in nav and "Inschrijven" not in nav
    footer = html.split('class="site-footer"')[1]
    assert "Oświadczenie o prywatności" in footer and "14 010" in footer


def test_current_section_is_marked_in_navigation(client, small_site):
    html = _get(client, small_site["campaign"].url)
    assert f'href="{small_site["campaign"].url}" aria-current="page"' in html
