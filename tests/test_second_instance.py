"""A second Scrutiny on a database another one is writing: it is told, it cannot change anything, and
it sees the first one's work when refreshed; no update of the first is lost.

The first Scrutiny is a real subprocess saving the notes of an item every 50 ms.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from scrutiny_app.core.queries import find_meeting, load_meeting
from scrutiny_app.core.store import open_store

WRITER = r"""
import sys, time
from pathlib import Path
from scrutiny_app import paths
from scrutiny_app.core import models as m
from scrutiny_app.core.queries import update_field
from scrutiny_app.core.store import open_store

paths.configure(Path(sys.argv[2]))
store = open_store(sys.argv[1])
print("OPEN", flush=True)
n = 0
for line in sys.stdin:  # one save per line the test sends; the test closes stdin to end
    n += 1
    update_field(store, m.AgendaItem, int(sys.argv[3]), "notes", f"Saved by the first window, save {n}")
    print(f"WROTE {n}", flush=True)
store.close()
print("CLOSED", flush=True)
"""


def _first_item_id(path) -> int:
    store = open_store(path, backups=False)
    try:
        return load_meeting(store, find_meeting(store, dt.date(2025, 7, 8))).agenda[0].id
    finally:
        store.close()


class FirstWindow:
    def __init__(self, path, userdata):
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        self.proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(userdata), str(_first_item_id(path))],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        assert self.proc.stdout.readline().strip() == "OPEN"

    def save(self) -> str:
        self.proc.stdin.write("save\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def close(self) -> None:
        self.proc.stdin.close()
        assert self.proc.stdout.readline().strip() == "CLOSED"
        self.proc.wait(timeout=10)


@pytest.fixture
def first_window(demo_path, tmp_path):
    first = FirstWindow(demo_path, tmp_path / "first-userdata")
    yield first
    first.proc.kill()
    first.proc.wait(timeout=10)
    for pipe in (first.proc.stdin, first.proc.stdout):
        if not pipe.closed:
            pipe.close()


@pytest.fixture
def second_window(qtbot, first_window, demo_path, settings_dir):
    from scrutiny_app.ui.main_window import MainWindow

    store = open_store(demo_path)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.select_meeting(dt.date(2025, 7, 8))
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    yield window
    store.close()


def test_the_second_window_says_it_is_read_only(second_window):
    assert second_window.store.read_only
    assert "Read-only: this database is open in another Scrutiny window" in second_window.db_label.text()


def test_the_second_window_offers_nothing_to_edit(second_window):
    model = second_window.agenda.model
    second_window.notes.show_item(second_window.store, model.rows[0])
    assert second_window.notes.editor.isReadOnly()
    assert not any(model.flags(model.index(0, c)) & Qt.ItemFlag.ItemIsEditable for c in range(model.columnCount()))


def test_the_second_window_shows_the_first_ones_saves_on_refresh(qtbot, first_window, second_window):
    assert first_window.save() == "WROTE 1"
    assert first_window.save() == "WROTE 2"
    qtbot.keyClick(second_window, Qt.Key.Key_F5)
    assert second_window.agenda.model.rows[0].notes == "Saved by the first window, save 2"


def test_no_save_of_the_first_window_is_lost_while_the_second_is_open(first_window, second_window, demo_path):
    for n in range(1, 21):
        assert first_window.save() == f"WROTE {n}"
        second_window.refresh()
    first_window.close()
    assert load_meeting(second_window.store, second_window.record.meeting.id).agenda[0].notes == \
        "Saved by the first window, save 20"
