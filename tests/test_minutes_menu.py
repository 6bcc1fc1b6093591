"""The main window's Meeting menu: live mode, agreeing and unlocking minutes; File > Export minutes…."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from scrutiny_app.core.minutes_lock import audit_log
from scrutiny_app.core.queries import find_meeting, load_meeting


@pytest.fixture
def window(window):
    """The main window on the April 2025 meeting."""
    window.select_meeting(dt.date(2025, 4, 16))
    return window


def go_live_without_asking(monkeypatch) -> None:
    """The April meeting is long past: live mode asks first, and the officer says yes."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)


def test_the_meeting_menu_holds_live_mode_and_the_minutes_commands(window):
    assert [a.text() for a in window.meeting_menu.actions() if not a.isSeparator()] == [
        "&Live mode", "Meeting &details…", "&Series…", "&People…", "Mark minutes &agreed…", "&Unlock minutes…", "&Check minutes…"]
    assert window.menus.live_action.shortcut().toString() == "F11" and window.menus.live_action in window.tools.actions()


def test_live_mode_opens_on_the_meeting_shown(qtbot, window, monkeypatch):
    go_live_without_asking(monkeypatch)
    window.menus.live_action.trigger()
    qtbot.addWidget(window.live)
    assert window.live.record.meeting.date == dt.date(2025, 4, 16)
    assert window.live.isVisible()


def test_live_mode_twice_keeps_one_live_window(qtbot, window, monkeypatch):
    go_live_without_asking(monkeypatch)
    action = window.menus.live_action
    action.trigger()
    first = window.live
    qtbot.addWidget(first)
    action.trigger()
    assert window.live is first


def test_mark_minutes_agreed_locks_them(window, demo_store, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.menus.agree_action.trigger()
    april = find_meeting(demo_store, dt.date(2025, 4, 16))
    assert load_meeting(demo_store, april).meeting.minutes_status == "agreed"
    assert "locked" in window.statusBar().currentMessage()


def test_unlock_minutes_keeps_the_reason(window, demo_store, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Wrong date in action 17", True))
    window.menus.agree_action.trigger()
    window.menus.unlock_action.trigger()
    april = find_meeting(demo_store, dt.date(2025, 4, 16))
    assert load_meeting(demo_store, april).meeting.minutes_status == "draft"
    assert audit_log(demo_store, april)[-1].reason == "Wrong date in action 17"


def test_export_minutes_offers_a_public_word_version(qtbot, window, planted_private, tmp_path, monkeypatch):
    import docx

    out = tmp_path / "summary"
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Word document, public version", True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.menus.export_minutes_action.trigger()
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(), timeout=5000)  # written off the GUI thread
    document = docx.Document(str(tmp_path / "summary.docx"))
    text = "\n".join(p.text for p in document.paragraphs) + "".join(
        c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Public Question" in text and planted_private not in text


def test_the_minutes_state_shows_beside_the_meeting_picker(window, monkeypatch):
    assert window.minutes_state.text().strip() == "Minutes: draft"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.menus.agree_action.trigger()
    today = dt.date.today()
    assert window.minutes_state.text().strip() == f"Minutes: agreed on {today.day} {today:%B %Y} · locked"


def test_check_minutes_lists_the_gaps(window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(("warning", text)))
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: shown.append(("fine", text)))
    window.menus.check_action.trigger()
    assert shown == [("fine", "Nothing is missing from the record of 16 April 2025: its minutes export as final.")]
    window.select_meeting(dt.date(2025, 7, 8))
    window.menus.check_action.trigger()
    kind, text = shown[-1]
    assert kind == "warning" and "• Attendance has not been taken: no one is in the register." in text


def test_one_key_records_that_there_were_no_declarations_and_undo_takes_it_back(qtbot, window, demo_store, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    go_live_without_asking(monkeypatch)
    window.select_meeting(dt.date(2025, 7, 8))
    window.menus.live_action.trigger()
    live = window.live
    qtbot.addWidget(live)
    qtbot.waitExposed(live)
    live.activateWindow()
    qtbot.waitUntil(live.isActiveWindow, timeout=1000)
    july = find_meeting(demo_store, dt.date(2025, 7, 8))
    QTest.keyClick(live.focusWidget() or live, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(live.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert load_meeting(demo_store, july).meeting.declarations_none
    assert live.declarations.pane.empty.text().startswith("Recorded: there were no declarations of interest")
    QTest.keyClick(live.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not load_meeting(demo_store, july).meeting.declarations_none


def test_the_agenda_pane_marks_an_items_notes_internal_only(window, demo_store):
    from PySide6.QtCore import Qt

    model = window.agenda.model
    column = next(i for i, c in enumerate(model.columns) if c.field == "notes_private")
    index = model.index(4, column)
    assert index.data() == ""
    assert model.setData(index, "Not for publication", Qt.ItemDataRole.EditRole)
    item = load_meeting(demo_store, find_meeting(demo_store, dt.date(2025, 4, 16))).agenda[4]
    assert item.notes_private and model.index(4, column).data() == "Not for publication"
