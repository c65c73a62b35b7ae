"""Site settings (Settings > Site settings) and footer texts (Settings > Footer texts): what the
templates used to hard-code now comes from the admin, per site, texts per language."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale, Site

from home.models import SiteSettings, SiteTexts
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


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("beheer", "beheer@example.org", "pw")
    activate_totp(user)
    client.force_login(user)
    return client


def _footer(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return html, html.split('class="site-footer"')[1]


def test_the_defaults_show_what_the_templates_used_to_say(client, home_nl):
    html, footer = _footer(client, home_nl.url)
    assert "| Goed Werk Rotterdam</title>" in html
    assert 'class="site-header__logo" href="/nl/"><img class="site-header__logo-image"' in html
    assert (
        '<span class="site-header__name">Goed Werk '
        '<span class="site-header__municipality">Rotterdam</span></span></a>'
    ) in html
    assert 'src="/static/img/logo.svg" alt=""' in html
    address = footer.split('<address class="site-footer__address">')[1].split("</address>")[0]
    assert "Postbus 70012<br>3000 KP Rotterdam" in address
    assert '<a href="tel:14010">14 010</a>' in address
    assert '<a href="tel:14010">14 010</a>' in footer
    with translation.override("nl"):
        about = translation.gettext(
            "Goed Werk Rotterdam is a programme of the City of Rotterdam and the employers of the "
            "Coalition for Good Employership (Coalitie Goed Werkgeverschap)."
        )
    assert about in footer
    assert "mailto:" not in footer and "Facebook" not in footer


def test_a_changed_setting_shows_on_the_pages(client, site, home_nl):
    settings = SiteSettings.for_site(site)
    settings.site_name = "Goed Werk Schiedam"
    settings.municipality_name = "Schiedam"
    settings.phone_local = "14 010 1"
    settings.phone_international = "+31 10 123 4567"
    settings.contact_email = "info@example.org"
    settings.instagram_url = "https://instagram.example/goedwerk"
    settings.save()
    html, footer = _footer(client, home_nl.url)
    assert "| Goed Werk Schiedam</title>" in html
    assert '>Goed Werk <span class="site-header__municipality">Schiedam</span></span></a>' in html
    with translation.override("nl"):
        name = translation.gettext("Municipality of %(municipality)s") % {
            "municipality": "Schiedam"
        }
    assert f"<strong>{name}</strong>" in footer.split("</address>")[0]
    assert '<a href="tel:140101">14 010 1</a>' in footer
    assert '<a href="tel:+31101234567">+31 10 123 4567</a>' in footer
    assert '<a href="mailto:info@example.org">info@example.org</a>' in footer
    assert '<a href="https://instagram.example/goedwerk">Instagram</a>' in footer
    assert "Facebook" not in footer


def test_a_site_name_without_the_municipality_is_shown_whole(client, site, home_nl):
    SiteSettings.objects.filter(site=site).update(site_name="Werk in NL")
    html, _footer_html = _footer(client, home_nl.url)
    assert '<span class="site-header__name">Werk in NL</span></a>' in html


def test_footer_texts_per_language_with_the_standard_text_as_fallback(client, site, small_site):
    nl = Locale.objects.get(language_code="nl")
    SiteTexts.objects.create(
        site=site, locale=nl, footer_about="Over deze site.", footer_note="Bel op werkdagen."
    )
    _html, footer = _footer(client, small_site["home"].url)
    assert "<p>Over deze site.</p>" in footer and "Bel op werkdagen." in footer
    _html, footer_pl = _footer(client, small_site["home_pl"].url)
    assert "Over deze site." not in footer_pl
    with translation.override("pl"):
        standard = translation.gettext(
            "Goed Werk Rotterdam is a programme of the City of Rotterdam and the employers of the "
            "Coalition for Good Employership (Coalitie Goed Werkgeverschap)."
        )
    assert standard in footer_pl


def test_a_saved_text_replaces_the_cached_one(client, site, home_nl):
    nl = Locale.objects.get(language_code="nl")
    texts = SiteTexts.objects.create(site=site, locale=nl, footer_about="Eerste tekst.")
    assert "Eerste tekst." in _footer(client, home_nl.url)[1]
    texts.footer_about = "Tweede tekst."
    texts.save()
    assert "Tweede tekst." in _footer(client, home_nl.url)[1]
    texts.delete()
    assert "Tweede tekst." not in _footer(client, home_nl.url)[1]


def test_settings_and_texts_cost_no_query_once_cached(client, site, home_nl):
    client.get(home_nl.url)  # warm up: settings and footer texts are cached after one request
    with CaptureQueriesContext(connection) as context:
        assert client.get(home_nl.url).status_code == 200
    sqls = [query["sql"] for query in context.captured_queries]
    assert sum("home_sitesettings" in sql for sql in sqls) == 0
    assert sum("home_sitetexts" in sql for sql in sqls) == 0


def test_saved_and_deleted_settings_replace_the_cached_copy(client, site, home_nl):
    SiteSettings.for_site(site)  # cached
    settings = SiteSettings.objects.get(site=site)
    settings.site_name = "Goed Werk Vlaardingen"
    settings.municipality_name = "Vlaardingen"
    settings.save()
    assert SiteSettings.for_site(site).site_name == "Goed Werk Vlaardingen"
    assert "| Goed Werk Vlaardingen</title>" in _footer(client, home_nl.url)[0]
    SiteSettings.objects.filter(site=site).delete()
    assert SiteSettings.for_site(site).site_name == "Goed Werk Rotterdam"


def test_every_site_has_its_own_settings(client, site, home_nl):
    other = Site.objects.create(hostname="other.example", port=80, root_page=home_nl)
    SiteSettings.objects.create(site=other, phone_local="010 123")
    assert '<a href="tel:14010">14 010</a>' in _footer(client, home_nl.url)[1]
    response = client.get(home_nl.url, HTTP_HOST="other.example")
    assert '<a href="tel:010123">010 123</a>' in response.content.decode()


def test_the_data_migration_gives_every_site_todays_values(site):
    SiteSettings.objects.all().delete()
    migration = importlib.import_module("home.migrations.0006_fill_site_settings")
    migration.fill(apps, None)
    settings = SiteSettings.objects.get(site=site)
    assert (settings.site_name, settings.municipality_name, settings.phone_local) == (
        "Goed Werk Rotterdam",
        "Rotterdam",
        "14 010",
    )
    assert settings.phone_international == settings.contact_email == ""


def test_admin_has_the_settings_and_the_footer_texts(admin_client, site):
    response = admin_client.get("/admin/")
    html = response.content.decode()
    assert "/admin/settings/home/sitesettings/" in html
    assert "/admin/snippets/home/sitetexts/" in html
    url = f"/admin/settings/home/sitesettings/{site.pk}/"
    assert admin_client.get(url).status_code == 200


def _settings_data(**overrides):
    data = {
        "site_name": "Goed Werk Rotterdam",
        "municipality_name": "Rotterdam",
        "phone_local": "14 010",
        "phone_international": "",
        "contact_email": "",
        "facebook_url": "",
        "instagram_url": "",
        "linkedin_url": "",
        "youtube_url": "",
    }
    return {**data, **overrides}


def test_the_admin_saves_a_changed_number(admin_client, site):
    url = f"/admin/settings/home/sitesettings/{site.pk}/"
    response = admin_client.post(url, _settings_data(phone_international="+31 10 123 4567"))
    assert response.status_code == 302
    assert SiteSettings.for_site(site).phone_international == "+31 10 123 4567"


def test_control_characters_are_refused_and_nothing_is_lost(admin_client, site):
    url = f"/admin/settings/home/sitesettings/{site.pk}/"
    admin_client.post(url, _settings_data(phone_international="+31 10 123 4567"))
    response = admin_client.post(url, _settings_data(site_name="Goed\x00 Werk\x07"))
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        t(
            "This text contained invisible control characters, which cannot be stored. They have "
            "been removed: check the text and save again."
        )
        in html
    )
    assert 'value="Goed Werk"' in html
    saved = SiteSettings.objects.get(site=site)
    assert saved.site_name == "Goed Werk Rotterdam"
    assert saved.phone_international == "+31 10 123 4567"


def test_footer_texts_refuse_control_characters(admin_client, site):
    nl = Locale.objects.get(language_code="nl")
    response = admin_client.post(
        f"/admin/snippets/home/sitetexts/add/?locale={nl.language_code}",
        {"site": site.pk, "footer_about": "Over\x00 ons", "footer_note": "", "locale": nl.pk},
    )
    assert response.status_code == 200
    assert not SiteTexts.objects.exists()
