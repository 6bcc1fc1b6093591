"""The UI holds no SQL and opens no session: every read and write goes through a named core function.

Read from the source (ast), lazy imports inside functions included, as tests/test_layers.py does.
"""

from __future__ import annotations

import ast
from pathlib import Path

import scrutiny_app.ui

UI = Path(scrutiny_app.ui.__file__).parent
STORAGE = ("sqlmodel", "sqlalchemy")  # sqlite3 only when it connects (its Error is caught at the edge)


def _storage_uses(source: str) -> list[str]:
    """Each import of a database library, session opened, query run or connection taken in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            # exec() with an argument runs a query (a dialog's exec() takes none)
            opens = called in ("session", "Session", "connection", "execute", "select")
            if opens or called == "exec" and node.args or ast.unparse(func) == "sqlite3.connect":
                found.append(f"line {node.lineno}: {called}(...)")
            continue
        else:
            continue
        found += [f"line {node.lineno}: imports {name}" for name in names if name.split(".")[0] in STORAGE]
    return found


def _ui_modules() -> dict[str, str]:
    return {str(path.relative_to(UI)): path.read_text(encoding="utf-8") for path in sorted(UI.rglob("*.py"))}


def test_no_ui_module_imports_a_database_library_or_opens_a_session():
    wrong = [f"ui/{name} {use}" for name, source in _ui_modules().items()
             for use in _storage_uses(source)]
    assert not wrong, "\n".join(wrong)


def test_the_check_sees_what_it_is_about():
    assert _storage_uses("from sqlmodel import select\nimport sqlalchemy.exc\n") == [
        "line 1: imports sqlmodel", "line 2: imports sqlalchemy.exc"]
    assert _storage_uses("def f(store):\n    with store.session() as s:\n        s.exec(select(A))\n") == [
        "line 2: session(...)", "line 3: exec(...)", "line 3: select(...)"]
    assert _storage_uses("sqlite3.connect(path)\n") == ["line 1: connect(...)"]
    assert _storage_uses("import sqlite3\ndialog.exec()\nbutton.clicked.connect(f)\n") == []

