"""Live mode opened and driven from the keyboard, as the officer does in the meeting."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from scrutiny_app.ui.live.screen import LiveWindow


def open_live(qtbot, store, meeting_id: int) -> LiveWindow:
    """The live window on ``meeting_id``, shown and active, ready for keys."""
    window = LiveWindow(store, meeting_id)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=1000)
    return window


def keys(qtbot, window, sequence: str) -> None:
    """Press a shortcut the way the officer does, at the widget that has the focus."""
    combo = QKeySequence(sequence)[0]
    qtbot.keyClick(window.focusWidget() or window, combo.key(), combo.keyboardModifiers())


def between_keys() -> None:
    """What the event loop does between two keystrokes, done now rather than after a sleep: the events
    the last key posted are handled and the widgets it closed (a cell editor) deleted."""
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
