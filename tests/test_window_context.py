"""The window context (issue 17): what the panes and commands share, and the one save-path helper."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QFileDialog

from scrutiny_app.ui import settings
from scrutiny_app.ui.file_dialogs import PNG, SVG, XLSX, ask_save_path

APRIL = dt.date(2025, 4, 16)


@pytest.fixture
def answered(monkeypatch):
    """The native save dialog answers with what the test puts in ``answer``; what it was asked is kept."""
    asked, answer = [], {}

    def dialog(parent, title, start, filters):
        asked.append((title, start, filters))
        return answer["name"], answer.get("filter", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return asked, answer


@pytest.mark.parametrize(("typed", "chosen", "written"), [
    ("chart", "SVG drawing (*.svg)", "chart.svg"),  # the kind chosen in the dialog
    ("chart", "", "chart.png"),  # the dialog does not say: the first kind
    ("chart.SVG", "PNG image (*.png)", "chart.SVG"),  # a suffix of one of the kinds is kept as typed
    ("chart.v2", "PNG image (*.png)", "chart.v2.png"),
])
def test_a_name_gets_the_suffix_of_its_kind(qapp, settings_dir, tmp_path, answered, typed, chosen, written):
    asked, answer = answered
    answer.update(name=str(tmp_path / typed), filter=chosen)
    assert ask_save_path(None, "Export chart", settings.export_folder, "chart.png", (PNG, SVG)) == tmp_path / written
    assert asked[0][2] == "PNG image (*.png);;SVG drawing (*.svg)"


def test_the_folder_is_remembered_for_next_time_and_a_cancel_changes_nothing(qapp, settings_dir, tmp_path, answered):
    asked, answer = answered
    (tmp_path / "exports").mkdir()
    answer["name"] = str(tmp_path / "exports" / "tracker.xlsx")
    ask_save_path(None, "Export", settings.export_folder, "tracker.xlsx", (XLSX,))
    answer["name"] = ""
    assert ask_save_path(None, "Export", settings.export_folder, "again.xlsx", (XLSX,)) is None
    assert asked[1][1] == str(tmp_path / "exports" / "again.xlsx")  # started where the last one was saved
    assert settings.export_folder.get() == tmp_path / "exports"


def test_a_plain_folder_is_where_the_dialog_starts_and_is_not_remembered(qapp, settings_dir, tmp_path, answered):
    asked, answer = answered
    answer["name"] = str(tmp_path / "elsewhere" / "office")
    assert ask_save_path(None, "New", tmp_path, "scrutiny.sqlite", (XLSX,)) == tmp_path / "elsewhere" / "office.xlsx"
    assert asked[0][1] == str(tmp_path / "scrutiny.sqlite")
    assert settings.export_folder.get() != tmp_path / "elsewhere"


def test_the_meeting_shown_is_announced_and_the_agenda_editor_follows_it(qtbot, window):
    with qtbot.waitSignal(window.context.meeting_changed) as shown:
        assert window.select_meeting(APRIL)
    assert shown.args[0].meeting.date == APRIL and window.context.record is shown.args[0]
    assert window.agenda_editor.meeting_id == shown.args[0].meeting.id


def test_messages_go_to_the_status_bar_and_errors_to_a_box(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    boxes = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: boxes.append((parent, title, text)))
    window.context.say("Saved")
    assert window.statusBar().currentMessage() == "Saved"
    window.context.warn("Refused")
    assert window.statusBar().currentMessage() == "Refused"
    window.context.error("Export failed", "The disk is full")
    assert boxes == [(window, "Export failed", "The disk is full")]


def test_a_new_database_typed_without_a_suffix_is_created_and_opened(qtbot, window, tmp_path, answered):
    _, answer = answered
    answer["name"] = str(tmp_path / "office")
    demo = window.store
    window.files.new_database()
    assert window.store is not demo and window.store.path == tmp_path / "office.sqlite"
    assert (tmp_path / "office.sqlite").exists() and not window.context.demo
    assert window.record is None and window.agenda.model.rowCount() == 0  # an empty office: no meetings yet
    assert window.statusBar().currentMessage() == f"Opened {tmp_path / 'office.sqlite'}"


def test_restoring_a_backup_reopens_the_window_on_it(qtbot, office_db, settings_dir, monkeypatch):
    from PySide6.QtWidgets import QInputDialog
    from sqlmodel import select

    from scrutiny_app.core import models as m
    from scrutiny_app.core.store import open_store
    from scrutiny_app.ui.main_window import MainWindow

    window = MainWindow(open_store(office_db))
    qtbot.addWidget(window)
    with window.store.session() as s:
        s.add(m.MeetingSeries(name="Added after the backup"))
    offered = []
    monkeypatch.setattr(QInputDialog, "getItem", lambda parent, title, text, labels, *a: offered.append(labels)
                        or (labels[0], True))
    before = window.store
    window.files.restore_from_backup()
    try:
        assert len(offered[0]) == 1 and window.store is not before and window.store.path == office_db
        with window.store.session() as s:
            assert [x.name for x in s.exec(select(m.MeetingSeries)).all()] == ["Police and Crime Panel"]
        assert window.statusBar().currentMessage().startswith("Restored ")
    finally:
        window.store.close()
