"""Nothing typed in live mode is lost when the process is killed (SIGKILL) mid-meeting."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import QSettings

from scrutiny_app.core import live
from scrutiny_app.core.queries import find_meeting, load_meeting
from scrutiny_app.core.store import open_store

# The officer opens the July meeting, goes live, moves on twice (F8: item 3) and types a
# word every 100 ms with no pause; after each word the driver prints when it was typed.
DRIVER = r"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from scrutiny_app.core.store import open_store
from scrutiny_app.ui import minutes_actions
from scrutiny_app.ui.main_window import MainWindow
import datetime as dt

app = QApplication([])
window = MainWindow(open_store(sys.argv[1]))
window.select_meeting(dt.date(2025, 7, 8))
window.show()
minutes_actions.open_live(window)
screen = window.live
screen.next_item()
screen.next_item()
count = 0

def burst():
    global count
    QTest.keyClicks(screen.notes.editor, f"w{count:03d} ")
    print(f"TYPED {count} {time.time()}", flush=True)
    count += 1

timer = QTimer()
timer.timeout.connect(burst)
timer.start(100)
print("READY", flush=True)
app.exec()
"""

WORDS_BEFORE_KILL = 30


@pytest.fixture
def killed_mid_meeting(demo_path):
    """Run the driver on the demo copy, kill it after 3 s of typing; the typed words and the kill time."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(demo_path)], stdout=subprocess.PIPE, text=True, env=env)
    typed: dict[int, float] = {}
    try:
        for line in proc.stdout:
            if line.startswith("TYPED"):
                _, n, at = line.split()
                typed[int(n)] = float(at)
                if len(typed) == WORDS_BEFORE_KILL:
                    break
        killed_at = time.time()
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=10)
        proc.stdout.close()
    assert len(typed) == WORDS_BEFORE_KILL, "the driver stopped before typing"
    return typed, killed_at


def test_words_typed_more_than_a_second_before_the_kill_are_in_the_database(killed_mid_meeting, demo_path):
    typed, killed_at = killed_mid_meeting
    store = open_store(demo_path)
    try:
        july = find_meeting(store, dt.date(2025, 7, 8))
        notes = load_meeting(store, july).agenda[2].notes
    finally:
        store.close()
    old_enough = [n for n, at in typed.items() if at < killed_at - 1.0]
    assert len(old_enough) >= 15
    assert [n for n in old_enough if f"w{n:03d}" not in notes] == []


def test_reopening_returns_to_the_meeting_and_item_in_live_mode(killed_mid_meeting, demo_path, qtbot, tmp_path):
    from scrutiny_app.ui.main_window import MainWindow

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    store = open_store(demo_path)
    window = MainWindow(store)
    qtbot.addWidget(window)
    assert getattr(window, "live", None) is not None
    qtbot.addWidget(window.live)
    assert window.live.record.meeting.date == dt.date(2025, 7, 8)
    assert window.live.current_item.number == 3
    assert window.live.notes.editor.toPlainText().startswith("w000 w001")
    window.live.close()
    store.close()
    assert live.load_position(open_store(demo_path)) == (None, None)
