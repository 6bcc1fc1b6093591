"""The attendance register: everyone in the directory, ticked present, remote or apologies.

Keys on a selected name: P present, R remote, A apologies, Delete or Space clears.
A new person is added inline with their role and organisation.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scrutiny_app.core import live
from scrutiny_app.core.formatting import person_in_full
from scrutiny_app.core.people import match_person
from scrutiny_app.ui.directory_picker import directory_completer
from scrutiny_app.core.store import Store
from scrutiny_app.ui.live.commands import Step
from scrutiny_app.ui.record_model import SAVE_ERRORS

STATUS_NAMES = {"present": "Present", "remote": "Remote", "apologies": "Apologies"}
STATUS_KEYS = {Qt.Key.Key_P: "present", Qt.Key.Key_R: "remote", Qt.Key.Key_A: "apologies",
               Qt.Key.Key_Delete: None, Qt.Key.Key_Backspace: None, Qt.Key.Key_Space: None}
STATUS_COLOURS = {"present": "#d4edda", "remote": "#d6e9f8", "apologies": "#f3e1c7"}
STATUS_TEXT = "#1a1a1a"


class AttendanceModel(QAbstractTableModel):
    HEADERS = ("Name", "Attendance")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.people: list[tuple] = []  # (Person, Organisation | None)
        self.status: dict[int, str] = {}

    def load(self, people: list[tuple], status: dict[int, str]) -> None:
        self.beginResetModel()
        self.people, self.status = people, status
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.people)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        person, org = self.people[index.row()]
        status = self.status.get(person.id)
        if role == Qt.ItemDataRole.DisplayRole:
            return person_in_full(person, org) if index.column() == 0 else STATUS_NAMES.get(status, "")
        if role == Qt.ItemDataRole.BackgroundRole and status:
            return QBrush(STATUS_COLOURS[status])
        if role == Qt.ItemDataRole.ForegroundRole and status:  # pale rows keep dark text under a dark palette
            return QBrush(STATUS_TEXT)
        return None

    def set_status(self, person_id: int, status: str | None) -> None:
        if status is None:
            self.status.pop(person_id, None)
        else:
            self.status[person_id] = status
        row = next(i for i, (p, _) in enumerate(self.people) if p.id == person_id)
        self.dataChanged.emit(self.index(row, 0), self.index(row, 1))


class AttendancePage(QWidget):
    failed = Signal(str)

    def __init__(self, store: Store, undo_stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.store, self.undo_stack, self.meeting_id = store, undo_stack, None
        self.model = AttendanceModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(1, 110)
        self.view.setToolTip("P present · R remote · A apologies · Delete clears")
        self.view.installEventFilter(self)

        self.name = QLineEdit(self)
        self.name.setPlaceholderText("New person: name")
        self.role = QLineEdit(self)
        self.role.setPlaceholderText("Role, e.g. Chief Finance Officer")
        self.organisation = QLineEdit(self)
        self.organisation.setPlaceholderText("Organisation")
        self.new_status = QComboBox(self)
        self.new_status.addItems(STATUS_NAMES.values())
        add = QPushButton("Add person", self)
        add.clicked.connect(self.add_person)
        for field in (self.name, self.role, self.organisation):
            field.returnPressed.connect(self.add_person)
        row = QHBoxLayout()
        for widget in (self.name, self.role, self.organisation, self.new_status, add):
            widget.setMinimumWidth(24)  # a narrow tabbed dock squeezes them rather than widening the window
        row.addWidget(self.name, 3)
        row.addWidget(self.role, 3)
        row.addWidget(self.organisation, 2)
        row.addWidget(self.new_status)
        row.addWidget(add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(row)

    def load(self, meeting_id: int) -> None:
        self.meeting_id = meeting_id
        people = live.directory(self.store)
        self.model.load(people, live.attendance_of(self.store, meeting_id))
        names = directory_completer(self.store, self.name)
        names.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)  # a popup would keep the keyboard
        self.name.setCompleter(names)
        orgs = sorted({o.short_name or o.name for _, o in people if o is not None})
        completer = QCompleter(orgs, self.organisation)
        completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)  # no popup to steal Enter
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.organisation.setCompleter(completer)
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress and event.key() in STATUS_KEYS \
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            row = self.view.currentIndex().row()
            if row >= 0:
                self.tick(self.model.people[row][0].id, STATUS_KEYS[event.key()])
                if row + 1 < self.model.rowCount():
                    self.view.setCurrentIndex(self.model.index(row + 1, 0))
            return True
        return super().eventFilter(watched, event)

    def tick(self, person_id: int, status: str | None) -> None:
        before = self.model.status.get(person_id)
        if before == status:
            return
        self.undo_stack.push(Step("attendance", lambda: self._write(person_id, status), lambda: self._write(person_id, before)))

    def _write(self, person_id: int, status: str | None) -> None:
        try:
            live.set_attendance(self.store, self.meeting_id, person_id, status)
        except SAVE_ERRORS as exc:
            self.failed.emit(f"Not saved: {exc}")
            return
        self.model.set_status(person_id, status)

    def add_person(self) -> None:
        """Add the person typed in the row below the register, ticked with the chosen status."""
        known = match_person(self.store, self.name.text())  # someone in the directory is ticked, not added again
        try:
            person = known or live.add_person(self.store, self.name.text(), self.role.text(), self.organisation.text())
        except SAVE_ERRORS as exc:
            self.failed.emit(f"Not added: {exc}")
            return
        for field in (self.name, self.role, self.organisation):
            field.clear()
        self.load(self.meeting_id)
        status = list(STATUS_NAMES)[self.new_status.currentIndex()]
        self.tick(person.id, status)
        row = next(i for i, (p, _) in enumerate(self.model.people) if p.id == person.id)
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.name.setFocus()
