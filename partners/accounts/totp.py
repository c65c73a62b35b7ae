"""A TOTP code is accepted once, atomically, in every configuration.

allauth marks a used code with ``cache.add``: atomic only when every worker shares the cache,
so with a per-process cache two workers (or two pending logins) accept the same code. Here
the mark is a row with a unique constraint (``models.UsedTOTPCode``): the database lets one
insert win, whatever the cache. ``install()`` puts it in place of allauth's marker; it runs at
start-up (``apps.AccountsConfig.ready``) and refuses to start if allauth renamed the hook.
"""

from datetime import timedelta

from allauth.core.internal.cryptokit import normalize_user_code
from allauth.mfa import app_settings
from allauth.mfa.totp.internal import auth as allauth_totp
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone


def used_code_window() -> timedelta:
    """A code stays valid for every time step in allauth's tolerance window."""
    steps = 2 * app_settings.TOTP_TOLERANCE + 1
    return timedelta(seconds=app_settings.TOTP_PERIOD * steps)


def mark_code_used(authenticator, code: str) -> bool:
    """True for the first use of ``code`` within its window, False for any later one."""
    from .models import UsedTOTPCode

    now = timezone.now()
    code = normalize_user_code(code)
    try:
        with transaction.atomic():
            UsedTOTPCode.objects.filter(
                authenticator=authenticator, used_at__lte=now - used_code_window()
            ).delete()
            UsedTOTPCode.objects.create(authenticator=authenticator, code=code, used_at=now)
    except IntegrityError:
        return False
    return True


def _mark_code_used(self, code: str) -> bool:
    return mark_code_used(self.instance, code)


def install() -> None:
    if not callable(getattr(allauth_totp.TOTP, "_mark_code_used", None)):
        raise ImproperlyConfigured(
            "allauth's TOTP no longer has _mark_code_used: partners.accounts.totp must be "
            "adapted, or a TOTP code could be used twice."
        )
    allauth_totp.TOTP._mark_code_used = _mark_code_used
