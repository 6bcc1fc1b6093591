"""The preview of a returned tracker: what it would change and what is wrong, before anything is saved."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
)

from scrutiny_app.imports.action_updates import ImportPlan
from scrutiny_app.ui.record_model import Column, RecordTableModel

CHANGE_COLUMNS = [
    Column("Sheet", lambda c: c.sheet, width=60),
    Column("Row", lambda c: c.row, width=44, align_right=True),
    Column("Action", lambda c: c.number, width=52, align_right=True),
    Column("Status", lambda c: c.status if c.status == c.old_status else f"{c.old_status} → {c.status}", width=130),
    Column("New update", lambda c: c.text, width=420, multiline=True, stretch=True),
]
PROBLEM_COLUMNS = [
    Column("Sheet", lambda p: p.sheet or "", width=60),
    Column("Row", lambda p: p.row, width=44, align_right=True),
    Column("Problem", lambda p: p.message, width=560, multiline=True, stretch=True),
]


def _table(columns: list[Column], rows: list, parent) -> QTableView:
    model = RecordTableModel(None, columns, parent=parent)
    model.set_rows(rows)
    view = QTableView(parent)
    view.setModel(model)
    view.setWordWrap(True)
    view.verticalHeader().setVisible(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    for i, column in enumerate(columns):
        view.setColumnWidth(i, column.width)
        if column.stretch:
            view.horizontalHeader().setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
    view.resizeRowsToContents()
    return view


class ImportPreviewDialog(QDialog):
    """Apply is offered for a clean file; a file with problems needs "only the valid rows" ticked."""

    def __init__(self, plan: ImportPlan, parent=None):
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(f"Import {plan.path.name}")
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        summary = f"{len(plan.changes)} new update(s) to record"
        if plan.already_recorded:
            summary += f"; {plan.already_recorded} row(s) already recorded, which will not be added again"
        layout.addWidget(QLabel(summary + "."))
        self.changes = _table(CHANGE_COLUMNS, plan.changes, self)
        layout.addWidget(self.changes, 3)
        self.valid_only = QCheckBox("Apply only the valid rows (the rows below are left out)")
        if plan.problems:
            warning = QLabel(f"{len(plan.problems)} problem(s) found. Nothing is applied from a file with problems "
                             "unless you choose to apply only the valid rows.")
            warning.setWordWrap(True)
            warning.setStyleSheet("color: #a12;")
            layout.addWidget(warning)
            self.problems = _table(PROBLEM_COLUMNS, plan.problems, self)
            layout.addWidget(self.problems, 2)
            layout.addWidget(self.valid_only)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel)
        self.apply = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply.setText("Record updates")
        self.apply.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.valid_only.toggled.connect(self._check)
        layout.addWidget(self.buttons)
        self._check()

    def _check(self) -> None:
        allowed = not self.plan.problems or self.valid_only.isChecked()
        self.apply.setEnabled(bool(self.plan.changes) and allowed)
