"""The second factor's secrets at rest and its codes in use: a TOTP code lets in one session
only, whatever the cache; secrets are stored encrypted, and the data migration encrypts the
old plain ones (twice is harmless)."""

import threading
import time
from datetime import UTC, datetime

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from partners.accounts import crypto
from partners.accounts.models import UsedTOTPCode
from partners.accounts.totp import mark_code_used
from tests.signin import activate_totp

pytestmark = pytest.mark.django_db

NOW = datetime.fromtimestamp(time.time() // 30 * 30 + 15, tz=UTC)
#: A cache that remembers nothing: allauth's own used-code marker (cache.add) accepts twice.
NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def nl(name):
    with translation.override("nl"):
        return reverse(name)


def code_for(secret, at=NOW):
    return format_hotp_value(hotp_value(secret, int(at.timestamp()) // 30))


def pending_login(user, password):
    client = Client()
    response = client.post(nl("account_login"), {"login": user.email, "password": password})
    assert response["Location"] == nl("mfa_authenticate")
    return client


@pytest.fixture
def admin_with_secret(org_admin):
    authenticator = Authenticator.objects.get(user=org_admin, type=Authenticator.Type.TOTP)
    return org_admin, crypto.decrypt(authenticator.data["secret"])


@pytest.mark.parametrize("caches", [None, NO_CACHE], ids=["locmem", "no-shared-cache"])
def test_one_code_lets_in_one_of_two_pending_logins(admin_with_secret, password, caches):
    admin, secret = admin_with_secret
    with (
        override_settings(**({"CACHES": caches} if caches else {})),
        time_machine.travel(NOW, tick=False),
    ):
        first, second = pending_login(admin, password), pending_login(admin, password)
        code = code_for(secret)
        answers = [c.post(nl("mfa_authenticate"), {"code": code}) for c in (first, second)]
    signed_in = [c for c in (first, second) if "_auth_user_id" in c.session]
    assert len(signed_in) == 1
    assert [a.status_code for a in answers] == [302, 200]
    assert UsedTOTPCode.objects.filter(code=code).count() == 1


def test_a_used_code_is_refused_for_the_rest_of_its_window_and_then_forgotten(admin_with_secret):
    admin, _ = admin_with_secret
    authenticator = Authenticator.objects.get(user=admin, type=Authenticator.Type.TOTP)
    with time_machine.travel(NOW, tick=False):
        assert mark_code_used(authenticator, "123456") is True
        assert mark_code_used(authenticator, "123 456") is False  # normalised like allauth
    with time_machine.travel(NOW.timestamp() + 29, tick=False):
        assert mark_code_used(authenticator, "123456") is False
    with time_machine.travel(NOW.timestamp() + 31, tick=False):
        # a new time step may legitimately produce the same digits again
        assert mark_code_used(authenticator, "123456") is True
    assert UsedTOTPCode.objects.count() == 1


def test_allauths_marker_is_replaced(admin_with_secret):
    from partners.accounts.totp import _mark_code_used

    assert TOTP._mark_code_used is _mark_code_used


@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="real concurrency needs PostgreSQL's row locks"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_uses_of_one_code_only_one_wins(org_admin):
    authenticator = Authenticator.objects.get(user=org_admin, type=Authenticator.Type.TOTP)
    barrier = threading.Barrier(4)
    results = []

    def use():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            results.append(mark_code_used(authenticator, "654321"))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=use) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, False, False, True]


# --- Encryption at rest --------------------------------------------------------------------


def test_the_database_holds_no_plain_secret_and_sign_in_works(reporter, password):
    secret = generate_totp_secret()
    TOTP.activate(reporter, secret)
    RecoveryCodes.activate(reporter)
    stored = {a.type: a.data for a in Authenticator.objects.filter(user=reporter)}
    assert stored["totp"]["secret"].startswith(crypto.PREFIX)
    assert secret not in str(stored)
    assert stored["recovery_codes"]["seed"].startswith(crypto.PREFIX)
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM mfa_authenticator")
        assert secret not in " ".join(str(row[0]) for row in cursor.fetchall())
    with time_machine.travel(NOW, tick=False):
        client = pending_login(reporter, password)
        client.post(nl("mfa_authenticate"), {"code": code_for(secret)})
    assert client.session["_auth_user_id"] == str(reporter.pk)


def test_recovery_codes_still_work_encrypted(reporter, password):
    activate_totp(reporter)
    codes = RecoveryCodes.activate(reporter).generate_codes()
    client = pending_login(reporter, password)
    client.post(nl("mfa_authenticate"), {"code": codes[0]})
    assert client.session["_auth_user_id"] == str(reporter.pk)


def _plain_authenticators(user):
    secret, seed = generate_totp_secret(), "ab" * 40
    Authenticator.objects.create(user=user, type="totp", data={"secret": secret})
    Authenticator.objects.create(
        user=user, type="recovery_codes", data={"seed": seed, "used_mask": 0}
    )
    return secret, seed


def test_data_migration_encrypts_plain_secrets_and_is_safe_to_run_twice(reporter, password):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("partners.accounts.migrations.0002_encrypt_mfa_secrets")
    secret, seed = _plain_authenticators(reporter)

    migration.encrypt_secrets(apps, None)
    first = {a.type: dict(a.data) for a in Authenticator.objects.filter(user=reporter)}
    assert first["totp"]["secret"].startswith(crypto.PREFIX)
    assert crypto.decrypt(first["totp"]["secret"]) == secret
    assert crypto.decrypt(first["recovery_codes"]["seed"]) == seed
    assert first["recovery_codes"]["used_mask"] == 0

    migration.encrypt_secrets(apps, None)  # again: recognised, left alone
    second = {a.type: dict(a.data) for a in Authenticator.objects.filter(user=reporter)}
    assert second == first

    with time_machine.travel(NOW, tick=False):
        client = pending_login(reporter, password)
        client.post(nl("mfa_authenticate"), {"code": code_for(secret)})
    assert client.session["_auth_user_id"] == str(reporter.pk)

    migration.decrypt_secrets(apps, None)  # the way back
    totp = Authenticator.objects.get(user=reporter, type="totp")
    assert totp.data["secret"] == secret


def test_a_configured_key_encrypts_and_older_keys_still_decrypt(settings, reporter):
    derived = crypto.encrypt("JBSWY3DPEHPK3PXP")  # with the key derived from SECRET_KEY
    new_key = Fernet.generate_key().decode()
    settings.MFA_ENCRYPTION_KEYS = [new_key]
    assert crypto.decrypt(derived) == "JBSWY3DPEHPK3PXP"
    fresh = crypto.encrypt("JBSWY3DPEHPK3PXP")
    assert Fernet(new_key).decrypt(fresh[len(crypto.PREFIX) :].encode()) == b"JBSWY3DPEHPK3PXP"

    from django.core.management import call_command

    Authenticator.objects.create(user=reporter, type="totp", data={"secret": derived})
    call_command("encrypt_mfa_secrets", stdout=open("/dev/null", "w"))  # noqa: SIM115
    rotated = Authenticator.objects.get(user=reporter, type="totp").data["secret"]
    token = rotated[len(crypto.PREFIX) :].encode()
    assert Fernet(new_key).decrypt(token) == b"JBSWY3DPEHPK3PXP"


def test_a_secret_key_rotation_with_a_fallback_keeps_the_secrets(settings):
    old = crypto.encrypt("JBSWY3DPEHPK3PXP")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-" + "x" * 40
    assert crypto.decrypt(old) == "JBSWY3DPEHPK3PXP"


def test_a_malformed_key_is_a_configuration_error(settings):
    from partners.accounts.apps import check_encryption_keys

    settings.MFA_ENCRYPTION_KEYS = ["not-a-fernet-key"]
    with pytest.raises(ImproperlyConfigured, match="MFA_ENCRYPTION_KEY"):
        crypto.encrypt("x")
    assert [error.id for error in check_encryption_keys(None)] == ["partners_accounts.E001"]


def test_a_secret_no_key_can_open_is_a_clear_error(settings):
    value = crypto.PREFIX + Fernet(Fernet.generate_key()).encrypt(b"x").decode()
    with pytest.raises(ImproperlyConfigured, match="encrypt_mfa_secrets"):
        crypto.decrypt(value)
