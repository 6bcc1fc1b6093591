"""openpyxl helpers shared by the spreadsheet exports.

Everything an export writes goes through ``write_text``: text from meetings is
typed by people and pasted from e-mails, so a cell must never turn into a
formula (CSV/formula injection) whatever the text starts with.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from scrutiny_app.exports.atomic import atomic_output

DATE_FORMAT = "dd/mm/yyyy"
EXCEL_CELL_LIMIT = 32_767  # characters: Excel can neither hold nor show a longer cell
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
# Characters that make Excel or LibreOffice read typed text as a formula.
_FORMULA_START = ("=", "+", "-", "@")
# Word's manual line break and page break arrive in pasted text; XML forbids them.
_BREAKS = re.compile("[\x0b\x0c]")
_HEADER_FONT = Font(bold=True)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")


def new_workbook() -> Workbook:
    """A workbook without openpyxl's default empty "Sheet"."""
    wb = Workbook()
    wb.remove(wb.active)
    return wb


def write_text(cell, value) -> None:
    """Set ``cell`` to ``value``: text always as text, dates as dates, numbers as numbers.

    openpyxl makes any str starting with "=" a formula, so the type is forced
    back to "s" after assignment; quotePrefix (Excel's leading apostrophe) keeps
    the text from becoming a formula when someone later edits the cell.
    """
    if value is None:
        cell.value = None
    elif isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", _BREAKS.sub("\n", value))
        cell.value = text
        cell.data_type = "s"
        if text.startswith(_FORMULA_START):
            cell.quotePrefix = True
    elif isinstance(value, bool):
        raise TypeError(f"write_text takes text, a date or a number, not {type(value).__name__}")
    elif isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            raise TypeError("a spreadsheet holds no time zone: pass a local time (formatting.local_time)")
        cell.value = value
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, (int, float)):
        cell.value = value
    else:
        raise TypeError(f"write_text takes text, a date or a number, not {type(value).__name__}")


LINE_HEIGHT_PT = 15
MAX_ROW_HEIGHT_PT = 409  # Excel's limit


def row_height(values: Sequence, widths: Sequence[float]) -> float:
    """Points needed to show every wrapped cell of a row in full.

    Neither Excel nor LibreOffice reliably grows a row for wrapped text it did
    not lay out itself, so the height is estimated from the text and widths
    (a column of width w holds about 1.25 w characters a line).
    """
    lines = 1
    for value, width in zip(values, widths):
        if isinstance(value, str) and value:
            per_line = max(int(width * 1.25), 1)
            # Wrapped at word boundaries, as the spreadsheet does: "PCC Accountability
            # Meeting" takes three lines in a column of 16 characters, not two.
            lines = max(lines, sum(1 if len(part) <= per_line else len(textwrap.wrap(part, per_line))
                                   for part in value.split("\n")))
    return min(lines * LINE_HEIGHT_PT, MAX_ROW_HEIGHT_PT)


def add_table_sheet(
    wb: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    widths: Sequence[float],
    table_name: str | None = None,
) -> Worksheet:
    """Add a sheet laid out as a table: bold frozen header, filter, wrapped text, A4 landscape.

    With ``table_name`` the cells become an Excel table of that name (which
    carries its own filter buttons) instead of a plain autofilter.
    """
    if len(widths) != len(headers):
        raise ValueError(f"{len(headers)} headers but {len(widths)} widths for sheet {title!r}")
    ws = wb.create_sheet(title)
    rows_written = [tuple(values) for values in rows]
    for r, values in enumerate([headers, *rows_written], start=1):
        if len(values) != len(headers):
            raise ValueError(f"row {r} of sheet {title!r} has {len(values)} cells, not {len(headers)}")
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c)
            write_text(cell, value)
            cell.alignment = _WRAP_TOP
            if r == 1:
                cell.font = _HEADER_FONT
    last = get_column_letter(len(headers))
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    for r, values in enumerate(rows_written, start=2):
        ws.row_dimensions[r].height = row_height(values, widths)
    ws.freeze_panes = "A2"
    if table_name:
        # A table needs a body row, so an empty one gets a blank row.
        table = Table(displayName=table_name, ref=f"A1:{last}{max(ws.max_row, 2)}")
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        ws.add_table(table)
    else:
        ws.auto_filter.ref = f"A1:{last}{ws.max_row}"
    ws.print_title_rows = "1:1"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return ws


def add_choice_list(ws: Worksheet, ref: str, choices: Sequence[str], title: str) -> DataValidation:
    """A drop-down of ``choices`` on the cells of ``ref`` that refuses anything else."""
    listed = ",".join(choices)
    validation = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True, showErrorMessage=True,
                                errorTitle=title, error=f"Choose one of: {', '.join(choices)}.")
    validation.add(ref)
    ws.add_data_validation(validation)
    return validation


def highlight_where(ws: Worksheet, ref: str, formula: str, colour: str) -> None:
    """Fill the cells of ``ref`` with ``colour`` while ``formula`` (written for its first row) is true.

    The formula is the program's own, evaluated by the spreadsheet each time
    the file is opened, so a highlight that depends on TODAY() stays right.
    """
    fill = PatternFill(start_color=colour, end_color=colour, fill_type="solid")
    ws.conditional_formatting.add(ref, FormulaRule(formula=[formula], fill=fill, stopIfTrue=True))


def save_atomically(wb: Workbook, path: Path | str) -> None:
    """Save ``wb`` to ``path`` all or nothing; raises ExportFailed (see atomic_output)."""
    with atomic_output(path) as tmp:
        wb.save(tmp)
