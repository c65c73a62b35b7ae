"""Issue #12: translating creates drafts, and a translation goes through Moderatie."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from goedwerk.localization.translate import ensure_locale, segment_texts, translate_page
from home.factories import CampaignPageFactory
from tests.home.test_editing import _user

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(home_nl):
    page = CampaignPageFactory(
        parent=home_nl, title="Werk", slug="werk", intro="Oud.", show_in_menus=True
    )
    page.save_revision().publish()
    return page


def _translate_in_admin(client, page, language_code):
    """Choose *Translate* on ``page`` as the signed-in user, through wagtail-localize's view."""
    locale = ensure_locale(language_code)
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [locale.pk]},
    )
    assert response.status_code == 302, response.content[:500]
    return Page.objects.get(translation_key=page.translation_key, locale=locale).specific


def test_translating_as_redactie_creates_a_draft_not_a_live_page(client, home_nl, campaign):
    client.force_login(_user("Redactie"))
    home_pl = _translate_in_admin(client, home_nl, "pl")
    campaign_pl = _translate_in_admin(client, campaign, "pl")

    assert not home_pl.live and not campaign_pl.live
    assert campaign_pl.get_parent().pk == home_pl.pk
    assert campaign_pl.has_unpublished_changes
    assert not Page.objects.live().filter(locale__language_code="pl").exists()

    client.logout()
    # Anonymous visitors never see the Polish draft: under /pl/ the site still falls back to
    # the live Dutch pages (home and campaign), as for any language without a live translation.
    for url, dutch in (("/pl/", home_nl), (f"/pl/{campaign_pl.slug}/", campaign)):
        response = client.get(url)
        assert response.status_code == 200
        assert response.context["page"].pk == dutch.pk
    assert client.get(f"/pl/{campaign_pl.pk}/").status_code == 404


def test_redactie_submits_a_translation_to_moderatie_and_eindredactie_is_mailed(
    client, home_nl, campaign, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    chief = _user("Eindredactie")
    editor = _user("Redactie")
    client.force_login(editor)
    _translate_in_admin(client, home_nl, "pl")
    campaign_pl = _translate_in_admin(client, campaign, "pl")

    assert campaign_pl.get_workflow().name == "Moderatie"
    assert not campaign_pl.permissions_for_user(editor).can_publish()
    mail.outbox.clear()
    # The header menu of the page offers the action (the translation editor itself has none).
    url = reverse("goedwerk_submit_translation", args=[campaign_pl.pk])
    with translation.override("en"):
        assert (
            url.encode()
            in client.get(
                reverse("wagtailadmin_explore", args=[campaign_pl.get_parent().pk])
            ).content
        )
        assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302, response.content[:500]
    campaign_pl = Page.objects.get(pk=campaign_pl.pk)
    state = campaign_pl.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert not campaign_pl.live
    # A second click (or a second editor) does not start a second workflow.
    client.post(url)
    assert campaign_pl.workflow_states.count() == 1

    # Eindredactie sees it in the queue on the dashboard and got Wagtail's e-mail.
    assert [m.to for m in mail.outbox] == [[chief.email]]
    assert campaign_pl.title in mail.outbox[0].subject or campaign_pl.title in mail.outbox[0].body
    client.force_login(chief)
    with translation.override("en"):
        dashboard = client.get(reverse("wagtailadmin_home"))
    assert campaign_pl.title.encode() in dashboard.content
    assert Locale.objects.get(language_code="pl").pk == campaign_pl.locale_id


def test_explorer_marks_a_published_translation_with_untranslated_text(client, small_site):
    client.force_login(_user("Eindredactie"))
    root = Page.get_first_root_node()
    explore = reverse("wagtailadmin_explore", args=[root.pk])
    response = client.get(explore)
    assert response.status_code == 200
    # Marked: exactly the live Polish pages whose wagtail-localize progress is incomplete.
    expected = []
    for page in root.get_children().live().filter(locale__language_code="pl"):
        total, done = Translation.objects.get(
            source__object_id=page.translation_key, target_locale=page.locale
        ).get_progress()
        if done < total:
            expected.append(page)
    assert [page.pk for page in expected] == [small_site["home_pl"].pk]  # its intro is Dutch
    assert response.content.count(b"data-goedwerk-untranslated") == len(expected)
    for page in expected:
        edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
        assert f'href="{edit}"'.encode() in response.content

    # Fully translated: no marker any more.
    home = small_site["home"]
    strings = {text: f"PL {text}" for text in segment_texts(home)}
    translate_page(home, "pl", strings)
    response = client.get(explore)
    assert b"data-goedwerk-untranslated" not in response.content
