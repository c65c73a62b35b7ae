"""Serve and store complete public pages for anonymous visitors.

Sits in MIDDLEWARE after WhiteNoise and before the session middleware: a hit is answered before
sessions, language, CSRF, authentication or a database connection are touched (0 queries),
while SecurityMiddleware and goedwerk.security's headers (HSTS, CSP) are still added afresh to
every answer. A response is stored only when nothing about it can belong to one visitor:

- the request: GET (HEAD is answered from a stored GET), no query string, no session or
  messages cookie and no Authorization header, not under /admin/, /documents/ or a language's
  /portaal/ or /account/;
- the response: 200 with HTML (or, for ``/`` only, the redirect to a language), no cookie set,
  no CSRF token used (a form that posts), no private/no-store, no CSP nonce used.

Public pages say ``Vary: Cookie`` because the templates ask whether the visitor is signed in;
without a session cookie the answer is "no" for everyone, so that is no reason not to store
them (the header stays, for shared caches further out).

The key is host + path (+ the negotiated language for ``/`` only) + the path's version (see
:mod:`.store`). Stored pages carry ``Cache-Control: public, max-age, s-maxage`` and an ETag;
``If-None-Match`` is answered with 304, for hits and misses alike. ``X-Cache`` says hit or miss.
"""

import re
import time

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)
from django.utils.translation import get_language_from_request

from . import store

# Never cached, whatever the response says: the admin (and its previews), documents (which may
# be private), and the portal and account pages in every language.
EXCLUDED_PATHS = re.compile(r"^/(admin|documents)/|^/[^/]+/(portaal|account)/")
ROOT = "/"
UNCACHEABLE_CONTROLS = ("private", "no-store", "no-cache")


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return False
    if "HTTP_AUTHORIZATION" in request.META or EXCLUDED_PATHS.match(request.path):
        return False
    personal_cookies = {
        settings.SESSION_COOKIE_NAME,
        getattr(settings, "MESSAGES_COOKIE", "messages"),
    }
    return not personal_cookies.intersection(request.COOKIES)


def _cacheable_response(request, response) -> bool:
    if request.method != "GET" or response.streaming or response.cookies:
        return False
    if request.path == ROOT:
        if response.status_code not in (301, 302):
            return False
    else:
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith("text/html"):
            return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a CSRF token (a form that posts)
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in UNCACHEABLE_CONTROLS):
        return False
    nonce = getattr(request, "csp_nonce", None)
    return not getattr(nonce, "used", False)


def _set_lifetime(response, seconds: int) -> None:
    browser = getattr(settings, "GOEDWERK_PAGE_CACHE_BROWSER_SECONDS", 60)
    patch_cache_control(response, public=True, max_age=min(browser, seconds), s_maxage=seconds)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not store.enabled() or not _cacheable_request(request):
            return self._uncached(request)
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)  # CommonMiddleware answers 400
        path = request.path
        language = get_language_from_request(request) if path == ROOT else ""
        cache = store.cache()
        version = store.path_version(path, create=True)
        key = store.response_key(host, path, version, language)

        stored = cache.get(key)
        if stored is not None:
            expires, response = stored
            remaining = int(expires - time.time())
            if remaining > 0:
                _set_lifetime(response, remaining)
                response["X-Cache"] = "hit"
                if request.method == "HEAD":
                    response.content = b""
                return get_conditional_response(
                    request, etag=response.get("ETag"), response=response
                )

        response = self.get_response(request)
        if not _cacheable_response(request, response):
            return response
        seconds = store.lifetime()
        if seconds <= 0:
            return response
        _set_lifetime(response, seconds)
        set_response_etag(response)
        copy = HttpResponse(
            response.content, status=response.status_code, headers=dict(response.items())
        )
        cache.set(key, (time.time() + seconds, copy), timeout=seconds)
        response["X-Cache"] = "miss"
        return get_conditional_response(request, etag=response.get("ETag"), response=response)

    def _uncached(self, request):
        """Pass the request on; answers for a signed-in visitor or a private area say
        ``private`` when they say nothing about caching, so no shared cache keeps them."""
        response = self.get_response(request)
        if store.enabled() and "Cache-Control" not in response:
            patch_cache_control(response, private=True)
        return response
