"""The cells of a workbook (.xlsx) or a CSV file, as a grid per sheet.

A CSV file is read as UTF-8 (with or without the byte-order mark Excel
writes) or, failing that, as Windows-1252, the encoding Excel on Windows uses
for "CSV (Comma delimited)" (a '£' or 'é' is one byte there).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from scrutiny_app.errors import UserError


def column_letter(col: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True)
class Cell:
    row: int  # 1-based, as the spreadsheet numbers them
    col: int
    value: object = None
    number_format: str = "General"

    @property
    def coord(self) -> str:
        return f"{column_letter(self.col)}{self.row}"

    @property
    def text(self) -> str:
        return self.value.strip() if isinstance(self.value, str) else ""

    @property
    def empty(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


@dataclass
class Sheet:
    name: str
    rows: list[list[Cell]]  # every row padded to the same width

    def cell(self, row: int, col: int) -> Cell:
        if 1 <= row <= len(self.rows) and 1 <= col <= len(self.rows[row - 1]):
            return self.rows[row - 1][col - 1]
        return Cell(row, col)

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0


def _grid(name: str, values: list[list[tuple[object, str]]]) -> Sheet:
    width = max((len(r) for r in values), default=0)
    rows = [
        [Cell(r, c, *(row[c - 1] if c <= len(row) else (None, "General"))) for c in range(1, width + 1)]
        for r, row in enumerate(values, start=1)
    ]
    return Sheet(name, rows)


def _csv_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    if b"\x00" in data:
        raise UserError(f"Cannot read {path} as CSV: it holds binary data, not text "
                        "(is it a workbook saved under a .csv name?).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise UserError(f"Cannot read {path} as CSV: line {line} holds the byte 0x{data[exc.start]:02X}, which is "
                        "neither UTF-8 nor Windows-1252 text. Save it from Excel as CSV UTF-8 and try again.") from exc


def read_sheets(path: Path | str) -> list[Sheet]:
    """Every sheet of ``path``; a CSV file is one sheet named after the file."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"Cannot read {path}: there is no such file.")
    if path.suffix.lower() == ".csv":
        try:
            rows = list(csv.reader(io.StringIO(_csv_text(path), newline="")))
        except csv.Error as exc:
            raise UserError(f"Cannot read {path} as CSV: {exc}") from exc
        return [_grid(path.stem, [[(v, "General") for v in row] for row in rows])]
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException
    from zipfile import BadZipFile

    try:
        wb = load_workbook(path, data_only=True)
    except (OSError, InvalidFileException, BadZipFile, KeyError, ValueError) as exc:
        raise UserError(f"Cannot read {path}: it is not an Excel workbook (.xlsx) or CSV file.") from exc
    try:
        return [
            _grid(ws.title, [[(c.value, c.number_format) for c in row] for row in ws.iter_rows()])
            for ws in wb.worksheets
        ]
    finally:
        wb.close()
