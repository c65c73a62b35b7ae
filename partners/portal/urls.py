"""Reporting side of the portal (namespace ``partners``), mounted at /<language>/portaal/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.organisation_list, name="index"),
    path("<slug:organisation_slug>/", views.dashboard, name="dashboard"),
    path(
        "<slug:organisation_slug>/rapportages/<int:period_id>/",
        views.report_form,
        name="report",
    ),
    path(
        "<slug:organisation_slug>/rapportages/<int:period_id>/samenvatting/",
        views.report_summary,
        name="report_summary",
    ),
    path(
        "<slug:organisation_slug>/rapportages/<int:period_id>/samenvatting.pdf",
        views.report_summary_pdf,
        name="report_summary_pdf",
    ),
    path(
        "<slug:organisation_slug>/rapportages/<int:period_id>/bewijs/",
        views.evidence_upload,
        name="evidence_upload",
    ),
    path(
        "<slug:organisation_slug>/rapportages/<int:period_id>/reacties/",
        views.report_comment,
        name="report_comment",
    ),
    path(
        "<slug:organisation_slug>/rapportages/<int:period_id>/uitstel/",
        views.extension_request,
        name="extension_request",
    ),
    path(
        "<slug:organisation_slug>/bewijs/<int:evidence_id>/",
        views.evidence_download,
        name="evidence_download",
    ),
    path(
        "<slug:organisation_slug>/bewijs/<int:evidence_id>/verwijderen/",
        views.evidence_delete,
        name="evidence_delete",
    ),
    path(
        "<slug:organisation_slug>/bewijs/<int:evidence_id>/vervangen/",
        views.evidence_replace,
        name="evidence_replace",
    ),
]
