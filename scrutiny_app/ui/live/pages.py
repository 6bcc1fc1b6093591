"""The record pages of live mode: declarations, public questions, PCC questions, risks, actions.

Their columns are record_columns', the same the main window's panes edit with.

Each is a :class:`TablePane` over a :class:`RecordTableModel` (cells save as typed,
see cell_editors, and go on the shared undo stack); Ctrl+N adds a row and starts
typing in it. A cell left half-typed when the officer moved on is opened again
when they come back to the page.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QVBoxLayout, QWidget

from scrutiny_app.core import live
from scrutiny_app.core.store import Store
from scrutiny_app.ui.cell_editors import commit_open_editor, open_editor_at_end
from scrutiny_app.ui.live.commands import Step
from scrutiny_app.ui.record_model import ROW_ROLE, SAVE_ERRORS, Column, RecordTableModel
from scrutiny_app.ui.table_pane import TablePane

class RecordPage(QWidget):
    """A table of one kind of record of the meeting (or of the current item)."""

    failed = Signal(str)

    def __init__(self, store: Store, columns: list[Column], undo_stack: QUndoStack, *,
                 fetch: Callable[[], list[Any]], create: Callable[..., Any] | None, noun: str, empty_text: str,
                 first_field: str | None = None, parent=None):
        super().__init__(parent)
        self.fetch, self.create, self.noun, self.undo_stack = fetch, create, noun, undo_stack
        self.resume: tuple[int, int] | None = None  # (record id, column) of a cell left half-typed
        fields = [c.field for c in columns]
        # where typing starts in a new row: the given field, else the first long-text one
        self.first_column = fields.index(first_field) if first_field else next(
            (i for i, c in enumerate(columns) if c.field and c.multiline), 0)
        self.model = RecordTableModel(store, columns, undo_stack=undo_stack, parent=self)
        self.model.failed.connect(self.failed)
        self.pane = TablePane(self.model, placeholder=f"Filter {noun}s", empty_text=empty_text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pane)

    @property
    def store(self) -> Store:
        return self.model.store

    def reload(self) -> None:
        self.model.set_rows(self.fetch())

    def add(self, *, edit: bool = True, **fields) -> Any | None:
        """Add a row with ``fields`` (Ctrl+N: none) and, with ``edit``, start typing in its first text column."""
        if self.create is None:
            return None
        try:
            record = self.create(**fields)
        except SAVE_ERRORS as exc:
            self.failed.emit(f"Not added: {exc}")
            return None
        self.undo_stack.push(Step(f"add {self.noun}", lambda: self._put_back(record), lambda: self._remove(record), done=True))
        self.reload()
        if edit:
            self.edit_row(record)
        return record

    def _remove(self, record) -> None:
        try:
            live.delete_record(self.store, record)
        except SAVE_ERRORS as exc:
            self.failed.emit(f"Not undone: {exc}")
        self.reload()

    def _put_back(self, record) -> None:
        try:
            live.add_record(self.store, record)
        except SAVE_ERRORS as exc:
            self.failed.emit(f"Not redone: {exc}")
        self.reload()

    def edit_row(self, record, column: int | None = None) -> bool:
        """Open the editor on a record's cell (its first text column), cursor at the end; False if not shown."""
        row = next((i for i, r in enumerate(self.model.rows) if r.id == record.id), None)
        if row is None:
            return False
        self.resume = None
        self.pane.filter.clear()
        index = self.pane.proxy.mapFromSource(self.model.index(row, self.first_column if column is None else column))
        open_editor_at_end(self.pane.view, index)
        return True

    def commit_edit(self, *, remember: bool = False) -> None:
        """Save the cell being typed in and close it; with ``remember`` it is opened again by :meth:`focus_entry`."""
        index = commit_open_editor(self.pane.view)
        if index is not None and remember:
            self.resume = (index.data(ROW_ROLE).id, self.pane.proxy.mapToSource(index).column())

    def focus_entry(self) -> None:
        """The keyboard to this page: back into the cell left half-typed, else the first editable cell."""
        resume, self.resume = self.resume, None
        record = next((r for r in self.model.rows if resume and r.id == resume[0]), None)
        if record is not None and self.edit_row(record, resume[1]):
            return
        view = self.pane.view
        view.setFocus()
        current = view.currentIndex()
        if current.isValid() and current.flags() & Qt.ItemFlag.ItemIsEditable:
            return
        editable = [c for c in range(self.pane.proxy.columnCount()) if self.pane.proxy.index(0, c).flags()
                    & Qt.ItemFlag.ItemIsEditable]
        if editable:
            view.setCurrentIndex(self.pane.proxy.index(0, editable[0]))

    def current_record(self) -> Any | None:
        """The row the officer is on, else the last one (the newest question)."""
        current = self.pane.view.currentIndex()
        if current.isValid():
            return current.data(ROW_ROLE)
        return self.model.rows[-1] if self.model.rows else None

    def set_field(self, record, field: str, value) -> bool:
        """Change one field of a shown record as an edit would (saved, one undo step)."""
        row = next((i for i, r in enumerate(self.model.rows) if r.id == record.id), None)
        column = next(i for i, c in enumerate(self.model.columns) if c.field == field)
        return row is not None and self.model.setData(self.model.index(row, column), value, Qt.ItemDataRole.EditRole)

    def toggle_private(self) -> None:
        """Mark the current row not for publication, or publishable again (Ctrl+Shift+P)."""
        current = self.pane.view.currentIndex()
        column = next((i for i, c in enumerate(self.model.columns) if c.field == "private"), None)
        if not current.isValid() or column is None:
            return
        index = self.pane.proxy.index(current.row(), column)
        self.pane.proxy.setData(index, "" if index.data(Qt.ItemDataRole.EditRole) else "private", Qt.ItemDataRole.EditRole)
