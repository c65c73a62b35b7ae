"""The last line of the input rule (goedwerk.storable): text with control characters that comes
through screens the project does not build (Wagtail's own admin, wagtail-localize's translation
editor) is saved without them and never gives a server error. Run on PostgreSQL too: it refuses
NUL in text."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from wagtail.models import Collection, Site
from wagtail_localize.models import StringTranslation, Translation

from goedwerk.localization.translate import translate_page
from home.factories import ContentPageFactory
from tests.signin import activate_totp

pytestmark = pytest.mark.django_db

HOSTILE = "Haven\x00 en \x07stad"
KEPT = "Haven en stad"


@pytest.fixture
def superuser_client(client):
    user = get_user_model().objects.create_superuser(
        username="beheer@example.org", email="beheer@example.org", password="secret-password"
    )
    activate_totp(user)
    client.force_login(user)
    return client


def test_a_model_saved_with_control_characters_keeps_the_text_without_them(home_nl):
    site = Site.objects.get(is_default_site=True)
    site.site_name = HOSTILE
    site.save()
    site.refresh_from_db()
    assert site.site_name == KEPT
    # Tab, line feed and carriage return are text.
    site.site_name = "Regel\teen\r\ntwee"
    site.save()
    site.refresh_from_db()
    assert site.site_name == "Regel\teen\r\ntwee"


#: Django's own form fields refuse NUL with a translated error ("Null characters are not
#: allowed"); the other control characters pass them and are taken out before saving.
BELL = "Haven en \x07stad"


def test_wagtails_collection_screen(superuser_client):
    root = Collection.get_first_root_node()
    with translation.override("nl"):
        url = reverse("wagtailadmin_collections:add")
    refused = superuser_client.post(url, {"name": HOSTILE, "parent": root.pk})
    assert refused.status_code == 200
    assert refused.context["form"].errors["name"]
    response = superuser_client.post(url, {"name": BELL, "parent": root.pk})
    assert response.status_code == 302
    assert Collection.objects.filter(name=KEPT).exists()


def test_wagtails_user_screen(superuser_client):
    with translation.override("nl"):
        url = reverse("wagtailusers_users:add")
    data = {
        "username": "nieuw@example.org",
        "email": "nieuw@example.org",
        "first_name": HOSTILE,
        "last_name": "Jansen",
        "password1": "een-lang-wachtwoord-42",
        "password2": "een-lang-wachtwoord-42",
        "is_active": "on",
    }
    refused = superuser_client.post(url, data)
    assert refused.status_code == 200
    assert refused.context["form"].errors["first_name"]
    response = superuser_client.post(url, {**data, "first_name": BELL})
    assert response.status_code == 302
    assert get_user_model().objects.get(email="nieuw@example.org").first_name == KEPT


def test_the_translation_editor_saves_a_segment_without_them(superuser_client, home_nl):
    page = ContentPageFactory(parent=home_nl, title="Over ons", slug="over", intro="Welkom.")
    page.save_revision().publish()
    translate_page(home_nl, "en", {"home-nl": "home-en"})
    english = translate_page(page, "en", {}, publish=False)
    translation_ = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=english.locale
    )
    segment = translation_.source.stringsegment_set.select_related("string").get(
        string__data="Welkom."
    )
    with translation.override("nl"):
        url = reverse(
            "wagtail_localize:edit_string_translation", args=[translation_.pk, segment.pk]
        )
    response = superuser_client.put(
        url, f"value={HOSTILE}".encode(), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (200, 201)
    stored = StringTranslation.objects.get(
        translation_of_id=segment.string_id, locale=english.locale
    )
    assert stored.data == KEPT
