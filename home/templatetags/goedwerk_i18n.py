"""Language links for every page: the switcher and the hreflang alternates.

For a Wagtail page the targets are its live translations; where a language has no translation the
switcher goes to that language's home page and no hreflang is emitted. Other views (portal,
accounts) have the same URL in every language, so Django's ``translate_url`` gives the target.
Plain links, never a form: cached pages stay free of CSRF tokens.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language
from wagtail.models import Page, Site

from goedwerk.localization import fallback
from goedwerk.routing import chrome

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    is_translation: bool  # False when the link falls back to that language's home page


def _links(request, names, current, translations, homes) -> list[LanguageLink]:
    links = []
    for code, name in names.items():
        target = translations.get(code)
        fallback = homes.get(code)
        if target is None and fallback is None:
            continue
        links.append(
            LanguageLink(
                code=code,
                name=name,
                url=(target or fallback).get_url(request=request),
                is_current=code == current,
                is_translation=target is not None,
            )
        )
    return links


def _language_links(request, page, *, not_found: bool = False) -> list[LanguageLink]:
    current = get_language()
    names = dict(settings.LANGUAGES)
    links: list[LanguageLink] = []
    if isinstance(page, Page):
        found = chrome(request)
        if found is not None and (translations := found.translations_of(page)) is not None:
            return _links(request, names, current, translations, found.homes)
        # The page's live translations and the home page's (the fallback), in one query.
        site = Site.find_for_request(request)
        keys = {page.translation_key}
        if site is not None:
            keys.add(site.root_page.translation_key)
        translations, homes = {}, {}
        for p in (
            Page.objects.live()
            .filter(translation_key__in=keys)
            .select_related("locale")
            .only("id", "path", "depth", "url_path", "translation_key", "locale__language_code")
        ):
            if p.translation_key == page.translation_key:
                translations[p.locale.language_code] = p
            if site is not None and p.translation_key == site.root_page.translation_key:
                homes[p.locale.language_code] = p
        return _links(request, names, current, translations, homes)
    path = request.get_full_path() if request is not None else "/"
    for code, name in names.items():
        url = translate_url(path, code)
        # translate_url returns the path unchanged when it does not resolve (a 404 page): then
        # the only sensible target is that language's home page.
        translated = not not_found and (url != path or code == current)
        links.append(
            LanguageLink(
                code=code,
                name=name,
                url=url if translated else f"/{code}/",
                is_current=code == current,
                is_translation=translated,
            )
        )
    return links


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """Computed once per request and cached on the request object."""
    request = context.get("request")
    page = context.get("page") or context.get("self")
    cache_key = "_goedwerk_language_links"
    if request is not None and hasattr(request, cache_key):
        return getattr(request, cache_key)
    # Django's 404 view renders with ``request_path``: there is no page to translate, so every
    # language links to its home page.
    is_not_found = page is None and "request_path" in context and "exception" in context
    links = _language_links(request, page, not_found=is_not_found)
    if request is not None:
        setattr(request, cache_key, links)
    return links


@register.simple_tag
def default_language_code() -> str:
    return settings.LANGUAGE_CODE


# The fallback rule's marks (goedwerk.localization.fallback): what is shown in another language
# than the visitor's says so, with ``lang`` on the text, ``hreflang`` on the link and the
# language named in the visitor's language.


@register.filter
def fallback_lang(obj) -> str:
    """The language code of ``obj`` when it is shown in a fallback language, else ""."""
    if obj is None or isinstance(obj, str):
        return ""
    try:
        return fallback.language_of(obj) if fallback.is_fallback(obj) else ""
    except AttributeError:  # neither marked nor with a locale: nothing to say
        return ""


@register.simple_tag
def marked(obj, text=None):
    """``text`` (default: the title of ``obj``), and when ``obj`` is shown in a fallback
    language: in a ``lang`` span, followed by the language's name, e.g. "Housing (English)"."""
    text = getattr(obj, "title", "") if text is None else text
    code = fallback_lang(obj)
    if not code:
        return format_html("{}", text)
    return format_html(
        '<span lang="{}">{}</span> <span class="language-label">({})</span>',
        code,
        text,
        fallback.language_name(code),
    )


@register.simple_tag(takes_context=True)
def page_fallback(context) -> dict:
    """For a page served in place in a fallback language: ``{"lang": its language, "notice":
    the sentence in the visitor's language}``; ``{}`` for a page in the visitor's language."""
    page = context.get("page")
    if not isinstance(page, Page):
        return {}
    code = fallback_lang(page)
    return {"lang": code, "notice": fallback.notice()} if code else {}
