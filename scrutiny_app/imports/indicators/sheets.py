"""The cells of a workbook (.xlsx) or a CSV file, as a grid per sheet."""

from __future__ import annotations

import csv
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


def read_sheets(path: Path | str) -> list[Sheet]:
    """Every sheet of ``path``; a CSV file is one sheet named after the file."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"Cannot read {path}: there is no such file.")
    if path.suffix.lower() == ".csv":
        try:
            with open(path, newline="", encoding="utf-8-sig") as fh:
                values = [[(v, "General") for v in row] for row in csv.reader(fh)]
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise UserError(f"Cannot read {path} as CSV: {exc}") from exc
        return [_grid(path.stem, values)]
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
