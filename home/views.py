"""Site search, per language, with synonyms and results from the fallback languages
(``home.search``)."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import get_language

from goedwerk.routing import find_site
from home import search as site_search

MAX_QUERY_LENGTH = 200


def search(request):
    find_site(request)  # the layout's site, from the cache when it is there
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    language = get_language() or settings.LANGUAGE_CODE
    outcome = site_search.search(query, language, request.GET.get("page")) if query else None
    return render(
        request,
        "home/search.html",
        {
            "search_query": query,
            "search": outcome,
            "results": outcome.page if outcome else None,
            "language_name": site_search.language_name(language),
            "pagination_query": urlencode({"q": query}) + "&",
        },
    )
