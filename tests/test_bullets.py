"""Bullet lists in the live notes editor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from scrutiny_app.ui.live.bullets import BulletEdit, continued


@pytest.mark.parametrize("line, following", [
    ("- GBH up 13.3%", "- "),
    ("  * nested point", "  * "),
    ("3. third", "4. "),
    ("- ", ""),
    ("Plain sentence", None),
])
def test_the_line_after_a_bullet(line, following):
    assert continued(line) == following


@pytest.fixture
def editor(qtbot):
    widget = BulletEdit()
    qtbot.addWidget(widget)
    return widget


def test_enter_continues_the_list(qtbot, editor):
    qtbot.keyClicks(editor, "- first")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "second")
    assert editor.toPlainText() == "- first\n- second"


def test_enter_on_an_empty_bullet_ends_the_list(qtbot, editor):
    qtbot.keyClicks(editor, "- first")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "After the list")
    assert editor.toPlainText() == "- first\nAfter the list"


def test_tab_starts_a_list_and_indents_a_bullet(qtbot, editor):
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClicks(editor, "point")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClicks(editor, "detail")
    assert editor.toPlainText() == "- point\n  - detail"
