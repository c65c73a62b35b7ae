"""hreflang alternates, <html lang> and the language switcher's targets."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def _switcher(html):
    nav = html.split('class="language-switcher"')[1].split("</nav>")[0]
    pairs = re.findall(r'<a href="([^"]+)" lang="([^"]+)"', nav)
    return {code: url for url, code in pairs}


def test_hreflang_lists_live_translations_and_x_default(client, small_site):
    html = client.get(small_site["campaign_pl"].url).content.decode()
    alternates = _alternates(html)
    assert alternates["nl"].endswith(small_site["campaign"].url)
    assert alternates["pl"].endswith(small_site["campaign_pl"].url)
    assert alternates["x-default"] == alternates["nl"]
    assert "en" not in alternates  # no English translation: no alternate


def test_switcher_goes_to_translation_or_language_home(client, small_site):
    from goedwerk.localization.translate import translate_page

    home_en = translate_page(small_site["home"], "en", {"home-nl": "home-en"})
    html = client.get(small_site["campaign"].url).content.decode()
    assert '<html lang="nl">' in html
    links = _switcher(html)
    assert links["pl"] == small_site["campaign_pl"].url
    assert links["en"] == home_en.url == "/en/"  # fallback: that language's home page
    assert "ro" not in links  # no Romanian home page at all: no link
    assert 'lang="nl" hreflang="nl" aria-current="true"' in html


def test_switcher_on_plain_views_and_404(client, small_site):
    html = client.get("/pl/zoeken/?q=test").content.decode()
    assert '<html lang="pl">' in html
    assert _switcher(html)["nl"] == "/nl/zoeken/?q=test"

    response = client.get("/pl/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="pl">' in html
    assert _switcher(html)["nl"] == "/nl/"
    assert 'hreflang="x-default"' not in html
