"""Nothing typed in live mode is lost when the process is killed (SIGKILL) mid-meeting."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time

import pytest

from db_rows import stored
from scrutiny_app.core import live
from scrutiny_app.core.queries import find_meeting, load_meeting
from scrutiny_app.core.store import open_store

# The officer opens the July meeting, goes live (yes, on a past meeting), moves on twice
# (F8: item 3) and types a word every 100 ms with no pause, into the notes or, with "cell",
# into the question of a new PCC question (Ctrl+5, Ctrl+N); after each word the driver
# prints when it was typed.
DRIVER = r"""
import sys, time
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from scrutiny_app.core.store import open_store
from scrutiny_app.ui.main_window import MainWindow
import datetime as dt

app = QApplication([])
QMessageBox.question = lambda *a: QMessageBox.StandardButton.Yes
window = MainWindow(open_store(sys.argv[1]))
window.select_meeting(dt.date(2025, 7, 8))
window.show()
window.minutes.open_live()
screen = window.live
screen.activateWindow()
QTest.qWaitForWindowActive(screen)
for key in (Qt.Key.Key_F8, Qt.Key.Key_F8):
    QTest.keyClick(QApplication.focusWidget(), key)
if sys.argv[2] == "cell":
    for key in (Qt.Key.Key_5, Qt.Key.Key_N):
        QTest.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.ControlModifier)
typing_into = QApplication.focusWidget()
print("TYPING INTO", type(typing_into).__name__, flush=True)
count = 0

def burst():
    global count
    QTest.keyClicks(typing_into, f"w{count:03d} ")
    print(f"TYPED {count} {time.time()}", flush=True)
    count += 1

timer = QTimer()
timer.timeout.connect(burst)
timer.start(100)
print("READY", flush=True)
app.exec()
"""

WORDS_BEFORE_KILL = 30


def kill_mid_typing(demo_path, where: str) -> tuple[dict[int, float], float, str]:
    """Run the driver on the demo copy typing in ``where`` (notes, cell), kill it after 3 s of typing;
    the typed words, the kill time and the class of the widget typed into."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(demo_path), where], stdout=subprocess.PIPE, text=True,
                            env=env)
    typed: dict[int, float] = {}
    widget = ""
    try:
        for line in proc.stdout:
            if line.startswith("TYPING INTO"):
                widget = line.split()[-1]
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
    return typed, killed_at, widget


@pytest.fixture
def killed_mid_meeting(demo_path):
    typed, killed_at, widget = kill_mid_typing(demo_path, "notes")
    assert widget == "BulletEdit"
    return typed, killed_at


def words_saved(typed: dict[int, float], killed_at: float, text: str) -> list[int]:
    """The words typed more than a second before the kill that are missing from ``text``; asserts there were some."""
    old_enough = [n for n, at in typed.items() if at < killed_at - 1.0]
    assert len(old_enough) >= 15
    return [n for n in old_enough if f"w{n:03d}" not in text]


def test_words_typed_more_than_a_second_before_the_kill_are_in_the_database(killed_mid_meeting, demo_path):
    typed, killed_at = killed_mid_meeting
    store = open_store(demo_path)
    try:
        july = find_meeting(store, dt.date(2025, 7, 8))
        notes = load_meeting(store, july).agenda[2].notes
    finally:
        store.close()
    assert words_saved(typed, killed_at, notes) == []


def test_words_typed_into_a_cell_more_than_a_second_before_the_kill_are_in_the_database(demo_path):
    typed, killed_at, widget = kill_mid_typing(demo_path, "cell")
    assert widget == "QPlainTextEdit"  # the question's cell editor, opened by Ctrl+N
    rows = stored(demo_path, "SELECT q.question FROM pccquestion q JOIN agendaitem i ON q.agenda_item_id = i.id "
                             "JOIN meeting m ON i.meeting_id = m.id WHERE m.date = '2025-07-08' AND i.number = 3")
    assert len(rows) == 1
    assert words_saved(typed, killed_at, rows[0][0]) == []


def test_reopening_returns_to_the_meeting_and_item_in_live_mode(killed_mid_meeting, demo_path, qtbot, settings_dir):
    from scrutiny_app.ui.main_window import MainWindow

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
