"""Encryption at rest of the second factor's secrets (TOTP keys, recovery-code seeds).

allauth hands every such secret to the MFA adapter's ``encrypt``/``decrypt`` (see
``adapter.MFAAdapter``); this module does the work with Fernet (AES-128-CBC + HMAC-SHA256)
from ``cryptography``.

Keys: ``settings.MFA_ENCRYPTION_KEYS`` (from the environment variable ``MFA_ENCRYPTION_KEY``,
comma-separated Fernet keys, the first encrypts, all decrypt). Without it the key is derived
from ``SECRET_KEY`` (HKDF). Keys derived from ``SECRET_KEY`` and ``SECRET_KEY_FALLBACKS``
always decrypt too, so that introducing ``MFA_ENCRYPTION_KEY`` later or rotating
``SECRET_KEY`` with a fallback loses nothing; ``manage.py encrypt_mfa_secrets`` then
re-encrypts everything with the current key.
"""

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

#: Marks a stored value as ours (a plain TOTP secret is base32, a seed hex: neither has ':').
PREFIX = "fernet:"

#: The secrets in allauth's Authenticator.data that go through encrypt()/decrypt().
SECRET_FIELDS = {"totp": ("secret",), "recovery_codes": ("seed",)}


def derive_key(secret_key: str) -> bytes:
    raw = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"goedwerk mfa secrets"
    ).derive(secret_key.encode())
    return base64.urlsafe_b64encode(raw)


@lru_cache(maxsize=4)
def _fernet(configured: tuple[str, ...], secret_keys: tuple[str, ...]) -> MultiFernet:
    keys: list[Fernet] = []
    for key in configured:
        try:
            keys.append(Fernet(key))
        except (ValueError, TypeError) as error:
            raise ImproperlyConfigured(
                "MFA_ENCRYPTION_KEY must be Fernet keys (32 url-safe base64-encoded bytes), "
                "comma-separated; make one with: python -c 'from cryptography.fernet import "
                "Fernet; print(Fernet.generate_key().decode())'"
            ) from error
    keys.extend(Fernet(derive_key(secret)) for secret in secret_keys if secret)
    if not keys:
        raise ImproperlyConfigured("MFA secrets need MFA_ENCRYPTION_KEY or SECRET_KEY.")
    return MultiFernet(keys)


def fernet() -> MultiFernet:
    return _fernet(
        tuple(getattr(settings, "MFA_ENCRYPTION_KEYS", ())),
        (settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ())),
    )


def is_encrypted(value: str) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def encrypt(text: str) -> str:
    return PREFIX + fernet().encrypt(text.encode()).decode("ascii")


def decrypt(value: str) -> str:
    """The secret. A value stored before encryption was introduced (not yet migrated) is
    returned as it is."""
    if not is_encrypted(value):
        return value
    try:
        return fernet().decrypt(value[len(PREFIX) :].encode("ascii")).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "An MFA secret cannot be decrypted with MFA_ENCRYPTION_KEY or SECRET_KEY: "
            "a key was removed before `manage.py encrypt_mfa_secrets` re-encrypted it."
        ) from error


def reencrypt(value: str, *, rotate: bool = True) -> str:
    """``value`` encrypted: plain values are encrypted; encrypted ones are re-encrypted with
    the current key when ``rotate``, else left as they are."""
    if not is_encrypted(value):
        return encrypt(value)
    if not rotate:
        return value
    return PREFIX + fernet().rotate(value[len(PREFIX) :].encode("ascii")).decode("ascii")


def encrypt_stored_secrets(authenticator_model, *, rotate: bool = False) -> int:
    """Encrypt every stored secret still in plain text (and with ``rotate`` re-encrypt the
    others with the current key); returns how many authenticators changed. Safe to run again.
    Used by the data migration (with the historical model) and ``encrypt_mfa_secrets``."""
    changed = 0
    for authenticator in authenticator_model.objects.filter(type__in=SECRET_FIELDS).iterator():
        data = dict(authenticator.data or {})
        before = dict(data)
        for field in SECRET_FIELDS[authenticator.type]:
            if isinstance(data.get(field), str):
                data[field] = reencrypt(data[field], rotate=rotate)
        if authenticator.type == "recovery_codes" and isinstance(data.get("migrated_codes"), list):
            data["migrated_codes"] = [
                reencrypt(code, rotate=rotate) for code in data["migrated_codes"]
            ]
        if data != before:
            authenticator.data = data
            authenticator.save(update_fields=["data"])
            changed += 1
    return changed


def decrypt_stored_secrets(authenticator_model) -> None:
    """The reverse of the data migration."""
    for authenticator in authenticator_model.objects.filter(type__in=SECRET_FIELDS).iterator():
        data = dict(authenticator.data or {})
        for field in SECRET_FIELDS[authenticator.type]:
            if isinstance(data.get(field), str):
                data[field] = decrypt(data[field])
        if isinstance(data.get("migrated_codes"), list):
            data["migrated_codes"] = [decrypt(code) for code in data["migrated_codes"]]
        authenticator.data = data
        authenticator.save(update_fields=["data"])
