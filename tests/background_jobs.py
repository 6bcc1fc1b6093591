"""Jobs run through the app's background runner, and waiting until the runner has handed everything over."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from scrutiny_app.ui import background


def run_to_end(qtbot, work, **options) -> dict:
    """Run ``work`` off the GUI thread and wait until it ends: {"result": …}, {"error": …} or {"cancelled": True}."""
    parent = QWidget()
    qtbot.addWidget(parent)
    outcome = {}
    runner = background.Runner(parent)
    operation = runner.run("Working", work, lambda r: outcome.setdefault("result", r),
                           on_user_error=lambda e: outcome.setdefault("error", e),
                           on_cancelled=lambda: outcome.setdefault("cancelled", True), start=False, **options)
    with qtbot.waitSignal(operation.finished, timeout=5000):
        operation.start()
    return outcome


def settle(qtbot, timeout: int = 10000) -> None:
    """Wait until every operation started has handed its outcome over on the GUI thread."""
    qtbot.waitUntil(background.idle, timeout=timeout)
