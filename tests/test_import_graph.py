"""The modules of home/ and events/ import each other without a cycle.

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

from tests.imports import REPO, imports_of, module_name, python_files

PACKAGES = ("home", "events")


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
