"""Who may see what in the portal: the one place that scopes every portal view to the
organisations the signed-in user is a member of.

Objects of another organisation answer 404, never 403, so that guessing ids reveals nothing.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404

from .accounts.policy import needs_mfa_setup, redirect_to_mfa_setup
from .models import Membership


def memberships_for(user):
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("organisation")


def get_membership_or_404(user, organisation_slug: str) -> Membership:
    return get_object_or_404(memberships_for(user), organisation__slug=organisation_slug)


def portal_member_required(view=None, *, admin: bool = False):
    """Decorate a view that takes ``organisation_slug``: requires login and membership of that
    organisation (and the admin role when ``admin=True``) and sets ``request.membership``.

    Staff and organisation admins without an active second factor are sent to set one up first
    (see ``partners.accounts.policy``)."""

    def decorator(view_func):
        @login_required
        @wraps(view_func)
        def wrapped(request, organisation_slug, *args, **kwargs):
            membership = get_membership_or_404(request.user, organisation_slug)
            if admin and not membership.is_admin:
                raise Http404
            if needs_mfa_setup(request.user):
                return redirect_to_mfa_setup(request, next_url=request.get_full_path())
            request.membership = membership
            request.organisation = membership.organisation
            return view_func(request, *args, organisation_slug=organisation_slug, **kwargs)

        return wrapped

    return decorator(view) if view is not None else decorator
