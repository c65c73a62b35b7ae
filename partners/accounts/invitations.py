"""Accepting invitations: the one place that turns an invitation into a membership."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ..models import Invitation, Membership

#: The invitation a visitor is signing up with (its primary key; sessions live on the server).
SESSION_KEY = "partners_invitation"


class InvitationNotUsable(Exception):
    pass


def remember(request, invitation: Invitation) -> None:
    request.session[SESSION_KEY] = invitation.pk


def from_session(request) -> Invitation | None:
    pk = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if not pk:
        return None
    return Invitation.objects.usable().select_related("organisation").filter(pk=pk).first()


def forget(request) -> None:
    request.session.pop(SESSION_KEY, None)


def user_has_email(user, email: str) -> bool:
    """Whether ``email`` is one of the user's verified addresses."""
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def accept(invitation: Invitation, user) -> Membership:
    """Make ``user`` a member with the invited role and mark the invitation as used, once.

    An existing membership keeps its role unless the invitation grants the admin role."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_usable:
            raise InvitationNotUsable
        membership, created = Membership.objects.get_or_create(
            organisation_id=locked.organisation_id, user=user, defaults={"role": locked.role}
        )
        if not created and locked.role == Membership.Role.ADMIN and not membership.is_admin:
            membership.role = Membership.Role.ADMIN
            membership.save(update_fields=["role"])
        locked.accepted_at = timezone.now()
        locked.accepted_by = user
        locked.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def portal_home_url() -> str:
    """The portal's organisation list, in the current language."""
    return reverse("partners:index")


def dashboard_url(organisation) -> str:
    return reverse("partners:dashboard", kwargs={"organisation_slug": organisation.slug})
