"""No module of the UI uses another object's or module's private names (issue 17).

A window's panes and commands get what they need through the window context's
declared interface; reaching for ``window._say`` or ``parent._fill_picker``
ties them to the window's insides, which is what the context replaced. Read
statically (ast) from every module under ``scrutiny_app/ui``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import scrutiny_app

UI = Path(scrutiny_app.__file__).parent / "ui"


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_reaches(source: str) -> list[str]:
    """Each use, in ``source``, of a private name that is not its own: ``x._name`` where ``x`` is not ``self``,
    ``cls`` or a class of the module, and ``from module import _name``."""
    tree = ast.parse(source)
    own = {"self", "cls"} | {n.name for n in ast.walk(tree) if isinstance(n, ast.ClassDef)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            if not (isinstance(node.value, ast.Name) and node.value.id in own):
                found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.ImportFrom):
            found += [(node.lineno, f"from {node.module} import {a.name}") for a in node.names if _private(a.name)]
    return [f"line {line}: {text}" for line, text in sorted(found)]


def test_no_ui_module_uses_another_objects_private_names():
    wrong = [f"{path.relative_to(UI.parent)} {reach}" for path in sorted(UI.rglob("*.py"))
             for reach in private_reaches(path.read_text(encoding="utf-8"))]
    assert not wrong, "\n".join(wrong)


def test_the_check_sees_each_kind_of_reach():
    source = """
from scrutiny_app.ui.background import _hand_over
class Pane:
    def go(self, window):
        self._mine()
        Pane._shared()
        window._say("x")
        self.window()._warn("y")
        self.parent._fill_picker()
        window.__class__
"""
    assert private_reaches(source) == ["line 2: from scrutiny_app.ui.background import _hand_over",
                                       "line 7: window._say", "line 8: self.window()._warn",
                                       "line 9: self.parent._fill_picker"]
