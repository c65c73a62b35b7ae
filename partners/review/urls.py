"""The partner-side URLs of the review. Mount them inside ``i18n_patterns`` in goedwerk.urls,
next to the portal:

    path("portaal/", include("partners.review.urls")),
"""

from django.urls import path

from . import portal_views

app_name = "partners_review"

urlpatterns = [
    path(
        "<slug:organisation_slug>/rapportages/<int:period_id>/uitstel/",
        portal_views.extension_request,
        name="extension_request",
    ),
]
