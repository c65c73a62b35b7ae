"""The modules of home/ and events/ import each other without a cycle, and no module of the
project imports a heavy library at import time that only some views need (``LAZY``).

What counts as an import: every ``import``/``from ... import`` in a module, at module level *and*
inside functions (a function-level import only postpones a cycle, it does not remove it); only
imports under ``if TYPE_CHECKING:`` are left out, because they never run. An import names one
module: ``from events.models.calendar import X`` depends on ``events.models.calendar``, not on the
package ``events.models`` that re-exports everything, and ``from . import seo`` depends on
``events.seo`` alone (so a module that ``events.models`` needs must
import the exact submodule it uses, never the package). Only modules of home/ and events/ are
nodes; imports of other apps and libraries are not followed.
"""

from pathlib import Path

from tests.imports import REPO, import_time_imports_of, imports_of, module_name, python_files

PACKAGES = ("home", "events")

# Heavy modules that only some views need: no module of the project imports them when it is
# imported itself (the site's start-up, README "The image and gunicorn"), only the function
# that needs them does.
LAZY = (
    "pypdf",  # checking uploaded PDFs (partners/filecheck/pdf.py)
    "fpdf",  # the report summary as PDF (partners/reporting/summary_pdf.py)
    "fontTools",
    "openpyxl",  # workbooks (goedwerk.spreadsheets, the upload check)
    "PIL.ImageDraw",  # charts as PNG files (partners/insight/chartfiles.py)
    "PIL.ImageFont",
    "PIL.PngImagePlugin",
)
PROJECT_PACKAGES = ("home", "events", "partners", "site")


def _is_lazy(name: str) -> bool:
    return any(name == lazy or name.startswith(lazy + ".") for lazy in LAZY)


def import_graph(packages=PACKAGES, root: Path = REPO) -> dict[str, set[str]]:
    """{module: the modules of ``packages`` it imports}."""
    paths = [path for package in packages for path in python_files(package, root)]
    modules = {module_name(path, root): path for path in paths}
    return {
        module: {
            name
            for name in imports_of(path, root, runtime_only=True, modules=modules)
            if name in modules and name != module
        }
        for module, path in modules.items()
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as [a, b, ..., a], or None (depth-first search, deterministic order)."""
    done: set[str] = set()
    for start in sorted(graph):
        if start in done:
            continue
        path: list[str] = []
        on_path: set[str] = set()
        stack = [(start, iter(sorted(graph[start])))]
        path.append(start)
        on_path.add(start)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                on_path.discard(node)
                done.add(node)
            elif child in on_path:
                return [*path[path.index(child) :], child]
            elif child not in done:
                stack.append((child, iter(sorted(graph.get(child, ())))))
                path.append(child)
                on_path.add(child)
    return None


def test_home_and_events_have_no_import_cycle():
    cycle = find_cycle(import_graph())
    assert cycle is None, " -> ".join(cycle)


def test_the_graph_sees_the_real_imports():
    graph = import_graph()
    assert "events.models.calendar" in graph["events.ical"]
    assert "events.views" in graph["events.models.index"]  # imported inside the route
    assert "events.models.fair" not in graph["events.seo"]  # only under TYPE_CHECKING
    assert "events.blocks" in graph["home.blocks"]


def test_a_synthetic_cycle_is_found(tmp_path):
    """The check can fail: a relative import at module level, an absolute one inside a function
    and a package's re-export make a cycle of three."""
    package = tmp_path / "loop"
    package.mkdir()
    (package / "__init__.py").write_text("from .a import A\n")
    (package / "a.py").write_text("from . import b\n\nA = 1\n")
    (package / "b.py").write_text("def f():\n    import loop\n")
    (package / "c.py").write_text(
        "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from loop.a import A\n"
    )
    graph = import_graph(("loop",), tmp_path)
    assert graph["loop.c"] == set()
    assert find_cycle(graph) == ["loop", "loop.a", "loop.b", "loop"]


def test_an_acyclic_graph_passes():
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def eager_heavy_imports(packages=PROJECT_PACKAGES, root: Path = REPO) -> dict[str, set[str]]:
    """{module: the modules of ``LAZY`` it imports when it is imported}."""
    found = {}
    for package in packages:
        for path in python_files(package, root):
            eager = {name for name in import_time_imports_of(path, root) if _is_lazy(name)}
            if eager:
                found[module_name(path, root)] = eager
    return found


def test_heavy_modules_are_imported_only_where_they_are_used():
    assert eager_heavy_imports() == {}


def test_an_eager_heavy_import_is_found(tmp_path):
    package = tmp_path / "heavy"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "eager.py").write_text("from PIL import ImageDraw\nimport openpyxl.styles\n")
    (package / "lazy.py").write_text(
        "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import pypdf\n\n"
        "def make():\n    from fpdf import FPDF\n\nclass Chart:\n    def png(self):\n"
        "        from PIL import ImageFont\n"
    )
    assert eager_heavy_imports(("heavy",), tmp_path) == {
        "heavy.eager": {"PIL.ImageDraw", "openpyxl.styles"}
    }


def test_the_production_start_up_leaves_the_heavy_modules_unimported(tmp_path):
    """The same at run time: what ``goedwerk.wsgi`` (the URLconf with every view) imports with
    the production settings, in a fresh interpreter."""
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "goedwerk.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    env.pop("REDIS_URL", None)
    script = (
        "import sys, warnings; warnings.simplefilter('ignore'); import goedwerk.wsgi; "
        f"print(' '.join(m for m in {LAZY!r} if m in sys.modules)); "
        "print('PIL.Image' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    imported, pil = result.stdout.splitlines()
    assert imported == ""
    assert pil == "True"  # the check sees real imports: Wagtail's images load Pillow itself
