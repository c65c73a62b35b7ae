"""Site chrome shared by every template: main navigation, footer links and texts, JSON-LD."""

import json

from django import template
from django.templatetags.static import static
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from goedwerk.frontend import stylesheets as site_stylesheets
from goedwerk.localization.bulk import active_locale
from goedwerk.routing import chrome

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _cached(request, key, compute):
    if request is None:
        return compute()
    if not hasattr(request, key):
        setattr(request, key, compute())
    return getattr(request, key)


def _language_home(request):
    if (found := chrome(request)) is not None:  # found with the page (goedwerk.routing)
        return found.home
    site = Site.find_for_request(request) if request is not None else None
    locale = active_locale()
    if site is None or locale is None:
        return None
    root = site.root_page
    if root.locale_id == locale.pk:
        return root
    return (
        Page.objects.live()
        .filter(translation_key=root.translation_key, locale=locale)
        .only("id", "path", "depth", "url_path", "title", "locale_id")
        .first()
    )


@register.simple_tag(takes_context=True)
def language_home(context):
    """The home page in the language being shown (or None)."""
    request = context.get("request")
    return _cached(request, "_goedwerk_language_home", lambda: _language_home(request))


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The live children of the language's home page that are marked "show in menus"."""
    request = context.get("request")

    def compute():
        if (found := chrome(request)) is not None:
            return found.menu
        home = language_home(context)
        if home is None:
            return []
        return list(Page.objects.live().in_menu().child_of(home).order_by("path"))

    return _cached(request, "_goedwerk_main_navigation", compute)


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The footer's pages (statements, content pages marked "show in footer"), in the language
    being shown."""
    from home.models import ContentPage

    request = context.get("request")
    return _cached(
        request,
        "_goedwerk_footer_pages",
        lambda: (
            found.footer
            if (found := chrome(request)) is not None
            else list(ContentPage.footer_pages(active_locale()))
        ),
    )


@register.simple_tag(takes_context=True)
def breadcrumb_pages(context):
    """The ancestors of the page below the tree's root: the pages the router passed on its way
    (goedwerk.routing), otherwise a query."""
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page):
        return []
    found = chrome(request)
    if found is not None and found.chain[-1].pk == page.pk:
        return found.chain[:-1]
    return list(page.get_ancestors()[1:])


@register.simple_tag(takes_context=True)
def site_texts(context):
    """The footer texts of this site in the language being shown (see SiteTexts); cached."""
    from home.models.site_settings import SiteTexts

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {}
    return _cached(request, "_goedwerk_site_texts", lambda: SiteTexts.for_site(site))


@register.filter
def is_section_of(nav_page, current):
    """True when ``current`` is ``nav_page`` or lies below it."""
    if not isinstance(current, Page):
        return False
    return current.path.startswith(nav_page.path)


@register.simple_tag
def json_ld(data) -> str:
    """A ``<script type="application/ld+json">`` element, safe to put in HTML."""
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def _block_stylesheets(page) -> list[str]:
    """The stylesheets the blocks of a page's body declare (``Meta.stylesheets``), once each."""
    found = []
    body = getattr(page, "body", None)
    for child in body or ():
        for path in getattr(child.block.meta, "stylesheets", ()):
            if path not in found:
                found.append(path)
    return found


@register.simple_tag(takes_context=True)
def stylesheets(context, forms=False):
    """The <link rel=stylesheet> of every page, for <head> only: the NL Design System
    components (every form component with ``forms=True``: portal and account pages), the theme
    (GOEDWERK_THEME_CSS), main.css, then what the page's blocks declare."""
    paths = site_stylesheets(forms=forms) + _block_stylesheets(context.get("page"))
    links = ((static(path),) for path in paths)
    return format_html_join("\n  ", '<link rel="stylesheet" href="{}">', links)


@register.simple_tag
def default_site_name():
    """WAGTAIL_SITE_NAME, for a request outside every Wagtail site (no site settings to read)."""
    from django.conf import settings

    return settings.WAGTAIL_SITE_NAME


@register.simple_tag
def logo_url():
    """The municipality's logo in the header (GOEDWERK_LOGO, a static path)."""
    from django.conf import settings

    return static(settings.GOEDWERK_LOGO)
