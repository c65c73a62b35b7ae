"""What is missing, out of date or partly translated, per language (issue #12).

One function, :func:`translation_status`, feeds the admin report *Reports → Translation status*
and the weekly digest e-mail (``manage.py send_translation_digest``). Its number of queries does
not depend on the number of pages or snippets.

- **missing**: a live Dutch (source-language) page, or a translatable snippet, that has no
  translation in the language (a page that only exists there as an alias of the Dutch counts as
  missing: it shows Dutch text);
- **out of date**: a translation whose source changed after the translation was last built
  (the page was published, or the source's content re-read, after wagtail-localize's last
  ``TranslationLog`` for that language);
- **partly translated**: a translation with segments that have no translation yet, with the
  percentage done (wagtail-localize's ``Translation.get_progress``, computed for all at once).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.admin.utils import quote
from django.db.models import Max, Q
from django.urls import reverse
from wagtail.models import Locale, Page, Site, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationLog,
)


@dataclass
class Item:
    title: str
    kind: str  # the model's verbose name
    url: str  # translation editor, or "Translate" for a missing one
    percent: int | None = None


@dataclass
class LanguageStatus:
    locale: Locale
    missing: list[Item] = field(default_factory=list)
    out_of_date: list[Item] = field(default_factory=list)
    partly_translated: list[Item] = field(default_factory=list)

    @property
    def name(self):
        return self.locale.get_display_name()

    @property
    def has_gaps(self):
        return bool(self.missing or self.out_of_date or self.partly_translated)


def _translatable_snippet_models():
    return [
        model
        for model in get_snippet_models()
        if issubclass(model, TranslatableMixin) and not issubclass(model, Page)
    ]


def _translate_url(obj) -> str:
    if isinstance(obj, Page):
        return reverse("wagtail_localize:submit_page_translation", args=[obj.pk])
    meta = obj._meta
    return reverse(
        "wagtail_localize:submit_snippet_translation",
        args=[meta.app_label, meta.model_name, obj.pk],
    )


def translation_status(locales=None) -> list[LanguageStatus]:
    """The status of every language other than the source language (or of ``locales``)."""
    source_locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if source_locale is None:
        return []
    if locales is None:
        locales = list(Locale.objects.exclude(pk=source_locale.pk).order_by("language_code"))
    result = {locale.pk: LanguageStatus(locale) for locale in locales}
    if not result:
        return []

    # Sources: live source-language pages below the root, and translatable snippets.
    # Pages of the sites (Wagtail's placeholder page after installation is no site's).
    in_site = Q(pk__in=[])
    for root_path in Site.objects.values_list("root_page__path", flat=True):
        in_site |= Q(path__startswith=root_path)
    sources = list(
        Page.objects.live().filter(in_site, locale=source_locale).order_by("path").specific()
    )
    for model in _translatable_snippet_models():
        sources.extend(model.objects.filter(locale=source_locale))
    keys = {obj.translation_key for obj in sources}

    # What exists in each language: real pages (not aliases of another language) and snippets.
    # (translation key, locale pk) -> the edit URL of the translation there.
    present = {
        (key, locale_pk): reverse("wagtailadmin_pages:edit", args=[pk])
        for key, locale_pk, pk in Page.objects.filter(
            translation_key__in=keys, locale__in=result, alias_of__isnull=True
        ).values_list("translation_key", "locale_id", "pk")
    }
    for model in _translatable_snippet_models():
        edit = f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:edit"
        present.update(
            {
                (key, locale_pk): reverse(edit, args=[quote(pk)])
                for key, locale_pk, pk in model.objects.filter(
                    translation_key__in=keys, locale__in=result
                ).values_list("translation_key", "locale_id", "pk")
            }
        )
    by_key = {obj.translation_key: obj for obj in sources}

    translations = list(
        Translation.objects.filter(
            source__object_id__in=keys,
            source__locale=source_locale,
            target_locale__in=result,
            enabled=True,
        ).select_related("source")
    )
    source_ids = {t.source_id for t in translations}
    last_built = {
        (row["source_id"], row["locale_id"]): row["last"]
        for row in TranslationLog.objects.filter(source_id__in=source_ids)
        .values("source_id", "locale_id")
        .annotate(last=Max("created_at"))
    }
    segments = defaultdict(set)  # source id -> {(string id, context id)}
    for source_id, string_id, context_id in StringSegment.objects.filter(
        source_id__in=source_ids
    ).values_list("source_id", "string_id", "context_id"):
        segments[source_id].add((string_id, context_id))
    done = set(
        StringTranslation.objects.filter(
            translation_of__segments__source_id__in=source_ids,
            locale__in=result,
            has_error=False,
        ).values_list("translation_of_id", "context_id", "locale_id")
    )

    for translation in translations:
        obj = by_key.get(translation.source.object_id)
        if obj is None or (obj.translation_key, translation.target_locale_id) not in present:
            continue
        status = result[translation.target_locale_id]
        item = Item(
            str(obj),
            obj._meta.verbose_name,
            present[(obj.translation_key, translation.target_locale_id)],
        )
        built = last_built.get((translation.source_id, translation.target_locale_id))
        changed_at = translation.source.last_updated_at
        if isinstance(obj, Page) and obj.last_published_at:
            changed_at = max(changed_at, obj.last_published_at)
        if built is None or changed_at > built:
            status.out_of_date.append(item)
        required = segments[translation.source_id]
        if required:
            translated = sum(
                (string_id, context_id, translation.target_locale_id) in done
                for string_id, context_id in required
            )
            if translated < len(required):
                item = Item(item.title, item.kind, item.url, 100 * translated // len(required))
                status.partly_translated.append(item)

    for obj in sources:
        for locale_pk, status in result.items():
            key = (obj.translation_key, locale_pk)
            if key not in present:
                status.missing.append(Item(str(obj), obj._meta.verbose_name, _translate_url(obj)))
    return [result[locale.pk] for locale in locales]
