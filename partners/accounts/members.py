"""Managing an organisation's members and invitations: the one place with the rules, used by the
portal's member page (organisation admins) and the Wagtail admin's members view (staff).

- Who may: in the portal an admin of that organisation; in the admin staff with the model
  permission of the action (``STAFF_PERMISSIONS``). Anyone else gets ``NotAllowed``, which the
  portal answers with 404 and the admin with "permission denied".
- An organisation never loses its last admin: demoting or removing them is refused
  (``LastAdmin``). Every change first locks the organisation's row and its membership rows
  inside the transaction (``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite the ``IMMEDIATE``
  transaction takes the database's write lock), then counts the admins, so two admins demoting
  each other at the same moment cannot both succeed.
- Removing deletes the membership only: the portal scopes every request by membership
  (``partners.access``), so the person loses access at once, while the user, and everything
  attributed to them (reports' ``updated_by``/``submitted_by``, audit entries), stays.
- Every change is written to the audit log (``partners.audit``) with the acting user.
"""

from django.db import OperationalError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogContext, log
from wagtail.permission_policies import ModelPermissionPolicy

from .. import audit
from ..models import Invitation, Membership, Organisation
from ..reporting.locking import is_lock_timeout

CHANGE_ROLE = "change_role"
REMOVE = "remove"
RESEND = "resend"
WITHDRAW = "withdraw"

#: What staff need in the Wagtail admin for each action (besides "change organisation" for the
#: members view itself). Superusers have all.
STAFF_PERMISSIONS = {
    CHANGE_ROLE: (Membership, "change"),
    REMOVE: (Membership, "delete"),
    RESEND: (Invitation, "add"),
    WITHDRAW: (Invitation, "change"),
}

BUSY_MESSAGE = _(
    "Someone else was changing this organisation's members at the same moment. Nothing was "
    "changed: try again."
)


class MemberError(Exception):
    """A refusal with a message for the person who asked."""

    message = _("This change could not be made.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class NotAllowed(MemberError):
    """Not theirs to manage, or no such member or invitation in this organisation."""


class LastAdmin(MemberError):
    message = _(
        "An organisation needs at least one admin. Make someone else an admin first, then "
        "change or remove this one."
    )


class NotPending(MemberError):
    message = _("This invitation was already used or withdrawn.")


class AlreadyMember(MemberError):
    message = _("This person is already a member of the organisation.")


def may(user, organisation: Organisation, action: str, *, as_staff: bool = False) -> bool:
    """Whether ``user`` may do ``action`` (one of the constants above) for ``organisation``."""
    if not user.is_authenticated or not user.is_active:
        return False
    if as_staff:
        model, permission = STAFF_PERMISSIONS[action]
        return user.is_staff and ModelPermissionPolicy(model).user_has_permission(user, permission)
    return Membership.objects.filter(
        user=user, organisation=organisation, role=Membership.Role.ADMIN
    ).exists()


def staff_abilities(user) -> dict[str, bool]:
    """For the admin's template: which of the actions ``user`` may do (no organisation needed)."""
    return {f"can_{action}": may(user, None, action, as_staff=True) for action in STAFF_PERMISSIONS}


def listing(organisation: Organisation) -> list[Membership]:
    """The members, admins first, each marked ``is_last_admin`` (one query, however many)."""
    members = list(
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "user__email")
    )
    admins = sum(member.is_admin for member in members)
    for member in members:
        member.is_last_admin = member.is_admin and admins == 1
    return members


def get_member(
    organisation: Organisation, pk, *, by, as_staff: bool = False, action: str = REMOVE
) -> Membership:
    """One member, for a confirmation page: ``NotAllowed`` unless ``by`` may ``action``."""
    _check(by, organisation, action, as_staff)
    member = (
        Membership.objects.filter(organisation=organisation, pk=pk).select_related("user").first()
    )
    if member is None:
        raise NotAllowed
    member.is_last_admin = (
        member.is_admin
        and not Membership.objects.filter(organisation=organisation, role=Membership.Role.ADMIN)
        .exclude(pk=member.pk)
        .exists()
    )
    return member


def _check(user, organisation, action, as_staff):
    if not may(user, organisation, action, as_staff=as_staff):
        raise NotAllowed


def _locked_members(organisation: Organisation) -> list[Membership]:
    """Lock the organisation's row and all its membership rows until the end of the transaction
    and return the memberships as they are now. Call inside ``transaction.atomic()``."""
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    return list(
        Membership.objects.select_for_update(of=("self",))
        .filter(organisation_id=organisation.pk)
        .select_related("user")
        .order_by("pk")
    )


def _busy_guard(function):
    """A lock that could not be had in time is a refusal to try again, not a server error."""

    def wrapped(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except OperationalError as error:
            if is_lock_timeout(error):
                raise MemberError(BUSY_MESSAGE) from error
            raise

    wrapped.__name__ = function.__name__
    wrapped.__doc__ = function.__doc__
    return wrapped


def _recheck(user, members, action, as_staff):
    """Under the lock: a portal admin who was demoted a moment ago may no longer act."""
    if not as_staff and not any(m.user_id == user.pk and m.is_admin for m in members):
        raise NotAllowed


def _find(members, pk) -> Membership:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotAllowed from None
    for member in members:
        if member.pk == pk:
            return member
    raise NotAllowed


@_busy_guard
def change_role(
    organisation: Organisation, pk, role: str, *, by, as_staff: bool = False
) -> tuple[Membership, bool]:
    """Give member ``pk`` the ``role``; returns the membership and whether anything changed."""
    _check(by, organisation, CHANGE_ROLE, as_staff)
    if role not in Membership.Role.values:
        raise MemberError(_("Choose one of the roles offered."))
    with transaction.atomic():
        members = _locked_members(organisation)
        _recheck(by, members, CHANGE_ROLE, as_staff)
        member = _find(members, pk)
        if member.role == role:
            return member, False
        admins = sum(m.is_admin for m in members)
        if member.is_admin and admins <= 1:
            raise LastAdmin
        previous = member.role
        member.role = role
        member.save(update_fields=["role"])
        log(
            member,
            audit.MEMBERSHIP_ROLE_CHANGE,
            user=by,
            data={
                "organisation": organisation.pk,
                "member": member.user_id,
                "from": previous,
                "to": role,
            },
        )
    return member, True


@_busy_guard
def remove(organisation: Organisation, pk, *, by, as_staff: bool = False) -> Membership:
    """Take member ``pk`` out of the organisation; returns the (deleted) membership."""
    _check(by, organisation, REMOVE, as_staff)
    with transaction.atomic():
        members = _locked_members(organisation)
        _recheck(by, members, REMOVE, as_staff)
        member = _find(members, pk)
        if member.is_admin and sum(m.is_admin for m in members) <= 1:
            raise LastAdmin
        log(
            member,
            audit.MEMBERSHIP_REMOVE,
            user=by,
            data={"organisation": organisation.pk, "member": member.user_id, "role": member.role},
        )
        member.delete()
    return member


def _locked_invitation(organisation, pk) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .filter(organisation_id=organisation.pk, pk=pk)
        .select_related("organisation", "invited_by")
        .first()
    )
    if invitation is None:
        raise NotAllowed
    return invitation


@_busy_guard
def resend(
    organisation: Organisation, pk, *, by, request, language: str, as_staff: bool = False
) -> Invitation:
    """Send invitation ``pk`` again with a new link and a fresh validity period (also when it
    had expired); the old link stops working. The e-mail goes out after the commit."""
    from .emails import send_invitation

    _check(by, organisation, RESEND, as_staff)
    with transaction.atomic():
        invitation = _locked_invitation(organisation, pk)
        if not invitation.can_be_resent:
            raise NotPending
        email = invitation.email
        if (
            Membership.objects.filter(organisation_id=organisation.pk)
            .filter(Q(user__email__iexact=email) | Q(user__emailaddress__email__iexact=email))
            .exists()
        ):
            raise AlreadyMember
        token = invitation.renew()
        log(
            invitation,
            audit.INVITATION_RESEND,
            user=by,
            data={"organisation": organisation.pk, "role": invitation.role},
        )
        transaction.on_commit(
            lambda: send_invitation(request, invitation, token, language=language)
        )
    return invitation


@_busy_guard
def withdraw(organisation: Organisation, pk, *, by, as_staff: bool = False) -> Invitation:
    """Withdraw pending invitation ``pk``: its link stops working."""
    _check(by, organisation, WITHDRAW, as_staff)
    with transaction.atomic():
        invitation = _locked_invitation(organisation, pk)
        if not invitation.is_usable:
            raise NotPending
        # The audit entry is written by the invitation's post_save receiver, with this user.
        with LogContext(user=by):
            invitation.revoked_at = timezone.now()
            invitation.save(update_fields=["revoked_at"])
    return invitation
