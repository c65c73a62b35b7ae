"""Who must use two-factor authentication, whether a session used it, and where to send people
to set it up.

MFA is required for everyone who can use the Wagtail admin (municipal staff and the editors of
the communication team: they publish and review) and for organisation admins (they invite people
and answer for their organisation's reports); it is optional for reporters. Whoever has an
authenticator (required or not) signs in with it: a session counts only when allauth recorded a
second factor for it (see ``session_passed_second_factor``)."""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
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


#: The authenticators that are a second factor on their own (recovery codes only back them up);
#: the same as allauth's login stage asks for.
SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def has_second_factor(user) -> bool:
    return user.is_authenticated and is_mfa_enabled(user, list(SECOND_FACTOR_TYPES))


def session_passed_second_factor(request) -> bool:
    """Whether allauth recorded a second factor (authenticator app, security key or passkey,
    or a recovery code) for the user signed in on this session."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def session_lacks_second_factor(request) -> bool:
    """A signed-in session of someone with an authenticator that never passed it: made by a
    door other than allauth's login (or before that door was closed). It must not be used."""
    user = request.user
    return has_second_factor(user) and not session_passed_second_factor(request)


def needs_mfa_setup(user) -> bool:
    """True when the user's role requires MFA and no authenticator is active yet."""
    return mfa_required(user) and not has_second_factor(user)


def redirect_to_mfa_setup(request, next_url: str | None = None):
    """Send the user to allauth's authenticator-app setup, remembering where they were going."""
    if next_url:
        request.session[MFA_NEXT_SESSION_KEY] = next_url
    messages.warning(
        request,
        _("Your role requires two-factor authentication. Set up an authenticator app to continue."),
    )
    return redirect("mfa_activate_totp")
