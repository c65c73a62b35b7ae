"""Finding the page for a public URL in a fixed number of queries, whatever its depth.

Wagtail's own routing (``Page.route_for_request``) looks up the language's home page (the active
Locale, the translation, ``.specific``) and then, per level of the URL, the child page and its
``.specific``: seven queries for a job fair page. ``serve`` below finds the same page with one
query for the language's home page and every page along the path, and one for the page's specific
fields, and hands it to Wagtail's own ``serve`` view through the request attribute Wagtail caches
its route in (``request._wagtail_route_for_request``); view restrictions, ``before_serve_page``
hooks and the page's ``serve`` stay Wagtail's.

The result is the same as Wagtail's: a page whose class routes by itself (a ``RoutablePageMixin``
route that matches the rest of the URL, or an overridden ``route``) gets the rest of the path, as
in Wagtail, and only the page at the end must be live. The pages along the path are kept on the
request (``Chrome``) with everything else the layout needs from the same query: the menu, the
footer links, the language switcher's targets and the pages that pages and blocks link to by
type (``GOEDWERK_LINKED_PAGE_TYPES``: the job fair index, the partner list).
"""

from django.conf import settings
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.http import Http404
from django.urls import Resolver404
from django.utils.translation import get_language
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.views import serve as wagtail_serve

from goedwerk.localization import fallback
from goedwerk.localization.bulk import remember_locale
from goedwerk.pages import footer_condition, linked_content_type_ids

CHROME_ATTRIBUTE = "_goedwerk_chrome"

# The Site (with its root page) that answers a host name and port, as Wagtail's
# ``Site.find_for_request`` finds it, kept in Django's cache: sites and their root pages change
# rarely, and every page view needs them. ``forget_sites`` (connected in home/apps.py to saving,
# moving and deleting sites and root pages) drops the whole map.
SITES_CACHE_KEY = "goedwerk:sites"
SITES_CACHE_TIMEOUT = 60 * 60


def find_site(request):
    """``Site.find_for_request(request)`` without a query when the host is known; the fallback
    chains (goedwerk.localization.fallback) of this request are then this site's."""
    if hasattr(request, "_wagtail_site"):
        if request._wagtail_site is not None:
            fallback.use_site(request._wagtail_site)
        return request._wagtail_site
    from django.core.cache import cache
    from django.http.request import split_domain_port

    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    sites = cache.get(SITES_CACHE_KEY) or {}
    if key in sites:
        site = sites[key]
    else:
        site = Site._find_for_request(request)
        if site is not None:
            sites[key] = site
            cache.set(SITES_CACHE_KEY, sites, SITES_CACHE_TIMEOUT)
    request._wagtail_site = site
    if site is not None:
        fallback.use_site(site)
    return site


def forget_sites(**kwargs):
    from django.core.cache import cache

    cache.delete(SITES_CACHE_KEY)


def forget_sites_of_page(sender, instance, **kwargs):
    """A saved, moved or deleted page drops the map when it is the root page of a site."""
    if isinstance(instance, Page) and Site.objects.filter(root_page_id=instance.pk).exists():
        forget_sites()


def serve(request, path):
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route_for_request(request, path)
    return wagtail_serve(request, path)


def _routes_itself(page: Page, remaining: list[str]) -> bool:
    """Would Wagtail let this page (not its child) answer the rest of the URL?"""
    cls = page.specific_class
    if cls is None or cls.route is Page.route:
        return False
    if issubclass(cls, RoutablePageMixin) and cls.route is RoutablePageMixin.route:
        if not page.live:
            return False
        try:
            cls.get_resolver().resolve("/" + "/".join(remaining) + "/")
        except (Http404, Resolver404):
            return False
        return True
    return True


class Chrome:
    """What the layout shows around a page, found with the route: the language's home page, the
    pages along the path, the page's live translations and the home page's (the language
    switcher and hreflang), the main menu, the footer links and the linked pages."""

    def __init__(self, home, chain, translations, homes, menu, footer, linked=None, unsure=()):
        self.home = home
        self.chain = chain
        self.translations = translations  # {language code: page}, for the page at chain[-1]
        self.homes = homes  # {language code: home page}
        self.menu = menu
        self.footer = footer
        self.linked = linked or {}  # {content type id: page}, see ``linked_page``
        self.unsure = set(unsure)  # content type ids whose view restrictions the rows lack

    def linked_page(self, model, otherwise):
        """The live, public page of ``model`` (a type in ``GOEDWERK_LINKED_PAGE_TYPES``) that
        is a child of a home page, the first in tree order in the first language of the fallback
        chain that has one (``shown_language`` says which), as a plain ``Page`` (enough for its
        URL and title), or None when there is none; ``otherwise()`` (the caller's query) when
        the rows cannot tell."""
        from django.contrib.contenttypes.models import ContentType

        type_id = ContentType.objects.get_for_model(model).pk
        if type_id in self.unsure or type_id not in linked_content_type_ids():
            return otherwise()
        return self.linked.get(type_id)

    def translations_of(self, page):
        """The live translations of ``page`` by language code, or None when unknown here."""
        if self.translations is None or self.chain[-1].pk != page.pk:
            return None
        return self.translations


def chrome(request) -> Chrome | None:
    return getattr(request, CHROME_ATTRIBUTE, None) if request is not None else None


def _in_chain(rows, language):
    """Of rows that are translations of each other, the one in the first language of the chain
    (goedwerk.localization.fallback), each carrying ``shown_language``; in the order of the
    source-language pages (by tree path), as editors arrange them in the Dutch tree."""
    best = fallback.pick(rows, language)
    source = {
        row.translation_key: row.path
        for row in rows
        if row.shown_language == settings.LANGUAGE_CODE
    }
    return sorted(best.values(), key=lambda row: source.get(row.translation_key, row.path))


def route_for_request(request, path: str):
    """Wagtail's ``RouteResult`` for the URL, or None (a 404); keeps a ``Chrome`` on the request."""
    site = find_site(request)
    if site is None:
        return None
    root = site.root_page
    components = [component for component in path.split("/") if component]
    language = get_language()
    # The visitor's language and its fallback chain (goedwerk.localization.fallback): the menu
    # and footer show each page in the first of these it is translated into.
    languages = fallback.languages(language)

    def at(depth):
        return Q(
            depth=root.depth + depth,
            slug=components[depth - 1],
            url_path__endswith="/" + "/".join(components[:depth]) + "/",
        )

    # One query: every translation of the site's home page; every page that can lie on the path
    # below a home page at that depth, and the translations of those at its end; the menu pages
    # footer pages and linked pages in the language shown and its fallbacks. Sorted out below.
    in_chain = Q(live=True, locale__language_code__in=languages)
    linked_types = linked_content_type_ids()
    condition = (
        Q(translation_key=root.translation_key)
        | (Q(depth=root.depth + 1, show_in_menus=True) & in_chain)
        | (footer_condition() & in_chain)
        | (Q(depth=root.depth + 1, content_type_id__in=linked_types) & in_chain)
    )
    for depth in range(1, len(components) + 1):
        condition |= at(depth)
    if components:
        condition |= Q(
            translation_key__in=Page.objects.filter(at(len(components))).values("translation_key"),
            live=True,
        )
    # The tree's root too: with the rows on the path it tells whether any view restriction
    # applies to the page (see goedwerk.pages).
    condition |= Q(depth=1, path=root.path[: Page.steplen])
    restricted = PageViewRestriction.objects.filter(page=OuterRef("pk"))
    restricted_source = PageViewRestriction.objects.filter(page=OuterRef("alias_of"))
    rows = list(
        Page.objects.filter(condition)
        .select_related("locale")
        .annotate(
            in_footer=ExpressionWrapper(footer_condition(), output_field=BooleanField()),
            view_restricted=Exists(restricted) | Exists(restricted_source),
        )
        .order_by("path")
    )
    for row in rows:  # the active Locale comes with the rows: no query for it later
        if row.locale.language_code == language:
            remember_locale(row.locale)
            break
    homes = {
        row.locale.language_code: row
        for row in rows
        if row.translation_key == root.translation_key and row.live
    }
    # The live home page in the first language of the chain that has one, else the root: a
    # language without its own home page is served its fallback's, in place (with the notice).
    home = next((homes[code] for code in languages if code in homes), None) or next(
        (row for row in rows if row.pk == root.pk), root
    )
    current, chain = home, [home]
    for index, slug in enumerate(components):
        if _routes_itself(current, components[index:]):
            break
        child = next(
            (
                row
                for row in rows
                if row.depth == current.depth + 1
                and row.slug == slug
                and row.path.startswith(current.path)
            ),
            None,
        )
        if child is None:
            break
        current = child
        chain.append(child)
    remaining = components[len(chain) - 1 :]
    translations = None  # known when the path ends at ``current``: then its translations came too
    if current is home:
        translations = homes
    elif len(chain) == len(components) + 1:
        translations = {
            row.locale.language_code: row
            for row in rows
            if row.translation_key == current.translation_key and row.live
        }
    menu = _in_chain(
        [
            row
            for row in rows
            if row.show_in_menus
            and row.live
            and row.depth == root.depth + 1
            and (parent := homes.get(row.locale.language_code)) is not None
            and row.path.startswith(parent.path)
        ],
        language,
    )
    footer = _in_chain([row for row in rows if row.in_footer and row.live], language)
    along = {row.path: row for row in rows}
    step = Page.steplen

    def restricted(page):
        """Does a view restriction apply to ``page`` (on it or an ancestor)? None when an
        ancestor is not among the rows."""
        ancestors = [along.get(page.path[:end]) for end in range(step, len(page.path) + 1, step)]
        if any(row is None for row in ancestors):
            return None
        return any(row.view_restricted for row in ancestors)

    # The linked pages: per type, the first public one in tree order below the home page of the
    # first language of the chain that has one (marked with that language, as the menu is).
    linked, unsure = {}, set()
    for code in languages:
        parent = homes.get(code)
        if parent is None:
            continue
        for row in rows:
            if (
                row.content_type_id in linked_types
                and row.content_type_id not in linked
                and row.content_type_id not in unsure
                and row.live
                and row.depth == root.depth + 1
                and row.path.startswith(parent.path)
                and row.locale.language_code == code
            ):
                found = restricted(row)
                if found is None:
                    unsure.add(row.content_type_id)
                elif not found:
                    row.shown_language = code
                    linked[row.content_type_id] = row
    setattr(
        request,
        CHROME_ATTRIBUTE,
        Chrome(home, chain, translations, homes, menu, footer, linked, unsure),
    )
    page = current.specific
    if Page.locale.is_cached(current):  # loaded with the rows; Open Graph and others ask for it
        page.locale = current.locale
    if restricted(page) is False:
        page.known_unrestricted = True
    try:
        return page.route(request, remaining)
    except Http404:
        return None
