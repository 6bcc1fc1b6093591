"""A full disk or a read-only folder while saving and exporting: a clear message, and nothing lost.

The database is made "full" by SQLite itself (``PRAGMA max_page_count`` at its
current size), which fails writes with the same SQLITE_FULL error a full disk
gives. An export's full disk is the OS call failing with ENOSPC; a read-only
folder is the file system's immutable flag where it can be set (we may be
root, whom chmod does not stop), else the OS call refusing with EACCES.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import subprocess

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox

from db_digest import database_digest
from scrutiny_app.core import live
from scrutiny_app.core import models as m
from scrutiny_app.core.queries import find_meeting, load_meeting, update_field
from scrutiny_app.errors import ExportFailed, SaveFailed
from scrutiny_app.exports.actions_xlsx import export_actions_xlsx
from scrutiny_app.ui.live.screen import LiveWindow
from scrutiny_app.ui.record_model import UNSAVED_COLOUR

LONG_NOTES = "The CC said retail crime arrests rose by a fifth. " * 600  # 30 KB: new pages are needed


def _first_item(store) -> m.AgendaItem:
    return load_meeting(store, find_meeting(store, dt.date(2025, 7, 8))).agenda[0]


def test_an_edit_on_a_full_disk_is_refused_with_a_clear_message_and_nothing_changes(demo_store, demo_path, full_disk):
    before = database_digest(demo_path)
    with pytest.raises(SaveFailed, match=r"Cannot save to demo\.sqlite: the disk is full; free some space\. "
                                         r"Everything saved before is safe"):
        update_field(demo_store, m.AgendaItem, _first_item(demo_store).id, "notes", LONG_NOTES)
    assert database_digest(demo_path) == before


def test_notes_typed_on_a_full_disk_stay_on_screen_and_are_saved_once_there_is_room(qtbot, demo_store, full_disk):
    from scrutiny_app.ui.notes_editor import NotesEditor

    notes = NotesEditor()
    qtbot.addWidget(notes)
    item = _first_item(demo_store)
    notes.show_item(demo_store, item)
    notes.editor.setPlainText(LONG_NOTES)
    with qtbot.waitSignal(notes.failed) as failed:
        notes.save()
    assert failed.args[0].startswith("Notes not saved: Cannot save to demo.sqlite: the disk is full")
    assert notes.editor.toPlainText() == LONG_NOTES
    full_disk()
    with qtbot.waitSignal(notes.saved):
        notes.save()
    assert _first_item(demo_store).notes == LONG_NOTES


def test_a_cell_edit_on_a_full_disk_keeps_the_typed_text_in_red_until_a_retry_saves_it(qtbot, window, full_disk):
    model = window.action_log.model
    index = model.index(0, next(i for i, c in enumerate(model.columns) if c.field == "description"))
    action_id = model.rows[0].action.id
    with qtbot.waitSignal(model.failed) as failed:
        model.setData(index, LONG_NOTES)
    assert "Cannot save to demo.sqlite: the disk is full" in failed.args[0]
    assert model.data(index) == LONG_NOTES and model.data(index, Qt.ItemDataRole.EditRole) == LONG_NOTES
    assert model.data(index, Qt.ItemDataRole.ForegroundRole).color() == QColor(UNSAVED_COLOUR)
    assert not window.undo_stack.canUndo()  # nothing was saved, so there is nothing to undo
    with window.store.session() as s:
        assert s.get(m.Action, action_id).description != LONG_NOTES
    full_disk()
    with qtbot.waitSignal(model.saved):
        model.setData(index, model.data(index, Qt.ItemDataRole.EditRole))  # F2, Enter
    with window.store.session() as s:
        assert s.get(m.Action, action_id).description == LONG_NOTES
    assert model.data(index, Qt.ItemDataRole.ForegroundRole) is None and model.unsaved == {}


def test_typing_the_saved_value_back_drops_the_unsaved_one(qtbot, window, full_disk):
    model = window.action_log.model
    index = model.index(0, next(i for i, c in enumerate(model.columns) if c.field == "description"))
    saved = model.data(index)
    model.setData(index, LONG_NOTES)
    model.setData(index, saved)
    assert model.data(index) == saved and model.unsaved == {}


def _old_export(demo_store, folder):
    path = folder / "tracker.xlsx"
    export_actions_xlsx(demo_store, path)
    return path, path.read_bytes()


def test_an_export_on_a_full_disk_says_so_and_keeps_the_old_file(demo_store, tmp_path, monkeypatch):
    path, old = _old_export(demo_store, tmp_path)

    def no_space(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(ExportFailed, match=f"Cannot write {path}: No space left on device"):
        export_actions_xlsx(demo_store, path)
    assert path.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".xlsx", ".tmp")) == ["tracker.xlsx"]


@pytest.fixture
def read_only_folder(tmp_path, monkeypatch):
    """A folder nothing new can be written into: made immutable when possible, else refused by os.open."""
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "tracker.xlsx").write_bytes(b"last week's tracker")
    immutable = subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
    if not immutable:
        folder.chmod(0o555)
        try:
            (folder / "probe").touch()
        except PermissionError:
            pass
        else:  # root: chmod does not stop us, so the OS call refuses instead
            (folder / "probe").unlink()
            real_open = os.open

            def refusing_open(path, flags, *args, **kwargs):
                if os.fspath(path).startswith(str(folder)) and flags & os.O_CREAT:
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
                return real_open(path, flags, *args, **kwargs)

            monkeypatch.setattr(os, "open", refusing_open)
    yield folder
    if immutable:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    folder.chmod(0o755)


def test_an_export_into_a_read_only_folder_says_so_and_keeps_the_old_file(demo_store, read_only_folder):
    path = read_only_folder / "tracker.xlsx"
    with pytest.raises(ExportFailed, match=f"Cannot write {path}: (Permission denied|Operation not permitted)"):
        export_actions_xlsx(demo_store, path)
    assert path.read_bytes() == b"last week's tracker"
    assert [p.name for p in read_only_folder.iterdir()] == ["tracker.xlsx"]


def test_notes_refused_when_switching_items_come_back_with_their_item(qtbot, window, full_disk):
    first = window.agenda.model.rows[0]
    window.notes.show_item(window.store, first)
    window.notes.editor.setPlainText(LONG_NOTES)
    window.notes.show_item(window.store, window.agenda.model.rows[1])  # the save on switching is refused
    assert window.notes.unsaved_count() == 1
    full_disk()
    window.notes.show_item(window.store, first)
    assert window.notes.editor.toPlainText() == LONG_NOTES
    with qtbot.waitSignal(window.notes.saved, timeout=3000):
        pass  # saved again on its own, a moment later
    assert _first_item(window.store).notes == LONG_NOTES and window.notes.unsaved_count() == 0


def test_closing_with_refused_changes_asks_first(qtbot, window, full_disk, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.No)
    model = window.action_log.model
    model.setData(model.index(0, next(i for i, c in enumerate(model.columns) if c.field == "description")), LONG_NOTES)
    window.close()
    assert window.isVisible() and asked[0].startswith("1 change(s) could not be saved")


def _refuse_an_answer_in_live_mode(qtbot, window, monkeypatch) -> tuple[LiveWindow, QModelIndex]:
    """Live mode on the July meeting, with a public question's answer refused by the full disk."""
    question = live.new_public_question(window.store, find_meeting(window.store, dt.date(2025, 7, 8)))
    window.select_meeting(dt.date(2025, 7, 8))
    with monkeypatch.context() as patched:  # a past meeting: live mode asks first
        patched.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
        window.minutes.open_live()
    live_window = window.live
    qtbot.addWidget(live_window)
    page = live_window.public
    page.reload()
    row = next(r for r, q in enumerate(page.model.rows) if q.id == question.id)
    column = next(i for i, c in enumerate(page.model.columns) if c.field == "answer")
    return live_window, page.model.index(row, column)


def test_ending_live_mode_with_a_refused_edit_asks_first(qtbot, window, full_disk, monkeypatch):
    live_window, answer = _refuse_an_answer_in_live_mode(qtbot, window, monkeypatch)
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or next(answers))
    live_window.public.model.setData(answer, LONG_NOTES)
    live_window.close()
    assert live_window.isVisible() and asked[0].startswith("1 change(s) could not be saved")
    live_window.close()
    assert not live_window.isVisible() and len(asked) == 2


def test_closing_the_main_window_counts_what_live_mode_could_not_save(qtbot, window, full_disk, monkeypatch):
    live_window, answer = _refuse_an_answer_in_live_mode(qtbot, window, monkeypatch)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.No)
    live_window.public.model.setData(answer, LONG_NOTES)
    window.close()
    assert window.isVisible() and asked[0].startswith("1 change(s) could not be saved")
    full_disk()  # room again: the retry saves it, and both windows may close without asking
    live_window.public.model.setData(answer, LONG_NOTES)
    assert not live_window.public.model.unsaved
    live_window.close()
    window.close()
    assert len(asked) == 1 and not window.isVisible()
