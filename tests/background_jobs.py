"""One job run through the app's background runner to its end, for tests of what it reports."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from scrutiny_app.ui.background import run_in_background


def run_to_end(qtbot, work) -> dict:
    """Run ``work`` off the GUI thread and wait until it finishes: {"result": …} or {"error": …}."""
    parent = QWidget()
    qtbot.addWidget(parent)
    outcome = {}
    task = run_in_background(parent, "Working", work, lambda r: outcome.setdefault("result", r),
                             lambda e: outcome.setdefault("error", e))
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    return outcome
