"""Charts of one indicator table (pyqtgraph): grouped bars with their printed differences, or a
line with points, its target and hover tooltips (a monthly table, or one indicator across meetings).

Plot items are created once and updated with ``setOpts``/``setData``; a chart
is exported as PNG or SVG through ``atomic_output``. A held figure that is not a
usable number (infinity, from a database older than the importer's checks) is
left out of the chart, and its title says how many were.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStackedWidget

from scrutiny_app.core.atomic import atomic_output
from scrutiny_app.core.indicator_series import TIME_SERIES_LAYOUTS, SeriesPoint
from scrutiny_app.core.indicators import IndicatorRow, TableView, bar_rows, line_row, short_label, sound
from scrutiny_app.ui.difference_colours import NEUTRAL, difference_colour

pg.setConfigOptions(background="w", foreground="#222222", antialias=True)

BAR_COLOURS = ("#1f4e79", "#7fa7d1", "#a6a6a6", "#c9c9c9")
LINE_COLOUR = "#1f4e79"
TARGET_COLOUR = "#c0392b"


def _timestamp(day: dt.date) -> float:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()


def _tip(x, y, data) -> str:
    return data or f"{y:g}"


def _value(row: IndicatorRow, key: str) -> float | None:
    """The row's figure for ``key`` where it can be drawn."""
    value = row.value(key)
    return value if sound(value) else None


def _left_out(count: int) -> str:
    return f" ({count} figure{'s' if count > 1 else ''} left out: not a usable number)" if count else ""


class IndicatorChart(QStackedWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.bar_plot = pg.PlotWidget(self)
        self.bar_plot.showGrid(y=True, alpha=0.25)
        self.bar_plot.setMouseEnabled(x=False, y=False)
        # The legend sits in a row under the axis, where no bar or label can hide it.
        self.legend = pg.LegendItem(colCount=4)
        self.bar_plot.plotItem.layout.addItem(self.legend, 4, 1)
        self.bars = [pg.BarGraphItem(x=[], height=[], width=0.25, brush=c, pen=pg.mkPen(c)) for c in BAR_COLOURS]
        for bar in self.bars:
            self.bar_plot.addItem(bar)

        self.line_plot = pg.PlotWidget(self, axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.line_plot.showGrid(x=True, y=True, alpha=0.25)
        self.line_plot.setMouseEnabled(x=False, y=False)
        self.line = self.line_plot.plot([], [], pen=pg.mkPen(LINE_COLOUR, width=2))
        self.points = pg.ScatterPlotItem(size=8, brush=LINE_COLOUR, pen=pg.mkPen("w"), hoverable=True, tip=_tip,
                                         hoverSize=11)
        self.line_plot.addItem(self.points)
        self.labels: list[pg.TextItem] = []  # the printed differences above each group of bars
        self.target = pg.InfiniteLine(angle=0, pen=pg.mkPen(TARGET_COLOUR, width=1.5, style=Qt.PenStyle.DashLine),
                                      label="", labelOpts={"position": 0.05, "color": TARGET_COLOUR, "anchors": [(0, 1), (0, 1)]})
        self.line_plot.addItem(self.target)
        self.addWidget(self.bar_plot)
        self.addWidget(self.line_plot)

    def show_table(self, view: TableView | None, selected: IndicatorRow | None = None) -> None:
        if view is None or not view.rows:
            self.show_bars(None, [])
        elif view.table.layout in TIME_SERIES_LAYOUTS:  # a row per month or year: a line, not bars
            row = line_row(view, selected)
            points = [(dt.date.fromisoformat(p["start"]), row.values[p["key"]], p["label"])
                      for p in view.value_periods if p.get("start") and row.value(p["key"]) is not None]
            self.show_line(row.indicator.name, [(day, v.value, f"{label}: {v.as_printed}") for day, v, label in points],
                           row.indicator.target)
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
                heights = [_value(r, key) or 0 for r in rows]
                bar.setOpts(x=xs, height=heights, width=width * 0.95)
                bar.setVisible(True)
                self.legend.addItem(bar, short_label(periods[i]))
            else:
                bar.setOpts(x=[], height=[])
                bar.setVisible(False)
        labels = [(x, (r.indicator.group if view and view.has_groups else r.indicator.name) or r.indicator.name)
                  for x, r in enumerate(rows)]
        self.bar_plot.getAxis("bottom").setTicks([labels])
        self._label_differences(view, rows)
        unit = rows[0].indicator.measure_type if rows else ""
        title = rows[0].indicator.name if rows and view and view.has_groups else (view.table.label if view else "")
        left_out = sum(1 for r in rows for p in periods if not sound(r.value(p["key"])))
        self.bar_plot.setTitle((f"{title} ({unit})" if unit else title) + _left_out(left_out), size="10pt")
        if rows:
            self.bar_plot.setXRange(-0.6, len(rows) - 0.4, padding=0)
            top = max((_value(r, p["key"]) or 0) for r in rows for p in periods) if periods else 1
            self.bar_plot.setYRange(0, top * 1.4 or 1, padding=0)  # headroom for the difference labels

    def _label_differences(self, view: TableView | None, rows: list[IndicatorRow]) -> None:
        """Each group of bars carries its printed differences, coloured by the indicator's direction."""
        differences = [p for p in view.table.periods if p.get("kind") == "difference"] if view else []
        top = max((_value(r, p["key"]) or 0 for r in rows for p in (view.value_periods if view else [])), default=0)
        while len(self.labels) < len(rows):
            item = pg.TextItem(anchor=(0.5, 1))
            self.bar_plot.addItem(item)
            self.labels.append(item)
        for i, item in enumerate(self.labels):
            printed = [rows[i].values.get(p["key"]) for p in differences] if i < len(rows) else []
            printed = [v for v in printed if v is not None and v.as_printed and sound(v.value)]
            item.setVisible(bool(printed))
            if not printed:
                continue
            colour = difference_colour(rows[i].indicator.direction, printed[0].value) or NEUTRAL
            item.setText(" / ".join(v.as_printed + (" ⚠" if v.flag else "") for v in printed), color=colour)
            item.setPos(i, max((_value(rows[i], p["key"]) or 0) for p in view.value_periods) + top * 0.02)

    def show_series(self, title: str, points: list[SeriesPoint], target: float | None) -> None:
        """One indicator across meetings."""
        self.show_line(title, [(p.when, p.value, f"{p.period}: {p.as_printed}\n(report of {p.meeting:%d %b %Y})")
                               for p in points], target)

    def show_line(self, title: str, points: list[tuple[dt.date, float, str]], target: float | None) -> None:
        """A line with a point per (day, value, tooltip), and the target as a dashed line."""
        self.setCurrentWidget(self.line_plot)
        drawn = [point for point in points if sound(point[1])]
        title += _left_out(len(points) - len(drawn))
        points = drawn
        xs = [_timestamp(day) for day, _, _ in points]
        ys = [y for _, y, _ in points]
        self.line.setData(xs, ys)
        self.points.setData(x=xs, y=ys, data=[tip for _, _, tip in points])
        self.target.setVisible(target is not None)
        if target is not None:
            self.target.setValue(target)
            self.target.label.setFormat(f"Target {target:g}")
        self.line_plot.setTitle(title, size="10pt")
        values = ys + ([target] if target is not None else [])
        if values:
            low, high = min(values), max(values)
            pad = (high - low) * 0.15 or 1
            self.line_plot.setYRange(low - pad, high + pad, padding=0)
        if xs:
            margin = max((xs[-1] - xs[0]) * 0.03, 10 * 86400)
            self.line_plot.setXRange(xs[0] - margin, xs[-1] + margin, padding=0)

    def export_image(self, path: Path) -> None:
        """The chart on show as PNG, or SVG when the name ends in .svg; raises ExportFailed."""
        from pyqtgraph.exporters import ImageExporter

        widget = self.currentWidget()
        with atomic_output(path) as tmp:
            if path.suffix.lower() == ".svg":
                _render_svg(widget, tmp)
            else:
                plot = widget.getPlotItem()
                exporter = ImageExporter(plot)
                exporter.parameters()["width"] = 1600
                if not exporter.export(toBytes=True).save(str(tmp), "PNG"):
                    raise OSError(f"the image could not be written to {tmp}")


def _render_svg(widget, target: Path) -> None:
    """Draw the plot as vector SVG with Qt's own generator.

    pyqtgraph 0.14's SVGExporter cannot parse the path syntax Qt 6.12 writes, so
    the widget is rendered straight onto a QSvgGenerator instead.
    """
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    generator = QSvgGenerator()
    generator.setFileName(str(target))
    generator.setSize(widget.size())
    generator.setViewBox(QRect(0, 0, widget.width(), widget.height()))
    generator.setTitle(widget.getPlotItem().titleLabel.text or "Scrutiny chart")
    painter = QPainter(generator)
    try:
        widget.render(painter)
    finally:
        painter.end()
