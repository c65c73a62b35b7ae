"""The language being shown, and the translations of many objects at once.

Wagtail's ``obj.localized`` costs a query per object; a menu, a list of cards or a report form
with seven commitments would cost one per row. ``localized(objects)`` looks them all up with one
query per model and falls back to the object itself where there is no translation (the caller
marks such a fallback with its real ``lang``).
"""

from contextvars import ContextVar

from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db.models import F, Q
from django.utils.translation import get_language
from wagtail.models import Locale

# What the current request has looked up already (the Locales by language code, and what
# ``per_request`` was given): a page asks for the active Locale in its routing, menu, footer and
# blocks, and that costs one query at most. Emptied when a request starts and ends; outside a
# request (commands, tasks, tests without the test client) nothing is remembered.
_memo: ContextVar[dict | None] = ContextVar("goedwerk_request_memo", default=None)


def _start_request(**kwargs):
    _memo.set({})


def _end_request(**kwargs):
    _memo.set(None)


request_started.connect(_start_request, dispatch_uid="goedwerk.localization.request_memo")
request_finished.connect(_end_request, dispatch_uid="goedwerk.localization.request_memo_end")


def per_request(key, compute):
    """``compute()``, once per request for the same ``key`` (every call outside a request)."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def remember(key, value) -> None:
    """Record ``value`` for ``per_request(key, ...)`` to return in this request."""
    memo = _memo.get()
    if memo is not None:
        memo[key] = value


def remember_locale(locale: Locale) -> None:
    """Record a Locale that was loaded anyway (with a page), for ``active_locale`` to return."""
    memo = _memo.get()
    if memo is not None:
        memo[("locale", locale.language_code)] = locale


def _active_locale() -> Locale | None:
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return None


def active_locale() -> Locale | None:
    """The Locale of the active language, or None when the site has none for it. Looked up once
    per request."""
    return per_request(("locale", get_language()), _active_locale)


def _best(rows, languages) -> dict:
    """{translation_key: row}: for each key the row in the first of ``languages`` it has."""
    rank = {code: index for index, code in enumerate(languages)}
    best = {}
    for row in rows:
        if row.shown_language not in rank or not getattr(row, "live", True):
            continue
        current = best.get(row.translation_key)
        if current is None or rank[row.shown_language] < rank[current.shown_language]:
            best[row.translation_key] = row
    return best


def localized(objects, *, fields=None, all_in_source_language=False, languages=None) -> dict:
    """Map the ``pk`` of each object to its translation in the active language, or to itself
    when there is none. ``objects`` are rows of one translatable model; one query (none when
    ``all_in_source_language`` says they are all in the site's source language and that is the
    language shown). Pages and other models with a ``live`` flag only count live translations;
    a model's ``prefetch_for_display(qs)`` is applied when it has one; ``fields`` limits what is
    loaded of the translations.

    ``languages`` (default: the active language alone) are tried in order, as the public site's
    fallback chain does (goedwerk.localization.fallback); every translation found then carries
    ``shown_language``, its language code."""
    objects = [obj for obj in objects if obj is not None]
    result = {obj.pk: obj for obj in objects}
    language = get_language() or settings.LANGUAGE_CODE
    languages = list(languages or [language])
    if not objects or (all_in_source_language and languages == [settings.LANGUAGE_CODE]):
        return result
    model = type(objects[0])
    # The locale is matched by its language code in the same query: no Locale lookup first.
    queryset = model.objects.filter(
        translation_key__in={obj.translation_key for obj in objects},
        locale__language_code__in=languages,
    ).annotate(shown_language=F("locale__language_code"))
    if hasattr(model, "live"):
        queryset = queryset.filter(live=True)
    if hasattr(model, "prefetch_for_display"):
        queryset = model.prefetch_for_display(queryset)
    if fields:
        queryset = queryset.only(*fields, "translation_key", "locale")
    translations = _best(queryset, languages)
    for obj in objects:
        translation = translations.get(obj.translation_key)
        if translation is not None and translation.pk != obj.pk:
            result[obj.pk] = translation
        elif translation is not None:
            obj.shown_language = translation.shown_language
    return result


def in_bulk_localized(queryset, ids, *, languages=None) -> dict:
    """``queryset.in_bulk(ids)``, every object with ``localized_for_display`` as
    ``attach_localized`` gives it, but the objects and their translations come in one query (plus
    the model's ``prefetch_for_display``, once for both). ``languages`` as for ``localized``;
    every object and translation carries ``shown_language``."""
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return {}
    model = queryset.model
    language = get_language() or settings.LANGUAGE_CODE
    languages = list(languages or [language])
    translations_q = Q(
        translation_key__in=model.objects.filter(pk__in=ids).values("translation_key"),
        locale__language_code__in=languages,
    )
    if hasattr(model, "live"):
        translations_q &= Q(live=True)
    rows = queryset.filter(Q(pk__in=ids) | translations_q).annotate(
        shown_language=F("locale__language_code")
    )
    if hasattr(model, "prefetch_for_display"):
        rows = model.prefetch_for_display(rows)
    rows = list(rows)
    translations = _best(rows, languages)
    found = {row.pk: row for row in rows if row.pk in ids}
    for obj in found.values():
        obj.localized_for_display = translations.get(obj.translation_key, obj)
    return found


def attach_localized(objects) -> None:
    """Give every object an attribute ``localized_for_display``: ``localized(objects)``'s
    answer for it (for templates and blocks that keep the objects themselves)."""
    objects = [obj for obj in objects if obj is not None]
    translations = localized(objects)
    for obj in objects:
        obj.localized_for_display = translations[obj.pk]


def translation_status(objects) -> dict:
    """Map the ``pk`` of each object to ``(translated, missing)``: the codes of the site
    languages (``settings.LANGUAGES``, in that order) it has a translation in, and those it
    lacks, leaving out its own language. One query for all objects, whatever their number."""
    objects = [obj for obj in objects if obj is not None]
    if not objects:
        return {}
    model = type(objects[0])
    rows = model.objects.filter(
        translation_key__in={obj.translation_key for obj in objects}
    ).values_list("pk", "translation_key", "locale__language_code")
    own, by_key = {}, {}
    for pk, key, language in rows:
        own[pk] = language
        by_key.setdefault(key, set()).add(language)
    codes = [code for code, _name in settings.LANGUAGES]
    result = {}
    for obj in objects:
        present = by_key.get(obj.translation_key, set())
        others = [code for code in codes if code != own.get(obj.pk)]
        result[obj.pk] = (
            [code for code in others if code in present],
            [code for code in others if code not in present],
        )
    return result
