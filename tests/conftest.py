"""Fixtures shared by every test package."""

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files of one test never leak into another or into the working tree."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """What one test cached (site settings, footer texts, rate limits) never reaches the next,
    whose rows may have the same ids."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(monkeypatch):
    """``client.force_login(user)`` signs in as if through allauth's login including the
    second factor (see tests/signin.py); without that, the site would sign a user with an
    authenticator straight out again."""
    from django.test.client import ClientMixin

    from tests import signin

    monkeypatch.setattr(ClientMixin, "force_login", signin._force_login)


@pytest.fixture
def mfa_login():
    """``mfa_login(client, user)``: sign in with the second factor recorded."""
    from tests.signin import mfa_login

    return mfa_login
