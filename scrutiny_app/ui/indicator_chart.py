"""Charts of one indicator table (pyqtgraph): grouped bars, or a monthly line with its target.

Plot items are created once and updated with ``setOpts``/``setData``.
"""

from __future__ import annotations

import datetime as dt

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStackedWidget

from scrutiny_app.core.indicators import IndicatorRow, TableView

pg.setConfigOptions(background="w", foreground="#222222", antialias=True)

BAR_COLOURS = ("#1f4e79", "#7fa7d1", "#a6a6a6", "#c9c9c9")
LINE_COLOUR = "#1f4e79"
TARGET_COLOUR = "#c0392b"


def bar_rows(view: TableView, selected: IndicatorRow | None) -> list[IndicatorRow]:
    """The rows worth comparing in one bar chart, chosen from the selected row.

    In a table of groups (crime types) the same measure across groups; otherwise
    every row measured in the same unit (counts are not drawn beside percentages).
    """
    if not view.rows:
        return []
    selected = selected or view.rows[0]
    same_unit = [r for r in view.rows if r.indicator.measure_type == selected.indicator.measure_type]
    if view.has_groups:
        return [r for r in same_unit if r.indicator.name == selected.indicator.name]
    return same_unit


def _month_start(period: dict) -> float:
    start = dt.date.fromisoformat(period["start"])
    return dt.datetime(start.year, start.month, start.day, tzinfo=dt.timezone.utc).timestamp()


class IndicatorChart(QStackedWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.bar_plot = pg.PlotWidget(self)
        self.bar_plot.showGrid(y=True, alpha=0.25)
        self.bar_plot.setMouseEnabled(x=False, y=False)
        self.legend = self.bar_plot.addLegend(offset=(-10, 10))
        self.bars = [pg.BarGraphItem(x=[], height=[], width=0.25, brush=c, pen=pg.mkPen(c)) for c in BAR_COLOURS]
        for bar in self.bars:
            self.bar_plot.addItem(bar)

        self.line_plot = pg.PlotWidget(self, axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.line_plot.showGrid(x=True, y=True, alpha=0.25)
        self.line_plot.setMouseEnabled(x=False, y=False)
        self.line = self.line_plot.plot([], [], pen=pg.mkPen(LINE_COLOUR, width=2), symbol="o", symbolSize=7,
                                        symbolBrush=LINE_COLOUR)
        self.target = pg.InfiniteLine(angle=0, pen=pg.mkPen(TARGET_COLOUR, width=1.5, style=Qt.PenStyle.DashLine),
                                      label="", labelOpts={"position": 0.05, "color": TARGET_COLOUR, "anchors": [(0, 1), (0, 1)]})
        self.line_plot.addItem(self.target)
        self.addWidget(self.bar_plot)
        self.addWidget(self.line_plot)

    def show_table(self, view: TableView | None, selected: IndicatorRow | None = None) -> None:
        if view is None or not view.rows:
            self.show_bars(None, [])
        elif view.table.layout == "monthly":
            row = selected or next((r for r in view.rows if r.indicator.target is not None), view.rows[0])
            self.show_line(view, row)
        else:
            self.show_bars(view, bar_rows(view, selected))

    def show_bars(self, view: TableView | None, rows: list[IndicatorRow]) -> None:
        self.setCurrentWidget(self.bar_plot)
        periods = view.value_periods[: len(self.bars)] if view else []
        self.legend.clear()
        n = max(len(periods), 1)
        width = 0.8 / n
        for i, bar in enumerate(self.bars):
            if i < len(periods):
                key = periods[i]["key"]
                xs = [x + (i - (n - 1) / 2) * width for x in range(len(rows))]
                heights = [r.value(key) or 0 for r in rows]
                bar.setOpts(x=xs, height=heights, width=width * 0.95)
                bar.setVisible(True)
                self.legend.addItem(bar, periods[i]["label"])
            else:
                bar.setOpts(x=[], height=[])
                bar.setVisible(False)
        labels = [(x, (r.indicator.group if view and view.has_groups else r.indicator.name) or r.indicator.name)
                  for x, r in enumerate(rows)]
        self.bar_plot.getAxis("bottom").setTicks([labels])
        unit = rows[0].indicator.measure_type if rows else ""
        title = rows[0].indicator.name if rows and view and view.has_groups else (view.table.label if view else "")
        self.bar_plot.setTitle(f"{title} ({unit})" if unit else title, size="10pt")
        if rows:
            self.bar_plot.setXRange(-0.6, len(rows) - 0.4, padding=0)
            top = max((r.value(p["key"]) or 0) for r in rows for p in periods) if periods else 1
            self.bar_plot.setYRange(0, top * 1.35 or 1, padding=0)  # headroom for the legend

    def show_line(self, view: TableView, row: IndicatorRow) -> None:
        self.setCurrentWidget(self.line_plot)
        points = [(_month_start(p), row.value(p["key"])) for p in view.value_periods if p.get("start")]
        points = [(x, y) for x, y in points if y is not None]
        self.line.setData([x for x, _ in points], [y for _, y in points])
        target = row.indicator.target
        self.target.setVisible(target is not None)
        if target is not None:
            self.target.setValue(target)
            self.target.label.setFormat(f"Target {target:g}")
        self.line_plot.setTitle(row.indicator.name, size="10pt")
        ys = [y for _, y in points] + ([target] if target is not None else [])
        if ys:
            low, high = min(ys), max(ys)
            pad = (high - low) * 0.15 or 1
            self.line_plot.setYRange(low - pad, high + pad, padding=0)
        if points:
            day = 86400
            self.line_plot.setXRange(points[0][0] - 10 * day, points[-1][0] + 10 * day, padding=0)
