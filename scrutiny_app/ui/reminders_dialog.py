"""Due and overdue by owner, on screen, with the drafts and summary a button away.

Layer: ui. The list (half a second over ten years of actions) is read, and the
drafts and summary written, on the background runner.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
)

from scrutiny_app.core.reminders import reminders_by_owner
from scrutiny_app.core.store import Store
from scrutiny_app.ui import settings
from scrutiny_app.ui.background import Operation, Runner
from scrutiny_app.ui.columns import DUE_COLOURS
from scrutiny_app.ui.record_model import Column, RecordTableModel, show_date
from scrutiny_app.ui.table_pane import TablePane

REMINDER_COLUMNS = [
    Column("Owner", lambda r: r[0].owner, width=130),
    Column("E-mail", lambda r: r[0].email or "", width=150),
    Column("No.", lambda r: r[1].action.number, width=40, align_right=True),
    Column("Due", lambda r: r[1].action.due_date, show=show_date, width=82),
    Column("State", lambda r: r[2] or "Open", width=120),
    Column("Description", lambda r: r[1].action.description, width=360, multiline=True, stretch=True),
]


class RemindersDialog(QDialog):
    def __init__(self, store: Store, series_id: int | None, parent=None):
        super().__init__(parent)
        self.store, self.series_id = store, series_id
        self.runner = Runner(self)
        self._asked = 0  # lists asked for (one per date chosen); an answer to any but the last is stale
        self.setWindowTitle("Due and overdue by owner")
        self.resize(1000, 560)
        self.as_of = QDateEdit(QDate.currentDate())
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("dd/MM/yyyy")
        self.as_of.dateChanged.connect(self.refresh)
        self.summary = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("As of"))
        top.addWidget(self.as_of)
        top.addWidget(self.summary, 1)
        model = RecordTableModel(None, REMINDER_COLUMNS, background=lambda r: DUE_COLOURS.get(r[2]), parent=self)
        self.table = TablePane(model, placeholder="Filter (owner, number, text)",
                               empty_text="No open actions: nothing to remind anyone of")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save = buttons.addButton("Save e-mail drafts and summary…", QDialogButtonBox.ButtonRole.ActionRole)
        self.save.clicked.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.refresh()

    def today(self) -> dt.date:
        return self.as_of.date().toPython()

    def refresh(self) -> None:
        """List who has what open as of the chosen date, read off the GUI thread."""
        self._asked += 1
        asked, store, today, series_id = self._asked, self.store, self.today(), self.series_id
        self.summary.setText("  Reading the open actions…")
        self.runner.run("Reading the open actions", lambda _progress: reminders_by_owner(store, today, series_id),
                        lambda reminders: self._show(asked, reminders), quiet=True)

    def _show(self, asked: int, reminders) -> None:
        if asked != self._asked:
            return  # another date was chosen since
        self.table.model.set_rows([(r, row, state) for r in reminders for row, state in r.actions])
        overdue = sum(r.count("Overdue") for r in reminders)
        self.summary.setText(f"  {len(reminders)} owner(s) with open actions; {overdue} overdue. "
                             "Private actions are left out.")

    def _save(self) -> Operation | None:
        from scrutiny_app.exports.reminders import export_reminders

        start = settings.export_folder.get()
        folder = QFileDialog.getExistingDirectory(self, "Save reminders to a folder", str(start))
        if not folder:
            return None
        store, today, series_id = self.store, self.today(), self.series_id

        def saved(written: list[Path]) -> None:
            QMessageBox.information(self, "Reminders saved",
                                    f"Saved {len(written) - 1} e-mail draft(s) and the summary to {folder}.\n"
                                    "Open a draft in your mail program to check and send it.")

        self.saving = Runner(self).run("Saving the reminders",
                                       lambda _progress: export_reminders(store, Path(folder), today, series_id), saved,
                                       user_error_title="Reminders not saved")
        return self.saving
