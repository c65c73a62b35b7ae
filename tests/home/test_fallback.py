"""Issue #12: what has no translation in the visitor's language is shown in the first language of
the fallback chain that has one (goedwerk.localization.fallback), marked with its real ``lang``
(``hreflang`` on links) and named, never presented as the visitor's language."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from wagtail.models import Site

from events.factories import JobFairIndexPageFactory, JobFairPageFactory
from goedwerk.localization import fallback
from goedwerk.localization.translate import translate_instance, translate_page
from home.factories import CampaignPageFactory, ContentPageFactory, block
from home.models import SiteSettings
from tests.i18n import t
from tests.signin import activate_totp

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(home_nl):
    return Site.objects.get(is_default_site=True)


def _set_chains(site, text):
    settings_row = SiteSettings.for_site(site)
    settings_row.fallback_chains = text
    settings_row.full_clean()
    settings_row.save()


@pytest.fixture
def mixed_site(home_nl, info_point):
    """Dutch pages; the campaign page, the info point, the fair and its index also in English;
    the home page in English and Romanian; the privacy page only in Dutch."""
    index = JobFairIndexPageFactory(parent=home_nl, title="Banenmarkten", slug="banenmarkten")
    fair = JobFairPageFactory(
        parent=index,
        title="Banenmarkt Zuid",
        slug="banenmarkt-zuid",
        start=timezone.now() + timedelta(days=9),
    )
    campaign = CampaignPageFactory(
        parent=home_nl, title="Wonen", slug="wonen", intro="Over huren.", show_in_menus=True
    )
    campaign.save_revision().publish()
    privacy = ContentPageFactory(
        parent=home_nl, title="Privacyverklaring", slug="privacy", show_in_footer=True
    )
    privacy.save_revision().publish()
    home_nl.body = [
        block("next_job_fair", {"heading": ""}),
        block("call_to_action", {"text": "Lees", "description": "", "page": campaign.pk}),
        block("info_point", {"info_point": info_point.pk, "heading": ""}),
    ]
    home_nl.featured_campaigns.create(campaign=campaign, sort_order=0)
    home_nl.save_revision().publish()
    translate_instance(info_point, "en", {"WIN-punt Zuid": "WIN point South"})
    home_en = translate_page(home_nl, "en", {"home-nl": "home-en"})
    campaign_en = translate_page(
        campaign, "en", {"Wonen": "Housing", "wonen": "housing", "Over huren.": "On renting."}
    )
    index_en = translate_page(index, "en", {"Banenmarkten": "Job fairs", "banenmarkten": "fairs"})
    fair_en = translate_page(
        fair, "en", {"Banenmarkt Zuid": "Job fair South", "banenmarkt-zuid": "fair-south"}
    )
    home_ro = translate_page(home_nl, "ro", {"home-nl": "home-ro"})
    return {
        "home_en": home_en,
        "home_ro": home_ro,
        "campaign": campaign,
        "campaign_en": campaign_en,
        "privacy": privacy,
        "index_en": index_en,
        "fair_en": fair_en,
    }


def _links(html):
    """(attributes, text) of every <a> element."""
    return re.findall(r"<a ([^>]*)>(.*?)</a>", html, flags=re.S)


# The chain and its validation


def test_the_default_chain_ends_in_dutch_via_english():
    assert fallback.chain("ro") == ["en", "nl"]
    assert fallback.chain("pl") == ["en", "nl"]
    assert fallback.chain("en") == ["nl"]
    assert fallback.chain("nl") == []
    with translation.override("ro"):
        assert fallback.languages() == ["ro", "en", "nl"]


def test_a_valid_text_gives_the_chains():
    text = "# comment\nro: pl, en, nl\n\nbg: nl\n"
    assert fallback.parse_chains(text) == {"ro": ["pl", "en", "nl"], "bg": ["nl"]}


@pytest.mark.parametrize(
    "text",
    [
        "ro: xx, nl",  # not a language of the site
        "ro: en, ro, nl",  # a loop back to itself
        "ro: en, en, nl",  # twice in one chain
        "ro: nl, en",  # nl not last
        "ro: en",  # nl missing
        "nl: en",  # the source has no fallback
        "ro: nl\nro: en, nl",  # a language twice
        "ro en nl",  # no colon
    ],
)
def test_an_invalid_text_is_refused(text):
    with pytest.raises(ValidationError):
        fallback.parse_chains(text)


def test_the_chain_is_read_from_the_site_settings_and_follows_a_change(site):
    _set_chains(site, "ro: pl, nl")
    assert fallback.chain("ro") == ["pl", "nl"]
    assert fallback.chain("bg") == ["en", "nl"]  # no line: the default
    _set_chains(site, "ro: nl")
    assert fallback.chain("ro") == ["nl"]


def test_an_invalid_chain_is_refused_on_the_model(site):
    row = SiteSettings.for_site(site)
    row.fallback_chains = "ro: nl, en"
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "fallback_chains" in error.value.message_dict


def test_editors_change_the_chain_in_the_admin(client, site):
    user = get_user_model().objects.create_superuser("beheer", "beheer@example.org", "pw")
    activate_totp(user)
    client.force_login(user)
    url = f"/admin/settings/home/sitesettings/{site.pk}/"
    data = {
        "site_name": "Goed Werk Rotterdam",
        "municipality_name": "Rotterdam",
        "phone_local": "14 010",
        "postal_address": "Postbus 70012",
    }
    refused = client.post(url, {**data, "fallback_chains": "ro: nl, en"})
    assert refused.status_code == 200
    assert "fallback_chains" in refused.context["form"].errors
    assert fallback.chain("ro") == ["en", "nl"]

    saved = client.post(url, {**data, "fallback_chains": "ro: nl"})
    assert saved.status_code == 302
    assert fallback.chain("ro") == ["nl"]


# What a Romanian visitor sees


def test_no_dutch_or_english_link_is_presented_as_romanian(client, mixed_site):
    html = client.get(mixed_site["home_ro"].url).content.decode()
    assert '<html lang="ro">' in html
    for attributes, text in _links(html):
        href = re.search(r'href="([^"]*)"', attributes)
        if href is None:
            continue
        for code in ("nl", "en"):
            if href.group(1).startswith(f"/{code}/"):
                assert f'hreflang="{code}"' in attributes, (attributes, text)


def test_the_menu_and_the_footer_mark_pages_in_a_fallback_language(client, mixed_site):
    html = client.get(mixed_site["home_ro"].url).content.decode()
    nav = html.split('class="main-nav"')[1].split("</nav>")[0]
    assert 'href="/en/housing/" hreflang="en"' in nav
    assert '<span lang="en">Housing</span>' in nav
    assert f"({t('English', 'ro')})" in nav
    assert "Wonen" not in nav
    footer = html.split('class="site-footer"')[1]
    assert 'href="/nl/privacy/" hreflang="nl"' in footer
    assert '<span lang="nl">Privacyverklaring</span>' in footer


def test_the_theme_cards_and_the_call_to_action_mark_the_english_page(client, mixed_site):
    html = client.get(mixed_site["home_ro"].url).content.decode()
    cards = html.split('class="cards"')[1].split("</ul>")[0]
    assert 'href="/en/housing/" hreflang="en"' in cards
    assert '<p lang="en">On renting.</p>' in cards
    cta = html.split('class="block cta"')[1].split("</div>")[0]
    assert 'href="/en/housing/" hreflang="en"' in cta
    assert f"({t('English', 'ro')})" in cta


def test_the_info_point_block_marks_the_english_point(client, mixed_site):
    html = client.get(mixed_site["home_ro"].url).content.decode()
    section = html.split('class="block info-point"')[1].split("</section>")[0]
    assert '<span lang="en">WIN point South</span>' in section


def test_the_next_fair_block_shows_the_english_fair_not_no_fair(client, mixed_site):
    html = client.get(mixed_site["home_ro"].url).content.decode()
    fair = html.split('class="next-job-fair"')[1].split("</section>")[0]
    assert 'href="/en/fairs/fair-south/" hreflang="en"' in fair
    assert '<span lang="en">Job fair South</span>' in fair
    assert t("No job fair is planned at the moment.", "ro") not in fair
    assert 'href="/en/fairs/" hreflang="en"' in fair


def test_the_next_fair_block_goes_on_along_the_chain(client, mixed_site):
    mixed_site["fair_en"].unpublish()  # no English fair: the Dutch one, marked as Dutch
    html = client.get(mixed_site["home_ro"].url).content.decode()
    fair = html.split('class="next-job-fair"')[1].split("</section>")[0]
    assert '<span lang="nl">Banenmarkt Zuid</span>' in fair
    assert 'hreflang="nl"' in fair


def test_a_page_in_the_visitors_language_is_not_marked(client, mixed_site):
    html = client.get(mixed_site["home_en"].url).content.decode()
    nav = html.split('class="main-nav"')[1].split("</nav>")[0]
    assert '<a href="/en/housing/">Housing</a>' in nav
    assert 'id="fallback-notice"' not in html


def test_a_page_served_in_place_carries_the_notice_and_its_language(client, mixed_site):
    # Without a Romanian home page, /ro/ shows the English one in place.
    mixed_site["home_ro"].unpublish()
    response = client.get("/ro/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ro">' in html
    assert '<div class="page-content" lang="en">' in html
    with translation.override("ro"):
        notice = fallback.notice()
    assert (
        t("This page is not yet available in %(language)s.", "ro", html=False)
        % {"language": t("Romanian", "ro", html=False)}
        == notice
    )
    assert f'<p class="notice" id="fallback-notice">{notice}</p>' in html


# The chain is used: another chain, another fallback


def test_a_changed_chain_changes_what_the_romanian_visitor_gets(client, site, mixed_site):
    _set_chains(site, "ro: nl")
    html = client.get(mixed_site["home_ro"].url).content.decode()
    nav = html.split('class="main-nav"')[1].split("</nav>")[0]
    assert 'href="/nl/wonen/" hreflang="nl"' in nav
    assert '<span lang="nl">Wonen</span>' in nav
    assert "Housing" not in nav
    fair = html.split('class="next-job-fair"')[1].split("</section>")[0]
    assert '<span lang="nl">Banenmarkt Zuid</span>' in fair
