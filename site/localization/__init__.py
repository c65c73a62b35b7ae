"""Everything the project does around wagtail-localize, in one place.

- ``goedwerk.localization.bulk``: the active locale, and the translations of many objects in the
  language being shown, in one query per model (``localized``, ``attach_localized``). Used by the
  page blocks, the job-fair blocks, the site template tags and the covenant texts in the portal,
  the review and the insight screens.
- ``goedwerk.localization.translate``: translating pages and snippets programmatically through
  wagtail-localize's own models (segments, string translations), from a dictionary
  (``translate_page``, for tests) or a PO file (``translate_from_po``, wagtail-localize's PO
  import, for the demo's data files in demo/locale/); it leaves the database as an editor's
  translation would.
- ``goedwerk.localization.machine``: the machine translator for the translation editor's
  "Translate with machine" button (DeepL with a configurable endpoint; LibreTranslate is
  wagtail-localize's own), configured from the environment in the settings, off by default.

- ``goedwerk.localization.status``: what is missing, out of date or partly translated per
  language (the admin report *Translation status* and the weekly digest), constant queries.
- ``goedwerk.localization.views``: that report, and the explorer's marker on published
  translations with untranslated text.

Workarounds for wagtail-localize, each in a module of its own with why and when to remove it at
its top: ``workaround_moderation`` (submitting a synced translation to the workflow; the
translation editor only offers *Publish*) and ``sync`` (synchronised fields reach every
translation when the source is saved or published, without *Sync translated pages*).
"""
