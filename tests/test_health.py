"""/healthz and /readyz: they answer whatever the Host header says, never redirect to HTTPS, and
/readyz names the dependency that fails."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.http import HttpRequest

PRODUCTION_LIKE = {
    "DEBUG": False,
    "ALLOWED_HOSTS": ["goedwerk.example"],
    "SECURE_SSL_REDIRECT": True,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
}


@pytest.fixture
def production_like(settings):
    for name, value in PRODUCTION_LIKE.items():
        setattr(settings, name, value)
    return settings


@pytest.fixture
def get_host_forbidden():
    """Any call of request.get_host() while answering a probe fails the test."""
    with mock.patch.object(
        HttpRequest, "get_host", side_effect=AssertionError("get_host() called")
    ) as patched:
        yield patched


def test_control_a_normal_page_is_refused_with_these_settings(client, production_like):
    # Without this the tests below would prove nothing: the same settings do refuse a wrong host
    # and redirect plain HTTP.
    assert client.get("/nl/", HTTP_HOST="evil.example").status_code == 400
    response = client.get("/nl/", HTTP_HOST="goedwerk.example")
    assert response.status_code == 301
    assert response["Location"].startswith("https://goedwerk.example/")


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_HOST": "evil.example"},
        {"HTTP_HOST": "127.0.0.1:8000"},
        {"HTTP_HOST": "goedwerk.example"},
        {"HTTP_HOST": "", "SERVER_NAME": ""},  # no Host header at all
    ],
    ids=["wrong-host", "ip-and-port", "right-host-plain-http", "no-host"],
)
def test_liveness_answers_without_host_validation_or_redirect(
    client, production_like, get_host_forbidden, headers
):
    response = client.get("/healthz", **headers)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"
    get_host_forbidden.assert_not_called()


def test_liveness_needs_no_database(client, production_like):
    # No django_db mark: pytest-django makes any database access an error.
    assert client.get("/healthz", HTTP_HOST="evil.example").status_code == 200


@pytest.mark.django_db
def test_readiness_ok_when_database_and_cache_answer(client, production_like, get_host_forbidden):
    response = client.get("/readyz", HTTP_HOST="", SERVER_NAME="")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    get_host_forbidden.assert_not_called()


@pytest.mark.django_db
def test_readiness_503_when_the_database_is_down(client, production_like, caplog):
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("connection refused (secret-host:5432)"),
    ):
        response = client.get("/readyz", HTTP_HOST="evil.example")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "checks": {"database": "fail", "cache": "ok"}}
    # The reason is logged for the operator, but not told to whoever asks.
    assert "secret-host" not in response.content.decode()
    assert "secret-host" in caplog.text


@pytest.mark.django_db
def test_readiness_503_when_the_cache_is_down(client, production_like, settings):
    # A real Redis client against a port where nothing listens.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get("/readyz", HTTP_HOST="evil.example")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "checks": {"database": "ok", "cache": "fail"}}


def test_readiness_fails_when_the_cache_loses_values(client, production_like, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with mock.patch("goedwerk.health.check_database"):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "fail"


def test_probes_only_answer_get_and_head(client, production_like):
    assert client.head("/healthz", HTTP_HOST="evil.example").status_code == 200
    response = client.post("/healthz", HTTP_HOST="evil.example")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_other_paths_still_go_through_host_validation(client, production_like):
    # Only the exact probe paths are exempt: "/healthz/" or "/healthz/x" are ordinary requests.
    assert client.get("/healthz/", HTTP_HOST="evil.example").status_code == 400
    assert client.get("/readyz/x", HTTP_HOST="evil.example").status_code == 400
