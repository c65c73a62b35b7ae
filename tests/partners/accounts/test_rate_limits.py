"""Rate limits on everything that takes a password or a code or sends an e-mail: going over
answers HTTP 429 in the site's look; failed logins count per address *and* IP, so whoever
hammers an address locks out only their own machine; the counters live in a cache shared by
every worker in production."""

import importlib
import sys

import pytest
from django.core import mail
from django.core.cache import caches
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.66"
OWNER = "198.51.100.7"


def nl(name, **kwargs):
    with translation.override("nl"):
        return reverse(name, kwargs=kwargs or None)


def post_from(client, ip, url, data):
    return client.post(url, data, REMOTE_ADDR=ip)


def assert_429(response):
    assert response.status_code == 429
    html = response.content.decode()
    assert 'class="skip-link"' in html  # the site's page, not a bare error
    return html


def test_targeted_lock_out_does_not_lock_out_the_owner_elsewhere(
    client, django_user_model, org_admin, password, organisation
):
    from django.test import Client

    for _ in range(5):
        post_from(
            client, ATTACKER, nl("account_login"), {"login": org_admin.email, "password": "x"}
        )
    assert_429(
        post_from(
            client, ATTACKER, nl("account_login"), {"login": org_admin.email, "password": password}
        )
    )
    owner = Client()
    response = post_from(
        owner, OWNER, nl("account_login"), {"login": org_admin.email, "password": password}
    )
    assert response.status_code == 302
    assert response["Location"] == nl("mfa_authenticate")  # on to the second factor


def test_one_machine_trying_many_addresses_is_limited_per_ip(client, db):
    for number in range(10):
        response = post_from(
            client,
            ATTACKER,
            nl("account_login"),
            {"login": f"a{number}@x.example", "password": "x"},
        )
        assert response.status_code == 200
    assert_429(
        post_from(
            client, ATTACKER, nl("account_login"), {"login": "a99@x.example", "password": "x"}
        )
    )


def test_wrong_second_factor_codes_answer_429(client, org_admin, password):
    client.post(nl("account_login"), {"login": org_admin.email, "password": password})
    for _ in range(5):
        assert client.post(nl("mfa_authenticate"), {"code": "000000"}).status_code == 200
    assert_429(client.post(nl("mfa_authenticate"), {"code": "000000"}))
    assert "_auth_user_id" not in client.session


def test_password_reset_requests_answer_429(client, reporter):
    for _ in range(5):
        response = client.post(nl("account_reset_password"), {"email": reporter.email})
        assert response.status_code == 302
    assert_429(client.post(nl("account_reset_password"), {"email": reporter.email}))
    assert len(mail.outbox) == 5


def test_admin_password_reset_sends_nothing_and_hands_over_to_the_limited_one(client, staff):
    for _ in range(30):
        response = client.post("/admin/password_reset/", {"email": staff.email})
        assert response["Location"] == nl("account_reset_password")
    assert mail.outbox == []


def test_reauthentication_answers_429(client, reporter, password):
    client.force_login(reporter)
    for _ in range(10):
        client.post(nl("account_reauthenticate"), {"password": "wrong"})
    assert_429(client.post(nl("account_reauthenticate"), {"password": password}))


def test_password_change_is_limited(client, reporter, password):
    client.force_login(reporter)
    data = {"oldpassword": "wrong", "password1": "Nieuw-2026!x", "password2": "Nieuw-2026!x"}
    for _ in range(5):
        client.post(nl("account_change_password"), data)
    assert_429(client.post(nl("account_change_password"), data))


def test_invitation_emails_are_limited_per_admin(client, org_admin, organisation, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "invite_member": "3/h/user"}
    client.force_login(org_admin)
    url = nl("partners:invite_member", organisation_slug=organisation.slug)
    for number in range(3):
        data = {
            "email": f"collega{number}@tempo-team.example",
            "role": "reporter",
            "language": "nl",
        }
        assert client.post(url, data).status_code == 302
    data = {"email": "collega9@tempo-team.example", "role": "reporter", "language": "nl"}
    assert_429(client.post(url, data))
    assert len(mail.outbox) == 3
    from partners.models import Invitation

    assert not Invitation.objects.filter(email="collega9@tempo-team.example").exists()


def test_signup_through_invitations_is_limited_per_ip(client, organisation, settings):
    from partners.models import Invitation

    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/m/ip"}
    for number in range(3):
        _invitation, token = Invitation.issue(
            organisation=organisation,
            email=f"nieuw{number}@tempo-team.example",
            role="reporter",
            invited_by=None,
        )
        url = nl("partners:invitation", token=token)
        data = {"password1": "Zonnebloem-2026!", "password2": "Zonnebloem-2026!"}
        response = post_from(client, ATTACKER, url, data)
        client.logout()
    assert_429(response)
    assert not Invitation.objects.get(email="nieuw2@tempo-team.example").accepted_at


# --- Where the counters live ---------------------------------------------------------------


def _production_settings(monkeypatch, **env):
    monkeypatch.setenv("SECRET_KEY", "p" * 60)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    if "REDIS_URL" not in env:
        monkeypatch.delenv("REDIS_URL", raising=False)
    for module in ("goedwerk.settings.production", "goedwerk.settings.base"):
        sys.modules.pop(module, None)
    try:
        return importlib.import_module("goedwerk.settings.production")
    finally:
        for module in ("goedwerk.settings.production", "goedwerk.settings.base"):
            sys.modules.pop(module, None)
        importlib.import_module("goedwerk.settings.base")


def test_production_shares_the_counters_in_redis_or_the_database(monkeypatch):
    with_redis = _production_settings(monkeypatch, REDIS_URL="redis://127.0.0.1:6379/1")
    assert with_redis.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    without = _production_settings(monkeypatch)
    assert without.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


def test_migrate_makes_the_database_cache_table(settings):
    from django.db import connection

    from partners.accounts.apps import create_cache_table

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "goedwerk_test_cache",
        }
    }
    create_cache_table(using="default")
    assert "goedwerk_test_cache" in connection.introspection.table_names()
    caches["default"].set("k", "v")
    assert caches["default"].get("k") == "v"


def test_limits_work_on_the_database_cache(settings, reporter):
    """allauth's counters and their lock (cache.add) on the production fallback cache; two
    clients take turns."""
    from django.test import Client

    from partners.accounts.apps import create_cache_table

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "goedwerk_test_cache",
        }
    }
    create_cache_table(using="default")
    workers = [Client(), Client()]
    for attempt in range(5):
        worker = workers[attempt % 2]
        post_from(worker, ATTACKER, nl("account_login"), {"login": reporter.email, "password": "x"})
    assert_429(
        post_from(
            workers[1], ATTACKER, nl("account_login"), {"login": reporter.email, "password": "x"}
        )
    )
