"""A meeting's indicator tables as a spreadsheet: each figure as printed, each difference
printed and recomputed, and the flags where they disagree.

Sheet names are made from the tables' labels, cleaned of what Excel refuses
and kept distinct. A held figure that is not a usable number (infinity, from a
database older than the importer's checks) shows as a note in its cell.

Tables belonging to a private report are left out. With chart images (drawn
by the UI, see ui/chart_images.py) each table's sheet shows its chart under
the figures.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from scrutiny_app.core.formatting import distinct_name
from scrutiny_app.core.indicators import TableView, public_tables, sound
from scrutiny_app.core.store import Store
from scrutiny_app.exports.xlsx_writer import new_workbook

# What Excel refuses in a sheet name: []:*?/\ and control characters anywhere, an apostrophe at either end.
_SHEET_NAME = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
SHEET_NAME_LIMIT = 31  # characters, Excel's limit
_RESERVED = {"history"}  # Excel keeps a sheet of this name for itself


def _sheet_title(label: str, used: set[str]) -> str:
    """A sheet name Excel accepts, made from ``label`` and distinct (as Excel compares them, ignoring case) from
    those in ``used``, which it joins."""
    base = " ".join(_SHEET_NAME.sub(" ", label).split()).strip("'").strip()
    base = base if base and base.lower() not in _RESERVED else f"Table {base}".strip()

    def numbered(n: int) -> str:
        if n == 1:
            return base[:SHEET_NAME_LIMIT]
        suffix = f" {n}"
        return base[:SHEET_NAME_LIMIT - len(suffix)].rstrip("' ") + suffix

    return distinct_name(numbered, used)


def _figure(v) -> float | str:
    """A held figure for its cell; one that is not a usable number (a database written before figures were
    checked) as a note instead, which XlsxWriter would refuse or Excel show as nonsense."""
    return v.value if sound(v.value) else f"{v.as_printed} (held as {v.value!r}: not a usable figure; import the table again)"


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
            cells.append(_figure(v) if v and v.value is not None else (v.as_printed if v else ""))
        flags = [f"{p['label']}: printed {v.as_printed}, {v.flag}" for p in values
                 if (v := row.values.get(p["key"])) and v.flag]  # a difference column in a table of months or years
        for p in differences:
            v = row.values.get(p["key"])
            cells.append(v.as_printed if v else "")
            cells.append(_recomputed(v.recomputed) if v and v.recomputed is not None else "")
            if v and v.flag:
                flags.append(f"{p['label']}: printed {v.as_printed}, {v.flag}")
        cells.append("\n".join(flags))
        rows.append(tuple(cells))
    return headers, rows


def _recomputed(value: float) -> float | str:
    return round(value, 1) if sound(value) else f"{value!r}: not a usable figure"


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
