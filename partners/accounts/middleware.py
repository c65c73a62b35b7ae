"""Staff reach the Wagtail admin (and Django's admin) only with two-factor authentication.

The admins' own password-only login forms are bypassed: their URLs send the visitor to allauth's
login, which asks for the second factor. A signed-in staff member without an authenticator is sent
to allauth's authenticator-app setup for any admin URL (the account and MFA pages live under
/<language>/account/, outside the admin, so they stay reachable)."""

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from .policy import needs_mfa_setup, redirect_to_mfa_setup, uses_admin

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
LOGIN_PATHS = ("/admin/login/", "/django-admin/login/")
ALWAYS_ALLOWED = ("/admin/logout/", "/django-admin/logout/")


class StaffMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith(ADMIN_PREFIXES) and not path.startswith(ALWAYS_ALLOWED):
            user = request.user
            if path.startswith(LOGIN_PATHS):
                if user.is_authenticated and not uses_admin(user):
                    # Signed in, but not someone who may use the admin (a partner): sending them
                    # to the login page again would loop back here for ever.
                    raise PermissionDenied
                next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("wagtailadmin_home")
                return redirect_to_login(next_url, reverse("account_login"))
            if uses_admin(user) and needs_mfa_setup(user):
                return redirect_to_mfa_setup(request, next_url=request.get_full_path())
        return self.get_response(request)
