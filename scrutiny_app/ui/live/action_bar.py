"""Capturing a new action without leaving the keyboard: Ctrl+Shift+A, type, Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from scrutiny_app.core.fields import DUE_DATE
from scrutiny_app.errors import UserError


class ActionBar(QWidget):
    """Owner, description, due date; ``submitted`` carries them (the due date parsed) on Enter.

    The window saves the action and calls :meth:`done`; on a refusal the typing stays.
    """

    submitted = Signal(str, str, object)
    failed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("actionBar")
        self.label = QLabel("New action:", self)
        self.owner = QLineEdit(self)
        self.owner.setPlaceholderText("Owner, e.g. DCC Megicks")
        self.description = QLineEdit(self)
        self.description.setPlaceholderText("what they are to do, e.g. provide the PCC with a report on …")
        self.due = QLineEdit(self)
        self.due.setPlaceholderText("Due, e.g. 30/09/2025")
        self.due.setMaximumWidth(150)
        save = QPushButton("Add action", self)
        save.clicked.connect(self.submit)
        close = QPushButton("Cancel", self)
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.label)
        layout.addWidget(self.owner, 2)
        layout.addWidget(self.description, 6)
        layout.addWidget(self.due, 1)
        layout.addWidget(save)
        layout.addWidget(close)
        for field in (self.owner, self.description, self.due):
            field.returnPressed.connect(self.submit)
        self.hide()

    def open(self, next_number: int, owners: list[str], description: str = "") -> None:
        """Show the bar, the cursor in the owner; ``description`` (from the notes) fills in what is to be done."""
        self.label.setText(f"New action {next_number}:")
        if description:
            self.description.setText(description.replace("\n", " "))
        completer = QCompleter(owners, self.owner)
        completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)  # no popup to steal Enter
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.owner.setCompleter(completer)
        self.show()
        self.owner.setFocus()
        self.owner.selectAll()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)

    def submit(self) -> None:
        try:
            due = DUE_DATE.parse(self.due.text())
        except UserError as exc:
            self.failed.emit(str(exc))
            self.due.setFocus()
            return
        self.submitted.emit(self.owner.text(), self.description.text(), due)

    def done(self) -> None:
        """The action was saved: clear and put the bar away."""
        for field in (self.owner, self.description, self.due):
            field.clear()
        self.hide()
