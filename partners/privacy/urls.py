"""Portal URLs of the privacy app (namespace ``partners``, see partners/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:organisation_slug>/inzage/", views.access_log, name="access_log"),
]
