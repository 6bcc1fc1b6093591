"""Work off the GUI thread: results, user errors, bugs and cancelling."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QWidget

from background_jobs import run_to_end
from scrutiny_app.errors import ExportFailed
from scrutiny_app.ui.background import run_in_background


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_the_result_arrives_on_the_gui_thread(qtbot):
    gui = threading.get_ident()
    seen = {}

    def work(progress):
        seen["worker"] = threading.get_ident()
        return 42

    outcome = run_to_end(qtbot, work)
    assert outcome == {"result": 42}
    assert seen["worker"] != gui


def test_a_user_error_goes_to_the_failure_callback(qtbot):
    def work(progress):
        raise ExportFailed("Cannot write /x.xlsx: No space left on device")

    outcome = run_to_end(qtbot, work)
    assert str(outcome["error"]) == "Cannot write /x.xlsx: No space left on device"


def test_cancel_tells_the_work_to_stop(qtbot, parent):
    steps = []
    started = threading.Event()
    go_on = threading.Event()

    def work(progress):
        for step in range(100):
            if step == 1:
                started.set()
                go_on.wait(5)
            if not progress(step, 100, f"Step {step}"):
                return "stopped"
            steps.append(step)
        return "finished"

    outcome = {}
    task = run_in_background(parent, "Working", work, lambda r: outcome.setdefault("result", r), lambda e: None)
    assert started.wait(5)
    task.dialog.canceled.emit()  # what the Cancel button and Esc do
    go_on.set()
    qtbot.waitUntil(lambda: "result" in outcome, timeout=5000)
    assert outcome["result"] == "stopped" and len(steps) < 100
