"""The garbage collector waits while slow work runs, so its full collections cannot freeze the window."""

from __future__ import annotations

import gc

from background_jobs import run_to_end


def test_the_collector_is_off_while_a_job_runs(qtbot):
    assert run_to_end(qtbot, lambda progress: gc.isenabled()) == {"result": False}


def test_the_collector_is_back_on_when_the_job_ends(qtbot):
    run_to_end(qtbot, lambda progress: None)
    assert gc.isenabled()
