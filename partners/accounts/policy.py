"""Who must use two-factor authentication, and where to send them to set it up.

MFA is required for everyone who can use the Wagtail admin (municipal staff and the editors of
the communication team: they publish and review) and for organisation admins (they invite people
and answer for their organisation's reports); it is optional for reporters."""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from ..models import Membership

#: Where the portal sends someone back to once the second factor is active.
MFA_NEXT_SESSION_KEY = "partners_mfa_next"


def uses_admin(user) -> bool:
    """Staff, and anyone with access to the Wagtail admin (the editor groups)."""
    return user.is_authenticated and (user.is_staff or user.has_perm("wagtailadmin.access_admin"))


def mfa_required(user) -> bool:
    if not user.is_authenticated:
        return False
    if uses_admin(user):
        return True
    return Membership.objects.filter(user=user, role=Membership.Role.ADMIN).exists()


def needs_mfa_setup(user) -> bool:
    """True when the user's role requires MFA and no authenticator is active yet."""
    return mfa_required(user) and not is_mfa_enabled(user)


def redirect_to_mfa_setup(request, next_url: str | None = None):
    """Send the user to allauth's authenticator-app setup, remembering where they were going."""
    if next_url:
        request.session[MFA_NEXT_SESSION_KEY] = next_url
    messages.warning(
        request,
        _("Your role requires two-factor authentication. Set up an authenticator app to continue."),
    )
    return redirect("mfa_activate_totp")
