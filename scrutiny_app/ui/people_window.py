"""Meeting › People…: the people directory, to add, edit, merge, retire and import.

Layer: ui. Every change is core.people's (checked, nothing saved on bad
input); "Import people…" reads the file with imports.people on the window's
runner, shows what it would add and change and the problems by row, and saves
only when there are none and the officer says so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from scrutiny_app.core import people as core_people
from scrutiny_app.core.people import DirectoryEntry, PersonDetails
from scrutiny_app.errors import UserError
from scrutiny_app.imports.people import PeoplePlan, apply_people, read_people
from scrutiny_app.ui import settings
from scrutiny_app.ui.window_context import WindowContext

HEADERS = ("Name", "Role", "Organisation", "E-mail", "Short form", "Active")


class PersonDialog(QDialog):
    """One person's details; saved through core.people on OK, which stays open on a wrong field."""

    def __init__(self, context: WindowContext, entry: DirectoryEntry | None, parent=None, name: str = ""):
        super().__init__(parent)
        self.context, self.entry = context, entry
        details = entry.details if entry else PersonDetails(name)
        self.setWindowTitle("Edit person" if entry else "Add person")
        self.name, self.role = QLineEdit(details.name), QLineEdit(details.role)
        self.organisation, self.email = QLineEdit(details.organisation), QLineEdit(details.email)
        self.short_name = QLineEdit(details.short_name)
        self.short_name.setPlaceholderText("as actions name them, e.g. DCC Megicks")
        self.active = QCheckBox("Active (untick when they have left)")
        self.active.setChecked(details.active)
        self.honorific = details.honorific
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        for label, field in (("&Name:", self.name), ("&Role:", self.role), ("&Organisation:", self.organisation),
                             ("&E-mail:", self.email), ("&Short form:", self.short_name)):
            form.addRow(label, field)
        form.addRow("", self.active)
        form.addRow(buttons)
        self.setMinimumWidth(480)
        self.person_id: int | None = entry.id if entry else None

    def accept(self) -> None:
        details = PersonDetails(self.name.text(), self.role.text(), self.organisation.text(), self.email.text(),
                                self.short_name.text(), self.active.isChecked(), self.honorific)
        try:
            if self.entry is None:
                self.person_id = core_people.add_person(self.context.store, details)
            else:
                core_people.edit_person(self.context.store, self.entry.id, details)
        except UserError as exc:
            QMessageBox.warning(self, "Person not saved", str(exc))
            return
        super().accept()


class PeopleWindow(QDialog):
    """The directory as a table with a filter box; double-click (or Enter) edits a person."""

    def __init__(self, context: WindowContext):
        super().__init__(context.window)
        self.context = context
        self.setWindowTitle("People")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter people (name, role, organisation, e-mail)")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.entries: list[DirectoryEntry] = []
        buttons = QHBoxLayout()
        for text, slot in (("&Add…", self.add), ("&Edit…", self.edit), ("&Merge two…", self.merge),
                           ("&Retire / bring back", self.toggle_retired), ("&Import people…", self.import_people)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch()
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.resize(1000, 560)
        self.fill()

    def fill(self, select_id: int | None = None) -> None:
        self.entries = core_people.list_people(self.context.store)
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            d = entry.details
            for column, text in enumerate((d.name, d.role, d.organisation, d.email, d.short_name,
                                           "Active" if d.active else "Left")):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, entry.id)
                self.table.setItem(row, column, item)
        self.table.setSortingEnabled(True)
        self.table.resizeColumnsToContents()
        self._apply_filter(self.filter.text())
        if select_id is not None:
            for row in range(self.table.rowCount()):
                if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == select_id:
                    self.table.selectRow(row)

    def _apply_filter(self, text: str) -> None:
        words = text.lower().split()
        for row in range(self.table.rowCount()):
            line = " ".join(self.table.item(row, c).text() for c in range(len(HEADERS))).lower()
            self.table.setRowHidden(row, not all(w in line for w in words))

    def selected(self) -> list[DirectoryEntry]:
        ids = [self.table.item(i.row(), 0).data(Qt.ItemDataRole.UserRole)
               for i in self.table.selectionModel().selectedRows()]
        by_id = {x.id: x for x in self.entries}
        return [by_id[i] for i in ids]

    def add(self) -> None:
        dialog = PersonDialog(self.context, None, self)
        if dialog.exec():
            self.fill(dialog.person_id)
            self.context.say(f"{dialog.name.text().strip()} added to the directory.")

    def edit(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            self.context.warn("Select one person to edit.")
            return
        if PersonDialog(self.context, chosen[0], self).exec():
            self.fill(chosen[0].id)

    def merge(self) -> None:
        """Merge the second selected person into the first (asked first): every record of theirs follows."""
        chosen = self.selected()
        if len(chosen) != 2:
            QMessageBox.information(self, "Merge people", "Select the two entries that are one person (Ctrl+click).")
            return
        keep, merge = chosen
        answer = QMessageBox.question(
            self, "Merge people",
            f"Merge “{merge.details.label}” into “{keep.details.label}”?\n\nEvery attendance, presenter, action owner, "
            f"declaration and risk of “{merge.details.label}” moves to “{keep.details.label}”, and "
            f"“{merge.details.label}” leaves the directory.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            merged = core_people.merge_people(self.context.store, keep.id, merge.id)
        except UserError as exc:
            QMessageBox.warning(self, "Not merged", str(exc))
            return
        self.fill(keep.id)
        QMessageBox.information(
            self, "Merged",
            f"“{merged.removed_name}” is now “{keep.details.label}”: {merged.attendances} attendance(s), "
            f"{merged.presenters} presenter(s), {merged.actions} action(s), {merged.declarations} declaration(s) "
            f"and {merged.risks} risk(s) moved.")

    def toggle_retired(self) -> None:
        for entry in self.selected():
            core_people.retire_person(self.context.store, entry.id, left=entry.details.active)
        self.fill()

    def import_people(self) -> None:
        path = self.context.ask_open_path("Import people", "People (*.xlsx *.csv)", settings.import_folder)
        if path is None:
            return
        self.context.run(f"Reading {path.name}", lambda _progress: read_people(self.context.store, path),
                         self._preview, lambda exc: QMessageBox.warning(self, "People not imported", str(exc)))

    def _preview(self, plan: PeoplePlan) -> None:
        """Saved only when the file has no problems and the officer says Import."""
        self.preview = PeoplePreview(plan, self)
        if not self.preview.exec():
            return
        try:
            saved = apply_people(self.context.store, plan)
        except UserError as exc:
            QMessageBox.warning(self, "People not imported", str(exc))
            return
        self.fill()
        self.context.say(f"{saved} people imported from {plan.path.name}.")


class PeoplePreview(QDialog):
    """What a people file would add and change, or its problems by row (then Import is off)."""

    def __init__(self, plan: PeoplePlan, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Import people from {plan.path.name}")
        lines = [str(x) for x in plan.problems] or [str(x) for x in plan.changes]
        self.text = QPlainTextEdit("\n".join(lines) or "Nothing to change: the directory already holds everyone.")
        self.text.setReadOnly(True)
        if plan.problems:
            summary = f"{len(plan.problems)} problem(s); nothing will be imported until the file is put right."
        else:
            summary = f"{len(plan.changes)} to add or update, {plan.unchanged} already as the file says."
        self.summary = QLabel(summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("Import")
        self.import_button.setEnabled(not plan.problems and bool(plan.changes))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(640, 420)
