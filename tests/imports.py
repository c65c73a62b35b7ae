"""Reading the imports of the project's own modules with ``ast`` (nothing is imported or run).

Used by the layer test (tests/partners/test_layers.py) and the import-graph test
(tests/test_import_graph.py)."""

import ast
from pathlib import Path

# The folder that holds the apps (home/, events/, partners/, site/).
REPO = Path(__file__).resolve().parent.parent


def module_name(path: Path, root: Path = REPO) -> str:
    """``events/models/fair.py`` -> ``events.models.fair``; a package's ``__init__.py`` is the
    package itself."""
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def python_files(package: str, root: Path = REPO) -> list[Path]:
    return sorted((root / package.replace(".", "/")).rglob("*.py"))


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _nodes(tree: ast.AST, *, runtime_only: bool):
    """Every node of ``tree``; with ``runtime_only``, not those under ``if TYPE_CHECKING:``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if runtime_only and isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))


def imports_of(
    path: Path, root: Path = REPO, *, runtime_only: bool = False, modules=None
) -> set[str]:
    """Every module ``path`` imports, at module level or inside functions, relative imports
    resolved. ``from a import b`` gives both ``a`` and ``a.b`` (``b`` may be a module); when
    ``modules`` (the known module names) is given, it gives ``a.b`` alone if that is a module and
    ``a`` alone if not."""
    module = module_name(path, root)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in _nodes(tree, runtime_only=runtime_only):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                prefix = ".".join(base)
                target = f"{prefix}.{node.module}" if node.module else prefix
            else:
                target = node.module or ""
            for alias in node.names:
                name = f"{target}.{alias.name}"
                if modules is None:
                    found.update((target, name))
                else:
                    found.add(name if name in modules else target)
    return found


def import_time_imports_of(path: Path, root: Path = REPO) -> set[str]:
    """The modules ``path`` imports when it is imported itself: at module level and in class
    bodies (also under ``if``/``try``/``with``), not inside functions and not under ``if
    TYPE_CHECKING:``. Names as ``imports_of`` gives them without ``modules``."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        stack.extend(ast.iter_child_nodes(node))
    return found
