"""The layers hold: core <- documents <- (imports, exports, pack, demo) <- ui <- cli, read from the source.

Imports are read statically (ast), those inside functions too, so an import
made lazily to keep start-up light is held to the same rules as one at the top.
"""

from __future__ import annotations

import ast
import importlib.util
import pkgutil
from dataclasses import dataclass
from pathlib import Path

import scrutiny_app

ROOT = Path(scrutiny_app.__file__).parent
# Each part of scrutiny_app and its layer: a module may import its own layer and those below.
LAYERS = {
    "errors": 0, "paths": 0, "core": 0,
    "documents": 1,
    "imports": 2, "exports": 2, "pack": 2, "demo": 2,
    "ui": 3,
    "cli": 4, "office_commands": 4, "__main__": 4,
}
MIDDLE = 2  # the parts of this layer read and write files each on their own: they do not import one another
QT = ("PySide6", "pyqtgraph", "shiboken6")


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    target: str  # what it imports: a module, or a package's __init__
    line: int
    in_function: bool

    def __str__(self) -> str:
        return f"{self.module} (line {self.line}) imports {self.target}"


def _modules() -> dict[str, Path]:
    found = {"scrutiny_app": ROOT / "__init__.py"}
    for info in pkgutil.walk_packages([str(ROOT)], prefix="scrutiny_app."):
        found[info.name] = Path(importlib.util.find_spec(info.name).origin)
    return found


MODULES = _modules()


def _imports(module: str, path: Path) -> list[Import]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    functions = {id(n) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
                 for n in ast.walk(f)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            # "from x import name" runs x (a package's __init__ or a module); a name may be a module of its own
            modules = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in MODULES]
            targets = [base] + modules
        else:
            continue
        found += [Import(module, target, node.lineno, id(node) in functions) for target in dict.fromkeys(targets)]
    return found


IMPORTS = [found for module, path in MODULES.items() for found in _imports(module, path)]
OWN = [i for i in IMPORTS if i.target == "scrutiny_app" or i.target.startswith("scrutiny_app.")]


def _part(module: str) -> str:
    """The top-level part of scrutiny_app a module belongs to: 'core', 'exports', 'cli', ..."""
    return module.split(".")[1] if "." in module else "errors"  # the package's own __init__ is at the bottom


def test_every_part_of_the_package_has_a_layer():
    assert {_part(module) for module in MODULES} <= set(LAYERS)


def test_nothing_imports_a_higher_layer_or_a_sibling_of_the_middle_layer():
    wrong = []
    for found in OWN:
        mine, theirs = _part(found.module), _part(found.target)
        if LAYERS[theirs] > LAYERS[mine]:
            wrong.append(f"{found}: {theirs} is above {mine}")
        elif LAYERS[mine] == LAYERS[theirs] == MIDDLE and mine != theirs:
            wrong.append(f"{found}: {mine} and {theirs} are siblings and must not import each other")
    assert not wrong, "\n".join(wrong)


def test_qt_is_imported_only_by_the_ui():
    wrong = [str(found) for found in IMPORTS
             if found.target.split(".")[0] in QT and _part(found.module) != "ui"]
    assert not wrong, "\n".join(wrong)


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle in ``graph`` (as the path round it), or [] when there is none."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for after in sorted(graph.get(node, ())):
            if state.get(after) == 1:
                return path[path.index(after):] + [after]
            if after not in state and (found := visit(after)):
                return found
        state[node] = 2
        path.pop()
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_no_import_cycle_between_packages():
    graph: dict[str, set[str]] = {}
    for found in OWN:
        if _part(found.module) != _part(found.target):
            graph.setdefault(_part(found.module), set()).add(_part(found.target))
    assert not (cycle := _cycle(graph)), " -> ".join(cycle)


def test_no_import_cycle_between_modules_at_import_time():
    """Module by module, counting only the imports run when a module is loaded (not those inside functions)."""
    graph: dict[str, set[str]] = {}
    for found in OWN:
        if not found.in_function and found.target != found.module:
            graph.setdefault(found.module, set()).add(found.target)
    assert not (cycle := _cycle(graph)), " -> ".join(cycle)


def test_the_checks_see_the_imports_they_are_about():
    """The reading of imports itself: a lazy import, 'from package import module', a cycle."""
    lazy = [i for i in OWN if i.module == "scrutiny_app.cli" and i.target == "scrutiny_app.demo.build"]
    assert lazy and all(i.in_function for i in lazy)
    paths = {i.target for i in OWN if i.module == "scrutiny_app.core.demo" and not i.target.startswith("scrutiny_app.")}
    assert paths == {"scrutiny_app"}  # "from scrutiny_app import paths" runs the package's __init__ ...
    assert any(i.module == "scrutiny_app.core.demo" and i.target == "scrutiny_app.paths" for i in OWN)  # ... and paths
    assert any(i.target.startswith("PySide6") for i in IMPORTS if _part(i.module) == "ui")
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
