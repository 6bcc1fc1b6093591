"""Nothing typed is lost, and the keyboard goes where the officer looks: real keys on a copy of the demo.

Every check of what was saved reads the database file through its own sqlite3 connection.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPlainTextEdit

from db_rows import stored
from demo_days import APRIL, JULY
from live_keyboard import keys, open_live
from scrutiny_app.core import live
from scrutiny_app.core import models as m
from scrutiny_app.core.minutes_lock import mark_agreed
from scrutiny_app.core.queries import find_meeting
from scrutiny_app.ui.record_model import ROW_ROLE, UNSAVED_COLOUR
from test_save_faults import LONG_NOTES


pytestmark = pytest.mark.usefixtures("settings_dir")  # Qt settings in the test's own folder


@pytest.fixture
def w(live_window):
    """Live mode on the July meeting (conftest), active and ready for keys."""
    return live_window


def questions(path, meeting_id: int) -> list[str]:
    return [q for (q,) in stored(path, "SELECT question FROM pccquestion WHERE meeting_id = ? ORDER BY id", meeting_id)]


def risks(path, meeting_id: int) -> list[tuple[str, str]]:
    return stored(path, "SELECT raised_by, text FROM emergingrisk WHERE meeting_id = ? ORDER BY id", meeting_id)


def focused():
    return QApplication.focusWidget()


def cell_editor(view):
    editor = focused()
    assert isinstance(editor, (QLineEdit, QPlainTextEdit)) and view.isAncestorOf(editor), "no cell editor is open"
    return editor


def new_pcc_question(qtbot, w):
    """Ctrl+5, Ctrl+N: a new row with its question cell open for typing."""
    keys(qtbot, w, "Ctrl+5")
    assert focused() is w.pcc.pane.view
    keys(qtbot, w, "Ctrl+N")
    return cell_editor(w.pcc.pane.view)


# -- nothing typed is lost ------------------------------------------------------
def test_a_question_half_typed_when_f8_is_pressed_is_saved(qtbot, w, demo_path, july):
    qtbot.keyClicks(new_pcc_question(qtbot, w), "Why has GBH risen")
    keys(qtbot, w, "F8")
    assert focused() is w.notes.editor and w.current == 1
    qtbot.waitUntil(lambda: questions(demo_path, july) == ["Why has GBH risen"], timeout=1000)


def test_escape_leaves_the_cell_keeping_its_text_and_one_undo_takes_back_the_whole_edit(qtbot, w, demo_path, july):
    editor = new_pcc_question(qtbot, w)
    qtbot.keyClicks(editor, "Why has GBH")
    qtbot.waitUntil(lambda: questions(demo_path, july) == ["Why has GBH"], timeout=1000)  # saved while typing
    qtbot.keyClicks(editor, " risen?")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: focused() is w.pcc.pane.view, timeout=1000)  # the editor closes on the next turn
    qtbot.waitUntil(lambda: questions(demo_path, july) == ["Why has GBH risen?"], timeout=1000)
    assert w.pcc.pane.view.currentIndex().data() == "Why has GBH risen?"
    keys(qtbot, w, "Ctrl+Z")  # the two saves of the edit are one step
    assert questions(demo_path, july) == [""]
    assert w.pcc.pane.view.currentIndex().data() == ""


def test_typing_is_saved_within_a_second_with_no_key_after_it(qtbot, w, demo_path, july):
    editor = new_pcc_question(qtbot, w)
    for word in ("Why ", "has ", "GBH ", "risen"):  # steady typing, no pause long enough to save on
        qtbot.keyClicks(editor, word)
        qtbot.wait(300)
    qtbot.waitUntil(lambda: questions(demo_path, july) == ["Why has GBH risen"], timeout=1000)
    assert focused() is editor


def test_a_page_switch_saves_the_cell_and_coming_back_reopens_it(qtbot, w, demo_path, july):
    keys(qtbot, w, "Ctrl+6")
    keys(qtbot, w, "Ctrl+N")
    editor = cell_editor(w.risks.pane.view)
    qtbot.keyClicks(editor, "The CC")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClicks(cell_editor(w.risks.pane.view), "Summer events will stretch")
    keys(qtbot, w, "Ctrl+5")
    assert focused() is w.pcc.pane.view
    qtbot.waitUntil(lambda: risks(demo_path, july) == [("The CC", "Summer events will stretch")], timeout=1000)
    keys(qtbot, w, "Ctrl+6")  # back in the risk being entered, after its text
    qtbot.keyClicks(cell_editor(w.risks.pane.view), " public order cover.")
    keys(qtbot, w, "Ctrl+W")
    assert risks(demo_path, july) == [("The CC", "Summer events will stretch public order cover.")]


def test_a_refused_save_keeps_the_typing_on_screen_and_says_so(qtbot, demo_store, demo_path, april):
    mark_agreed(demo_store, april)
    w = open_live(qtbot, demo_store, april)
    before = risks(demo_path, april)
    keys(qtbot, w, "Ctrl+6")
    qtbot.keyClick(focused(), Qt.Key.Key_Right)
    qtbot.keyClick(focused(), Qt.Key.Key_F2)
    editor = cell_editor(w.risks.pane.view)
    qtbot.keyClicks(editor, " More to say.")
    qtbot.waitUntil(lambda: "agreed and locked" in w.statusBar().currentMessage(), timeout=1000)
    assert editor.toPlainText().endswith(" More to say.") and focused() is editor
    assert risks(demo_path, april) == before


def test_a_cell_the_full_disk_refuses_stays_in_red_and_is_saved_once_there_is_room(qtbot, w, demo_path, july,
                                                                                  full_disk):
    keys(qtbot, w, "Ctrl+6")
    keys(qtbot, w, "Ctrl+N")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    editor = cell_editor(w.risks.pane.view)
    QApplication.clipboard().setText(LONG_NOTES)
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "stays in the cell, in red" in w.statusBar().currentMessage(), timeout=1000)
    assert editor.toPlainText() == LONG_NOTES and focused() is editor
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    cell = w.risks.pane.view.currentIndex()
    assert cell.data() == LONG_NOTES
    assert cell.data(Qt.ItemDataRole.ForegroundRole).color().name() == UNSAVED_COLOUR
    assert risks(demo_path, july) == [("", "")]
    full_disk()  # room again: F2 and Escape save what the cell shows
    qtbot.keyClick(focused(), Qt.Key.Key_F2)
    qtbot.keyClick(cell_editor(w.risks.pane.view), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: risks(demo_path, july) == [("", LONG_NOTES)], timeout=1000)


def test_main_window_cells_save_as_typed_and_on_escape(qtbot, window, demo_path):
    window.select_meeting(APRIL)
    view = window.questions.view
    view.setFocus()
    column = next(i for i, c in enumerate(window.questions.model.columns) if c.field == "answer")
    for key in [Qt.Key.Key_Down] + [Qt.Key.Key_Right] * column + [Qt.Key.Key_F2]:
        qtbot.keyClick(focused(), key)
    editor = cell_editor(view)
    question = view.currentIndex().data(ROW_ROLE)
    typed_on = question.answer
    answer = lambda: stored(demo_path, "SELECT answer FROM publicquestion WHERE id = ?", question.id)[0][0]  # noqa: E731
    qtbot.keyClicks(editor, " Checked again.")
    qtbot.waitUntil(lambda: answer() == typed_on + " Checked again.", timeout=1000)
    qtbot.keyClicks(editor, " Twice.")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert focused() is view
    qtbot.waitUntil(lambda: answer() == typed_on + " Checked again. Twice.", timeout=1000)


def test_main_window_notes_are_saved_the_moment_the_cursor_leaves_them(qtbot, window, demo_path):
    window.select_meeting(APRIL)
    item = window.notes.item
    window.notes.editor.setFocus()
    qtbot.keyClicks(focused(), " Agreed.")
    window.agenda.view.setFocus()  # no pause: leaving saves
    assert stored(demo_path, "SELECT notes FROM agendaitem WHERE id = ?", item.id)[0][0].endswith(" Agreed.")


# -- the keyboard goes where the officer looks ---------------------------------
def test_entering_live_mode_puts_the_cursor_in_item_1s_notes_and_starts_its_clock(qtbot, window, demo_path,
                                                                                    monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    window.select_meeting(JULY)
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    keys(qtbot, window, "F11")
    w = window.live
    qtbot.addWidget(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: focused() is w.notes.editor, timeout=1000)
    assert w.current == 0
    started = stored(demo_path, "SELECT started_at FROM agendaitem WHERE meeting_id = ? ORDER BY position",
                     w.record.meeting.id)
    assert started[0][0] is not None and all(s is None for (s,) in started[1:])
    assert live.as_utc(dt.datetime.fromisoformat(started[0][0])) >= before
    assert "started" in w.statusBar().currentMessage()
    qtbot.keyClicks(focused(), "Opened at 10:00.")
    keys(qtbot, w, "F8")
    assert focused() is w.notes.editor and w.current == 1
    keys(qtbot, w, "Ctrl+5")
    keys(qtbot, w, "Ctrl+Down")
    assert focused() is w.notes.editor and w.current == 2
    keys(qtbot, w, "Ctrl+Up")
    assert focused() is w.notes.editor and w.current == 1


def test_undo_takes_back_the_start_of_the_meeting(qtbot, w, demo_path, july):
    keys(qtbot, w, "Ctrl+Z")
    assert stored(demo_path, "SELECT started_at FROM agendaitem WHERE meeting_id = ? AND started_at IS NOT NULL",
                  july) == []


def test_a_meeting_already_started_keeps_its_times(qtbot, demo_store, demo_path, july):
    second = stored(demo_path, "SELECT id FROM agendaitem WHERE meeting_id = ? ORDER BY position", july)[1][0]
    live.set_started(demo_store, second, dt.datetime(2025, 7, 8, 9, 40, tzinfo=dt.timezone.utc))
    open_live(qtbot, demo_store, july)
    assert len(stored(demo_path, "SELECT id FROM agendaitem WHERE started_at IS NOT NULL AND meeting_id = ?",
                      july)) == 1


@pytest.mark.parametrize("page", range(1, 8))
def test_a_page_key_puts_the_cursor_in_the_page(qtbot, w, page):
    if page == 1:
        keys(qtbot, w, "Ctrl+2")
    keys(qtbot, w, f"Ctrl+{page}")
    shown = w.tabs.currentWidget()
    if page == 1:
        assert focused() is w.notes.editor
    elif page == 2:
        assert focused() is w.attendance.view and w.attendance.view.currentIndex().row() == 0
    else:
        assert focused() is shown.pane.view
        current = shown.pane.view.currentIndex()
        assert not shown.model.rows or current.flags() & Qt.ItemFlag.ItemIsEditable


def test_live_mode_on_a_distant_meeting_asks_first(qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.No)
    window.select_meeting(JULY)
    window.minutes.open_live()
    assert getattr(window, "live", None) is None
    assert "8 July 2025" in asked[0] and "days ago" in asked[0]


def test_live_mode_on_todays_meeting_goes_straight_in(qtbot, demo_store, request, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.No)
    with demo_store.session() as s:
        s.get(m.Meeting, find_meeting(demo_store, JULY)).date = dt.date.today()
    window = request.getfixturevalue("window")
    window.select_meeting(dt.date.today())
    window.minutes.open_live()
    qtbot.addWidget(window.live)
    assert asked == [] and window.live.isVisible()


# -- a line of the notes made a record -------------------------------------------
def type_notes(qtbot, w, *lines: str):
    keys(qtbot, w, "Ctrl+1")
    editor = focused()
    assert editor is w.notes.editor
    for n, line in enumerate(lines):
        if n:
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.keyClicks(editor, line)
    return editor


def test_ctrl_shift_r_makes_the_notes_line_a_risk(qtbot, w, demo_path, july):
    editor = type_notes(qtbot, w, "- The CC warned: summer events will stretch public order cover", "and more")
    qtbot.keyClick(editor, Qt.Key.Key_Up)
    keys(qtbot, w, "Ctrl+Shift+R")
    assert risks(demo_path, july) == [("", "The CC warned: summer events will stretch public order cover")]
    assert editor.toPlainText() == "- The CC warned: summer events will stretch public order cover\n- and more"
    assert focused() is editor
    keys(qtbot, w, "Ctrl+Z")
    assert risks(demo_path, july) == []
    assert editor.toPlainText().endswith("- and more")


def test_ctrl_shift_q_makes_the_selection_the_answer_to_the_current_question(qtbot, w, demo_path, july):
    qtbot.keyClicks(new_pcc_question(qtbot, w), "Why has GBH risen?")
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    editor = type_notes(qtbot, w, "GBH:", "More reports after the night-time economy campaign")
    qtbot.keyClick(editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier)
    keys(qtbot, w, "Ctrl+Shift+Q")
    answer = lambda: stored(demo_path, "SELECT answer FROM pccquestion WHERE meeting_id = ?", july)  # noqa: E731
    assert answer() == [("More reports after the night-time economy campaign",)]
    assert "GBH:" in editor.toPlainText()
    keys(qtbot, w, "Ctrl+Z")
    assert answer() == [("",)]


def test_ctrl_shift_q_with_no_question_says_what_to_do(qtbot, w, demo_path, july):
    type_notes(qtbot, w, "An answer to nothing")
    keys(qtbot, w, "Ctrl+Shift+Q")
    assert "No PCC question" in w.statusBar().currentMessage()
    assert questions(demo_path, july) == []


def test_ctrl_shift_a_with_a_selection_fills_in_the_new_action(qtbot, w, demo_store, july):
    editor = type_notes(qtbot, w, "provide a breakdown of GBH by district")
    qtbot.keyClick(editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier)
    keys(qtbot, w, "Ctrl+Shift+A")
    assert focused() is w.action_bar.owner
    assert w.action_bar.description.text() == "provide a breakdown of GBH by district"
    qtbot.keyClicks(focused(), "DCC Megicks")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert [a.description for a in live.actions_raised_at(demo_store, july)] == [
        "DCC Megicks is to provide a breakdown of GBH by district"]
    assert editor.toPlainText() == "provide a breakdown of GBH by district"
