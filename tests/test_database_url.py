"""DATABASE_URL, or a URL assembled (and escaped) from DATABASE_HOST/NAME/USER/PASSWORD."""

import dj_database_url
import pytest

from goedwerk.settings.base import BASE_DIR, database_url

AWKWARD_PASSWORD = "p@ss/w:rd#1?%20 é"


def test_database_url_wins():
    environ = {"DATABASE_URL": "postgres://a@b/c", "DATABASE_HOST": "db", "DATABASE_NAME": "x"}
    assert database_url(environ) == "postgres://a@b/c"


def test_sqlite_without_any_database_variable():
    assert database_url({}) == f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    # A host alone is not enough to switch: the name is needed too.
    assert database_url({"DATABASE_HOST": "db"}).startswith("sqlite:///")


@pytest.mark.parametrize("password", [AWKWARD_PASSWORD, "@", "/", ":", "#", "plain"])
def test_password_survives_the_round_trip(password):
    environ = {
        "DATABASE_HOST": "db",
        "DATABASE_NAME": "goedwerk",
        "DATABASE_USER": "goed@werk",
        "DATABASE_PASSWORD": password,
    }
    parsed = dj_database_url.parse(database_url(environ))
    assert parsed["ENGINE"] == "django.db.backends.postgresql"
    assert parsed["PASSWORD"] == password
    assert parsed["USER"] == "goed@werk"
    assert (parsed["HOST"], parsed["PORT"], parsed["NAME"]) == ("db", 5432, "goedwerk")


def test_raw_password_in_a_url_would_break():
    # Why the escaping exists: pasted raw, the "@" and "/" cut the URL in the wrong places.
    parsed = dj_database_url.parse(f"postgres://goedwerk:{AWKWARD_PASSWORD}@db:5432/goedwerk")
    assert parsed["PASSWORD"] != AWKWARD_PASSWORD or parsed["HOST"] != "db"


def test_port_and_no_password():
    environ = {"DATABASE_HOST": "10.0.0.5", "DATABASE_NAME": "gw", "DATABASE_PORT": "6432"}
    assert database_url(environ) == "postgres://10.0.0.5:6432/gw"
    environ["DATABASE_USER"] = "postgres"
    assert dj_database_url.parse(database_url(environ))["USER"] == "postgres"
