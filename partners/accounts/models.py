"""What the second factor needs beyond allauth's own tables."""

from django.db import models


class UsedTOTPCode(models.Model):
    """A TOTP code that was accepted once: the unique constraint makes a second use of the same
    code fail atomically, whichever worker or cache sees it (see ``totp``)."""

    authenticator = models.ForeignKey(
        "mfa.Authenticator", on_delete=models.CASCADE, related_name="+"
    )
    code = models.CharField(max_length=16)
    used_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["authenticator", "code"], name="partners_accounts_totp_code_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.authenticator_id}@{self.used_at:%Y-%m-%d %H:%M:%S}"
