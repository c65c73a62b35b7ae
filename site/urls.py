from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from goedwerk import routing
from goedwerk.localization import machine
from home import findable

urlpatterns = [
    # wagtail-localize's "Translate with machine", which answers a failing service with a
    # message instead of a server error (goedwerk/localization/machine.py).
    path(
        "admin/localize/translate/<int:translation_id>/machine_translate/",
        machine.machine_translate,
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # For search engines and browsers, at the root in every language (home/findable.py).
    path("sitemap.xml", findable.sitemap, name="sitemap"),
    path("robots.txt", findable.robots_txt, name="robots_txt"),
    path("favicon.ico", findable.favicon, name="favicon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Everything the public and the partners see carries its language in the URL (/nl/…, /pl/…).
# Django's LocaleMiddleware sends "/" to the language the browser prefers.
urlpatterns += i18n_patterns(
    path("account/", include("allauth.urls")),
    path("portaal/", include("partners.urls")),
    path("", include("home.urls")),
    # Wagtail's own non-page URLs first: the password form and the login of view restrictions
    # (/nl/_util/...), which the page pattern below would otherwise swallow.
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    # Wagtail's page URLs, routed in a fixed number of queries (goedwerk/routing.py); Wagtail's
    # own patterns stay below for reverse().
    re_path(wagtail_urls.serve_pattern, routing.serve, name="goedwerk_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
