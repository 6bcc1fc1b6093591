"""A plain-text editor that keeps bullet lists going, for notes typed at speed.

Enter after "- text" starts the next "- " line (Enter on an empty bullet ends
the list); Tab on an empty line starts one, and Tab and Shift+Tab indent and outdent a bullet line. Undo and redo
keys are left to the window, so they reach live mode's single undo stack.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

BULLET = re.compile(r"^(\s*)([-*•]|\d+[.)])\s")
INDENT = "  "


def continued(line: str) -> str | None:
    """The start of the line after ``line``: '' ends a list, None means ``line`` is no bullet."""
    match = BULLET.match(line)
    if match is None:
        return None
    if not line[match.end():].strip():
        return ""
    marker = match.group(2)
    if marker[0].isdigit():
        marker = f"{int(marker[:-1]) + 1}{marker[-1]}"
    return f"{match.group(1)}{marker} "


class BulletEdit(QPlainTextEdit):
    def _is_undo_key(self, event) -> bool:
        return event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo) or (
            event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._is_undo_key(event):
            event.ignore()  # let the window's Undo/Redo actions have it
            return False
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if self._is_undo_key(event):
            event.ignore()
            return
        cursor = self.textCursor()
        line = cursor.block().text()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            following = continued(line)
            if following == "":  # an empty bullet: end the list
                cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
                cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
                return
            if following is not None:
                cursor.insertText("\n" + following)
                return
        if event.key() == Qt.Key.Key_Tab and not line.strip():
            cursor.insertText("- ")  # Tab on an empty line starts a list
            return
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and BULLET.match(line):
            self._indent(cursor, outdent=event.key() == Qt.Key.Key_Backtab)
            return
        super().keyPressEvent(event)

    def _indent(self, cursor: QTextCursor, outdent: bool) -> None:
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        if not outdent:
            cursor.insertText(INDENT)
        elif cursor.block().text().startswith(INDENT):
            cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, len(INDENT))
            cursor.removeSelectedText()
