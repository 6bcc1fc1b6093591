"""Each indicator table's chart as PNG bytes, for the agenda pack and the Excel export.

The exporters and the pack builder take the images as a plain dict (table id
-> PNG bytes), so they stay free of Qt; only this module draws. It draws on
the thread that owns the QApplication (the GUI thread, before any background
work starts), and makes an offscreen application when a command-line export
has none.
"""

from __future__ import annotations

import os
import sys

from scrutiny_app.core.indicators import TableView, public_tables
from scrutiny_app.core.store import Store

SIZE = (900, 450)  # logical pixels, drawn at twice that for print
SCALE = 2


def _application():
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(sys.argv[:1])
    return app


def render_chart_images(views: list[TableView]) -> dict[int, bytes]:
    """The chart each table shows first in the Indicators pane, as PNG, by table id.

    The event loop turns between the steps of each chart (about 40 ms each), so the
    window keeps painting while fifty charts are drawn."""
    views = [view for view in views if view.rows]
    if not views:
        return {}
    app = _application()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QPixmap

    from scrutiny_app.ui.indicator_chart import IndicatorChart

    chart = IndicatorChart()
    chart.resize(*SIZE)
    images = {}
    try:
        for view in views:
            app.processEvents()
            chart.show_table(view)
            # A hidden widget lays its plot out only once it has been asked to draw and the
            # layout requests that posts have run; the second drawing is the one kept.
            chart.grab()
            app.processEvents()
            pixmap = QPixmap(QSize(*SIZE) * SCALE)
            pixmap.setDevicePixelRatio(SCALE)
            pixmap.fill()
            chart.render(pixmap)
            app.processEvents()
            data = QByteArray()
            buffer = QBuffer(data)
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            pixmap.save(buffer, "PNG")
            images[view.table.id] = bytes(data.data())
        app.processEvents()
    finally:
        chart.deleteLater()
    return images


def published_chart_images(store: Store, meeting_id: int) -> dict[int, bytes]:
    """The charts of the meeting's tables that may be published (none of a private report)."""
    return render_chart_images(public_tables(store, meeting_id))
