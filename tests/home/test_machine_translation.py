"""Machine translation as an editor's aid: off by default, configured from the environment (DeepL
or a self-hosted LibreTranslate), and the translation editor's "Translate with machine" path
fills the untranslated segments from a local fake server that answers like the real APIs."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.translation import gettext, override
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringTranslation

from goedwerk.localization.translate import translate_page
from goedwerk.settings.base import machine_translator
from home.factories import ContentPageFactory
from tests.signin import activate_totp


class FakeTranslator(BaseHTTPRequestHandler):
    """Answers POST /v2/translate like DeepL and POST /translate like LibreTranslate: every text
    comes back as ``[<target>] <text>``. Records what it was sent."""

    requests: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        if self.path == "/v2/translate":
            form = parse_qs(body)
            target = form["target_lang"][0]
            answer = {
                "translations": [
                    {"detected_source_language": "NL", "text": f"[{target}] {text}"}
                    for text in form["text"]
                ]
            }
            self.requests.append(("deepl", self.headers["Authorization"], form))
        elif self.path == "/translate":
            data = json.loads(body)
            answer = {"translatedText": [f"[{data['target']}] {text}" for text in data["q"]]}
            self.requests.append(("libretranslate", data.get("api_key"), data))
        else:
            self.send_error(404)
            return
        payload = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_server():
    FakeTranslator.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeTranslator)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_off_by_default(settings):
    assert machine_translator({}) is None
    assert machine_translator({"MACHINE_TRANSLATOR": "off"}) is None
    assert settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None
    assert get_machine_translator() is None


def test_configuration_from_the_environment():
    deepl = machine_translator(
        {"MACHINE_TRANSLATOR": "deepl", "DEEPL_AUTH_KEY": "k:fx", "DEEPL_FORMALITY": "prefer_less"}
    )
    assert deepl == {
        "CLASS": "goedwerk.localization.machine.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": "k:fx", "TIMEOUT": 30, "FORMALITY": "prefer_less"},
    }
    libre = machine_translator(
        {"MACHINE_TRANSLATOR": "LibreTranslate", "LIBRETRANSLATE_URL": "http://mt.internal/"}
    )
    assert libre["CLASS"].endswith("libretranslate.LibreTranslator")
    assert libre["OPTIONS"] == {
        "LIBRETRANSLATE_URL": "http://mt.internal",
        "API_KEY": "",
        "TIMEOUT": 30,
    }
    for wrong in (
        {"MACHINE_TRANSLATOR": "deepl"},
        {"MACHINE_TRANSLATOR": "libretranslate"},
        {"MACHINE_TRANSLATOR": "google"},
    ):
        with pytest.raises(ValueError):
            machine_translator(wrong)


def test_free_deepl_keys_use_the_free_endpoint_unless_an_address_is_given():
    from goedwerk.localization.machine import DeepLTranslator

    assert (
        DeepLTranslator({"AUTH_KEY": "k:fx"})
        .get_api_endpoint()
        .startswith("https://api-free.deepl.com/")
    )
    assert (
        DeepLTranslator({"AUTH_KEY": "k"}).get_api_endpoint().startswith("https://api.deepl.com/")
    )
    own = DeepLTranslator({"AUTH_KEY": "k", "API_URL": "http://127.0.0.1:9/v2/translate"})
    assert own.get_api_endpoint() == "http://127.0.0.1:9/v2/translate"


@pytest.fixture
def english_draft(home_nl):
    """A Dutch page and its English translation with nothing translated yet."""
    page = ContentPageFactory(
        parent=home_nl, title="Over deze website", slug="over", intro="Wij helpen je graag."
    )
    page.save_revision().publish()
    translate_page(home_nl, "en", {"home-nl": "home-en"})
    english = translate_page(page, "en", {}, publish=False)
    return page, english


def _editor():
    existing = get_user_model().objects.filter(username="redactie@example.org").first()
    if existing is not None:
        return existing
    user = get_user_model().objects.create_user(
        username="redactie@example.org", email="redactie@example.org", password="secret-password"
    )
    user.groups.add(Group.objects.get(name="Redactie"))
    activate_totp(user)
    return user


def _machine_translate(client, page, english, **kwargs):
    from wagtail_localize.models import Translation

    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=english.locale
    )
    client.force_login(_editor())
    with override("nl"):
        url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    response = client.post(url, **kwargs)
    return translation, response


def _machine_strings(locale):
    return set(
        StringTranslation.objects.filter(
            locale=locale, translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
        ).values_list("data", "tool_name")
    )


def test_translate_with_machine_is_not_offered_when_off(client, english_draft):
    page, english = english_draft
    # The view answers 404 (which LocaleMiddleware sends on to a language-prefixed address that
    # does not exist either).
    _translation, response = _machine_translate(client, page, english, follow=True)
    assert response.status_code == 404
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    assert editor.status_code == 200
    assert "machine_translate" not in editor.content.decode()
    assert not _machine_strings(english.locale)


def test_translate_with_deepl_through_the_translation_editor(
    client, settings, english_draft, fake_server
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator(
        {
            "MACHINE_TRANSLATOR": "deepl",
            "DEEPL_AUTH_KEY": "test-key",
            "DEEPL_API_URL": f"{fake_server}/v2/translate",
        }
    )
    page, english = english_draft
    # The editor offers the button.
    client.force_login(_editor())
    with override("nl"):
        url = reverse("wagtailadmin_pages:edit", args=[english.pk])
    editor = client.get(url)
    assert editor.status_code == 200
    assert "machine_translate" in editor.content.decode()

    _translation, response = _machine_translate(client, page, english)
    assert response.status_code == 302
    strings = _machine_strings(english.locale)
    # DeepL no longer takes a bare "EN" as a target: British English is asked for.
    assert ("[EN-GB] Over deze website", "DeepL") in strings
    assert ("[EN-GB] Wij helpen je graag.", "DeepL") in strings
    kind, authorization, form = FakeTranslator.requests[0]
    assert (kind, authorization) == ("deepl", "DeepL-Auth-Key test-key")
    assert form["source_lang"] == ["NL"]


def test_translate_with_libretranslate(client, settings, english_draft, fake_server):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator(
        {
            "MACHINE_TRANSLATOR": "libretranslate",
            "LIBRETRANSLATE_URL": fake_server,
            "LIBRETRANSLATE_API_KEY": "gemeente",
        }
    )
    page, english = english_draft
    _translation, response = _machine_translate(client, page, english)
    assert response.status_code == 302
    assert ("[en] Over deze website", "LibreTranslate") in _machine_strings(english.locale)
    kind, key, data = FakeTranslator.requests[0]
    assert (kind, key, data["source"], data["target"]) == ("libretranslate", "gemeente", "nl", "en")


def test_an_http_error_of_deepl_is_reported_as_one(settings, fake_server):
    import requests
    from wagtail.models import Locale as WagtailLocale
    from wagtail_localize.strings import StringValue

    from goedwerk.localization.machine import DeepLTranslator

    translator = DeepLTranslator({"AUTH_KEY": "k", "API_URL": f"{fake_server}/elsewhere"})
    nl = WagtailLocale(language_code="nl")
    en = WagtailLocale(language_code="en")
    with pytest.raises(requests.HTTPError):
        translator.translate(nl, en, [StringValue("Hallo")])


@pytest.mark.parametrize(
    "translator",
    [
        {"MACHINE_TRANSLATOR": "deepl", "DEEPL_AUTH_KEY": "k", "DEEPL_API_URL": "{server}/gone"},
        {"MACHINE_TRANSLATOR": "deepl", "DEEPL_AUTH_KEY": "k", "DEEPL_API_URL": "{closed}"},
        {"MACHINE_TRANSLATOR": "libretranslate", "LIBRETRANSLATE_URL": "{closed}"},
    ],
    ids=["deepl-404", "deepl-down", "libretranslate-down"],
)
def test_a_failing_service_sends_the_editor_back_with_a_message_and_changes_nothing(
    client, settings, english_draft, fake_server, translator
):
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator(
        {key: value.format(server=fake_server, closed=closed) for key, value in translator.items()}
    )
    page, english = english_draft
    with override("nl"):
        back = reverse("wagtailadmin_pages:edit", args=[english.pk])
    _translation, response = _machine_translate(client, page, english, data={"next": back})
    assert response.status_code == 302
    assert response["Location"] == back
    assert not _machine_strings(english.locale)
    page_after = client.get(back)
    messages = [str(message) for message in page_after.context["messages"]]
    with override("nl"):
        expected = gettext(
            "The machine translation service did not answer. Nothing was changed; "
            "translate by hand or try again later."
        )
    assert expected in messages


def test_machine_translation_still_needs_admin_access(client, english_draft):
    from wagtail_localize.models import Translation

    page, english = english_draft
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=english.locale
    )
    with override("nl"):
        url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    response = client.post(url)
    assert response.status_code == 302
    assert "login" in response["Location"]
