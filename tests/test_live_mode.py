"""Live mode driven from the keyboard on a copy of the demo database (the 8 July 2025 meeting)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from demo_days import JULY
from live_keyboard import between_keys, keys, open_live
from scrutiny_app.core import live
from scrutiny_app.core import models as m
from scrutiny_app.core.queries import load_meeting, update_field


pytestmark = pytest.mark.usefixtures("settings_dir")  # Qt settings in the test's own folder


@pytest.fixture
def prepared_question(demo_store, july) -> m.PublicQuestion:
    """A resident's question sent in before the meeting."""
    question = live.new_public_question(demo_store, july)
    update_field(demo_store, m.PublicQuestion, question.id, "question", "How many officers patrol Thetford at night?")
    return question


def type_in_cell(qtbot, view, text: str, then=Qt.Key.Key_Tab) -> None:
    """Type into the cell editor that is open in ``view`` and leave it with ``then``."""
    editor = QApplication.focusWidget()
    assert editor is not view and view.isAncestorOf(editor), "no cell editor is open"
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, then)
    between_keys()


def test_a_whole_meeting_from_the_keyboard(qtbot, prepared_question, live_window, demo_store, july):
    w = live_window
    # Attendance: P, P, R, A down the register, then a new person added inline.
    keys(qtbot, w, "Ctrl+2")
    for key in "ppra":
        qtbot.keyClick(w.attendance.view, key)
    keys(qtbot, w, "Ctrl+N")
    qtbot.keyClicks(w.attendance.name, "Alex Morgan")
    qtbot.keyClick(w.attendance.name, Qt.Key.Key_Tab)
    qtbot.keyClicks(w.focusWidget(), "Chief Finance Officer")
    qtbot.keyClick(w.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(w.focusWidget(), "OPCCN")
    qtbot.keyClick(w.focusWidget(), Qt.Key.Key_Return)

    # Item 4, public questions: the answer and who gave it.
    for _ in range(3):
        keys(qtbot, w, "F8")
    keys(qtbot, w, "Ctrl+4")
    view = w.public.pane.view
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_F2):
        qtbot.keyClick(view, key)
    type_in_cell(qtbot, view, "Two response cars cover Thetford overnight.")
    type_in_cell(qtbot, view, "CC", then=Qt.Key.Key_Return)

    # Item 5, a PCC question with answer and follow-up.
    keys(qtbot, w, "F8")
    keys(qtbot, w, "Ctrl+5")
    keys(qtbot, w, "Ctrl+N")
    view = w.pcc.pane.view
    type_in_cell(qtbot, view, "Why has GBH risen by 13.3%?")
    type_in_cell(qtbot, view, "More reports after the night-time economy campaign.")
    type_in_cell(qtbot, view, "The PCC asked for a breakdown by district.")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # leave the Private cell as it is
    between_keys()

    # An emerging risk and who raised it.
    keys(qtbot, w, "Ctrl+6")
    keys(qtbot, w, "Ctrl+N")
    view = w.risks.pane.view
    type_in_cell(qtbot, view, "The CC")
    type_in_cell(qtbot, view, "Summer events will stretch public order cover.")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    between_keys()

    # Two actions, two keystrokes each to open.
    for owner, text, due in (("DCC Megicks", "provide a report on GBH by district", "30/09/2025"),
                             ("The CC", "brief the PCC on summer public order plans", "")):
        keys(qtbot, w, "Ctrl+Shift+A")
        qtbot.keyClicks(w.action_bar.owner, owner)
        qtbot.keyClick(w.action_bar.owner, Qt.Key.Key_Tab)
        qtbot.keyClicks(w.action_bar.description, text)
        qtbot.keyClick(w.action_bar.description, Qt.Key.Key_Tab)
        qtbot.keyClicks(w.action_bar.due, due)
        qtbot.keyClick(w.action_bar.due, Qt.Key.Key_Return)

    # Notes on item 5, as a bullet list.
    keys(qtbot, w, "Ctrl+1")
    qtbot.keyClicks(w.notes.editor, "- GBH up")
    qtbot.keyClick(w.notes.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(w.notes.editor, "breakdown asked for")
    w.close()  # ending live mode saves at once

    record = load_meeting(demo_store, july)
    register = {p.name: a.status for a, p, _ in record.attendance}
    assert register == {"Sarah Taylor": "present", "Paul Sanford": "present", "Mark Stokes": "remote",
                        "Simon Megicks": "apologies", "Alex Morgan": "present"}
    new_person = next(p for _, p, o in record.attendance if p.name == "Alex Morgan")
    assert new_person.role == "Chief Finance Officer"
    question = record.public_questions[0]
    assert (question.answer, question.answered_by) == ("Two response cars cover Thetford overnight.", "CC")
    pcc, item = record.pcc_questions[0]
    assert (item.number, pcc.question, pcc.answer, pcc.follow_up) == (
        5, "Why has GBH risen by 13.3%?", "More reports after the night-time economy campaign.",
        "The PCC asked for a breakdown by district.")
    assert [(r.raised_by, r.text) for r in record.risks] == [("The CC", "Summer events will stretch public order cover.")]
    actions = {row.action.number: row.action for row in record.actions if row.action.raised_at_meeting_id == july}
    assert sorted(actions) == [20, 21]
    assert actions[20].owner == "DCC Megicks" and actions[20].due_date == dt.date(2025, 9, 30)
    assert actions[21].description == "The CC is to brief the PCC on summer public order plans"
    assert all(a.date_raised == JULY for a in actions.values())
    assert record.agenda[4].notes == "- GBH up\n- breakdown asked for"
    assert all(i.started_at is not None for i in record.agenda[1:5])


def test_f8_records_when_the_next_item_started(qtbot, live_window, demo_store, july):
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    keys(qtbot, live_window, "F8")
    item = load_meeting(demo_store, july).agenda[1]
    assert live.as_utc(item.started_at) >= before
    assert live_window.strip.now.text().startswith("Now: 2. ")
    assert "elapsed 0:0" in live_window.strip.timing.text()


def test_undo_takes_back_the_move_and_the_start_time(qtbot, live_window, demo_store, july):
    keys(qtbot, live_window, "F8")
    keys(qtbot, live_window, "Ctrl+Z")
    assert load_meeting(demo_store, july).agenda[1].started_at is None
    assert live_window.current == 0


def test_undo_withdraws_a_captured_action_and_redo_brings_it_back(qtbot, live_window, demo_store, july):
    live_window.open_action_bar()
    qtbot.keyClicks(live_window.action_bar.description, "report on stop and search")
    qtbot.keyClick(live_window.action_bar.description, Qt.Key.Key_Return)
    keys(qtbot, live_window, "Ctrl+Z")
    assert live.actions_raised_at(demo_store, july) == []
    keys(qtbot, live_window, "Ctrl+Shift+Z")
    assert [a.number for a in live.actions_raised_at(demo_store, july)] == [20]


def test_undo_of_typed_notes_goes_back_to_the_last_saved_text(qtbot, live_window, demo_store, july):
    editor = live_window.notes.editor
    qtbot.keyClicks(editor, "first")
    live_window.notes.save()
    qtbot.keyClicks(editor, " second")
    keys(qtbot, live_window, "Ctrl+Z")
    assert editor.toPlainText() == "first"
    assert load_meeting(demo_store, july).agenda[0].notes == "first"


def test_an_attendance_tick_is_undone_on_the_same_stack(qtbot, live_window, demo_store, july):
    keys(qtbot, live_window, "Ctrl+2")
    qtbot.keyClick(live_window.attendance.view, "r")
    keys(qtbot, live_window, "Ctrl+Z")
    assert live.attendance_of(demo_store, july) == {}


def test_ctrl_shift_p_marks_a_risk_not_for_publication(qtbot, live_window, demo_store, july):
    keys(qtbot, live_window, "Ctrl+6")
    keys(qtbot, live_window, "Ctrl+N")
    qtbot.keyClick(live_window.focusWidget(), Qt.Key.Key_Escape)
    keys(qtbot, live_window, "Ctrl+Shift+P")
    assert [r.private for r in load_meeting(demo_store, july).risks] == [True]


def test_an_action_with_a_bad_due_date_is_kept_for_correction(qtbot, live_window, demo_store, july):
    live_window.open_action_bar()
    qtbot.keyClicks(live_window.action_bar.description, "report on stop and search")
    qtbot.keyClicks(live_window.action_bar.due, "31/02/2025")
    qtbot.keyClick(live_window.action_bar.due, Qt.Key.Key_Return)
    assert live.actions_raised_at(demo_store, july) == []
    assert live_window.action_bar.isVisible() and "Due date" in live_window.statusBar().currentMessage()


def test_agreed_minutes_refuse_live_edits_with_a_message(qtbot, demo_store, april):
    from scrutiny_app.core.minutes_lock import mark_agreed

    mark_agreed(demo_store, april)
    window = open_live(qtbot, demo_store, april)
    keys(qtbot, window, "Ctrl+6")
    keys(qtbot, window, "Ctrl+N")
    assert "agreed and locked" in window.statusBar().currentMessage()
    assert len(load_meeting(demo_store, april).risks) == 3


def test_ending_live_mode_forgets_the_position(qtbot, live_window, demo_store, july):
    keys(qtbot, live_window, "F8")
    assert live.load_position(demo_store)[0] == july
    keys(qtbot, live_window, "F11")
    assert live.load_position(demo_store) == (None, None)
