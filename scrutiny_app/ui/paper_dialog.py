"""The cover-sheet fields of an item's paper (originator, reason, summary …), edited in a form."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QPlainTextEdit

from sqlmodel import select

from scrutiny_app.core import models as m
from scrutiny_app.core.papers import report_for_item
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


def load_report(store: Store, item: m.AgendaItem) -> m.Report:
    """The item's report, or an unsaved one titled like the item (saved only if the form is saved)."""
    with store.session() as s:
        report = s.exec(select(m.Report).where(m.Report.agenda_item_id == item.id)).first()
    return report or m.Report(meeting_id=item.meeting_id, agenda_item_id=item.id, title=item.title)


class PaperDialog(QDialog):
    def __init__(self, store: Store, item: m.AgendaItem, parent=None):
        super().__init__(parent)
        self.store, self.item_id = store, item.id
        self.report = load_report(store, item)
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
        values = self.values()
        with self.store.session() as s:
            report = report_for_item(s, s.get(m.AgendaItem, self.item_id))
            changed = {k: v for k, v in values.items() if getattr(report, k) != v}
            for name, value in changed.items():
                setattr(report, name, value)
            s.add(report)
        return len(changed)
