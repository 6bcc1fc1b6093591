"""Editing the agenda in its pane: add, remove and move items (keys, menu, drag and drop), start
times and the overrun warning, papers dropped on an item, and the pack and new-meeting commands."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMenu, QMessageBox

from scrutiny_app.core import agenda as core
from scrutiny_app.core.papers import attach_paper_file, cover_of
from scrutiny_app.core.queries import MeetingRecord
from scrutiny_app.ui import settings
from scrutiny_app.ui.agenda_commands import AddedItem, MovedItem, RemovedItem
from scrutiny_app.ui.background import Operation
from scrutiny_app.ui.file_dialogs import PDF
from scrutiny_app.ui.paper_dialog import PaperDialog
from scrutiny_app.ui.record_model import ROW_ROLE, SAVE_ERRORS

if TYPE_CHECKING:
    from scrutiny_app.ui.table_pane import TablePane
    from scrutiny_app.ui.window_context import WindowContext

WARNING_STYLE = "color: #8a1c1c; background: #f8d7da; padding: 3px 6px; border-radius: 3px;"
TIMING_STYLE = "color: #444; padding: 3px 6px;"


def _pdf_paths(mime) -> list[Path]:
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile() and u.toLocalFile().lower().endswith(".pdf")]


class AgendaEditor(QObject):
    """Works on the agenda ``pane`` with the window context's undo stack, following the meeting it shows."""

    def __init__(self, context: WindowContext, pane: TablePane):
        super().__init__(context)
        self.context = context
        self.pane = pane
        context.meeting_changed.connect(self.show_meeting)
        self.meeting_id: int | None = None
        self.timing_label = QLabel(self.pane)
        self.timing_label.setObjectName("agendaTiming")
        self.timing_label.setWordWrap(True)
        self.pane.layout().addWidget(self.timing_label)
        self.pane.model.saved.connect(self._after_edit)

        view = self.pane.view
        view.setDragEnabled(True)
        view.setAcceptDrops(True)
        view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        view.setDropIndicatorShown(True)
        view.viewport().installEventFilter(self)

        self.commands: dict[str, QAction] = {}
        for key, text, slot, shortcut in (
            ("add", "&Add item", lambda: self.add("New item", "item"), "Ctrl+Ins"),
            ("break", "Add &break", lambda: self.add("Refreshment break", "break", 15), "Ctrl+Shift+Ins"),
            ("remove", "&Remove item", self.remove_current, "Ctrl+Del"),
            ("up", "Move &up", lambda: self.move_current(-1), "Alt+Up"),
            ("down", "Move &down", lambda: self.move_current(1), "Alt+Down"),
            ("attach", "Attach &paper…", self.attach_from_dialog, "Ctrl+Shift+P"),
            ("cover", "Paper &cover sheet…", self.edit_cover, None),
            ("template", "Save as the series' &standard agenda", self.save_as_template, None),
        ):
            action = QAction(text, self.pane)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.pane.addAction(action)
            self.commands[key] = action

    @property
    def store(self):
        return self.context.store

    def fill_menu(self, menu: QMenu) -> None:
        for key in ("add", "break", "remove", None, "up", "down", None, "attach", "cover", None, "template"):
            if key is None:
                menu.addSeparator()
            else:
                menu.addAction(self.commands[key])

    # -- the meeting shown --------------------------------------------------
    def show_meeting(self, record: MeetingRecord | None) -> None:
        self.meeting_id = record.meeting.id if record else None
        for action in self.commands.values():
            action.setEnabled(record is not None)
        self._show_timing()

    def _show_timing(self) -> None:
        if self.meeting_id is None:
            self.timing_label.clear()
            return
        timing = core.meeting_timing(self.store, self.meeting_id)
        warning = timing.warning()
        if warning:
            self.timing_label.setText(f"⚠ {warning}")
            self.timing_label.setStyleSheet(WARNING_STYLE)
        elif timing.ends_at is not None:
            end = f" (the meeting ends at {timing.meeting_end:%H:%M})" if timing.meeting_end else ""
            self.timing_label.setText(f"The agenda runs to {timing.ends_at:%H:%M}{end}.")
            self.timing_label.setStyleSheet(TIMING_STYLE)
        else:
            self.timing_label.setText("Set the meeting's start time to work out the item times.")
            self.timing_label.setStyleSheet(TIMING_STYLE)

    def reload(self, select_id: int | None) -> None:
        """Read the agenda back from the database after a change, keeping the chosen row selected."""
        if self.meeting_id is None:
            return
        items = core.load_agenda(self.store, self.meeting_id)
        if self.context.record is not None:
            self.context.record.agenda = items
        self.pane.model.set_rows(items)
        self._show_timing()
        if select_id is not None:
            for row, item in enumerate(items):
                if item.id == select_id:
                    self.pane.view.setCurrentIndex(self.pane.proxy.mapFromSource(self.pane.model.index(row, 0)))

    def _after_edit(self, _message: str) -> None:
        """A duration or kind edit moves the start times and numbers: update the rows in place.

        Every field is copied back, because an undone edit may belong to a row object from before a
        reload, and then only the database has the restored value."""
        if self.meeting_id is None:
            return
        try:
            core.rearrange(self.store, self.meeting_id)
            fresh = {x.id: x for x in core.load_agenda(self.store, self.meeting_id)}
        except SAVE_ERRORS as exc:
            self.refused(f"Times not updated: {exc}")
            return
        model = self.pane.model
        for item in model.rows:
            if item.id in fresh:
                for name in type(item).model_fields:
                    setattr(item, name, getattr(fresh[item.id], name))
        if model.rows:
            model.dataChanged.emit(model.index(0, 0), model.index(len(model.rows) - 1, len(model.columns) - 1))
        self._show_timing()

    # -- changes ------------------------------------------------------------
    def _current(self):
        index = self.pane.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _order(self) -> list[int]:
        return [item.id for item in self.pane.model.rows]

    def refused(self, text: str) -> None:
        self.context.warn(text)

    def _attempt(self, change):
        try:
            return change()
        except SAVE_ERRORS as exc:
            self.context.error("Agenda not changed", str(exc))
            return None

    def add(self, title: str, kind: str, minutes: int | None = None) -> None:
        if self.meeting_id is None:
            return
        current = self._current()
        at = self._order().index(current.id) + 1 if current is not None else len(self._order())
        item_id = self._attempt(lambda: core.add_item(self.store, self.meeting_id, at, title, kind, minutes))
        if item_id is not None:
            self.context.undo_stack.push(AddedItem(self, item_id, title))
            self.pane.view.edit(self.pane.view.currentIndex().siblingAtColumn(self._column("Title")))

    def remove_current(self) -> None:
        item = self._current()
        if item is None:
            return
        removed = self._attempt(lambda: core.remove_item(self.store, item.id))
        if removed is not None:
            self.context.undo_stack.push(RemovedItem(self, removed))

    def move_current(self, delta: int) -> None:
        item = self._current()
        if item is not None:
            self.move(item, self._order().index(item.id) + delta)

    def move(self, item, to: int) -> None:
        """Move ``item`` to position ``to`` (clamped); the agenda is shown in its own order afterwards."""
        before = self._order()
        after = [x for x in before if x != item.id]
        after.insert(max(0, min(to, len(after))), item.id)
        if after == before:
            return
        self.pane.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        if self._attempt(lambda: core.rearrange(self.store, self.meeting_id, after)) is not None:
            self.context.undo_stack.push(MovedItem(self, self.meeting_id, before, after, item.id, item.title))

    def _column(self, header: str) -> int:
        return [c.header for c in self.pane.model.columns].index(header)

    # -- papers -------------------------------------------------------------
    def attach(self, item, path: Path) -> Operation:
        """Read, check and store ``path`` as ``item``'s paper off the GUI thread; a refusal is a message."""
        store = self.store

        def attached(result) -> None:
            self.reload(item.id)
            self.context.say(f"Attached {path.name} to “{item.title}”; it goes into the next pack build.")
            if result.note:
                self.context.error("About this paper", result.note)
            if not self._attempt(lambda: cover_of(self.store, item).originator):
                self.edit_cover()  # a first paper: ask for its cover sheet

        self.attaching = self.context.runner.run(f"Attaching {path.name}",
                                                 lambda _progress: attach_paper_file(store, item.id, path), attached,
                                                 user_error_title="Paper not attached")
        return self.attaching

    def edit_cover(self) -> None:
        """The paper's cover-sheet fields; the report is created with the item's title if there is none."""
        item = self._current()
        if item is None:
            return
        dialog = self._attempt(lambda: PaperDialog(self.store, item, self.context.window))
        if dialog is not None and dialog.exec() and self._attempt(dialog.save):
            self.context.say(f"Saved the cover sheet of “{item.title}”.")

    def attach_from_dialog(self) -> None:
        item = self._current()
        if item is None:
            return
        path = self.context.ask_open_path(f"Attach a paper to “{item.title}”", PDF.filter, settings.paper_folder)
        if path is not None:
            self.attach(item, path)

    def save_as_template(self) -> None:
        record = self.context.record
        if record is None:
            return
        if self._attempt(lambda: core.set_template(self.store, record.series.id, self.pane.model.rows) or True):
            self.context.say(f"This agenda is now the standard agenda of the {record.series.name}.")

    # -- meetings and the pack ----------------------------------------------
    def new_meeting(self) -> None:
        from scrutiny_app.core.meetings import open_or_create_meeting
        from scrutiny_app.ui.new_meeting_dialog import NewMeetingDialog

        record = self.context.record
        dialog = NewMeetingDialog(self.store, self.context.window, record.series.id if record else None)
        if not dialog.exec():
            return
        series_id, day = dialog.chosen()
        opened = self._attempt(lambda: open_or_create_meeting(self.store, series_id, day))
        if opened is None:
            return
        meeting_id = opened.id
        if not opened.created:
            self.context.list_meetings(meeting_id)
            self.context.say("That series already meets that day: its meeting is open.")
            return
        carried = len(core.brought_forward(self.store, meeting_id))
        self.context.list_meetings(meeting_id)
        self.context.say(f"Meeting created with the standard agenda; {carried} open actions brought forward.")

    def build_pack(self) -> None:
        from scrutiny_app.ui.pack_runner import start_pack_build

        record = self.context.record
        if record is None:
            return
        self.context.save_open_edits()
        out = self.context.ask_save_path("Build agenda pack", f"Agenda pack {record.meeting.date.isoformat()}.pdf",
                                         (PDF,), settings.pack_folder)
        if out is None:
            return
        self.pack_build = start_pack_build(self.context.runner, self.store, record.meeting.id, out, self._pack_built,
                                           lambda: self.context.say("Agenda pack cancelled; nothing was written."))

    def _pack_built(self, result) -> None:
        self.reload(self._current().id if self._current() is not None else None)
        self.context.say(f"Agenda pack written to {result.path} ({result.pages} pages).")
        if result.notes:
            QMessageBox.information(self.context.window, "Agenda pack built", "\n\n".join(result.notes))

    # -- drag and drop ------------------------------------------------------
    def _row_at(self, pos) -> QModelIndex:
        index = self.pane.view.indexAt(pos)
        return self.pane.proxy.mapToSource(index) if index.isValid() else QModelIndex()

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop) or self.meeting_id is None:
            return super().eventFilter(watched, event)
        internal = event.source() is self.pane.view
        if kind == QEvent.Type.Drop:
            self.handle_drop(event, internal)
            return True
        files = _pdf_paths(event.mimeData())
        if internal or (files and self._row_at(event.position().toPoint()).isValid()):
            event.setDropAction(Qt.DropAction.MoveAction if internal else Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()
        return True

    def handle_drop(self, event, internal: bool) -> bool:
        """A row dragged within the table moves there; a PDF dropped on an item becomes its paper."""
        files = _pdf_paths(event.mimeData())
        target = self._row_at(event.position().toPoint())
        if files and target.isValid():
            self.attach(self.pane.model.rows[target.row()], files[0])
            done = True
        elif internal and self._current() is not None:
            self.move(self._current(), target.row() if target.isValid() else len(self.pane.model.rows))
            done = True
        else:
            done = False
        event.setDropAction(Qt.DropAction.MoveAction if internal else Qt.DropAction.CopyAction)
        event.setAccepted(done)
        return done
