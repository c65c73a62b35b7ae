"""The reporting core (partners.reporting) owns the rules; portal, review and insight are layers
on top of it that never import each other, and the core imports none of them."""

from pathlib import Path

import pytest

import partners
from tests.imports import imports_of, python_files

ROOT = Path(partners.__file__).parent
LAYERS = ("partners.portal", "partners.review", "partners.insight")
CORE = "partners.reporting"


def _owner(name: str, candidates) -> str | None:
    return next((c for c in candidates if name == c or name.startswith(c + ".")), None)


def crossings() -> list[str]:
    found = []
    for package in (*LAYERS, CORE):
        forbidden = [layer for layer in LAYERS if layer != package]
        for path in python_files(package, ROOT.parent):
            for name in imports_of(path, ROOT.parent):
                owner = _owner(name, forbidden)
                if owner:
                    found.append(f"{path.relative_to(ROOT.parent)} imports {name}")
    return found


def test_layers_never_import_each_other_and_the_core_imports_no_layer():
    assert crossings() == []


def test_the_check_sees_a_crossing(tmp_path, monkeypatch):
    """The boundary test can fail: a relative and an absolute crossing are both found."""
    package = ROOT / "portal"
    probe = package / "_boundary_probe.py"
    probe.write_text("from ..review import views\nimport partners.insight.stats\n")
    try:
        names = imports_of(probe, ROOT.parent)
        assert "partners.review.views" in names and "partners.insight.stats" in names
        assert any("_boundary_probe.py imports partners.review" in c for c in crossings())
    finally:
        probe.unlink()


@pytest.mark.parametrize("layer", ["portal", "review", "insight"])
def test_templates_of_a_layer_use_no_other_layers_templates(layer):
    own = {
        "portal": [ROOT / "templates/partners/portal"],
        "review": [ROOT / "review/templates"],
        "insight": [ROOT / "insight/templates"],
    }[layer]
    others = {
        "portal": ["partners/portal/"],
        "review": ["partners/review/"],
        "insight": ["partners_insight/"],
    }
    foreign = [prefix for name, prefixes in others.items() if name != layer for prefix in prefixes]
    offending = [
        f"{path.name}: {prefix}"
        for folder in own
        for path in folder.rglob("*.html")
        for prefix in foreign
        if f'"{prefix}' in path.read_text() or f"'{prefix}" in path.read_text()
    ]
    assert offending == []
