"""A process killed (SIGKILL) in the middle of an export leaves the old file or the new one, never a fragment.

A real subprocess edits the database and exports the action tracker over and
over; it is killed at different moments of an export. The file at the export
path must then be a whole workbook from a finished run, and the database must
pass SQLite's integrity check with the last edit in it.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import openpyxl
import pytest

from scrutiny_app.core.store import open_store
from scrutiny_app.exports.actions_xlsx import export_actions_xlsx

# Each run renames action 16 ("Export run N"), says START, exports, says DONE.
# 600 extra actions make one export take long enough to be killed inside it.
DRIVER = r"""
import sys
from pathlib import Path
from sqlalchemy import insert, update
from scrutiny_app import paths
from scrutiny_app.core import models as m
from scrutiny_app.core.store import open_store
from scrutiny_app.exports.actions_xlsx import export_actions_xlsx
from scrutiny_app.exports.actions_xlsx import export_actions_xlsx

paths.configure(Path(sys.argv[3]))
store = open_store(sys.argv[1])
with store.session() as s:
    series = s.get(m.Action, 1).series_id
    s.execute(insert(m.Action), [
        {"series_id": series, "number": 1000 + n, "owner": "The CC", "description": f"Extra action {n} " * 8,
         "status": "Ongoing", "private": False, "deleted": False} for n in range(600)])
run = 0
while True:
    run += 1
    with store.session() as s:
        s.execute(update(m.Action).where(m.Action.number == 16).values(description=f"Export run {run}"))
    print(f"START {run}", flush=True)
    export_actions_xlsx(store, sys.argv[2])
    print(f"DONE {run}", flush=True)
"""


def _kill_during_export(demo_path, out, userdata, delay: float) -> tuple[int, int]:
    """Kill the driver ``delay`` seconds into its third export; the last run started and the last finished."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(demo_path), str(out), str(userdata)],
                            stdout=subprocess.PIPE, text=True, env=env)
    started = done = 0
    try:
        for line in proc.stdout:
            word, run = line.split()
            started, done = (int(run), done) if word == "START" else (started, int(run))
            if started == 3:
                time.sleep(delay)
                break
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        for line in proc.stdout.read().splitlines():  # what it printed before it died
            word, run = line.split()
            started, done = (int(run), done) if word == "START" else (started, int(run))
    finally:
        proc.kill()
        proc.wait(timeout=10)
        proc.stdout.close()
    assert started >= 3, "the driver stopped before its third export"
    return started, done


def _run_in_file(path) -> int:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        descriptions = [row[4] for row in wb["Open"].iter_rows(min_row=2, values_only=True) if row[0] == 16]
    finally:
        wb.close()
    return int(descriptions[0].removeprefix("Export run "))


@pytest.mark.parametrize("delay", [0.04, 0.11, 0.27])  # an export takes about 0.15 s of each 0.16 s run
def test_a_kill_during_an_export_leaves_a_whole_file_and_an_intact_database(demo_path, tmp_path, delay):
    out = tmp_path / "tracker.xlsx"
    started, done = _kill_during_export(demo_path, out, tmp_path / "userdata", delay)
    assert _run_in_file(out) in {done, started}  # the file of a finished run; never a mix, never a fragment
    con = sqlite3.connect(demo_path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        # The driver commits a run's edit before it prints START, so a kill between the two leaves one more.
        (description,) = con.execute("SELECT description FROM action WHERE number = 16").fetchone()
        assert description in {f"Export run {started}", f"Export run {started + 1}"}
    finally:
        con.close()
    open_store(demo_path).close()  # and the app opens it as it is, without offering a backup


KILLED_WRITER = r"""
import os, signal, sys
from scrutiny_app.core.atomic import atomic_output

with atomic_output(sys.argv[1]) as tmp:
    tmp.write_bytes(b"half a workbook")
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_the_next_export_clears_what_a_killed_one_left(store, tmp_path):
    out = tmp_path / "tracker.xlsx"
    subprocess.run([sys.executable, "-c", KILLED_WRITER, str(out)], check=False, timeout=60)
    assert len(list(tmp_path.glob(".tracker.xlsx.*.tmp"))) == 1
    busy = tmp_path / f".tracker.xlsx.{os.getppid()}.0000beef.tmp"  # a writer that is still alive
    busy.write_bytes(b"being written")
    export_actions_xlsx(store, out)
    assert list(tmp_path.glob(".tracker.xlsx.*.tmp")) == [busy]
    assert openpyxl.load_workbook(out).sheetnames[0] == "Open"
