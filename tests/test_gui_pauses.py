"""Slow work leaves the GUI thread little to do: the garbage collector waits while it runs (its full
collections froze the window), and reading a paper happens on the runner."""

from __future__ import annotations

import gc
import time

from pdfs import make_pdf

from background_jobs import run_to_end
from scrutiny_app.core.papers import check_pdf
from scrutiny_app.ui.paper_dialog import PaperDialog


def test_the_collector_is_off_while_a_job_runs(qtbot):
    assert run_to_end(qtbot, lambda progress: gc.isenabled()) == {"result": False}


def test_the_collector_is_back_on_when_the_job_ends(qtbot):
    run_to_end(qtbot, lambda progress: None)
    assert gc.isenabled()


def test_attaching_a_long_paper_costs_the_gui_thread_little_of_its_reading(qtbot, window, tmp_path, monkeypatch):
    """Reading and checking the PDF happen on the runner: the GUI thread's own processor time over the whole
    attach (the progress dialog, the callbacks and the cover-sheet form included) is a small fraction of what
    reading takes, where it used to be all of it. Processor time, not wall time: a busy machine slows both."""
    monkeypatch.setattr(PaperDialog, "exec", lambda dialog: False)  # the cover sheet that follows a first paper
    content = make_pdf("LONG", pages=500)
    started = time.thread_time()
    check_pdf(content, "long.pdf")
    reading = time.thread_time() - started
    path = tmp_path / "long.pdf"
    path.write_bytes(content)
    started = time.thread_time()
    with qtbot.waitSignal(window.agenda_editor.attach(window.agenda.model.rows[3], path).finished, timeout=30000):
        pass
    on_gui = time.thread_time() - started
    assert "Attached long.pdf" in window.statusBar().currentMessage()
    assert reading > 0.3 and on_gui < reading / 4, (reading, on_gui)
