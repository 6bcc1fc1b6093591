"""The small dialogs of the Action log: a new action, an update (or a closure), a deletion."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from scrutiny_app.core.models import ACTION_STATUSES


def _text_box(placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setMinimumSize(460, 110)
    return box


class _Form(QDialog):
    """A form whose OK button is only enabled while the required text box holds text."""

    def __init__(self, title: str, ok_text: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(ok_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.required: QPlainTextEdit | None = None

    def finish(self, required: QPlainTextEdit | None) -> None:
        self.form.addRow(self.buttons)
        self.required = required
        if required is not None:
            required.textChanged.connect(self._check)
            self._check()

    def _check(self) -> None:
        self.ok.setEnabled(bool(self.required.toPlainText().strip()))


class NewActionDialog(_Form):
    """Owner, description and an optional due date for an action raised at ``meeting``."""

    def __init__(self, number: int, meeting_text: str, owners: list[str], parent=None):
        super().__init__(f"New action {number}", "Raise action", parent)
        self.form.addRow(QLabel(f"Action {number}, raised at {meeting_text}"))
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.addItems(owners)
        self.owner.setCurrentText("")
        self.owner.lineEdit().setPlaceholderText("e.g. DCC Megicks")
        self.description = _text_box("DCC Megicks is to provide the PCC with …")
        self.has_due = QCheckBox("Due by")
        self.due = QDateEdit(QDate.currentDate().addDays(28))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("dd/MM/yyyy")
        self.due.setEnabled(False)
        self.has_due.toggled.connect(self.due.setEnabled)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due)
        due_row.addStretch(1)
        holder = QWidget()
        holder.setLayout(due_row)
        due_row.setContentsMargins(0, 0, 0, 0)
        self.form.addRow("Owner", self.owner)
        self.form.addRow("Description", self.description)
        self.form.addRow("Due date", holder)
        self.finish(self.description)

    def values(self) -> tuple[str, str, dt.date | None]:
        due = self.due.date().toPython() if self.has_due.isChecked() else None
        return self.owner.currentText().strip(), self.description.toPlainText().strip(), due


class UpdateDialog(_Form):
    """An update with its status; when closing, the status is fixed and the text says why."""

    def __init__(self, heading: str, status: str, *, closing: bool = False, parent=None):
        super().__init__("Close action" if closing else "Add update", "Close action" if closing else "Add update",
                         parent)
        title = QLabel(heading)
        title.setWordWrap(True)
        title.setMaximumWidth(520)
        self.form.addRow(title)
        self.text = _text_box("Why it is closed: what was done, and when" if closing else "What has happened since")
        self.status = QComboBox()
        self.status.addItems(ACTION_STATUSES)
        self.status.setCurrentText("Closed" if closing else ("Ongoing" if status == "New" else status))
        self.status.setEnabled(not closing)
        self.form.addRow("Update", self.text)
        self.form.addRow("Status", self.status)
        self.finish(self.text)

    def values(self) -> tuple[str, str]:
        return self.text.toPlainText().strip(), self.status.currentText()


class DeleteDialog(_Form):
    """Confirm a deletion; the reason goes into the action's history."""

    def __init__(self, heading: str, parent=None):
        super().__init__("Delete action", "Delete action", parent)
        label = QLabel(f"Delete {heading}?\nIts number will not be used again, and the history keeps a record "
                       "of the deletion.")
        label.setWordWrap(True)
        label.setMaximumWidth(520)
        self.form.addRow(label)
        self.reason = _text_box("Why, e.g. raised twice by mistake (optional)")
        self.reason.setMinimumHeight(70)
        self.form.addRow("Reason", self.reason)
        self.finish(None)

    def values(self) -> str:
        return self.reason.toPlainText().strip()
