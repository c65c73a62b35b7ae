"""Signing test clients in, with or without the second factor.

The site refuses a session of someone with an authenticator unless allauth recorded a second
factor for it (``partners.accounts.middleware``). ``Client.force_login`` makes a bare session,
so in this test suite it is wrapped (``tests/conftest.py``) to record the second factor when
the user has an authenticator: ``force_login`` stands for "signed in properly". Tests about
the enforcement itself use ``force_login_without_second_factor``.
"""

from django.http import HttpRequest
from django.test.client import ClientMixin

#: Django's own force_login, before the suite wraps it.
_django_force_login = ClientMixin.force_login


def record_second_factor(client, user) -> bool:
    """Record in the client's session, as allauth does after the MFA step, that ``user`` passed
    their authenticator. False (and nothing recorded) when they have none."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator

    from partners.accounts.policy import SECOND_FACTOR_TYPES

    authenticator = Authenticator.objects.filter(user=user, type__in=SECOND_FACTOR_TYPES).first()
    if authenticator is None:
        return False
    session = client.session
    request = HttpRequest()
    request.session = session
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
    session.save()
    return True


def force_login_without_second_factor(client, user, backend=None) -> None:
    """A session such as a password-only login form would make: no second factor recorded."""
    _django_force_login(client, user, backend)


def mfa_login(client, user, backend=None):
    """Sign ``user`` in on ``client`` with their second factor recorded (if they have one)."""
    _django_force_login(client, user, backend)
    record_second_factor(client, user)
    return client


def _force_login(self, user, backend=None):
    mfa_login(self, user, backend)


def activate_totp(user):
    """Give ``user`` an active authenticator app, as if they had completed allauth's setup; the
    suite's ``force_login`` then records the second factor for them."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    return user
