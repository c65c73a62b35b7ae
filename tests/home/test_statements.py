"""The accessibility and privacy statements: structured page types on the Dutch model, in every
site language, linked from the footer; the demo replaces the old free-text pages."""

import io
from html import unescape as html_unescape

import pytest
from django.test import override_settings
from django.utils import translation
from wagtail.models import Locale, Page

from home import demo as home_demo
from home.factories import ContentPageFactory
from home.models import AccessibilityStatementPage, ContentPage, PrivacyStatementPage
from home.models.statements import AUTORITEIT_PERSOONSGEGEVENS_URL, NATIONALE_OMBUDSMAN_URL
from tests.home.statements import LANGUAGES, build_statements

pytestmark = pytest.mark.django_db


@pytest.fixture
def statements(home_nl):
    return build_statements(home_nl)


def _translation(page, code):
    return page.get_translation(Locale.objects.get(language_code=code))


def test_accessibility_statement_renders_its_parts_in_every_language(client, statements):
    for code in LANGUAGES:
        _check_accessibility(client, statements, code)


def _check_accessibility(client, statements, code):
    page = _translation(statements["accessibility"], code)
    assert page.live
    response = client.get(page.url)
    assert response.status_code == 200
    html = html_unescape(response.content.decode())
    assert f'<html lang="{code}"' in html
    assert page.title in html
    # Status (A-E, in the interface language), the date, the scope and the evaluation.
    with translation.override(code):
        assert str(page.get_status_display()) in html
        assert str(page.status_explanation) in html
    assert page.statement_date.isoformat() in html
    assert page.scope in html
    assert page.evaluation_url in html
    # Known issues, each with its measure and planned date.
    assert len(page.known_issues) == 2
    for issue in page.known_issues:
        assert issue.value["issue"] in html
        assert issue.value["measure"] in html
        assert issue.value["planned_date"].isoformat() in html
    # Contact and the complaints route: the municipality, then the Nationale ombudsman.
    assert f"mailto:{page.contact_email}" in html
    assert page.complaints_url in html
    assert NATIONALE_OMBUDSMAN_URL in html
    # Translated texts are the page's own, synchronised facts are the Dutch page's.
    source = statements["accessibility"]
    assert (page.status, page.statement_date, page.contact_email) == (
        source.status,
        source.statement_date,
        source.contact_email,
    )
    if code != "nl":
        assert page.scope != source.scope
        assert page.known_issues[0].value["issue"] != source.known_issues[0].value["issue"]


def test_privacy_statement_renders_its_sections_in_every_language(client, statements):
    for code in LANGUAGES:
        _check_privacy(client, statements, code)


def _check_privacy(client, statements, code):
    page = _translation(statements["privacy"], code)
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    for field in ["controller", "purposes", "legal_basis", "portal_account_data", "rights"]:
        assert getattr(page, field) in html, field
    assert f"mailto:{page.privacy_email}" in html
    # The complaint route to the Autoriteit Persoonsgegevens is a link.
    assert f'href="{AUTORITEIT_PERSOONSGEGEVENS_URL}"' in html
    with translation.override(code):
        for what, term in page.retention_terms():
            assert str(what) in html
            assert str(term) in html
    if code != "nl":
        assert page.purposes != statements["privacy"].purposes


def test_privacy_statement_shows_the_configured_retention_terms(client, statements, settings):
    settings.GOEDWERK_EVIDENCE_RETENTION_DAYS = 1234
    settings.GOEDWERK_INVITATION_RETENTION_DAYS = 17
    page = _translation(statements["privacy"], "en")
    html = client.get(page.url).content.decode()
    assert "1234 days" in html
    assert "17 days" in html
    assert "GDPR article 6" in html
    assert "Autoriteit Persoonsgegevens" in html
    settings.GOEDWERK_EVIDENCE_RETENTION_DAYS = 0
    with translation.override("en"):
        assert "Kept until transferred to the archive" in client.get(page.url).content.decode()


def test_statements_page_query_count(client, statements, django_assert_max_num_queries):
    for page in (statements["privacy"], statements["accessibility"]):
        client.get(page.url)  # warm the site caches
        with django_assert_max_num_queries(22):
            assert client.get(page.url).status_code == 200


def test_footer_links_to_both_statements_in_the_language_shown(client, statements, home_nl):
    ContentPageFactory(parent=home_nl, title="Colofon", slug="colofon", show_in_footer=True)
    ContentPageFactory(parent=home_nl, title="Verborgen", slug="verborgen", show_in_footer=False)
    for code in ["nl", "ro"]:
        home = _translation(home_nl, code)
        html = client.get(home.url).content.decode()
        for key in ("privacy", "accessibility"):
            target = _translation(statements[key], code)
            assert f'href="{target.url}"' in html, (code, key)
    footer = list(ContentPage.footer_pages(Locale.objects.get(language_code="nl")))
    assert [page.slug for page in footer] == ["privacy", "toegankelijkheid", "colofon"]


def test_the_statements_are_found_by_the_site_search(client, statements):
    html = client.get("/nl/zoeken/?q=convenant").content.decode()
    assert f'href="{statements["privacy"].url}"' in html
    html = client.get("/pl/zoeken/?q=czytnikiem").content.decode()
    assert f'href="{_translation(statements["accessibility"], "pl").url}"' in html


def test_demo_replaces_the_old_free_text_pages_with_the_same_addresses(client, home_nl):
    old = ContentPageFactory(
        parent=home_nl, title="Toegankelijkheidsverklaring", slug="toegankelijkheid"
    )
    old.save_revision().publish()
    old_privacy = ContentPageFactory(parent=home_nl, title="Privacyverklaring", slug="privacy")
    old_privacy.save_revision().publish()
    with override_settings(WAGTAILADMIN_BASE_URL="http://testserver"):
        build_statements(home_nl)
    assert not ContentPage.objects.filter(slug__in=["privacy", "toegankelijkheid"]).exists()
    assert (
        AccessibilityStatementPage.objects.get(locale=home_nl.locale).url == "/nl/toegankelijkheid/"
    )
    assert PrivacyStatementPage.objects.get(locale=home_nl.locale).url == "/nl/privacy/"
    assert client.get("/nl/toegankelijkheid/").status_code == 200
    assert client.get("/pl/dostepnosc/").status_code == 200


def test_full_home_demo_twice_keeps_the_statements(client):
    home_demo.load(stdout=io.StringIO(), password="demo-password-1")
    first = sorted(
        Page.objects.type(AccessibilityStatementPage, PrivacyStatementPage).values_list(
            "pk", "latest_revision_id"
        )
    )
    assert len(first) == 12  # two statements in six languages
    home_demo.load(stdout=io.StringIO(), password="demo-password-1")
    again = sorted(
        Page.objects.type(AccessibilityStatementPage, PrivacyStatementPage).values_list(
            "pk", "latest_revision_id"
        )
    )
    assert again == first
    assert client.get("/en/accessibility/").status_code == 200
    assert client.get("/hu/adatvedelem/").status_code == 200


def test_control_characters_in_the_editor_give_an_error_and_keep_the_text(statements, home_nl):
    page = statements["accessibility"]
    form_class = AccessibilityStatementPage.get_edit_handler().get_form_class()
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "status": "C",
        "statement_date": "2026-11-30",
        "scope": "Alle pagina's\x00 van de site",
        "standard": page.standard,
        "evaluation_url": page.evaluation_url,
        "evaluation_summary": "",
        "known_issues-count": "0",
        "contact_email": page.contact_email,
        "contact_text": "Bel ons\x07.",
        "complaints_url": page.complaints_url,
        "complaints_text": "",
    }
    form = form_class(data, instance=page, parent_page=home_nl, for_user=None)
    assert not form.is_valid()
    assert set(form.errors) == {"scope", "contact_text"}
    assert form.data["scope"] == "Alle pagina's van de site"
    page.refresh_from_db()
    assert page.status == "B"
