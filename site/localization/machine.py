"""Machine translation as an editor's aid (wagtail-localize's "Translate with machine" button).

Off unless the environment asks for it (``MACHINE_TRANSLATOR``, read by
``machine_translator()`` in the settings). wagtail-localize's own translators do the work; the
only addition is :class:`DeepLTranslator`, which also takes the endpoint from the options
(``API_URL``), so that a DeepL-compatible proxy or a test server can stand in for
api.deepl.com, and which reports an HTTP error as one instead of failing on the error's body.
"""

import requests
from wagtail_localize.machine_translators.deepl import DeepLTranslator as _DeepLTranslator
from wagtail_localize.strings import StringValue


class DeepLTranslator(_DeepLTranslator):
    def get_api_endpoint(self):
        return self.options.get("API_URL") or super().get_api_endpoint()

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        response = requests.post(
            self.get_api_endpoint(),
            self.get_parameters(source_locale, target_locale, strings),
            timeout=int(self.options.get("TIMEOUT", 30)),
            headers=self.get_headers(),
        )
        response.raise_for_status()

        return {
            string: StringValue(item["text"])
            for string, item in zip(strings, response.json()["translations"], strict=True)
        }
