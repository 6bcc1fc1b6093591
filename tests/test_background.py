"""The one background runner: results on the GUI thread, progress, cancelling, user errors, bugs, and that
nothing else in the application starts a thread."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

import scrutiny_app
from background_jobs import run_to_end, settle
from scrutiny_app import paths
from scrutiny_app.core import inspection
from scrutiny_app.core.store import open_store
from scrutiny_app.errors import DatabaseRefused, ExportFailed
from scrutiny_app.ui.background import Cancelled, Runner


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

    parent = QWidget()
    qtbot.addWidget(parent)
    op = Runner(parent).run("Working", work, lambda result: seen.update(result=result, on=threading.get_ident()))
    with qtbot.waitSignal(op.finished, timeout=5000):
        pass
    assert seen["worker"] != gui and seen["result"] == 42 and seen["on"] == gui


def test_progress_is_reported_in_order_and_shown_in_the_dialog(qtbot, parent):
    reported = []

    def work(progress):
        for step in range(1, 4):
            progress(step, 3, f"Step {step} of 3")
        return "done"

    op = Runner(parent).run("Working", work, show_after_ms=0, start=False)
    op.progressed.connect(lambda done, total, text: reported.append((done, total, text)))
    shown = []
    op.progressed.connect(lambda *_: shown.append((op.dialog.value(), op.dialog.maximum(), op.dialog.labelText())))
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.start()
    assert reported == [(1, 3, "Step 1 of 3"), (2, 3, "Step 2 of 3"), (3, 3, "Step 3 of 3")]
    assert shown[-1] == (3, 3, "Step 3 of 3")


def test_cancel_stops_the_work_at_its_next_step(qtbot, parent):
    steps = []
    started, go_on = threading.Event(), threading.Event()

    def work(progress):
        for step in range(100):
            if step == 1:
                started.set()
                go_on.wait(5)
            if not progress(step, 100, f"Step {step}"):
                raise Cancelled()
            steps.append(step)
        return "finished"

    outcome = {}
    op = Runner(parent).run("Working", work, lambda r: outcome.setdefault("result", r),
                            on_cancelled=lambda: outcome.setdefault("cancelled", True), show_after_ms=0)
    assert started.wait(5)
    op.dialog.canceled.emit()  # what the Cancel button and Esc do
    go_on.set()
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert outcome == {"cancelled": True} and steps == [0]


def test_slow_work_shows_the_dialog_even_without_reporting_progress(qtbot, parent):
    go_on = threading.Event()
    op = Runner(parent).run("Exporting tracker.xlsx", lambda progress: go_on.wait(10), show_after_ms=50)
    qtbot.waitUntil(op.dialog.isVisible, timeout=5000)
    assert op.dialog.windowModality() == Qt.WindowModality.WindowModal and op.dialog.labelText() == "Exporting tracker.xlsx…"
    with qtbot.waitSignal(op.finished, timeout=5000):
        go_on.set()


def test_quick_work_never_flashes_a_dialog(qtbot, parent):
    op = Runner(parent).run("Exporting tracker.xlsx", lambda progress: None, start=False)
    dialog, shown = op.dialog, []

    class Watch(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Show:
                shown.append(watched)
            return False

    watch = Watch()
    dialog.installEventFilter(watch)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.start()
    qtbot.waitUntil(lambda: not isValid(dialog))  # deleted, with the timer that would have shown it
    assert shown == []


def test_the_dialog_closes_when_the_work_ends(qtbot, parent):
    op = Runner(parent).run("Working", lambda progress: None, show_after_ms=0, start=False)
    dialog = op.dialog
    assert dialog.isVisible()
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.start()
    assert not dialog.isVisible()


def test_a_user_error_goes_to_the_callers_handler(qtbot):
    def work(progress):
        raise ExportFailed("Cannot write /x.xlsx: No space left on device")

    outcome = run_to_end(qtbot, work)
    assert str(outcome["error"]) == "Cannot write /x.xlsx: No space left on device"


def test_a_user_error_without_a_handler_is_a_message_naming_it(qtbot, parent, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda where, title, text: told.append((where, title, text)))

    def work(progress):
        raise ExportFailed("Cannot write /x.xlsx: No space left on device")

    op = Runner(parent).run("Exporting x.xlsx", work, user_error_title="Export failed")
    with qtbot.waitSignal(op.finished, timeout=5000):
        pass
    assert told == [(parent, "Export failed", "Cannot write /x.xlsx: No space left on device")]


def test_a_bug_is_logged_and_reported_with_its_traceback(qtbot, parent, caplog):
    def work(progress):
        return {}["missing key"]

    outcome = {}
    op = Runner(parent).run("Working", work, outcome.update, on_user_error=outcome.update)
    with qtbot.waitSignal(op.finished, timeout=5000):
        pass
    assert outcome == {}  # neither a result nor a user error
    report = parent.findChild(QMessageBox, "bugReport")
    assert report is not None and report.isVisible()
    assert "KeyError: 'missing key'" in report.detailedText() and "in work" in report.detailedText()
    assert any(r.levelname == "ERROR" and r.exc_info for r in caplog.records)
    assert "KeyError: 'missing key'" in (paths.data_home() / "scrutiny.log").read_text(encoding="utf-8")
    report.close()


def test_the_opening_checks_run_on_the_runner_and_open_store_acts_on_them(qtbot, tmp_path):
    from scrutiny_app.ui.app import check_while_loading

    path = tmp_path / "office.sqlite"
    open_store(path, backups=False).close()
    path.write_bytes(path.read_bytes()[:100] + b"junk" * 50)
    check_while_loading(path)
    assert inspection._handed_over
    with pytest.raises(DatabaseRefused, match="cannot be read"):
        open_store(path, backups=False)
    assert inspection._handed_over == {}  # the answer was collected, not left for a later open
    settle(qtbot)  # collected answers are reported nowhere else: no message box appears


def test_an_operation_whose_window_closed_ends_quietly(qtbot):
    parent = QWidget()
    go_on = threading.Event()
    called = []
    Runner(parent).run("Working", lambda progress: go_on.wait(5), called.append, show_after_ms=0)
    parent.deleteLater()
    qtbot.waitUntil(lambda: not isValid(parent))
    go_on.set()
    settle(qtbot)
    assert called == []


THREADS = re.compile(r"\bQThread\b|\bQThreadPool\b|threading\.(Thread|Timer)\b|\bThreadPoolExecutor\b|"
                     r"from threading import[^\n]*\b(Thread|Timer)\b|\b_thread\b|QtConcurrent")


def test_no_module_but_the_runner_starts_a_thread():
    root = Path(scrutiny_app.__file__).parent
    found = [f"{path.relative_to(root)}:{n}: {line.strip()}"
             for path in sorted(root.rglob("*.py")) if path != root / "ui" / "background.py"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if THREADS.search(line)]
    assert found == []


def test_cancelling_the_pack_build_writes_nothing_and_says_so(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    (tmp_path / "packs").mkdir()
    out = tmp_path / "packs" / "pack.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kw: (str(out), ""))
    window.agenda_editor.build_pack()
    build = window.agenda_editor.pack_build
    with qtbot.waitSignal(build.finished, timeout=20000):
        build.dialog.canceled.emit()  # the dialog's Cancel button
    assert window.statusBar().currentMessage() == "Agenda pack cancelled; nothing was written."
    assert list(out.parent.iterdir()) == []  # not even a temporary file left
