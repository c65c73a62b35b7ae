"""The fallback rule of the public site, in one place: what is shown when a page, snippet or block
has no translation in the visitor's language.

The languages tried after the visitor's are its *chain* (``chain("ro") == ["en", "nl"]``): by
default every language falls back to English and then Dutch, English to Dutch, and Dutch (the
source) to nothing. Editors change the chains per site under *Settings > Site settings*
(``fallback_chains``, one line per language such as ``ro: en, nl``; ``parse_chains`` checks
it). The first language of ``[visitor's language, *chain]`` that has a live translation is
shown, and anything shown in another language than the visitor's is marked with its real
``lang`` (and ``hreflang`` on links) and named visibly; a page served in place in another
language carries ``notice()``.

Public API: ``chain``, ``languages``, ``parse_chains``, ``localized``, ``in_bulk``, ``pick``,
``language_of``, ``is_fallback``, ``notice``. The bulk work is goedwerk.localization.bulk's: one
query per model, whatever the number of objects.
"""

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from goedwerk.localization import bulk

# The model whose ``fallback_chains`` text holds the editors' chains (a Wagtail site setting),
# named by label so that the project package imports no app.
SETTINGS_MODEL = "home.SiteSettings"
# The default site's chains, for code that runs outside a request the router has seen.
DEFAULT_CACHE_KEY = "goedwerk:fallback_chains:default"
SITE_MEMO_KEY = "goedwerk.fallback.site"


def _codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def default_chain(language_code: str) -> list[str]:
    """Without configuration: English (when the site has it), then the source language."""
    source = settings.LANGUAGE_CODE
    if language_code == source:
        return []
    if language_code != "en" and "en" in _codes() and source != "en":
        return ["en", source]
    return [source]


def parse_chains(text: str) -> dict[str, list[str]]:
    """``{"ro": ["en", "nl"], ...}`` from the editors' text: one line per language,
    ``language: fallback, fallback``; blank lines and lines starting with ``#`` are ignored.
    Raises ValidationError (every problem, with its line) when a code is not one of
    ``settings.LANGUAGES``, a language is given twice or falls back to itself or to a language
    twice (a loop), the source language has a chain, or a chain does not end in the source
    language."""
    codes, source = _codes(), settings.LANGUAGE_CODE
    chains: dict[str, list[str]] = {}
    errors = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        language, colon, rest = line.partition(":")
        language = language.strip().lower()
        fallbacks = [part.strip().lower() for part in rest.split(",") if part.strip()]
        problem = None
        unknown = [code for code in [language, *fallbacks] if code not in codes]
        if not colon or not language:
            problem = _("write it as “ro: en, nl”")
        elif unknown:
            problem = _("%(codes)s is not a language of this site (%(known)s)") % {
                "codes": ", ".join(unknown),
                "known": ", ".join(codes),
            }
        elif language in chains:
            problem = _("%(language)s is given twice") % {"language": language}
        elif language == source:
            problem = _("%(source)s is the source language and has no fallback") % {
                "source": source
            }
        elif language in fallbacks or len(set(fallbacks)) != len(fallbacks):
            problem = _("a language may appear only once in a chain")
        elif not fallbacks or fallbacks[-1] != source:
            problem = _("the chain must end with %(source)s") % {"source": source}
        if problem:
            errors.append(
                ValidationError(
                    _("Line %(number)s: %(problem)s."),
                    params={"number": number, "problem": problem},
                )
            )
        else:
            chains[language] = fallbacks
    if errors:
        raise ValidationError(errors)
    return chains


def _configured(site) -> dict[str, list[str]]:
    model = apps.get_model(SETTINGS_MODEL)
    try:
        return parse_chains(model.for_site(site).fallback_chains)
    except ValidationError:  # saved past the form's check: the defaults rather than an error
        return {}


def _default_site_chains() -> dict[str, list[str]]:
    chains = cache.get(DEFAULT_CACHE_KEY)
    if chains is None:
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first()
        chains = _configured(site) if site is not None else {}
        cache.set(DEFAULT_CACHE_KEY, chains, 60 * 60)
    return chains


def use_site(site) -> None:
    """Tell ``chain`` which site the current request is for (the router does)."""
    bulk.remember(SITE_MEMO_KEY, site)


def forget() -> None:
    """Drop the cached chains of the default site (when a site setting is saved)."""
    cache.delete(DEFAULT_CACHE_KEY)


def _chains() -> dict[str, list[str]]:
    def compute():
        site = bulk.per_request(SITE_MEMO_KEY, lambda: None)
        return _configured(site) if site is not None else _default_site_chains()

    return bulk.per_request("goedwerk.fallback.chains", compute)


def chain(language_code: str) -> list[str]:
    """The languages to try, in order, after ``language_code`` when something has no
    translation in it; always ending in the source language (empty for the source itself)."""
    configured = _chains().get(language_code)
    return list(configured) if configured is not None else default_chain(language_code)


def languages(language_code: str | None = None) -> list[str]:
    """``[language_code, *chain(language_code)]``; default: the active language."""
    language_code = language_code or get_language() or settings.LANGUAGE_CODE
    return [language_code, *chain(language_code)]


def localized(objects, *, fields=None, all_in_source_language=False) -> dict:
    """``bulk.localized`` along the chain of the active language: ``{pk: what to show}``, one
    query (none for source-language objects shown in the source language); every object the
    query found carries ``shown_language``."""
    return bulk.localized(
        objects,
        fields=fields,
        all_in_source_language=all_in_source_language,
        languages=languages(),
    )


def in_bulk(queryset, ids) -> dict:
    """``bulk.in_bulk_localized`` along the chain of the active language."""
    return bulk.in_bulk_localized(queryset, ids, languages=languages())


def pick(rows, language_code: str | None = None) -> dict:
    """``{translation_key: row}``: of rows that are translations of each other (each with
    ``shown_language`` or a loaded ``locale``), the one in the first language of
    ``languages(language_code)``; rows in no language of the chain are left out."""
    rows = list(rows)
    for row in rows:
        if getattr(row, "shown_language", None) is None:
            row.shown_language = language_of(row)
    return bulk._best(rows, languages(language_code))


def language_of(obj) -> str:
    """The language ``obj`` is in: its ``shown_language``, else its locale's code (without a
    query when the locale was loaded with it or is the active one)."""
    shown = getattr(obj, "shown_language", None)
    if shown:
        return shown
    if not type(obj).locale.is_cached(obj):
        active = bulk.active_locale()
        if active is not None and active.pk == obj.locale_id:
            return active.language_code
    return obj.locale.language_code


def is_fallback(obj) -> bool:
    """Whether ``obj`` is shown in another language than the visitor's."""
    return obj is not None and language_of(obj) != (get_language() or settings.LANGUAGE_CODE)


def language_name(code: str) -> str:
    """The name of a language in the active language ("English", "Engels")."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


def notice(language_code: str | None = None) -> str:
    """The sentence for a page shown in a fallback language, in the visitor's language."""
    language_code = language_code or get_language() or settings.LANGUAGE_CODE
    return _("This page is not yet available in %(language)s.") % {
        "language": language_name(language_code)
    }
