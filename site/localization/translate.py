"""Translate pages and snippets through wagtail-localize, for demo loaders and tests.

Editors translate in the admin: wagtail-localize extracts every translatable text of the source page
into *segments*, the editor types a translation for each and the translated page is built from
them. Demo content must leave the database in the same state, so that the admin shows a real
translation (progress, "Sync translated pages", PO export) and not a loose copy. This module does
exactly what the editor's path does, without the editor:

1. make sure the target :class:`~wagtail.models.Locale` exists;
2. create or update the ``TranslationSource`` of the source page (the frozen source content and its
   segments) and the ``Translation`` (source → target locale) that the admin's editor works on;
3. record a ``StringTranslation`` for each source segment whose text is a key of ``strings``;
4. build the translated page (untranslated segments fall back to the source text) and publish it.

Keys of ``strings`` are the segment texts exactly as wagtail-localize extracts them: the value of a
plain text field (title, slug, a block's char field), and for rich text one entry per paragraph,
list item or heading, with inline markup kept (``Read <b>this</b> first``) and links reduced to
``<a id="a1">…</a>`` (the real ``href`` comes back from the source). :func:`segment_texts` lists
them for a page, which is the easiest way to write a demo dictionary.

Running it again with the same input changes nothing (no new revision); a changed source or a
changed translation updates the existing translated page. Translate a parent before its children:
a child whose parent has no translation yet is placed under an alias of the source parent (what
wagtail-localize itself does).
"""

import json
import logging
from collections.abc import Mapping

import polib
from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Model
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationLog,
    TranslationSource,
)

logger = logging.getLogger(__name__)

TOOL_NAME = "goedwerk demo"


def ensure_locale(language_code: str) -> Locale:
    """The Wagtail locale for a language code, created if it does not exist yet."""
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    return locale


def segment_texts(instance: Model) -> list[str]:
    """The texts wagtail-localize extracts from ``instance``, in order: the keys that
    :func:`translate_page` understands."""
    source, _ = TranslationSource.update_or_create_from_instance(_specific(instance))
    return list(
        StringSegment.objects.filter(source=source)
        .order_by("order")
        .values_list("string__data", flat=True)
    )


def translate_page(
    page: Page,
    language_code: str,
    strings: Mapping[str, str],
    *,
    publish: bool = True,
    user=None,
    strict: bool = False,
) -> Page:
    """Translate ``page`` into ``language_code`` with wagtail-localize and return the translation.

    ``strings`` maps source segment texts to their translations; segments without an entry keep
    the source text. With ``publish`` the translated page is published now (not at the end of the
    surrounding transaction), otherwise it is saved as a draft revision. Keys that match no
    segment are logged, or raise ``ValueError`` with ``strict=True`` (useful in tests).
    """
    return translate_instance(
        page, language_code, strings, publish=publish, user=user, strict=strict
    )


@transaction.atomic
def translate_instance(
    instance: Model,
    language_code: str,
    strings: Mapping[str, str],
    *,
    publish: bool = True,
    user=None,
    strict: bool = False,
) -> Model:
    """:func:`translate_page` for any translatable model: pages and snippets (such as info
    points). ``publish`` only matters for models with draft states."""

    def record(source, locale, _translation):
        return _record_strings(source, locale, strings, user=user, strict=strict)

    return _update_translation(instance, language_code, record, publish=publish, user=user)


@transaction.atomic
def translate_from_po(
    instance: Model,
    language_code: str,
    po: polib.POFile,
    *,
    publish: bool = True,
    user=None,
    strict: bool = False,
    tool_name: str = TOOL_NAME,
) -> Model:
    """Translate a page or snippet from a PO file, through wagtail-localize's own import
    (``Translation.import_po``, what the admin's "Upload PO file" calls) and
    ``Translation.save_target``: the path of an external translator.

    Entries without a ``msgstr`` stay untranslated (the page shows the source text there and
    the admin counts them as missing). A translation ID in the file's header (a file downloaded
    from the admin) is ignored: it names a translation of another database. Entries that match
    no segment of the source (stale msgids or contexts) are logged, or raise ``ValueError``
    with ``strict=True``."""

    def record(source, locale, translation):
        po.metadata.pop("X-WagtailLocalize-TranslationID", None)
        before = _stored_strings(source, locale)
        warnings = translation.import_po(po, user=user, tool_name=tool_name)
        if warnings:
            message = f"{source.object_repr}: PO entries that match no segment: {warnings!r}"
            if strict:
                raise ValueError(message)
            logger.warning(message)
        return _stored_strings(source, locale) != before

    return _update_translation(instance, language_code, record, publish=publish, user=user)


def _stored_strings(source: TranslationSource, locale: Locale) -> set:
    return set(
        StringTranslation.objects.filter(
            context__object_id=source.object_id, locale=locale
        ).values_list("translation_of_id", "context_id", "data")
    )


def _update_translation(instance, language_code, record, *, publish, user):
    """The one path of both functions above: refresh the source, record the strings with
    ``record(source, locale, translation)`` (returns whether anything changed) and rebuild and
    publish the translated object only when something changed."""
    # Always translate what is saved: a caller's instance may be stale.
    instance = type(_specific(instance))._default_manager.get(pk=instance.pk)
    locale = ensure_locale(language_code)
    if locale.pk == instance.locale_id:
        raise ValueError(f"{instance!r} is already in {language_code!r}")

    source = TranslationSource.objects.get_for_instance_or_none(instance)
    if source is None or _content_changed(source, instance):
        source, _ = TranslationSource.update_or_create_from_instance(instance)
    # Changed since this locale was last built from it? (The source is shared by all locales.)
    last_built = (
        TranslationLog.objects.filter(source=source, locale=locale)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    changed = last_built is None or source.last_updated_at > last_built

    translation, created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    if not translation.enabled:
        translation.enabled = True
        translation.save(update_fields=["enabled"])
        changed = True
    changed |= created
    changed |= record(source, locale, translation)

    target = _existing_translation(source, locale)
    if target is None:
        changed = True
    elif publish and isinstance(target, DraftStateMixin):
        changed |= not target.live or target.has_unpublished_changes
    if not changed:
        return target

    draft_state = isinstance(instance, DraftStateMixin)
    # wagtail-localize publishes pages and snippets with drafts on commit of the transaction;
    # we publish ourselves below so that the page is live as soon as this returns.
    translation.save_target(user=user, publish=not draft_state)
    target = source.get_translated_instance(locale)
    if draft_state and publish:
        target.get_latest_revision().publish(user=user)
        target.refresh_from_db()
    return target


# Bookkeeping that changes when a page is merely published, moved or given children: not content.
_BOOKKEEPING = {
    "latest_revision",
    "live_revision",
    "latest_revision_created_at",
    "last_published_at",
    "first_published_at",
    "has_unpublished_changes",
    "draft_title",
    "numchild",
    "locked",
    "locked_at",
    "locked_by",
}


def _content_changed(source: TranslationSource, instance: Model) -> bool:
    if isinstance(instance, ClusterableModel):
        current = json.loads(instance.to_json())
    else:
        current = json.loads(
            json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder)
        )
    stored = json.loads(source.content_json)
    for data in (current, stored):
        for key in _BOOKKEEPING:
            data.pop(key, None)
    return current != stored


def _specific(instance: Model) -> Model:
    return instance.specific if isinstance(instance, Page) else instance


def _existing_translation(source: TranslationSource, locale: Locale) -> Model | None:
    try:
        return source.get_translated_instance(locale)
    except ObjectDoesNotExist:
        return None


def _record_strings(source, locale, strings, *, user, strict) -> bool:
    """Store a translation for every segment of ``source`` whose text is a key of ``strings``.
    Returns whether anything was created or changed."""
    changed = False
    used: set[str] = set()
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = segment.string.data
        if text not in strings:
            continue
        used.add(text)
        translated = strings[text]
        existing = StringTranslation.objects.filter(
            translation_of=segment.string, locale=locale, context=segment.context
        ).first()
        if existing is not None and existing.data == translated and not existing.has_error:
            continue
        if existing is None:
            existing = StringTranslation(
                translation_of=segment.string, locale=locale, context=segment.context
            )
        existing.data = translated
        existing.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
        existing.tool_name = TOOL_NAME
        existing.last_translated_by = user
        existing.has_error = False
        existing.field_error = ""
        existing.save()
        changed = True
    unused = [key for key in strings if key not in used]
    if unused:
        message = f"{source.object_repr}: no source segment for {unused!r}"
        if strict:
            raise ValueError(message)
        logger.warning(message)
    return changed
