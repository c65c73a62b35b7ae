"""The forms of member management, shared by the Wagtail admin and the portal's member page."""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from goedwerk.forms import SafeForm

from ..models import Invitation, Membership


class InviteMemberForm(SafeForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The invitation link is sent to this address and only works for it."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Membership.Role.choices,
        initial=Membership.Role.REPORTER,
        help_text=_(
            "Reporters fill in and submit reports. Organisation admins also invite colleagues "
            "and must use two-factor authentication."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation e-mail"),
        choices=settings.LANGUAGES,
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        if not self.is_bound:
            current = get_language()
            if current in dict(settings.LANGUAGES):
                self.fields["language"].initial = current

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        already_member = (
            Membership.objects.filter(organisation=self.organisation)
            .filter(Q(user__email__iexact=email) | Q(user__emailaddress__email__iexact=email))
            .exists()
        )
        if already_member:
            raise forms.ValidationError(
                _("This person is already a member of %(organisation)s."),
                code="already_member",
                params={"organisation": self.organisation},
            )
        return email

    def save(self, *, invited_by) -> tuple[Invitation, str]:
        """Issue the invitation; an earlier pending one for the same address is withdrawn so
        that only the newest link works."""
        email = self.cleaned_data["email"]
        for pending in Invitation.objects.usable().filter(
            organisation=self.organisation, email__iexact=email
        ):
            pending.revoke()
        return Invitation.issue(
            organisation=self.organisation,
            email=email,
            role=self.cleaned_data["role"],
            invited_by=invited_by,
        )


class ChangeRoleForm(SafeForm):
    """One member's role, on the member page (one small form per member)."""

    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class ConfirmRemovalForm(SafeForm):
    """The confirmation step before a member is removed: the button sends ``confirm=yes``."""

    confirm = forms.ChoiceField(choices=[("yes", _("Yes, remove"))])
