"""allauth adapters: sign-up only by invitation, sensible redirects, failed logins limited per
address and IP and answered with HTTP 429, MFA that cannot be removed by those who must have it,
second-factor secrets encrypted at rest."""

from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal.ratelimit import get_ip
from allauth.core.ratelimit import respond_429
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.urls import reverse

from goedwerk.links import site_url

from ..models import Membership
from . import crypto, invitations
from .policy import mfa_required, uses_admin

#: The only view through which a new account can be made.
INVITATION_VIEW_NAME = "partners:invitation"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        """Closed, except on the invitation page of a visitor holding a usable invitation."""
        match = getattr(request, "resolver_match", None)
        if match is None or match.view_name != INVITATION_VIEW_NAME:
            return False
        return invitations.from_session(request) is not None

    def populate_username(self, request, user) -> None:
        """Usernames are never shown or used to sign in; the e-mail address is the username."""
        from django.contrib.auth import get_user_model

        email = (user.email or "").lower()
        if email and not get_user_model().objects.filter(username__iexact=email).exists():
            user.username = email
            return
        super().populate_username(request, user)

    def get_signup_redirect_url(self, request) -> str:
        """After signing up through an invitation (also via eHerkenning): the new organisation."""
        return self.get_login_redirect_url(request)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """allauth counts failed logins per IP and per this key (``login_failed`` in
        ACCOUNT_RATE_LIMITS). The key is the address *and* the IP: someone hammering an address
        from their machine locks only themselves out, not the owner signing in from elsewhere."""
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}@{get_ip(request)}"

    def validation_error(self, code, *args):
        """Too many failed attempts (password, second factor, reauthentication, codes) answer
        HTTP 429 with the site's page instead of a form error."""
        if code == "too_many_login_attempts" and context.request is not None:
            raise ImmediateHttpResponse(respond_429(context.request))
        return super().validation_error(code, *args)

    def get_login_redirect_url(self, request) -> str:
        user = request.user
        memberships = list(Membership.objects.filter(user=user).select_related("organisation")[:2])
        if len(memberships) == 1:
            return invitations.dashboard_url(memberships[0].organisation)
        if memberships:
            return invitations.portal_home_url()
        if uses_admin(user):
            return reverse("wagtailadmin_home")
        return super().get_login_redirect_url(request)

    # allauth's e-mails name and link the site's configured address, not the request's Host.
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        site = SimpleNamespace(name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(site_url()).netloc)
        super().send_mail(template_prefix, email, {"current_site": site, **context})

    def get_reset_password_from_key_url(self, key: str) -> str:
        return site_url(urlsplit(super().get_reset_password_from_key_url(key)).path)

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        url = super().get_email_confirmation_url(request, emailconfirmation)
        return site_url(urlsplit(url).path)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """OpenID Connect (eHerkenning) signs in existing accounts; a new account only with an
    invitation for the same, verified e-mail address."""

    def is_open_for_signup(self, request, sociallogin) -> bool:
        invitation = invitations.from_session(request)
        if invitation is None:
            return False
        addresses = {
            address.email.lower() for address in sociallogin.email_addresses if address.verified
        }
        return invitation.email.lower() in addresses

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form=form)
        invitation = invitations.from_session(request)
        if invitation is not None and invitation.email.lower() == (user.email or "").lower():
            invitations.accept(invitation, user)
            invitations.forget(request)
        return user


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        """TOTP secrets and recovery-code seeds are stored encrypted (see ``crypto``)."""
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text)

    def can_delete_authenticator(self, authenticator) -> bool:
        """Someone who must use MFA cannot remove their last authenticator app or key."""
        if not mfa_required(authenticator.user):
            return super().can_delete_authenticator(authenticator)
        strong = {Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN}
        others = (
            Authenticator.objects.filter(user_id=authenticator.user_id, type__in=strong)
            .exclude(pk=authenticator.pk)
            .exists()
        )
        return others and super().can_delete_authenticator(authenticator)
