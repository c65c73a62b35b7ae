"""Site search, per language, with Wagtail's search backend."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page

from goedwerk.localization.bulk import active_locale
from goedwerk.routing import find_site

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    find_site(request)  # the layout's site, from the cache when it is there
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        pages = Page.objects.live().public().filter(locale=active_locale()).specific()
        paginator = Paginator(pages.search(query), RESULTS_PER_PAGE)
        results = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "home/search.html",
        {
            "search_query": query,
            "results": results,
            "pagination_query": urlencode({"q": query}) + "&",
        },
    )
