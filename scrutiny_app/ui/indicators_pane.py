"""The Indicators pane: pick a table of the meeting, read its figures, see them charted.

Differences are coloured by the indicator's direction and marked ⚠ where the
printed figure disagrees with the recomputed one; "Across meetings" charts the
selected indicator over every report that carries it.
"""

from __future__ import annotations


from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton,
                               QSplitter, QVBoxLayout, QWidget)

from scrutiny_app.core.fields import FIELDS
from scrutiny_app.core.formatting import long_date
from scrutiny_app.core.indicator_series import SeriesPoint, indicator_series
from scrutiny_app.core.indicators import IndicatorRow, TableView, load_tables, short_label
from scrutiny_app.core.models import Indicator
from scrutiny_app.core.store import Store
from scrutiny_app.errors import UserError
from scrutiny_app.ui import settings
from scrutiny_app.ui.difference_colours import difference_colour
from scrutiny_app.ui.file_dialogs import PNG, SVG, ask_save_path
from scrutiny_app.ui.record_model import ROW_ROLE, Column, RecordTableModel
from scrutiny_app.ui.table_pane import TablePane

if TYPE_CHECKING:
    from scrutiny_app.ui.indicator_chart import IndicatorChart


def _check_tip(value) -> str:
    if value is None or value.recomputed is None:
        return ""
    if value.flag:
        return f"Printed {value.as_printed}, {value.flag}"
    return f"Printed {value.as_printed}; recomputed {value.recomputed:.2f}: agrees"


def _figure_column(period: dict) -> Column:
    key = period["key"]
    difference = period.get("kind") == "difference"
    return Column(
        short_label(period),
        lambda row: row.values.get(key),
        show=lambda v: (v.as_printed + (" ⚠" if v.flag else "")) if v else "",
        sort=lambda v: v.value if v and v.value is not None else float("-inf"),
        width=80,
        align_right=True,
        tip=period["label"],
        colour=(lambda row: difference_colour(row.indicator.direction, row.value(key))) if difference else None,
        cell_tip=lambda row: _check_tip(row.values.get(key)),  # also a difference column in a table of years
    )


def series_note(points: list[SeriesPoint]) -> str:
    """What the officer should know about a series too short to show a trend; empty when it is not."""
    if not points:
        return "No figure for this indicator in any meeting's report."
    reports = sorted({p.meeting for p in points})
    source = f"the report of {long_date(reports[0])}"
    if len(points) == 1:
        return (f"A single point: only {source} carries this indicator ({points[0].period}: {points[0].as_printed}). "
                "Reports of other meetings with the same Series will add points.")
    if len(reports) == 1:
        return f"All {len(points)} points come from {source}; no other meeting's report carries this Series yet."
    return ""


# Typed text read by core's rule of each field (it refuses what the field does not take).
_parse_direction = FIELDS[Indicator, "direction"].parse
_parse_target = FIELDS[Indicator, "target"].parse
_parse_series_key = FIELDS[Indicator, "series_key"].parse


SETTINGS_COLUMNS = [
    Column("Better", lambda r: r.indicator.direction, "direction", parse=_parse_direction, width=60,
           tip="Which way is better: higher or lower (colours the differences)"),
    Column("Target", lambda r: r.indicator.target, "target", show=lambda v: "" if v is None else f"{v:g}",
           parse=_parse_target, width=55, align_right=True, tip="The target or aim, drawn on the chart"),
    Column("Series", lambda r: r.indicator.series_key, "series_key", parse=_parse_series_key, width=200,
           tip="Indicators with the same series in other meetings' reports are charted together (Across meetings)"),
]


def indicator_columns(view: TableView | None) -> list[Column]:
    """Group and name, then one column per printed period with the figure as printed."""
    columns = []
    if view is not None and view.has_groups:
        columns.append(Column("Group", lambda r: r.indicator.group, width=140))
    columns.append(Column("Indicator", lambda r: r.indicator.name, width=220, multiline=True))
    columns += [_figure_column(p) for p in (view.table.periods if view else [])]
    return columns + (SETTINGS_COLUMNS if view is not None else [])


class IndicatorsPane(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.views: list[TableView] = []
        self.store: Store | None = None
        self.picker = QComboBox(self)
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.picker.setMinimumContentsLength(30)
        self.picker.currentIndexChanged.connect(self._show_table)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setObjectName("dateRangeNote")
        self.note.setStyleSheet("color: #555;")
        self.body = QSplitter(Qt.Orientation.Vertical, self)
        self.model = RecordTableModel(None, indicator_columns(None), record_of=lambda row: row.indicator, parent=self)
        self.model.dataChanged.connect(lambda *_: self._row_selected(self._selected()))
        self.table = TablePane(self.model, placeholder="Filter indicators", empty_text="No indicator tables for this meeting",
                               parent=self.body)
        self.table.view.setWordWrap(False)
        self.table.current_changed.connect(self._row_selected)
        self._chart: IndicatorChart | None = None
        self.chart_box = chart_box = QWidget(self.body)
        self.across = QCheckBox("&Across meetings", chart_box)
        self.across.setToolTip("Chart the selected indicator over every meeting's report that carries it")
        self.across.toggled.connect(lambda _: self._row_selected(self._selected()))
        self.export_button = QPushButton("Export chart…", chart_box)
        self.export_button.setToolTip("Save the chart as a PNG or SVG image (Ctrl+Shift+G)")
        self.export_button.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.export_button.clicked.connect(self._export_chart)
        self.series_note = QLabel(chart_box)
        self.series_note.setObjectName("seriesNote")
        self.series_note.setWordWrap(True)
        self.series_note.setStyleSheet("color: #8a5a00;")
        self.series_note.hide()
        controls = QHBoxLayout()
        controls.addWidget(self.across)
        controls.addStretch(1)
        controls.addWidget(self.export_button)
        box_layout = QVBoxLayout(chart_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addLayout(controls)
        box_layout.addWidget(self.series_note)
        self.body.addWidget(self.table)
        self.body.addWidget(chart_box)
        self.body.setStretchFactor(0, 1)
        self.body.setStretchFactor(1, 1)
        self.body.setSizes([400, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.picker)
        layout.addWidget(self.note)
        layout.addWidget(self.body, 1)
        self._show_table(-1)

    @property
    def chart(self) -> IndicatorChart:
        """The chart, made when first wanted: a meeting without figures never loads pyqtgraph."""
        if self._chart is None:
            from scrutiny_app.ui.indicator_chart import IndicatorChart

            self._chart = IndicatorChart(self.chart_box)
            self.chart_box.layout().addWidget(self._chart, 1)
        return self._chart

    def load(self, store: Store, meeting_id: int) -> None:
        self.store = store
        self.model.set_store(store)
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
        self.chart_box.setVisible(view is not None)
        self._row_selected(None)

    def _row_selected(self, row: IndicatorRow | None) -> None:
        if self.current is None and self._chart is None:
            return  # nothing to draw, and no chart made yet
        if self.across.isChecked() and self.store is not None and (row or self.current and self.current.rows):
            row = row or self.current.rows[0]
            title = " / ".join(x for x in (row.indicator.group, row.indicator.name) if x)
            points = indicator_series(self.store, row.indicator.series_key)
            self.chart.show_series(title, points, row.indicator.target)
            note = series_note(points)
        else:
            self.chart.show_table(self.current, row)
            note = ""
        self.series_note.setText(note)
        self.series_note.setVisible(bool(note))

    def _selected(self) -> IndicatorRow | None:
        index = self.table.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _export_chart(self) -> None:
        path = ask_save_path(self, "Export chart", settings.export_folder, "chart.png", (PNG, SVG))
        if path is None:
            return
        try:
            self.chart.export_image(path)
        except UserError as exc:
            QMessageBox.warning(self, "Export failed", str(exc))
