"""The cells of a workbook (.xlsx) or a CSV file, as a grid per sheet.

A CSV file is read as UTF-8 (with or without the byte-order mark Excel
writes) or, failing that, as Windows-1252, the encoding Excel on Windows uses
for "CSV (Comma delimited)" (a '£' or 'é' is one byte there).

What cannot be a table's text is refused here, naming the sheet and cell:
control characters and cells longer than Excel allows. Hidden sheets are
listed but not read (they hold an analyst's workings, not the figures sent).
A formula Excel never calculated is read as its formula text, so the table
reports it as unreadable instead of taking it for a blank.

Every file is measured first (``bounds``): only the rows and columns that
really hold values are read, and a file over a limit is refused before openpyxl
or the CSV reader builds anything.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from scrutiny_app.core.formats import EXCEL_CELL_LIMIT
from scrutiny_app.errors import UserError
from scrutiny_app.imports.bounds import (DAMAGED, MAX_CSV_BYTES, Extent, check_csv_lines, check_extent, check_file_size,
                                         column_letter, extent_of, rows_within)
from scrutiny_app.imports.workbook_scan import measure_workbook
from scrutiny_app.imports.indicators.figures import Figure, parse_cell

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Cell:
    """One cell: its place (1-based, as the spreadsheet numbers them), value and number format.

    Slots and no dataclass: a workbook has thousands of cells, and their text and
    emptiness, asked for at every step, are worked out once.
    """

    __slots__ = ("row", "col", "value", "number_format", "text", "empty", "_figure")

    def __init__(self, row: int, col: int, value: object = None, number_format: str = "General"):
        self.row, self.col, self.value, self.number_format = row, col, value, number_format
        self.text = value.strip() if isinstance(value, str) else ""
        self.empty = value is None or (isinstance(value, str) and not self.text)
        self._figure: Figure | None = None

    @property
    def coord(self) -> str:
        return f"{column_letter(self.col)}{self.row}"

    @property
    def figure(self) -> Figure:
        """The cell read as a figure (raises ``Unreadable``); once, as finding the table and reading it both ask."""
        if self._figure is None:
            self._figure = parse_cell(self.value, self.number_format)
        return self._figure


@dataclass
class Sheet:
    name: str
    rows: list[list[Cell]]  # every row padded to the same width
    merged: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> the merged range it is in
    hidden: bool = False  # listed, not read
    note: str | None = None  # how the file was read, when the user should know (its encoding)

    def cell(self, row: int, col: int) -> Cell:
        if row >= 1 and col >= 1:
            try:
                return self.rows[row - 1][col - 1]
            except IndexError:  # beyond the sheet: an empty cell
                pass
        return Cell(row, col)

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0


def _checked_text(sheet: str, cell: Cell) -> None:
    if len(cell.value) > EXCEL_CELL_LIMIT:
        raise UserError(f"Sheet '{sheet}', cell {cell.coord} holds {len(cell.value):,} characters; a cell holds at "
                        f"most {EXCEL_CELL_LIMIT:,} (Excel's limit). Nothing was imported.")
    if found := _CONTROL.search(cell.value):
        raise UserError(f"Sheet '{sheet}', cell {cell.coord} holds a control character (U+{ord(found[0]):04X}), "
                        "which is not text; delete it and import again. Nothing was imported.")


def _grid(name: str, values: list[list[tuple[object, str]]], **extra) -> Sheet:
    """The sheet of ``values`` ((value, number format) by row), every row padded to the same width."""
    width = max((len(r) for r in values), default=0)
    rows = []
    for r, row in enumerate(values, start=1):
        cells = [Cell(r, c, value, fmt) for c, (value, fmt) in enumerate(row, start=1)]
        cells += [Cell(r, c) for c in range(len(row) + 1, width + 1)]
        for cell in cells:
            if isinstance(cell.value, str):
                _checked_text(name, cell)
        rows.append(cells)
    return Sheet(name, rows, **extra)


def _decoded(path: Path) -> tuple[str, str | None]:
    """The text of a CSV file and, when it was not UTF-8, a note saying how it was read.

    Excel saves "CSV UTF-8", "Unicode text" (UTF-16) or, by default on Windows,
    Windows-1252; all three are read.
    """
    check_file_size(path, MAX_CSV_BYTES)
    data = path.read_bytes()
    check_csv_lines(path, data)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), f"{path.name} was read as UTF-16 text."
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):  # a zip (.xlsx) or an old .xls
        raise UserError(f"Cannot read {path} as CSV: it holds binary data, not text "
                        "(is it a workbook saved under a .csv name?).")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as not_utf8:
        line = data[: not_utf8.start].count(b"\n") + 1
        try:
            return data.decode("cp1252"), (f"{path.name} is not UTF-8 (line {line}); it was read as Windows-1252 "
                                           "text: check that £, – and accented letters came through.")
        except UnicodeDecodeError:
            raise UserError(f"Cannot read {path}: line {line} is neither UTF-8 nor Windows-1252 text (byte "
                            f"0x{data[not_utf8.start]:02X}). Save it from Excel as 'CSV UTF-8' and import again."
                            ) from not_utf8


def _read_csv(path: Path) -> Sheet:
    try:
        text, note = _decoded(path)
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    values, width = [], 0
    try:
        for row in reader:
            width = max(width, len(row))
            check_extent(path.name, path.stem, len(values) + 1, width)
            values.append([(v, "General") for v in row])
    except csv.Error as exc:
        why = (f"it holds a cell of more than {csv.field_size_limit():,} characters (a cell holds at most "
               f"{EXCEL_CELL_LIMIT:,})" if "field larger" in str(exc) else str(exc))
        raise UserError(f"Cannot read {path} as CSV: line {reader.line_num}: {why}. Nothing was imported.") from exc
    return _grid(path.stem, values, note=note)


def uncalculated_formulas(path: Path, extents: dict[str, Extent]) -> dict[tuple[str, str], str]:
    """The formulas saved without a calculated value, by (sheet, cell); read only when the file has formulas."""
    from openpyxl import load_workbook

    if not any(e.formulas for e in extents.values()):
        return {}
    wb = load_workbook(path, read_only=True)
    try:
        return {(ws.title, c.coordinate): c.value for ws in wb.worksheets
                for row in rows_within(ws, extent_of(extents, path.name, ws.title)) for c in row if c.data_type == "f"}
    finally:
        wb.close()


def _worksheet(ws, formulas: dict[tuple[str, str], str], extent: Extent) -> Sheet:
    if ws.sheet_state != "visible":
        return Sheet(ws.title, [], hidden=True)
    merged = {(r, c): str(rng) for rng in ws.merged_cells.ranges for r, c in rng.cells}
    values = []
    for row in rows_within(ws, extent):
        values.append(cells := [])
        for c in row:
            value = c.value
            if value is None and formulas:
                value = formulas.get((ws.title, c.coordinate))
            # Only a number is read through its number format: skip asking the others, most of the cells.
            cells.append((value, c.number_format if isinstance(value, (int, float)) else "General"))
    return _grid(ws.title, values, merged=merged)


def read_sheets(path: Path | str) -> list[Sheet]:
    """Every sheet of ``path``; a CSV file is one sheet named after the file."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"Cannot read {path}: there is no such file.")
    if path.suffix.lower() == ".csv":
        return [_read_csv(path)]
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        extents = measure_workbook(path)
        # Our own handle, closed even when openpyxl gives up half way through the file.
        with path.open("rb") as fh:
            wb = load_workbook(fh, data_only=True)
        formulas = uncalculated_formulas(path, extents)
    except SyntaxError as exc:  # the XML inside: most often a control character pasted into a cell
        raise UserError(f"Cannot read {path}: part of the workbook is not valid ({exc}); it may hold a control "
                        "character. Open it in Excel, save it again and import it.") from exc
    except (OSError, InvalidFileException, *DAMAGED) as exc:
        raise UserError(f"Cannot read {path}: it is not an Excel workbook (.xlsx) or CSV file, or it is damaged "
                        f"({type(exc).__name__}: {str(exc)[:200]}). Nothing was imported.") from exc
    try:
        return [_worksheet(ws, formulas, extent_of(extents, path.name, ws.title)) for ws in wb.worksheets]
    finally:
        wb.close()
