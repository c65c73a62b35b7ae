"""Organisations of the coalition, their members and the invitations that bring members in.

The covenant, its commitments and the reports live in their own modules (see the package layout
in README.md)."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

kvk_validator = RegexValidator(
    r"^\d{8}$", _("A KvK number has exactly 8 digits."), code="invalid_kvk"
)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        STAFFING_AGENCY = "staffing_agency", _("Staffing agency")
        EMPLOYER = "employer", _("Employer")
        CLIENT_COMPANY = "client_company", _("Client company")
        HOUSING_PROVIDER = "housing_provider", _("Housing provider")
        MUNICIPALITY = "municipality", _("Municipality")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kvk_number = models.CharField(
        _("KvK number"), max_length=8, validators=[kvk_validator], blank=True
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    joined_covenant_on = models.DateField(_("joined the covenant on"), null=True, blank=True)
    public_profile_consent = models.BooleanField(
        _("consents to a public profile"),
        default=False,
        help_text=_("Only then may the organisation's own figures be shown to the public."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Organisation admin")
        REPORTER = "reporter", _("Reporter")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.REPORTER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="unique_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.get_role_display()})"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """A one-time, expiring invitation for one e-mail address to join one organisation.

    Only a hash of the token is stored; the token itself is only ever in the e-mail."""

    VALIDITY = timedelta(days=7)

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=16, choices=Membership.Role.choices, default=Membership.Role.REPORTER
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @classmethod
    def issue(cls, *, organisation, email, role, invited_by=None) -> tuple["Invitation", str]:
        """Create an invitation; returns it with the plain token (to put in the e-mail only)."""
        token = secrets.token_urlsafe(32)
        invitation = cls.objects.create(
            organisation=organisation,
            email=email.strip().lower(),
            role=role,
            token_hash=_hash_token(token),
            invited_by=invited_by,
            expires_at=timezone.now() + cls.VALIDITY,
        )
        return invitation, token

    @classmethod
    def find_usable(cls, token: str) -> "Invitation | None":
        return (
            cls.objects.usable()
            .select_related("organisation")
            .filter(token_hash=_hash_token(token))
            .first()
        )

    @classmethod
    def find(cls, token: str) -> "Invitation | None":
        """The invitation for ``token`` in whatever state it is (used, revoked, expired…)."""
        return (
            cls.objects.select_related("organisation").filter(token_hash=_hash_token(token)).first()
        )

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"

    @property
    def status_label(self) -> str:
        return {
            "accepted": _("Accepted"),
            "revoked": _("Withdrawn"),
            "expired": _("Expired"),
            "pending": _("Pending"),
        }[self.status]

    @property
    def can_be_resent(self) -> bool:
        """Pending or expired: not yet used and not withdrawn."""
        return self.accepted_at is None and self.revoked_at is None

    def renew(self) -> str:
        """Give the invitation a new token and a fresh validity period; the old link stops
        working. Returns the plain token (to put in the e-mail only)."""
        token = secrets.token_urlsafe(32)
        self.token_hash = _hash_token(token)
        self.expires_at = timezone.now() + self.VALIDITY
        self.save(update_fields=["token_hash", "expires_at"])
        return token

    def revoke(self) -> None:
        if self.is_usable:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    @property
    def is_usable(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )
