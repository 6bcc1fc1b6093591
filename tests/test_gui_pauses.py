"""The garbage collector waits while slow work runs, so its full collections cannot freeze the window."""

from __future__ import annotations

import gc

from PySide6.QtWidgets import QWidget

from scrutiny_app.ui.background import run_in_background


def _run(qtbot, work) -> dict:
    parent = QWidget()
    qtbot.addWidget(parent)
    outcome = {}
    task = run_in_background(parent, "Working", work, lambda r: outcome.setdefault("result", r),
                             lambda e: outcome.setdefault("error", e))
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    return outcome


def test_the_collector_is_off_while_a_job_runs(qtbot):
    assert _run(qtbot, lambda progress: gc.isenabled()) == {"result": False}


def test_the_collector_is_back_on_when_the_job_ends(qtbot):
    _run(qtbot, lambda progress: None)
    assert gc.isenabled()
