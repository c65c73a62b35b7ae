"""Invitation acceptance (with sign-up) and the portal's member page."""

from allauth.account.adapter import get_adapter
from allauth.account.internal import flows
from allauth.account.views import SignupView
from allauth.core import ratelimit
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from ..access import portal_member_required
from ..models import Invitation, Membership
from . import invitations
from . import members as member_service
from .emails import send_invitation
from .forms import ChangeRoleForm, ConfirmRemovalForm, InviteMemberForm
from .policy import MFA_NEXT_SESSION_KEY, needs_mfa_setup, redirect_to_mfa_setup

INVALID_TEMPLATE = "partners/accounts/invitation_invalid.html"


def _after_accepting(request, membership):
    dashboard = invitations.dashboard_url(membership.organisation)
    if needs_mfa_setup(membership.user):
        return redirect_to_mfa_setup(request, next_url=dashboard)
    return redirect(dashboard)


class InvitationView(SignupView):
    """``/portaal/uitnodiging/<token>/``: the link in the invitation e-mail.

    Anonymous visitors get the sign-up form with the invited address fixed (the link proved
    they own it, so it counts as verified); signed-in users with that address confirm and join.
    Used, withdrawn, expired and unknown links all get the same page."""

    template_name = "partners/accounts/invitation_signup.html"

    @method_decorator(never_cache)
    def dispatch(self, request, *args, token: str, **kwargs):
        invitation = Invitation.find(token)
        if invitation is None or not invitation.is_usable:
            return render(request, INVALID_TEMPLATE, status=410)
        self.invitation = invitation
        if request.user.is_authenticated:
            return self.signed_in(request)
        invitations.remember(request, invitation)
        get_adapter(request).stash_verified_email(request, invitation.email)
        return super().dispatch(request, *args, **kwargs)

    def signed_in(self, request):
        context = {"invitation": self.invitation}
        if not invitations.user_has_email(request.user, self.invitation.email):
            return render(
                request, "partners/accounts/invitation_other_account.html", context, status=403
            )
        if request.method == "POST":
            try:
                membership = invitations.accept(self.invitation, request.user)
            except invitations.InvitationNotUsable:
                return render(request, INVALID_TEMPLATE, status=410)
            messages.success(
                request,
                _("You are now a member of %(organisation)s.")
                % {"organisation": membership.organisation},
            )
            return _after_accepting(request, membership)
        return render(request, "partners/accounts/invitation_accept.html", context)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["email"].initial = self.invitation.email
        form.fields["email"].disabled = True
        form.fields["email"].help_text = _(
            "The invitation was sent to this address; you sign in with it."
        )
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["invitation"] = self.invitation
        return context

    def form_valid(self, form):
        user, response = form.try_save(self.request)
        if response:
            return response
        try:
            membership = invitations.accept(self.invitation, user)
        except invitations.InvitationNotUsable:
            return render(self.request, INVALID_TEMPLATE, status=410)
        invitations.forget(self.request)
        redirect_url = invitations.dashboard_url(membership.organisation)
        if needs_mfa_setup(user):
            self.request.session[MFA_NEXT_SESSION_KEY] = redirect_url
            redirect_url = reverse("mfa_activate_totp")
        response = flows.signup.complete_signup(self.request, user=user, redirect_url=redirect_url)
        if self.request.user.is_authenticated:
            # The password was typed in this very request: allauth may treat it as a fresh
            # reauthentication, so that the MFA setup that follows does not ask for it again.
            flows.login.record_authentication(
                self.request, user, "password", email=user.email, reauthenticated=True
            )
        return response


invitation = InvitationView.as_view()


def _members_context(request, form=None):
    organisation = request.organisation
    can_manage = request.membership.is_admin
    context = {
        "organisation": organisation,
        "membership": request.membership,
        "members": member_service.listing(organisation),
        "can_invite": can_manage,
        "can_manage": can_manage,
        "roles": Membership.Role.choices,
        "dashboard_url": invitations.dashboard_url(organisation),
    }
    if can_manage:
        context["invitations"] = (
            Invitation.objects.filter(organisation=organisation)
            .select_related("invited_by")
            .order_by("-created_at")[:50]
        )
        context["form"] = form or InviteMemberForm(organisation=organisation)
    return context


def _back_to_members(organisation_slug):
    return redirect("partners:members", organisation_slug=organisation_slug)


@portal_member_required
def members(request, organisation_slug):
    """Everyone in the organisation sees who its members are; admins also invite and manage."""
    return render(request, "partners/accounts/members.html", _members_context(request))


@require_POST
@portal_member_required(admin=True)
def invite_member(request, organisation_slug):
    # Each invitation sends an e-mail: limited per admin (ACCOUNT_RATE_LIMITS["invite_member"]).
    limited = ratelimit.consume_or_429(request, action="invite_member", user=request.user)
    if limited:
        return limited
    form = InviteMemberForm(request.POST, organisation=request.organisation)
    if not form.is_valid():
        return render(
            request, "partners/accounts/members.html", _members_context(request, form), status=400
        )
    invitation, token = form.save(invited_by=request.user)
    send_invitation(request, invitation, token, language=form.cleaned_data["language"])
    messages.success(
        request, _("An invitation was sent to %(email)s.") % {"email": invitation.email}
    )
    return _back_to_members(organisation_slug)


@require_POST
@portal_member_required(admin=True)
def change_member_role(request, organisation_slug, pk):
    form = ChangeRoleForm(request.POST)
    try:
        if not form.is_valid():
            raise member_service.MemberError(_("Choose one of the roles offered."))
        member, changed = member_service.change_role(
            request.organisation, pk, form.cleaned_data["role"], by=request.user
        )
    except member_service.NotAllowed:
        raise Http404 from None
    except member_service.MemberError as error:
        messages.error(request, error.message)
        return _back_to_members(organisation_slug)
    if changed:
        messages.success(
            request,
            _("The role of %(email)s is now “%(role)s”.")
            % {"email": member.user.email, "role": member.get_role_display()},
        )
    return _back_to_members(organisation_slug)


@require_http_methods(["GET", "POST"])
@portal_member_required(admin=True)
def remove_member(request, organisation_slug, pk):
    """A confirmation page (GET); its button (POST with ``confirm``) removes the member."""
    try:
        member = member_service.get_member(request.organisation, pk, by=request.user)
    except member_service.NotAllowed:
        raise Http404 from None
    form = ConfirmRemovalForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            member_service.remove(request.organisation, pk, by=request.user)
        except member_service.NotAllowed:
            raise Http404 from None
        except member_service.MemberError as error:
            messages.error(request, error.message)
            return _back_to_members(organisation_slug)
        messages.success(
            request,
            _("%(email)s was removed from %(organisation)s.")
            % {"email": member.user.email, "organisation": request.organisation},
        )
        if member.user_id == request.user.pk:
            return redirect(invitations.portal_home_url())
        return _back_to_members(organisation_slug)
    context = {
        "organisation": request.organisation,
        "member": member,
        "is_self": member.user_id == request.user.pk,
        "members_url": reverse("partners:members", kwargs={"organisation_slug": organisation_slug}),
    }
    return render(request, "partners/accounts/member_remove.html", context)


@require_POST
@portal_member_required(admin=True)
def resend_invitation(request, organisation_slug, pk):
    # A new e-mail: the same per-admin limit as a new invitation.
    limited = ratelimit.consume_or_429(request, action="invite_member", user=request.user)
    if limited:
        return limited
    try:
        invitation = member_service.resend(
            request.organisation, pk, by=request.user, request=request, language=get_language()
        )
    except member_service.NotAllowed:
        raise Http404 from None
    except member_service.MemberError as error:
        messages.error(request, error.message)
        return _back_to_members(organisation_slug)
    messages.success(
        request,
        _("A new invitation was sent to %(email)s.") % {"email": invitation.email},
    )
    return _back_to_members(organisation_slug)


@require_POST
@portal_member_required(admin=True)
def revoke_invitation(request, organisation_slug, pk):
    try:
        invitation = member_service.withdraw(request.organisation, pk, by=request.user)
    except member_service.MemberError:
        raise Http404 from None
    messages.success(
        request,
        _("The invitation for %(email)s was withdrawn.") % {"email": invitation.email},
    )
    return _back_to_members(organisation_slug)
