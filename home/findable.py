"""What search engines and browsers ask the site for at its root: ``/sitemap.xml`` (every
public page in every language, with its translations as ``hreflang`` alternates and
``x-default`` for the Dutch source), ``/robots.txt`` (keeps crawlers out of the admin, the partner
portal, the accounts and the search results; points at the sitemap) and ``/favicon.ico``.

Wagtail's own sitemap (wagtail.contrib.sitemaps) lists only the descendants of the site's root
page, which here is the Dutch home page: the other languages' trees are its siblings, and it has
no alternates. So the sitemap is this small view; the alternates are the same as the pages'
``<link rel="alternate">`` (includes/hreflang.html): live translations only.
"""

from collections import defaultdict

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.generic import RedirectView
from wagtail.models import Page, Site

# Sitemaps may hold 50,000 addresses; far more than this site has.
MAX_URLS = 50_000


def sitemap_entries(request) -> list[dict]:
    """[{"url", "lastmod", "alternates": [(language, url), ...]}] for every live, public page
    of the request's site in every language. Two queries, whatever the number of pages."""
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return []
    homes = site.root_page.get_translations(inclusive=True).live().only("path")
    paths = [home.path for home in homes]
    if not paths:
        return []
    pages = Page.objects.none()
    for path in paths:
        pages |= Page.objects.filter(path__startswith=path)
    pages = (
        pages.live()
        .public()
        .select_related("locale")
        .order_by("path")
        .only(
            "id",
            "path",
            "depth",
            "url_path",
            "translation_key",
            "last_published_at",
            "locale__language_code",
        )[:MAX_URLS]
    )
    found = []
    by_key = defaultdict(list)
    for page in pages:
        url = page.get_full_url(request)
        if not url:
            continue
        entry = {"page": page, "url": url, "language": page.locale.language_code}
        found.append(entry)
        by_key[page.translation_key].append(entry)
    order = {code: number for number, (code, _name) in enumerate(settings.LANGUAGES)}
    for entry in found:
        translations = sorted(
            by_key[entry["page"].translation_key], key=lambda e: order.get(e["language"], 99)
        )
        entry["alternates"] = (
            [(e["language"], e["url"]) for e in translations] if len(translations) > 1 else []
        )
        source = [e for e in translations if e["language"] == settings.LANGUAGE_CODE]
        entry["default"] = source[0]["url"] if source and entry["alternates"] else ""
        entry["lastmod"] = entry["page"].last_published_at
    return found


@require_safe
@cache_control(public=True, max_age=60 * 60)
def sitemap(request):
    return render(
        request,
        "home/sitemap.xml",
        {"entries": sitemap_entries(request)},
        content_type="application/xml; charset=utf-8",
    )


def disallowed_paths() -> list[str]:
    """What crawlers should leave alone: the admin, and per language the partner portal, the
    accounts and the search results (endless, and the pages themselves are in the sitemap)."""
    paths = ["/admin/"]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            login = reverse("account_login")
            paths += [
                reverse("partners:index"),
                login[: login.rstrip("/").rfind("/") + 1],
                reverse("home:search"),
            ]
    return paths


@require_safe
@cache_control(public=True, max_age=60 * 60)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in disallowed_paths())]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


class FaviconView(RedirectView):
    """Browsers that do not read the ``<link rel="icon">`` ask for /favicon.ico: send them to
    the static file (its address carries a hash in production, so the redirect is temporary)."""

    permanent = False

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.ico")


favicon = cache_control(public=True, max_age=24 * 60 * 60)(FaviconView.as_view())
