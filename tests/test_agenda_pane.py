"""The Agenda pane driven like a user would: keys, drag and drop, undo, papers and the pack."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from pdfs import make_pdf
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pypdf import PdfReader

from background_jobs import settle
from scrutiny_app.core.papers import papers_of
from scrutiny_app.core.queries import load_meeting
from scrutiny_app.ui.new_meeting_dialog import NewMeetingDialog
from scrutiny_app.ui.paper_dialog import PaperDialog


def _titles(window) -> list[str]:
    return [window.agenda.proxy.index(r, 3).data() for r in range(window.agenda.proxy.rowCount())]


def _saved_titles(window) -> list[str]:
    return [x.title for x in load_meeting(window.store, window.record.meeting.id).agenda]


def _select(window, row: int) -> None:
    window.agenda.view.setFocus()
    window.agenda.view.setCurrentIndex(window.agenda.proxy.index(row, 3))


def _row_centre(window, row: int) -> QPoint:
    return window.agenda.view.visualRect(window.agenda.proxy.index(row, 3)).center()


def test_alt_down_moves_the_item_and_renumbers(qtbot, window):
    _select(window, 4)
    moved = _titles(window)[4]
    qtbot.keyClick(window.agenda.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _saved_titles(window)[5] == moved
    assert window.agenda.proxy.index(5, 0).data() == "6"


def test_alt_up_then_undo_puts_it_back(qtbot, window):
    before = _saved_titles(window)
    _select(window, 5)
    qtbot.keyClick(window.agenda.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert _saved_titles(window) != before
    window.undo_stack.undo()
    assert _saved_titles(window) == before


def test_dragging_a_row_onto_another_moves_it_there(qtbot, window):
    _select(window, 8)
    moved = _titles(window)[8]
    mime = window.agenda.model.mimeData([window.agenda.model.index(8, 3)])
    drop = QDropEvent(QPointF(_row_centre(window, 4)), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    # A synthetic event has no QDrag behind it, so its source cannot be the view: say it is internal.
    assert window.agenda_editor.handle_drop(drop, internal=True)
    assert _saved_titles(window)[4] == moved


def test_dropping_a_pdf_on_an_item_attaches_it(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(PaperDialog, "exec", lambda self: False)  # the cover-sheet form that follows
    path = tmp_path / "late paper.pdf"
    path.write_bytes(make_pdf("LATE"))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    drop = QDropEvent(QPointF(_row_centre(window, 3)), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    # Qt delivers a drop only after a drag entered; hand it straight to the viewport's filter instead.
    assert window.agenda_editor.eventFilter(window.agenda.view.viewport(), drop)
    settle(qtbot)  # the paper is read and checked off the GUI thread
    item = window.agenda.model.rows[3]
    assert papers_of(window.store, window.record.meeting.id)[item.id].attachment.filename == "late paper.pdf"


def test_a_duration_edit_moves_the_later_start_times_and_the_warning_shows_overrun(window):
    model = window.agenda.model
    model.setData(model.index(0, 2), "200")
    assert model.index(3, 1).data() == "13:20"
    assert "minutes past the meeting's end at 13:00" in window.agenda_editor.timing_label.text()


def test_add_item_inserts_after_the_current_one_and_undo_removes_it(qtbot, window):
    _select(window, 3)
    qtbot.keyClick(window.agenda.view, Qt.Key.Key_Escape)
    window.agenda_editor.commands["add"].trigger()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert _saved_titles(window)[4] == "New item"
    window.undo_stack.undo()
    assert "New item" not in _saved_titles(window)


def test_remove_item_and_undo(qtbot, window):
    before = _saved_titles(window)
    _select(window, 3)
    qtbot.keyClick(window.agenda.view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert "Public Questions" not in _saved_titles(window)
    window.undo_stack.undo()
    assert _saved_titles(window) == before


def test_removing_an_item_with_a_paper_is_refused_with_a_message(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    _select(window, 4)
    window.agenda_editor.commands["remove"].trigger()
    assert "has a paper" in shown[0]
    assert len(_saved_titles(window)) == 12


def test_new_meeting_dialog_proposes_the_next_quarter(qtbot, demo_store):
    dialog = NewMeetingDialog(demo_store)
    qtbot.addWidget(dialog)
    dialog.series_box.setCurrentText("PCC Accountability Meeting")
    assert dialog.chosen()[1] == dt.date(2025, 10, 22) + dt.timedelta(weeks=13)


def test_new_meeting_opens_with_the_standard_agenda(qtbot, window, monkeypatch):
    monkeypatch.setattr(NewMeetingDialog, "exec", lambda self: True)
    window.agenda_editor.new_meeting()
    assert window.record.meeting.date == dt.date(2026, 1, 21)
    assert window.agenda.proxy.rowCount() == 11
    assert "4 open actions brought forward" in window.statusBar().currentMessage()


def test_build_pack_runs_on_a_thread_and_updates_the_page_column(qtbot, window, tmp_path, monkeypatch):
    out = tmp_path / "pack.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kw: (str(out), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    window.agenda_editor.build_pack()
    with qtbot.waitSignal(window.agenda_editor.pack_build.finished, timeout=20000):
        pass
    reader = PdfReader(out)
    first_page_of_item_5 = reader.get_destination_page_number(reader.outline[1]) + 1
    qtbot.waitUntil(lambda: window.agenda.model.rows[4].page == first_page_of_item_5)
    assert window.agenda.proxy.index(4, 6).data() == str(first_page_of_item_5)


def test_a_first_paper_asks_for_its_cover_sheet_and_saves_it(qtbot, window, tmp_path, monkeypatch):
    def fill_in(dialog):
        dialog.editors["originator"].setText("T/ACC Balmer")
        dialog.editors["summary"].setPlainText("Hate crime figures for the year.")
        return True

    monkeypatch.setattr(PaperDialog, "exec", fill_in)
    path = tmp_path / "hate crime.pdf"
    path.write_bytes(make_pdf("HATE"))
    item = window.agenda.model.rows[3]
    _select(window, 3)
    with qtbot.waitSignal(window.agenda_editor.attach(item, path).finished, timeout=10000):
        pass
    report = papers_of(window.store, window.record.meeting.id)[item.id].report
    assert (report.title, report.originator, report.summary) == (
        "Public Questions", "T/ACC Balmer", "Hate crime figures for the year.")


def test_a_file_that_is_not_a_pdf_is_refused_in_a_message(qtbot, window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    path = tmp_path / "minutes.pdf"
    path.write_text("not really a PDF")
    with qtbot.waitSignal(window.agenda_editor.attach(window.agenda.model.rows[3], path).finished, timeout=10000):
        pass
    assert "minutes.pdf is not a PDF file" in shown[0]
    assert window.agenda.model.rows[3].id not in papers_of(window.store, window.record.meeting.id)  # nothing stored


def test_undoing_an_edit_made_before_a_move_shows_the_old_text(qtbot, window):
    model = window.agenda.model
    model.setData(model.index(3, 3), "Questions from the public")
    _select(window, 3)
    qtbot.keyClick(window.agenda.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert _titles(window)[3] == "Public Questions"


def test_a_scanned_paper_is_attached_and_the_officer_warned(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    monkeypatch.setattr(PaperDialog, "exec", lambda dialog: False)  # the cover sheet can wait
    item = window.agenda.model.rows[3]
    with qtbot.waitSignal(window.agenda_editor.attach(item, Path(__file__).parent / "data" / "bad" / "paper_image_only.pdf")
                          .finished, timeout=10000):
        pass
    assert papers_of(window.store, window.record.meeting.id)[item.id].attachment is not None
    assert len(shown) == 1 and "has no text, only images" in shown[0]


def test_the_pack_builder_is_left_for_the_worker_to_import():
    """Importing pypdf and reportlab took 250 ms; on the GUI thread it froze the window."""
    code = "import sys, scrutiny_app.ui.pack_runner; print('scrutiny_app.pack.builder' in sys.modules, 'reportlab' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.stdout.split() == ["False", "False"]
