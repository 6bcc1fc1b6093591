"""One table model for every pane: rows are database records, columns are declared.

Each pane lists :class:`Column` specs; the model displays, sorts (on raw values
through ``SORT_ROLE``) and saves edits straight to the database through
:func:`scrutiny_app.core.queries.update_field`, one short session per edit.
Edits go through an undo stack when one is given. An edit the disk refuses
(a full disk, a file gone read-only) is not thrown away: the typed value stays
in its cell, in red, until a retry saves it or the user types the saved value back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from scrutiny_app.core import fields
from scrutiny_app.core.queries import update_field
from scrutiny_app.core.store import SAVE_ERRORS, Store
from scrutiny_app.errors import SaveFailed, UserError

SORT_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
UNSAVED_COLOUR = "#c00000"
_UNUSED_ROLES = frozenset(int(role) for role in (
    Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.CheckStateRole,
    Qt.ItemDataRole.SizeHintRole, Qt.ItemDataRole.StatusTipRole, Qt.ItemDataRole.WhatsThisRole,
    Qt.ItemDataRole.AccessibleTextRole))
_NOTHING = object()


def refused_edits(notes, panes) -> int:
    """Edits the database refused that are still only on screen: in ``notes`` (saved once more first)
    and in the models of ``panes``."""
    notes.save()
    return notes.unsaved_count() + sum(len(pane.model.unsaved) for pane in panes)


def close_despite_refused(parent: QWidget, refused: int) -> bool:
    """May a window holding ``refused`` edits the database refused close? Asks when there are any."""
    return not refused or QMessageBox.question(
        parent, "Changes not saved",
        f"{refused} change(s) could not be saved: the database refused them (is the disk full?). "
        "They are shown in red, or in the notes. Close anyway and lose them?") == QMessageBox.StandardButton.Yes


@dataclass(frozen=True)
class Column:
    header: str
    get: Callable[[Any], Any]
    field: str | None = None  # the record's attribute an edit writes; None: read-only
    show: Callable[[Any], str] = lambda v: "" if v is None else str(v)
    parse: Callable[[str], Any] | None = None  # edit text -> value; ValueError: refused
    width: int = 100
    choices: tuple[str, ...] = ()  # edited with a drop-down
    multiline: bool = False  # edited in a text box, shown wrapped
    align_right: bool = False
    sort: Callable[[Any], Any] | None = None  # value -> sort key, when the raw value is not one
    stretch: bool = False  # takes the pane's spare width
    min_width: int = 0  # never narrower than this when a pane is squeezed (e.g. a whole date)
    tip: str = ""  # the header's tooltip, when the header is abbreviated
    colour: Callable[[Any], str | None] | None = None  # row -> text colour of the cell
    cell_tip: Callable[[Any], str] | None = None  # row -> tooltip of the cell


def _sort_value(value):
    # Mixed None/values would not compare in the proxy: None sorts first.
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (dt.date, dt.time)):  # as text, so a blank ("") sorts before them
        return value.isoformat()
    return value


class _EditCommand(QUndoCommand):
    def __init__(self, model: "RecordTableModel", record, column: Column, old, new):
        super().__init__(f"edit {column.header.lower()}")
        self.model, self.record, self.column, self.old, self.new = model, record, column, old, new
        self.session = model.edit_session

    def id(self) -> int:
        return 1 if self.session is not None else -1  # only the saves of one cell editor merge

    def mergeWith(self, other: QUndoCommand) -> bool:
        """The saves made while one editor was open are one step: undo goes back to before it opened."""
        same = (other.session, other.model, other.column.field, type(other.record), other.record.id)
        if same != (self.session, self.model, self.column.field, type(self.record), self.record.id):
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True

    def redo(self) -> None:
        if not self.model.apply(self.record, self.column, self.new):
            self.setObsolete(True)  # nothing was saved, so there is nothing to undo

    def undo(self) -> None:
        self.model.apply(self.record, self.column, self.old)


class RecordTableModel(QAbstractTableModel):
    saved = Signal(str)  # a status-bar message after each saved edit
    failed = Signal(str)  # a message when an edit was refused

    def __init__(
        self,
        store: Store | None,
        columns: list[Column],
        *,
        record_of: Callable[[Any], Any] = lambda row: row,
        background: Callable[[Any], str | None] | None = None,
        undo_stack: QUndoStack | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self.store = store
        self.columns = columns
        self.record_of = record_of  # a row may be a tuple or wrapper; edits go to this record
        self.background = background
        self.undo_stack = undo_stack
        self.rows: list[Any] = []
        self.unsaved: dict[tuple, Any] = {}  # (record type, id, field) -> the value the database refused
        self.edit_session = None  # set by the cell editor saving now (cell_editors): its saves are one undo step

    def _unsaved_key(self, record, column: Column) -> tuple:
        return type(record), record.id, column.field

    # -- contents ---------------------------------------------------------
    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def set_columns(self, columns: list[Column], rows: list[Any]) -> None:
        self.beginResetModel()
        self.columns = columns
        self.rows = list(rows)
        self.endResetModel()

    def set_store(self, store: Store | None) -> None:
        self.store = store

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[section].tip or self.columns[section].header
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)) or not (0 <= index.column() < len(self.columns)):
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == ROW_ROLE:
            return row
        if role in _UNUSED_ROLES:  # asked for every cell painted or measured: answered before any work
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self.background(row) if self.background is not None else None
            return QBrush(colour) if colour else None
        value = column.get(row)
        pending = self._pending(row, column)
        if pending is not _NOTHING:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(UNSAVED_COLOUR))
            if role == Qt.ItemDataRole.ToolTipRole:
                return "Not saved yet: the database refused it. Edit the cell again (F2, Enter) to retry."
            value = pending
        if role == Qt.ItemDataRole.DisplayRole:
            return column.show(value)
        if role == Qt.ItemDataRole.EditRole:
            return column.show(value) if column.parse or value is None else value
        if role == SORT_ROLE:
            return _sort_value(column.sort(value) if column.sort else value)
        if role == Qt.ItemDataRole.ToolTipRole and column.cell_tip is not None:
            return column.cell_tip(row) or None
        if role == Qt.ItemDataRole.ToolTipRole and column.multiline:
            return column.show(value)
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            colour = column.colour(row)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.align_right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignTop)
        return None

    def _pending(self, row, column: Column):
        """The value the database refused for this cell, still shown; ``_NOTHING`` when there is none."""
        if not self.unsaved or not column.field:
            return _NOTHING
        return self.unsaved.get(self._unsaved_key(self.record_of(row), column), _NOTHING)

    def shown_texts(self, r: int) -> list[str]:
        """The text each cell of row ``r`` shows: what the filter box matches."""
        row = self.rows[r]
        if not self.unsaved:
            return [column.show(column.get(row)) for column in self.columns]
        shown = [(column, self._pending(row, column)) for column in self.columns]
        return [column.show(column.get(row) if pending is _NOTHING else pending) for column, pending in shown]

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].field and self.store is not None and not self.store.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # -- editing ----------------------------------------------------------
    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = self.columns[index.column()]
        if not column.field:
            return False
        record = self.record_of(self.rows[index.row()])
        if column.choices and value not in column.choices:  # the choices are what the user sees and picks
            self.failed.emit(f"{column.header}: choose one of {', '.join(c for c in column.choices if c)}")
            return False
        try:
            new = column.parse(value) if column.parse else value
            fields.check(type(record), column.field, new)  # refused before it reaches the undo stack
        except UserError as exc:  # core's field rule: the message names the field and the value
            self.failed.emit(str(exc))
            return False
        except ValueError as exc:
            self.failed.emit(f"{column.header}: {exc}")
            return False
        old = getattr(record, column.field)
        if new == old:
            if self.unsaved.pop(self._unsaved_key(record, column), _NOTHING) is not _NOTHING:
                self.dataChanged.emit(index, index)  # back to the saved value: no longer unsaved
            return False
        if self.undo_stack is not None:
            self.undo_stack.push(_EditCommand(self, record, column, old, new))
        else:
            self.apply(record, column, new)
        return True

    def apply(self, record, column: Column, value) -> bool:
        """Write one value to the database and to the row on screen; False when the database refused it."""
        key = self._unsaved_key(record, column)
        try:
            update_field(self.store, type(record), record.id, column.field, value)
        except SAVE_ERRORS as exc:
            kept = isinstance(exc, SaveFailed)  # the disk may recover; a rule or a read-only window will not
            if kept:
                self.unsaved[key] = value
                self._repaint(self._showing(record))
            self.failed.emit(f"Not saved: {exc}" + (" What you typed stays in the cell, in red, to try again."
                                                    if kept else ""))
            return False
        self.unsaved.pop(key, None)
        setattr(record, column.field, value)
        showing = self._showing(record)
        for _r, shown in showing:
            setattr(shown, column.field, value)
        self._repaint(showing)
        self.saved.emit(f"Saved {column.header.lower()} at {dt.datetime.now():%H:%M:%S}")
        return True

    def _showing(self, record) -> list[tuple[int, Any]]:
        """The rows showing ``record``, with their records.

        Matched by id, not identity: the rows may have been reloaded since the edit was made.
        """
        found = []
        for r, row in enumerate(self.rows):
            shown = self.record_of(row)
            if type(shown) is type(record) and shown.id == record.id:
                found.append((r, shown))
        return found

    def _repaint(self, showing: list[tuple[int, Any]]) -> None:
        for r, _shown in showing:
            self.dataChanged.emit(self.index(r, 0), self.index(r, len(self.columns) - 1))


# Not strftime: it imports a module each call, through PySide6's import hook (a tenth of the filter's time).
def show_date(value: dt.date | None) -> str:
    return f"{value.day:02}/{value.month:02}/{value.year}" if value else ""


def show_time(value: dt.time | None) -> str:
    return f"{value.hour:02}:{value.minute:02}" if value else ""
