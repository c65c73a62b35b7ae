"""The production settings, imported the way gunicorn imports them (a fresh interpreter with
only the environment): cookie flags, HSTS opt-ins and a clean `check --deploy`."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NAMES = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SILENCED_SYSTEM_CHECKS",
    "WAGTAIL_GRAVATAR_PROVIDER_URL",
    "X_FRAME_OPTIONS",
    "DATABASES",
]


def production_env(**extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECURE_", "DJANGO_", "DATABASE_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="goedwerk.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="goedwerk.example",
        **extra,
    )
    return env


def production_settings(**extra) -> dict:
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {NAMES!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=production_env(**extra),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_cookies_are_secure_httponly_and_lax_in_production():
    values = production_settings()
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_HTTPONLY"] is True
    assert values["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["WAGTAIL_GRAVATAR_PROVIDER_URL"] is None


def test_database_connections_persist_with_health_checks():
    default = production_settings()["DATABASES"]["default"]
    assert default["CONN_MAX_AGE"] == 60 and default["CONN_HEALTH_CHECKS"] is True
    tuned = production_settings(DATABASE_CONN_MAX_AGE="300")["DATABASES"]["default"]
    assert tuned["CONN_MAX_AGE"] == 300


def test_hsts_subdomains_and_preload_are_opt_in():
    default = production_settings()
    assert default["SECURE_HSTS_SECONDS"] == 31_536_000
    assert default["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert default["SECURE_HSTS_PRELOAD"] is False
    assert default["SILENCED_SYSTEM_CHECKS"] == ["security.W005", "security.W021"]

    opted_in = production_settings(
        SECURE_HSTS_INCLUDE_SUBDOMAINS="true", SECURE_HSTS_PRELOAD="true"
    )
    assert opted_in["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert opted_in["SECURE_HSTS_PRELOAD"] is True
    # Nothing is silenced any more once the owner opted in.
    assert opted_in["SILENCED_SYSTEM_CHECKS"] == []


@pytest.mark.parametrize("opt_in", ["", "true"])
def test_check_deploy_passes_without_warnings(opt_in):
    env = production_env(SECURE_HSTS_INCLUDE_SUBDOMAINS=opt_in, SECURE_HSTS_PRELOAD=opt_in)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
