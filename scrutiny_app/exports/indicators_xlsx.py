"""A meeting's indicator tables as a spreadsheet: each figure as printed, each difference
printed and recomputed, and the flags where they disagree.

Tables belonging to a private report are left out. With chart images (drawn
by the UI, see ui/chart_images.py) each table's sheet shows its chart under
the figures.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from scrutiny_app.core.indicators import TableView, public_tables
from scrutiny_app.core.store import Store
from scrutiny_app.exports.xlsx_writer import new_workbook

_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(label: str, used: set[str]) -> str:
    base = _SHEET_NAME.sub(" ", label).strip()[:28] or "Table"
    title, n = base, 2
    while title.lower() in used:
        title, n = f"{base} {n}", n + 1
    used.add(title.lower())
    return title


def table_rows(view: TableView) -> tuple[list[str], list[tuple]]:
    """Headers and rows of one table: values, then each difference printed and recomputed, then flags."""
    values = view.value_periods
    differences = [p for p in view.table.periods if p.get("kind") == "difference"]
    headers = ["Group", "Indicator"] + [p["label"] for p in values]
    for p in differences:
        headers += [f"{p['label']} (printed)", f"{p['label']} (recomputed)"]
    headers.append("Flags")
    rows = []
    for row in view.rows:
        cells: list = [row.indicator.group or "", row.indicator.name]
        for p in values:
            v = row.values.get(p["key"])
            cells.append(v.value if v and v.value is not None else (v.as_printed if v else ""))
        flags = [f"{p['label']}: printed {v.as_printed}, {v.flag}" for p in values
                 if (v := row.values.get(p["key"])) and v.flag]  # a difference column in a table of months or years
        for p in differences:
            v = row.values.get(p["key"])
            cells.append(v.as_printed if v else "")
            cells.append(round(v.recomputed, 1) if v and v.recomputed is not None else "")
            if v and v.flag:
                flags.append(f"{p['label']}: printed {v.as_printed}, {v.flag}")
        cells.append("\n".join(flags))
        rows.append(tuple(cells))
    return headers, rows


CHART_WIDTH, CHART_HEIGHT = 720, 360  # as shown on the sheet, in pixels


def _add_chart(ws, png: bytes, row: int) -> None:
    """The chart at column A of ``row`` (0-based), shown at CHART_WIDTH x CHART_HEIGHT pixels."""
    from xlsxwriter.image import DEFAULT_DPI, Image

    image = Image(io.BytesIO(png))
    # XlsxWriter shows an image at its own size, read from its pixels and DPI, times the scale.
    shown = image.width * DEFAULT_DPI / image.x_dpi, image.height * DEFAULT_DPI / image.y_dpi
    ws.insert_image(row, 0, image, {"x_scale": CHART_WIDTH / shown[0], "y_scale": CHART_HEIGHT / shown[1]})


def export_indicators_xlsx(store: Store, meeting_id: int, path: Path | str,
                           charts: dict[int, bytes] | None = None) -> int:
    """Write the workbook; returns the number of tables written. ``charts``: PNG by table id."""
    views = public_tables(store, meeting_id)
    summary = [(v.table.label, v.table.caption, v.table.date_range_note or "", len(v.rows),
                sum(1 for r in v.rows for x in r.values.values() if x.flag)) for v in views]
    with new_workbook(path) as book:
        book.add_table_sheet("Tables", ["Table", "Caption", "Date ranges", "Indicators", "Flagged differences"],
                             summary, [14, 60, 60, 12, 12])
        used = {"tables"}
        for view in views:
            headers, rows = table_rows(view)
            widths = [22, 40] + [14] * (len(headers) - 3) + [50]
            ws = book.add_table_sheet(_sheet_title(view.table.label, used), headers, rows, widths)
            if charts and view.table.id in charts:
                _add_chart(ws, charts[view.table.id], len(rows) + 2)  # a blank row under the table
    return len(views)
