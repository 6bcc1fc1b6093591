"""Import indicators…: preview what the file holds, correct a column's meaning, then import.

Layer: ui. Reading the file for the preview and importing it both run on the
background runner: the preview quietly (the summary says it is reading), the
import under a progress dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QLabel, QListWidget, QSplitter,
                               QTableWidget, QVBoxLayout)

from scrutiny_app.core.store import Store
from scrutiny_app.errors import UserError
from scrutiny_app.imports.indicators import FileReading, ImportReport, import_indicators, read_indicator_file
from scrutiny_app.imports.indicators.headers import named_period, slug
from scrutiny_app.imports.indicators.model import ColumnRole, ParsedTable
from scrutiny_app.ui.background import Runner

ROLE_NAMES = {"ignore": "Ignore", "group": "Group", "name": "Indicator", "period": "Period (a row each)",
              "value": "Figure", "difference": "Difference"}


class IndicatorImportDialog(QDialog):
    def __init__(self, store: Store, meeting_id: int, path: Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Import indicators from {path.name}")
        self.store, self.meeting_id, self.path = store, meeting_id, path
        self.corrections: dict[str, dict[int, ColumnRole]] = {}
        self.report: ImportReport | None = None
        self.reading: FileReading | None = None  # None while the file is being read
        self.runner = Runner(self)
        self._reads = 0  # the newest read asked for: an older one's answer is dropped

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.tables = QListWidget(self)
        self.tables.currentRowChanged.connect(self._show_mapping)
        self.mapping = QTableWidget(self)
        self.mapping.setRowCount(2)
        self.mapping.setVerticalHeaderLabels(["Header", "Read as"])
        self.problems = QListWidget(self)
        self.problems.setObjectName("importProblems")
        self.readable_only = QCheckBox("Import the readable rows, leaving out rows with unreadable cells", self)
        self.replace_smaller = QCheckBox("Replace stored tables even where this file has fewer figures", self)
        self.replace_smaller.setVisible(False)  # shown once an import is refused for it
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._import)
        buttons.rejected.connect(self.reject)
        self.readable_only.toggled.connect(self._enable)

        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(self.tables)
        top.addWidget(self.mapping)
        top.setSizes([220, 680])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(top, 2)
        layout.addWidget(QLabel("Problems (sheet and cell):", self))
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.readable_only)
        layout.addWidget(self.replace_smaller)
        layout.addWidget(buttons)
        self.resize(960, 640)
        self.reread()

    def reread(self) -> None:
        """Read the file (again, with the corrections) off the GUI thread; the preview fills in when it is read."""
        self._reads += 1
        asked, path = self._reads, self.path
        corrections = {sheet: dict(roles) for sheet, roles in self.corrections.items()}
        self.reading = None
        self._enable()
        self.summary.setText(f"Reading {path.name}…")
        self.runner.run(f"Reading {path.name}", lambda _progress: read_indicator_file(path, corrections),
                        lambda reading: self._show_reading(asked, reading),
                        on_user_error=lambda exc: self._unreadable(asked, exc), quiet=True)

    def _unreadable(self, asked: int, exc: UserError) -> None:
        if asked == self._reads:
            self.summary.setText(f"Cannot import: {exc}")

    def _show_reading(self, asked: int, reading: FileReading) -> None:
        if asked != self._reads:
            return  # a newer correction is being read
        self.reading = r = reading
        self.summary.setText(f"{len(r.tables)} tables, {r.rows} rows, {len(r.problems)} problems. "
                             "Tables already held for this meeting with the same label are replaced.")
        current = max(self.tables.currentRow(), 0)
        self.tables.blockSignals(True)
        self.tables.clear()
        for t in r.tables:
            mark = f"  ({len(t.problems)} ⚠)" if t.problems else ""
            self.tables.addItem(f"{t.label}: {len(t.data_rows)} rows{mark}")
        self.tables.blockSignals(False)
        self.tables.setCurrentRow(min(current, len(r.tables) - 1))
        self.problems.clear()
        self.problems.addItems([p.line() for p in r.problems] or ["No problems: every printed difference agrees."])
        self.readable_only.setVisible(r.has_errors)
        self._enable()

    def _enable(self) -> None:
        blocked = self.reading is None or not self.reading.tables or (self.reading.has_errors and not self.readable_only.isChecked())
        self.import_button.setEnabled(not blocked)

    def _table(self, index: int) -> ParsedTable | None:
        tables = self.reading.tables if self.reading else []
        return tables[index] if 0 <= index < len(tables) else None

    def _show_mapping(self, index: int) -> None:
        table = self._table(index)
        roles = [r for r in table.roles if r.header or r.kind != "ignore"] if table else []
        self.mapping.setColumnCount(len(roles))
        for c, role in enumerate(roles):
            header = QLabel(role.header or "(no header)")
            header.setWordWrap(True)
            header.setToolTip(role.header)
            self.mapping.setCellWidget(0, c, header)
            combo = QComboBox()
            for kind, name in ROLE_NAMES.items():
                combo.addItem(name, kind)
            combo.setCurrentIndex(list(ROLE_NAMES).index(role.kind))
            combo.currentIndexChanged.connect(lambda _i, t=table, r=role, box=combo: self.correct(t, r, box.currentData()))
            self.mapping.setCellWidget(1, c, combo)
            self.mapping.setColumnWidth(c, 150)
        self.mapping.setRowHeight(0, 48)
        self.mapping.setHorizontalHeaderLabels([f"Column {r.col}" for r in roles])

    def correct(self, table: ParsedTable, role: ColumnRole, kind: str) -> None:
        """Read ``role``'s column as ``kind`` and read the file again."""
        header = role.header
        new = ColumnRole(role.col, header, kind, label=header)
        if kind == "value":
            period = named_period(header)
            new.key, new.label = (period.key, period.label) if period else (slug(header), header)
            new.start, new.end = (period.start, period.end) if period else (None, None)
        self.corrections.setdefault(table.sheet, {})[role.col] = new
        self.reread()

    def _import(self) -> None:
        """Import on a worker thread; the dialog closes when it is done, or says why not."""
        self.import_button.setEnabled(False)
        corrections = {sheet: dict(roles) for sheet, roles in self.corrections.items()}
        readable_only, replace_smaller = self.readable_only.isChecked(), self.replace_smaller.isChecked()

        def work(progress):
            return import_indicators(self.store, self.meeting_id, self.path, corrections=corrections,
                                     readable_only=readable_only, replace_smaller=replace_smaller)

        def done(report: ImportReport) -> None:
            if report.refused_smaller:
                self.summary.setText("Not imported: this file would replace stored tables with fewer figures.\n"
                                     + "\n".join(report.smaller) + "\nTick the box below to replace them anyway.")
                self.replace_smaller.setVisible(True)
                self.import_button.setEnabled(True)
                return
            self.report = report
            self.accept()

        def failed(exc: UserError) -> None:
            self.summary.setText(f"Not imported: {exc}")
            self.import_button.setEnabled(True)

        self.task = self.runner.run("Importing indicators", work, done, on_user_error=failed)
