"""Portal URLs, mounted at /<language>/portaal/ (see goedwerk.urls)."""

from django.urls import include, path

app_name = "partners"

urlpatterns = [
    path("", include("partners.accounts.urls")),
    path("", include("partners.portal.urls")),
    path("", include("partners.privacy.urls")),
]
