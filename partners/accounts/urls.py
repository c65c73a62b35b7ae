"""Accounts side of the portal: invitations and member management (namespace ``partners``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("uitnodiging/<str:token>/", views.invitation, name="invitation"),
    path("<slug:organisation_slug>/leden/", views.members, name="members"),
    path("<slug:organisation_slug>/leden/uitnodigen/", views.invite_member, name="invite_member"),
    path(
        "<slug:organisation_slug>/leden/uitnodigingen/<int:pk>/intrekken/",
        views.revoke_invitation,
        name="revoke_invitation",
    ),
    path(
        "<slug:organisation_slug>/leden/uitnodigingen/<int:pk>/opnieuw/",
        views.resend_invitation,
        name="resend_invitation",
    ),
    path(
        "<slug:organisation_slug>/leden/<int:pk>/rol/",
        views.change_member_role,
        name="change_member_role",
    ),
    path(
        "<slug:organisation_slug>/leden/<int:pk>/verwijderen/",
        views.remove_member,
        name="remove_member",
    ),
]
