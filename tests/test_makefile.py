"""`make` works on a Python whose pip refuses to install (Debian/Ubuntu's own Python, PEP 668):
the Makefile's `uv` target then puts the pinned uv into a project-local virtual environment."""

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UV_VERSION = (ROOT / ".uv-version").read_text().strip()
DEBIAN_PYTHON = Path("/usr/bin/python3")

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _externally_managed(python: Path) -> bool:
    if not python.exists():
        return False
    stdlib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('stdlib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return (Path(stdlib) / "EXTERNALLY-MANAGED").exists()


def _refusing_python(tmp_path: Path) -> Path:
    """The machine's externally managed Python when it has one (Debian's /usr/bin/python3);
    elsewhere a stand-in whose `pip install` fails the way PEP 668's does and which has no uv."""
    if _externally_managed(DEBIAN_PYTHON):
        return DEBIAN_PYTHON
    real = Path(getattr(sys, "_base_executable", sys.executable))
    stand_in = tmp_path / "python3"
    stand_in.write_text(
        "#!/bin/sh\n"
        'if [ "$1 $2" = "-m pip" ] && [ "$3" = "install" ]; then\n'
        '  echo "error: externally-managed-environment" >&2; exit 1; fi\n'
        'if [ "$1 $2" = "-m uv" ]; then echo "No module named uv" >&2; exit 1; fi\n'
        f'exec "{real}" "$@"\n'
    )
    stand_in.chmod(stand_in.stat().st_mode | stat.S_IEXEC)
    return stand_in


def _make(*args, env):
    return subprocess.run(
        ["make", "--no-print-directory", "-s", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_uv_bootstraps_into_a_local_venv_when_pip_refuses(tmp_path):
    python = _refusing_python(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIRTUAL_ENV")}
    # The precondition: this Python's pip really refuses to install uv.
    refused = subprocess.run(
        [str(python), "-m", "pip", "install", "--dry-run", "--no-deps", "uv"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert refused.returncode != 0
    assert "externally-managed-environment" in refused.stderr

    tools = tmp_path / "tools"
    result = _make("uv", f"PYTHON={python}", f"UV_TOOLS={tools}", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pip refuses to install" in result.stdout

    uv = tools / "bin" / "uv"
    version = subprocess.run([str(uv), "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.split()[:2] == ["uv", UV_VERSION]
    # Every other target uses that uv, and a second run installs nothing.
    command = _make("uv-command", f"PYTHON={python}", f"UV_TOOLS={tools}", env=env)
    assert command.stdout.strip() == str(uv)
    again = _make("uv", f"PYTHON={python}", f"UV_TOOLS={tools}", env=env)
    assert again.returncode == 0
    assert again.stdout == ""


def test_a_python_whose_pip_works_uses_its_own_uv(tmp_path):
    """Where PYTHON already has the pinned uv, nothing is installed and no folder appears."""
    python = getattr(sys, "_base_executable", sys.executable)
    own = subprocess.run([python, "-m", "uv", "--version"], capture_output=True, text=True)
    if own.stdout.split()[:2] != ["uv", UV_VERSION]:
        pytest.skip(f"{python} has no uv {UV_VERSION}")
    tools = tmp_path / "tools"
    result = _make("uv", f"PYTHON={python}", f"UV_TOOLS={tools}", env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    assert not tools.exists()
    command = _make("uv-command", f"PYTHON={python}", f"UV_TOOLS={tools}", env=dict(os.environ))
    assert command.stdout.strip() == f"{python} -m uv"


def test_the_uv_version_is_pinned_in_one_place():
    assert UV_VERSION.count(".") == 2
    assert UV_VERSION.replace(".", "").isdigit()
    makefile = (ROOT / "Makefile").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert UV_VERSION not in makefile
    assert UV_VERSION not in ci
