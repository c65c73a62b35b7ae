"""The site's URLconf plus the review's portal URLs, for as long as goedwerk.urls does not
mount them itself (see the conftest)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from goedwerk.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    *i18n_patterns(path("portaal/", include("partners.review.urls")), prefix_default_language=True),
    *site_urlpatterns,
]
