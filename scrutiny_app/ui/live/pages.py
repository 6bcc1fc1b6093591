"""The record pages of live mode: declarations, public questions, PCC questions, risks, actions.

Each is a :class:`TablePane` over a :class:`RecordTableModel` (edits save at once
and go on the shared undo stack); Ctrl+N adds a row and starts typing in it.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QVBoxLayout, QWidget

from scrutiny_app.core import live
from scrutiny_app.core.store import Store
from scrutiny_app.ui.columns import PUBLIC_QUESTION_COLUMNS
from scrutiny_app.ui.live.commands import Step
from scrutiny_app.ui.record_model import SAVE_ERRORS, Column, RecordTableModel, parse_date, show_date
from scrutiny_app.ui.table_pane import TablePane

YES = ("yes", "y", "private", "true", "1", "x")
NO = ("", "no", "n", "public", "false", "0")


def parse_private(text: str) -> bool:
    word = text.strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise ValueError("type 'private' (not for publication) or leave it empty")


PRIVATE = Column("Private", lambda r: r.private, "private", show=lambda v: "Private" if v else "", parse=parse_private,
                 width=64, tip="Not for publication: left out of public minutes (Ctrl+Shift+P)")

DECLARATION_COLUMNS = [
    Column("Declaration", lambda d: d.text, "text", width=500, multiline=True, stretch=True),
]
LIVE_PUBLIC_COLUMNS = [*PUBLIC_QUESTION_COLUMNS, PRIVATE]
PCC_COLUMNS = [
    Column("No.", lambda q: q.number, "number", parse=int, width=40, align_right=True),
    Column("PCC question", lambda q: q.question, "question", width=260, multiline=True, stretch=True),
    Column("Answer", lambda q: q.answer, "answer", width=300, multiline=True, stretch=True),
    Column("Follow-up", lambda q: q.follow_up, "follow_up", width=200, multiline=True, stretch=True),
    PRIVATE,
]
RISK_COLUMNS = [
    Column("Raised by", lambda r: r.raised_by, "raised_by", width=140),
    Column("Emerging risk", lambda r: r.text, "text", width=500, multiline=True, stretch=True),
    PRIVATE,
]
LIVE_ACTION_COLUMNS = [
    Column("No.", lambda a: a.number, width=40, align_right=True),
    Column("Owner", lambda a: a.owner, "owner", width=130),
    Column("Description", lambda a: a.description, "description", width=420, multiline=True, stretch=True),
    Column("Due", lambda a: a.due_date, "due_date", show=show_date, parse=parse_date, width=86),
    PRIVATE,
]


class RecordPage(QWidget):
    """A table of one kind of record of the meeting (or of the current item)."""

    failed = Signal(str)

    def __init__(self, store: Store, columns: list[Column], undo_stack: QUndoStack, *,
                 fetch: Callable[[], list[Any]], create: Callable[[], Any] | None, noun: str, empty_text: str,
                 first_field: str | None = None, parent=None):
        super().__init__(parent)
        self.fetch, self.create, self.noun, self.undo_stack = fetch, create, noun, undo_stack
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

    def add(self) -> None:
        """Add a row (Ctrl+N), put the cursor in its first text column and start editing."""
        if self.create is None:
            return
        try:
            record = self.create()
        except SAVE_ERRORS as exc:
            self.failed.emit(f"Not added: {exc}")
            return
        self.undo_stack.push(Step(f"add {self.noun}", lambda: self._put_back(record), lambda: self._remove(record), done=True))
        self.reload()
        self.edit_row(record)

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

    def edit_row(self, record) -> None:
        row = next((i for i, r in enumerate(self.model.rows) if r.id == record.id), None)
        if row is None:
            return
        index = self.pane.proxy.mapFromSource(self.model.index(row, self.first_column))
        self.pane.view.setFocus()
        self.pane.view.setCurrentIndex(index)
        self.pane.view.edit(index)

    def toggle_private(self) -> None:
        """Mark the current row not for publication, or publishable again (Ctrl+Shift+P)."""
        current = self.pane.view.currentIndex()
        column = next((i for i, c in enumerate(self.model.columns) if c.field == "private"), None)
        if not current.isValid() or column is None:
            return
        index = self.pane.proxy.index(current.row(), column)
        self.pane.proxy.setData(index, "" if index.data(Qt.ItemDataRole.EditRole) else "private", Qt.ItemDataRole.EditRole)
