"""Synchronised facts reach every language when the Dutch source is saved or published (issue #12).

Workaround: wagtail-localize copies ``SynchronizedField`` values (addresses, phone numbers, walk-in
hours, dates, links, status) into a translation only when the translation is rebuilt: by an editor
choosing *Sync translated pages / snippets* and then publishing each language. Until then the
translations show stale facts (yesterday's walk-in hours in Polish). Here, saving a source
snippet or publishing a source page updates its ``TranslationSource`` from the database and rebuilds
every existing translation from it (``Translation.save_target``). Translated texts are kept:
they live in wagtail-localize's string translations, keyed by the source text; a changed source
text falls back to the source until it is translated again, as with the manual sync.

A translated page is republished only when it was live and not in moderation; otherwise a draft
revision is saved (Eindredactie's review is not bypassed). Snippets without drafts (info points)
are saved directly.

Remove when wagtail-localize synchronises fields on publish itself (upstream: wagtail/wagtail-
localize, "Automatically sync SynchronizedFields"); then delete this module and its signal
connections in ``home/apps.py``.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import DraftStateMixin, Page
from wagtail_localize.models import Translation, TranslationSource

from goedwerk.localization.translate import _content_changed

logger = logging.getLogger(__name__)


def sync_translations_of(instance) -> int:
    """Rebuild every enabled translation of ``instance`` (a source page or snippet) from its
    current content. Returns the number of translations updated; none when ``instance`` is not
    the source of a translation (e.g. it is itself a translation)."""
    if isinstance(instance, Page):
        instance = instance.specific
    source = TranslationSource.objects.filter(
        object_id=instance.translation_key, locale_id=instance.locale_id
    ).first()
    if source is None or not _content_changed(source, instance):
        return 0  # not a source, or nothing changed since its translations were built
    translations = list(
        Translation.objects.filter(source=source, enabled=True).select_related("target_locale")
    )
    if not translations:
        return 0
    source.update_from_db()
    updated = 0
    for translation in translations:
        try:
            target = translation.get_target_instance()
        except instance.__class__.DoesNotExist:
            continue
        if isinstance(target, DraftStateMixin):
            in_review = isinstance(target, Page) and target.workflow_in_progress
            publish = target.live and not in_review
        else:
            publish = True
        try:
            with transaction.atomic():
                translation.save_target(publish=publish)
        except ValidationError as error:
            # The translation stays as it was; the editor sees the error in its editor.
            logger.warning("Could not sync %s into %s: %s", instance, translation, error)
            continue
        updated += 1
    return updated


def _after_commit(instance):
    # The source's child rows (walk-in hours) are saved after its own row; sync once they are.
    model, pk = type(instance), instance.pk
    transaction.on_commit(lambda: sync_translations_of(model._default_manager.get(pk=pk)))


def on_snippet_saved(sender, instance, raw=False, **kwargs):
    """``post_save`` of a translatable snippet without drafts: sync its translations."""
    if raw:
        return
    _after_commit(instance)


def on_page_published(sender, instance, **kwargs):
    """``page_published``: sync the translations of a published source page."""
    _after_commit(instance)
