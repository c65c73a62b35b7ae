"""The project's wiring: import name, settings split, and the demo loader's production guard."""

import importlib

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def test_project_package_is_importable_as_goedwerk():
    settings_module = importlib.import_module("goedwerk.settings.base")
    assert settings_module.PROJECT_DIR.name == "site"


def test_load_demo_refuses_production(settings):
    settings.GOEDWERK_ENVIRONMENT = "production"
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo")


def test_production_settings_need_a_real_secret_key(monkeypatch):
    import sys

    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("SECRET_KEY", "short")
    sys.modules.pop("goedwerk.settings.production", None)
    with pytest.raises(ImproperlyConfigured):
        importlib.import_module("goedwerk.settings.production")
    sys.modules.pop("goedwerk.settings.production", None)


@pytest.mark.django_db
def test_root_redirects_by_browser_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="pl,en;q=0.8")
    assert response.status_code == 302
    assert response["Location"] == "/pl/"


def test_every_package_of_site_is_installed_under_goedwerk():
    """pyproject lists the packages of site/ one by one (the folder is installed as goedwerk):
    a new subpackage that is not listed would be missing from a non-editable install."""
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    listed = set(
        tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(("goedwerk", *init.parent.relative_to(root / "site").parts))
        for init in (root / "site").rglob("__init__.py")
    }
    assert found == listed
