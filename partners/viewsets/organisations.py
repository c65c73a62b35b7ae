"""Admin for organisations, with their members and invitations.

Staff with the "change organisation" permission see an organisation's members and invitations;
inviting and resending need "add invitation", withdrawing needs "change invitation", changing a
member's role "change membership", removing a member "delete membership" (the rules, including
"never the last admin", are in partners.accounts.members). Superusers have all."""

from allauth.core import ratelimit
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy

from goedwerk.forms import SafeAdminFormsMixin

from ..accounts import members as member_service
from ..accounts.emails import send_invitation
from ..accounts.forms import ChangeRoleForm, ConfirmRemovalForm, InviteMemberForm
from ..models import Invitation, Membership, Organisation


class OrganisationIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().annotate(member_count=Count("memberships"))


class OrganisationEditView(generic.EditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("Members and invitations"),
                url=reverse("partners_organisations:members", args=[self.object.pk]),
                icon_name="group",
                priority=5,
            )
        )
        return buttons


class OrganisationMembersView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Members and invitations of one organisation, with the "invite a member" form."""

    permission_policy = ModelPermissionPolicy(Organisation)
    permission_required = "change"
    invitation_policy = ModelPermissionPolicy(Invitation)
    template_name = "partners/accounts/admin/members.html"
    header_icon = "group"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.organisation = get_object_or_404(Organisation, pk=kwargs["pk"])

    def get_page_title(self):
        return _("Members and invitations")

    def get_page_subtitle(self):
        return self.organisation.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("partners_organisations:index"),
                "label": Organisation._meta.verbose_name_plural.capitalize(),
            },
            {
                "url": reverse("partners_organisations:edit", args=[self.organisation.pk]),
                "label": self.organisation.name,
            },
            {"url": "", "label": _("Members and invitations")},
        ]

    def can(self, action: str) -> bool:
        return self.invitation_policy.user_has_permission(self.request.user, action)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            organisation=self.organisation,
            members=member_service.listing(self.organisation),
            roles=Membership.Role.choices,
            invitations=self.organisation.invitations.select_related(
                "invited_by", "accepted_by"
            ).order_by("-created_at"),
            can_invite=self.can("add"),
            can_revoke=self.can("change"),
            **member_service.staff_abilities(self.request.user),
        )
        if context["can_invite"]:
            context["form"] = form or InviteMemberForm(organisation=self.organisation)
        return context

    def post(self, request, *args, **kwargs):
        for action in ("revoke", "resend", "change_role"):
            if action in request.POST:
                return self.manage(action, request.POST[action])
        return self.invite()

    def here(self):
        return redirect(reverse("partners_organisations:members", args=[self.organisation.pk]))

    def manage(self, action, pk):
        """Withdraw or resend an invitation, or change a member's role (partners.accounts.members
        has the rules)."""
        request, organisation = self.request, self.organisation
        try:
            if action == "revoke":
                invitation = member_service.withdraw(
                    organisation, pk, by=request.user, as_staff=True
                )
                done = _("The invitation for %(email)s was withdrawn.") % {
                    "email": invitation.email
                }
            elif action == "resend":
                if not member_service.may(
                    request.user, organisation, member_service.RESEND, as_staff=True
                ):
                    raise PermissionDenied
                # A new e-mail: the same per-user limit as a new invitation.
                limited = ratelimit.consume_or_429(
                    request, action="invite_member", user=request.user
                )
                if limited:
                    return limited
                invitation = member_service.resend(
                    organisation,
                    pk,
                    by=request.user,
                    as_staff=True,
                    request=request,
                    language=get_language(),
                )
                done = _("A new invitation was sent to %(email)s.") % {"email": invitation.email}
            else:
                form = ChangeRoleForm(request.POST)
                if not form.is_valid():
                    raise member_service.MemberError(_("Choose one of the roles offered."))
                member, _changed = member_service.change_role(
                    organisation, pk, form.cleaned_data["role"], by=request.user, as_staff=True
                )
                done = _("The role of %(email)s is now “%(role)s”.") % {
                    "email": member.user.email,
                    "role": member.get_role_display(),
                }
        except member_service.NotAllowed:
            raise PermissionDenied from None
        except member_service.MemberError as error:
            messages.error(request, error.message)
            return self.here()
        messages.success(request, done)
        return self.here()

    def invite(self):
        request = self.request
        if not self.can("add"):
            raise PermissionDenied
        # Each invitation sends an e-mail: the same per-user limit as in the portal.
        limited = ratelimit.consume_or_429(request, action="invite_member", user=request.user)
        if limited:
            return limited
        form = InviteMemberForm(request.POST, organisation=self.organisation)
        if not form.is_valid():
            messages.error(request, _("The invitation could not be sent. Correct the errors."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        invitation, token = form.save(invited_by=request.user)
        send_invitation(request, invitation, token, language=form.cleaned_data["language"])
        messages.success(
            request, _("An invitation was sent to %(email)s.") % {"email": invitation.email}
        )
        return self.here()


class OrganisationMemberRemoveView(OrganisationMembersView):
    """The confirmation step (GET) and the removal (POST with ``confirm``) of one member."""

    template_name = "partners/accounts/admin/member_remove.html"
    header_icon = "bin"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        try:
            self.member = member_service.get_member(
                self.organisation, kwargs["member_pk"], by=request.user, as_staff=True
            )
        except member_service.NotAllowed:
            self.member = None

    def get(self, request, *args, **kwargs):
        if self.member is None:
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return _("Remove a member")

    def get_context_data(self, **kwargs):
        context = WagtailAdminTemplateMixin.get_context_data(self, **kwargs)
        context.update(
            organisation=self.organisation,
            member=self.member,
            members_url=reverse("partners_organisations:members", args=[self.organisation.pk]),
        )
        return context

    def post(self, request, *args, **kwargs):
        if self.member is None:
            raise PermissionDenied
        if not ConfirmRemovalForm(request.POST).is_valid():
            return self.get(request, *args, **kwargs)
        try:
            member_service.remove(self.organisation, self.member.pk, by=request.user, as_staff=True)
        except member_service.NotAllowed:
            raise PermissionDenied from None
        except member_service.MemberError as error:
            messages.error(request, error.message)
            return self.here()
        messages.success(
            request,
            _("%(email)s was removed from %(organisation)s.")
            % {"email": self.member.user.email, "organisation": self.organisation},
        )
        return self.here()


class OrganisationViewSet(SafeAdminFormsMixin, ModelViewSet):
    model = Organisation
    name = "partners_organisations"
    url_prefix = "partners/organisations"
    icon = "group"
    menu_label = gettext_lazy("Organisations")
    menu_order = 310
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = OrganisationIndexView
    edit_view_class = OrganisationEditView
    list_display = [
        "name",
        "kind",
        "kvk_number",
        "joined_covenant_on",
        Column("member_count", label=gettext_lazy("Members"), sort_key="member_count"),
    ]
    list_filter = ["kind", "public_profile_consent"]
    search_fields = ["name", "kvk_number"]
    ordering = ["name"]
    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind")],
            heading=gettext_lazy("Organisation"),
        ),
        FieldRowPanel([FieldPanel("kvk_number"), FieldPanel("joined_covenant_on")]),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("public_profile_consent"),
    ]

    @property
    def members_view(self):
        return OrganisationMembersView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("members/<int:pk>/", self.members_view, name="members"),
            path(
                "members/<int:pk>/remove/<int:member_pk>/",
                OrganisationMemberRemoveView.as_view(),
                name="remove_member",
            ),
        ]

    def get_permissions_to_register(self):
        """Also offer the member and invitation permissions in the group editor."""
        from django.contrib.auth.models import Permission

        own = super().get_permissions_to_register()
        extra = Permission.objects.filter(
            content_type__app_label="partners",
            content_type__model__in=[Membership._meta.model_name, Invitation._meta.model_name],
        )
        return own | extra


VIEWSETS = [OrganisationViewSet()]
