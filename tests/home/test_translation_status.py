"""Issue #12: Reports → Translation status, and the weekly digest to Eindredactie."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation

from goedwerk.localization.status import translation_status
from goedwerk.localization.translate import ensure_locale, translate_page
from home.factories import ContentPageFactory
from tests.home.test_editing import _user

pytestmark = pytest.mark.django_db

URL = reverse("goedwerk_translation_status")


def _by_language(statuses):
    return {status.locale.language_code: status for status in statuses}


def test_counts_per_language(small_site, info_point):
    ensure_locale("en")  # a language nothing is translated into yet
    campaign = small_site["campaign"]
    campaign.intro = "Een nieuwe inleiding."
    campaign.save_revision().publish()  # (the automatic sync runs on commit, not in this test)

    status = _by_language(translation_status())
    assert set(status) == {"en", "pl"}
    live_pages = ["Welkom in Rotterdam", "Inschrijven bij de gemeente", "Privacyverklaring"]
    missing_en = [item.title for item in status["en"].missing]
    assert missing_en[:3] == live_pages  # the pages, in tree order, then the snippets
    assert "WIN-punt Zuid" in missing_en
    assert status["en"].out_of_date == [] and status["en"].partly_translated == []

    pl = status["pl"]
    missing_pl = [item.title for item in pl.missing]
    assert not set(missing_pl) & {*live_pages, "WIN-punt Zuid"}
    assert [item.title for item in pl.out_of_date] == ["Inschrijven bij de gemeente"]
    # "Partly translated" agrees with wagtail-localize's own progress of each translation.
    expected = {}
    for t in Translation.objects.filter(target_locale__language_code="pl"):
        total, done = t.get_progress()
        if done < total:
            expected[t.source.object_repr] = 100 * done // total
    assert {item.title: item.percent for item in pl.partly_translated} == expected
    assert expected  # the demo strings leave some segments untranslated
    campaign_pl = small_site["campaign_pl"]
    assert pl.out_of_date[0].url == reverse("wagtailadmin_pages:edit", args=[campaign_pl.pk])
    assert status["en"].missing[1].url == reverse(
        "wagtail_localize:submit_page_translation", args=[campaign.pk]
    )


def test_view_for_redactie_with_constant_queries(client, small_site):
    client.force_login(_user("Redactie"))
    with translation.override("en"), CaptureQueriesContext(connection) as small:
        response = client.get(URL)
    assert response.status_code == 200
    (pl,) = response.context["languages"]
    count = f'data-count="partly_translated">{len(pl.partly_translated)}<'
    assert count.encode() in response.content
    edit_campaign_pl = reverse("wagtailadmin_pages:edit", args=[small_site["campaign_pl"].pk])
    assert f'href="{edit_campaign_pl}"'.encode() in response.content

    home = small_site["home"]
    for number in range(3):
        page = ContentPageFactory(parent=home, title=f"Pagina {number}", slug=f"pagina-{number}")
        page.save_revision().publish()
        translate_page(page, "pl", {f"Pagina {number}": f"Strona {number}"})
    with translation.override("en"), CaptureQueriesContext(connection) as larger:
        response = client.get(URL)
    assert response.status_code == 200
    assert len(larger) == len(small)


def test_view_is_refused_to_others(client, small_site):
    user = get_user_model().objects.create_user(username="x", email="x@example.org")
    client.force_login(user)
    assert client.get(URL).status_code in (302, 403)


def test_weekly_digest_to_eindredactie_in_their_language(small_site, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    english = _user("Eindredactie")
    dutch = get_user_model().objects.create_user(username="nl", email="nl@example.org")
    dutch.groups.add(english.groups.get())
    profile = UserProfile.get_for_user(english)
    profile.preferred_language = "en"
    profile.save()
    _user("Redactie")  # not a recipient

    call_command("send_translation_digest", stdout=io.StringIO())

    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {english.email, "nl@example.org"}
    for user, language in ((english, "en"), (dutch, "nl")):
        with translation.override(language):
            expected_subject = translation.gettext("Translations this week: what is still missing")
            status = _by_language(translation_status())["pl"]
        message = sent[user.email]
        assert expected_subject in message.subject
        assert status.name in message.body
        campaign_pl = small_site["campaign_pl"]
        edit = reverse("wagtailadmin_pages:edit", args=[campaign_pl.pk])
        assert f"{settings.WAGTAILADMIN_BASE_URL}{edit}" in message.body


def test_the_scheduler_sends_the_digest_weekly():
    from pathlib import Path

    script = (Path(__file__).resolve().parents[2] / "bin" / "scheduler.sh").read_text()
    assert "python manage.py send_translation_digest" in script
    assert "DIGEST_EVERY=${SCHEDULER_DIGEST_EVERY:-10080}" in script  # minutes in a week
