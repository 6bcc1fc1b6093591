"""Opening damaged or shared databases from the window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlmodel import select

from scrutiny_app.core import models as m
from scrutiny_app.core.store import open_store
from scrutiny_app.ui.database_dialogs import open_with_dialogs
from scrutiny_app.ui.main_window import MainWindow


@pytest.fixture
def damaged_db(office_db):
    """The office database (opened once, so backed up), then overwritten with zeros."""
    office_db.write_bytes(b"\0" * 4096)
    return office_db


def test_a_damaged_database_is_restored_from_its_backup_when_the_user_agrees(qapp, damaged_db, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, buttons: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    store = open_with_dialogs(None, damaged_db)
    assert "latest automatic backup" in asked[0]
    with store.session() as s:
        assert [x.name for x in s.exec(select(m.MeetingSeries)).all()] == ["Police and Crime Panel"]
    store.close()


def test_a_damaged_database_is_left_alone_when_the_user_declines(qapp, damaged_db, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.No)
    assert open_with_dialogs(None, damaged_db) is None
    assert damaged_db.read_bytes() == b"\0" * 4096


def test_a_second_window_on_the_same_file_says_it_is_read_only(qtbot, demo_path):
    first = open_store(demo_path)
    second = open_store(demo_path)
    window = MainWindow(second)
    qtbot.addWidget(window)
    try:
        assert "Read-only" in window.db_label.text()
        item = window.agenda.model.rows[0]
        title = [c.header for c in window.agenda.model.columns].index("Title")
        window.agenda.model.setData(window.agenda.model.index(0, title), "A new title")
        assert "read-only" in window.statusBar().currentMessage()
        with first.session() as s:
            assert s.get(m.AgendaItem, item.id).title == item.title != "A new title"
    finally:
        second.close()
        first.close()
