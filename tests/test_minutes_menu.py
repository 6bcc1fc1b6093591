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


def menu_action(window, menu: str, text: str):
    for top in window.menuBar().actions():
        if top.text() == menu:
            return next(a for a in top.menu().actions() if a.text() == text)
    raise LookupError(menu)


def go_live_without_asking(monkeypatch) -> None:
    """The April meeting is long past: live mode asks first, and the officer says yes."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)


def test_live_mode_opens_on_the_meeting_shown(qtbot, window, monkeypatch):
    go_live_without_asking(monkeypatch)
    menu_action(window, "&Meeting", "&Live mode").trigger()
    qtbot.addWidget(window.live)
    assert window.live.record.meeting.date == dt.date(2025, 4, 16)
    assert window.live.isVisible()


def test_live_mode_twice_keeps_one_live_window(qtbot, window, monkeypatch):
    go_live_without_asking(monkeypatch)
    action = menu_action(window, "&Meeting", "&Live mode")
    action.trigger()
    first = window.live
    qtbot.addWidget(first)
    action.trigger()
    assert window.live is first


def test_mark_minutes_agreed_locks_them(window, demo_store, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    menu_action(window, "&Meeting", "Mark minutes &agreed…").trigger()
    april = find_meeting(demo_store, dt.date(2025, 4, 16))
    assert load_meeting(demo_store, april).meeting.minutes_status == "agreed"
    assert "locked" in window.statusBar().currentMessage()


def test_unlock_minutes_keeps_the_reason(window, demo_store, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Wrong date in action 17", True))
    menu_action(window, "&Meeting", "Mark minutes &agreed…").trigger()
    menu_action(window, "&Meeting", "&Unlock minutes…").trigger()
    april = find_meeting(demo_store, dt.date(2025, 4, 16))
    assert load_meeting(demo_store, april).meeting.minutes_status == "draft"
    assert audit_log(demo_store, april)[-1].reason == "Wrong date in action 17"


def test_export_minutes_offers_a_public_word_version(qtbot, window, planted_private, tmp_path, monkeypatch):
    import docx

    out = tmp_path / "summary"
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Word document, public version", True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    menu_action(window, "&File", "Export &minutes…").trigger()
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(), timeout=5000)  # written off the GUI thread
    document = docx.Document(str(tmp_path / "summary.docx"))
    text = "\n".join(p.text for p in document.paragraphs) + "".join(
        c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Public Question" in text and planted_private not in text
