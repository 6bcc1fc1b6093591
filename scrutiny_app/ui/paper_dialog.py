"""The cover-sheet fields of an item's paper (originator, reason, summary …), edited in a form.

Layer: ui; reading and writing the fields is :mod:`scrutiny_app.core.papers`'s.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QPlainTextEdit

from scrutiny_app.core import models as m
from scrutiny_app.core.papers import cover_of, save_cover
from scrutiny_app.core.store import Store

# (field, label, long text)
COVER_FIELDS = (
    ("title", "Title", False),
    ("originator", "Originator", False),
    ("reason_for_submission", "Reason for submission", False),
    ("submitted_to", "Submitted to", False),
    ("subject", "Subject", True),
    ("summary", "Summary", True),
    ("recommendation", "Recommendation", True),
)


class PaperDialog(QDialog):
    def __init__(self, store: Store, item: m.AgendaItem, parent=None):
        super().__init__(parent)
        self.store, self.item_id = store, item.id
        self.report = cover_of(store, item)
        self.setWindowTitle(f"Paper for item {item.number or ''}: cover sheet".replace("  ", " "))
        self.setMinimumWidth(560)
        form = QFormLayout(self)
        self.editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        for name, label, long in COVER_FIELDS:
            value = getattr(self.report, name) or ""
            editor = QPlainTextEdit(value) if long else QLineEdit(value)
            if long:
                editor.setTabChangesFocus(True)
                editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 4 + 12)
            form.addRow(f"{label}:", editor)
            self.editors[name] = editor
        self.private = QCheckBox("Private: leave this paper out of the published pack")
        self.private.setChecked(self.report.private)
        form.addRow(self.private)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict:
        values = {name: e.toPlainText() if isinstance(e, QPlainTextEdit) else e.text()
                  for name, e in self.editors.items()}
        values["private"] = self.private.isChecked()
        return values

    def save(self) -> int:
        """Write the changed fields; returns how many changed."""
        return save_cover(self.store, self.item_id, self.values())
