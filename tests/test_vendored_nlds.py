"""The NL Design System CSS in site/static/vendor/nlds/ is exactly what the installed npm
packages ship (bin/vendor-nlds copies it), and every page links it in <head>, before the theme."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from goedwerk import frontend

ROOT = Path(settings.BASE_DIR)
VENDOR = Path(settings.PROJECT_DIR) / "static" / frontend.NLDS_STATIC_DIR
PACKAGES = ROOT / "node_modules" / frontend.NLDS_PACKAGE_SCOPE


def test_only_the_listed_components_are_vendored_with_their_licence():
    css = sorted(path.stem for path in VENDOR.glob("*.css"))
    assert css == sorted(frontend.NLDS_COMPONENTS)
    assert "EUROPEAN UNION PUBLIC LICENCE" in (VENDOR / "LICENSE.md").read_text()


@pytest.mark.skipif(not PACKAGES.is_dir(), reason="npm ci has not been run")
@pytest.mark.parametrize("component", frontend.NLDS_COMPONENTS)
def test_committed_copy_equals_the_installed_package(component):
    package = PACKAGES / f"{component}-css"
    assert (VENDOR / f"{component}.css").read_bytes() == (
        package / frontend.NLDS_SOURCE_FILE
    ).read_bytes(), "run bin/vendor-nlds and commit site/static/vendor/nlds/"
    versions = json.loads((VENDOR / "versions.json").read_text())
    installed = json.loads((package / "package.json").read_text())["version"]
    assert versions[f"@utrecht/{component}-css"] == installed


def test_the_library_is_a_pinned_dependency():
    package = json.loads((ROOT / "package.json").read_text())
    version = package["dependencies"]["@utrecht/component-library-css"]
    assert version[0].isdigit(), "pin it exactly (npm install --save-exact)"


def test_stylesheets_are_the_components_then_the_theme_then_the_site(settings):
    settings.GOEDWERK_THEME_CSS = "other-city/tokens.css"
    paths = frontend.stylesheets(forms=True)
    assert paths[: len(frontend.NLDS_COMPONENTS)] == [
        f"vendor/nlds/{name}.css" for name in frontend.NLDS_COMPONENTS
    ]
    assert paths[-2:] == ["other-city/tokens.css", "css/main.css"]
    public = frontend.stylesheets()
    assert not set(public) & {
        f"vendor/nlds/{name}.css" for name in frontend.NLDS_FORM_ONLY_COMPONENTS
    }
    assert public[-2:] == ["other-city/tokens.css", "css/main.css"]
