"""Machine translation as an editor's aid (wagtail-localize's "Translate with machine" button).

Off unless the environment asks for it (``MACHINE_TRANSLATOR``, read by
``machine_translator()`` in the settings). wagtail-localize's own translators do the work; the
only additions are :class:`DeepLTranslator`, which also takes the endpoint from the options
(``API_URL``), so that a DeepL-compatible proxy or a test server can stand in for
api.deepl.com, asks for British English (DeepL no longer accepts a bare ``EN`` as a target) and
reports an HTTP error as one instead of failing on the error's body; and :func:`machine_translate`,
wagtail-localize's view with one change: when the service fails (down, slow, refusing the key,
answering nonsense) the editor goes back to the translation editor with a message and nothing
changed, instead of a server error. The view is mounted before wagtail-localize's own URL
(site/urls.py); remove both when wagtail-localize handles translator errors itself.
"""

import logging

import requests
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from wagtail.admin.auth import require_admin_access
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.machine_translators.deepl import DeepLTranslator as _DeepLTranslator
from wagtail_localize.strings import StringValue

logger = logging.getLogger(__name__)

# DeepL's target codes where its bare language code is deprecated.
DEEPL_TARGETS = {"EN": "EN-GB", "PT": "PT-PT"}


class MachineTranslationFailed(Exception):
    """The translation service did not give a usable answer."""


class DeepLTranslator(_DeepLTranslator):
    def get_api_endpoint(self):
        return self.options.get("API_URL") or super().get_api_endpoint()

    def get_parameters(self, source_locale, target_locale, strings):
        parameters = super().get_parameters(source_locale, target_locale, strings)
        target = parameters["target_lang"]
        parameters["target_lang"] = DEEPL_TARGETS.get(target, target)
        return parameters

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        response = requests.post(
            self.get_api_endpoint(),
            self.get_parameters(source_locale, target_locale, strings),
            timeout=int(self.options.get("TIMEOUT", 30)),
            headers=self.get_headers(),
        )
        response.raise_for_status()
        try:
            items = response.json()["translations"]
            return {
                string: StringValue(item["text"])
                for string, item in zip(strings, items, strict=True)
            }
        except (ValueError, KeyError, TypeError) as error:
            raise MachineTranslationFailed(f"DeepL gave no translations: {error}") from error


@require_admin_access
def machine_translate(request, translation_id):
    """wagtail-localize's "Translate with machine", with the service's failure as a message."""
    from wagtail_localize.views.edit_translation import machine_translate as localize_view

    try:
        return localize_view(request, translation_id)
    except (requests.RequestException, MachineTranslationFailed, ValueError, KeyError) as error:
        logger.warning("Machine translation of translation %s failed: %s", translation_id, error)
        messages.error(
            request,
            gettext(
                "The machine translation service did not answer. Nothing was changed; "
                "translate by hand or try again later."
            ),
        )
        return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))
