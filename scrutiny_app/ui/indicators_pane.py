"""The Indicators pane: pick a table of the meeting, read its figures, see them charted."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QSplitter, QVBoxLayout, QWidget

from scrutiny_app.core.indicators import IndicatorRow, TableView, load_tables
from scrutiny_app.core.store import Store
from scrutiny_app.ui.indicator_chart import IndicatorChart
from scrutiny_app.ui.record_model import Column, RecordTableModel
from scrutiny_app.ui.table_pane import TablePane


SHORT_HEADERS = {
    "last_12_months": "Last 12m",
    "previous_12_months": "Prev 12m",
    "long_term_average": "LTA",
    "pct_diff_previous": "± prev 12m",
    "pct_diff_lta": "± LTA",
}


def _short_header(period: dict) -> str:
    if period["key"] in SHORT_HEADERS:
        return SHORT_HEADERS[period["key"]]
    if period.get("start") and len(period["key"]) == 7:  # a month, "2024-04"
        return dt.date.fromisoformat(period["start"]).strftime("%b %y")
    return period["label"]


def _figure_column(period: dict) -> Column:
    key = period["key"]
    return Column(
        _short_header(period),
        lambda row: row.values.get(key),
        show=lambda v: v.as_printed if v else "",
        sort=lambda v: v.value if v and v.value is not None else float("-inf"),
        width=80,
        align_right=True,
        tip=period["label"],
    )


def indicator_columns(view: TableView | None) -> list[Column]:
    """Group and name, then one column per printed period with the figure as printed."""
    columns = []
    if view is not None and view.has_groups:
        columns.append(Column("Group", lambda r: r.indicator.group, width=140))
    columns.append(Column("Indicator", lambda r: r.indicator.name, width=220, multiline=True))
    columns += [_figure_column(p) for p in (view.table.periods if view else [])]
    return columns


class IndicatorsPane(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.views: list[TableView] = []
        self.picker = QComboBox(self)
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.picker.setMinimumContentsLength(30)
        self.picker.currentIndexChanged.connect(self._show_table)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setObjectName("dateRangeNote")
        self.note.setStyleSheet("color: #555;")
        self.body = QSplitter(Qt.Orientation.Vertical, self)
        self.model = RecordTableModel(None, indicator_columns(None), parent=self)
        self.table = TablePane(self.model, placeholder="Filter indicators", empty_text="No indicator tables for this meeting",
                               parent=self.body)
        self.table.view.setWordWrap(False)
        self.table.current_changed.connect(self._row_selected)
        self.chart = IndicatorChart(self.body)
        self.body.addWidget(self.table)
        self.body.addWidget(self.chart)
        self.body.setStretchFactor(0, 1)
        self.body.setStretchFactor(1, 1)
        self.body.setSizes([400, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.picker)
        layout.addWidget(self.note)
        layout.addWidget(self.body, 1)
        self._show_table(-1)

    def load(self, store: Store, meeting_id: int) -> None:
        self.views = load_tables(store, meeting_id)
        self.picker.blockSignals(True)
        self.picker.clear()
        for v in self.views:
            self.picker.addItem(f"{v.table.label}: {v.table.caption}" if v.table.label else v.table.caption)
            self.picker.setItemData(self.picker.count() - 1, v.table.caption, Qt.ItemDataRole.ToolTipRole)
        if not self.views:
            self.picker.addItem("No indicator tables for this meeting")
        self.picker.setEnabled(bool(self.views))
        self.picker.blockSignals(False)
        self._show_table(0 if self.views else -1)

    @property
    def current(self) -> TableView | None:
        i = self.picker.currentIndex()
        return self.views[i] if 0 <= i < len(self.views) else None

    def _show_table(self, _index: int) -> None:
        view = self.current
        self.model.set_columns(indicator_columns(view), view.rows if view else [])
        self.table.setup_columns()
        self.note.setText(view.table.date_range_note or "" if view else "")
        self.note.setVisible(bool(view and view.table.date_range_note))
        self.chart.setVisible(view is not None)
        self.chart.show_table(view)

    def _row_selected(self, row: IndicatorRow | None) -> None:
        if row is not None:
            self.chart.show_table(self.current, row)
