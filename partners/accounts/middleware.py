"""Every session goes through allauth's login with its second factor, enforced per request.

- **Closed doors.** The password-only login forms that Wagtail mounts (the admin's login, the
  front-end login for private pages) and the admin's own password reset are never served: their
  URLs send the visitor to allauth's login or password reset, which ask for the second factor
  and are rate limited. (Django's admin is not mounted at all.)
- **Sessions without the second factor** of someone who has an authenticator are signed out
  and sent to the login, whatever page they ask for. allauth records how a session
  authenticated; see ``policy.session_lacks_second_factor``.
- **Required but not set up yet** (staff, editors, organisation admins without an
  authenticator): every page except allauth's own account, MFA and logout pages sends them to
  set up an authenticator app first.

Wagtail's private pages with a *password* (not a login) restriction keep their own form: it
stores the restriction in the session and never signs anyone in.
"""

from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .policy import (
    needs_mfa_setup,
    redirect_to_mfa_setup,
    session_lacks_second_factor,
    uses_admin,
)

#: Login forms of Wagtail that only ask for a password: replaced by allauth's login.
CLOSED_LOGIN_VIEWS = {"wagtailadmin_login", "wagtailcore_login"}
#: The Wagtail admin's password reset (also disabled by WAGTAIL_PASSWORD_RESET_ENABLED).
CLOSED_RESET_VIEWS = {
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
}
#: Signing out is always possible.
LOGOUT_VIEWS = {"account_logout", "wagtailadmin_logout"}
#: What someone who still has to set up MFA may use: allauth's account, MFA and session pages.
SETUP_VIEW_PREFIXES = ("account_", "mfa_", "usersessions_")


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        name = (match.url_name or "") if match else ""
        user = request.user
        if name in CLOSED_LOGIN_VIEWS:
            return self._to_allauth_login(request, name)
        if name in CLOSED_RESET_VIEWS:
            return redirect("account_reset_password")
        if not user.is_authenticated or name in LOGOUT_VIEWS:
            return None
        if session_lacks_second_factor(request):
            logout(request)
            messages.warning(
                request, _("Please sign in again, with your second factor (authenticator).")
            )
            return redirect_to_login(request.get_full_path(), reverse("account_login"))
        if needs_mfa_setup(user) and not name.startswith(SETUP_VIEW_PREFIXES):
            return redirect_to_mfa_setup(request, next_url=request.get_full_path())
        return None

    @staticmethod
    def _to_allauth_login(request, name):
        user = request.user
        if user.is_authenticated and (name == "wagtailcore_login" or not uses_admin(user)):
            # Signed in, but not allowed where they were going (a partner in the admin, or a
            # private page for other groups): sending them to the login page again would
            # loop back here for ever.
            raise PermissionDenied
        default = reverse("wagtailadmin_home") if name == "wagtailadmin_login" else "/"
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or default
        return redirect_to_login(next_url, reverse("account_login"))
