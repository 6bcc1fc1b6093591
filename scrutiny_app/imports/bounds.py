"""Bounds before work: the limits on a spreadsheet or CSV file from outside, and the checks against them.

openpyxl believes what a workbook says of itself: the ``<dimension>`` of a
sheet (so one far cell makes it walk 17 billion empty ones, and a sheet
claiming A1:I2 hides every row after the second), and its parts' sizes (so a
2 MB file can inflate to gigabytes). :mod:`workbook_scan` measures a workbook
against the limits here before openpyxl sees it; the importers read only as far
as the measured extent (:func:`rows_within`). A file over a limit is refused
with the limit and the figure found.

The limits let through anything an office really sends (50 sheets of 200-row
tables; a tracker of 10,000 actions) with a wide margin, and keep an import
under 300 MB of memory.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scrutiny_app.errors import UserError

MAX_WORKBOOK_BYTES = 50_000_000  # the .xlsx file as sent
MAX_CSV_BYTES = 10_000_000
MAX_PARTS = 1_000  # members of the workbook's zip
MAX_PART_BYTES = 50_000_000  # one part, inflated
MAX_INFLATED_BYTES = 100_000_000  # all parts, inflated
MAX_RATIO = 500  # how many times a part of over 10 MB may inflate (honest XML: 5 to 100 times)
RATIO_FROM = 10_000_000
MAX_SHEETS = 200
MAX_ROWS = 200_000  # the last row holding a value, per sheet
MAX_COLUMNS = 1_000  # the last column holding a value, per sheet
MAX_CELLS = 500_000  # per import: rows × columns read, cells in the file, shared strings
MAX_TAGS = 5 * MAX_CELLS  # XML tags in all the parts (an honest cell is four: <c><v></v></c>)
MAX_MERGED = 10_000  # merged ranges per sheet

MB = 1_000_000
_NOTHING = "Nothing was imported."

# What openpyxl raises on internals the measuring does not check (a style that is not there, a date out of range).
DAMAGED = (IndexError, KeyError, ValueError, TypeError, AttributeError, OverflowError, EOFError, zlib.error,
           zipfile.BadZipFile)


@lru_cache(maxsize=None)  # a sheet has a handful of columns and thousands of cell names
def column_letter(col: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_number(letters: str) -> int:
    col = 0
    for letter in letters.upper():
        col = col * 26 + ord(letter) - 64
    return col


def refused(message: str) -> UserError:
    return UserError(f"{message} {_NOTHING}")


@dataclass
class Extent:
    """The rows and columns of a sheet that really hold a value, whatever its ``<dimension>`` claims."""

    name: str
    rows: int = 0
    columns: int = 0
    merged: int = 0  # merged ranges (openpyxl makes an object for every cell they cover)
    merged_cells: int = 0
    formulas: bool = False


def check_extent(file: str, sheet: str, rows: int, columns: int, cells_before: int = 0) -> int:
    """Refuse a sheet whose values reach too far; returns the cells read so far in the import, with this sheet's."""
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise refused(f"Sheet '{sheet}' of {file} has values as far as cell {column_letter(columns)}{rows} (row "
                      f"{rows:,}, column {columns:,}); an import reads at most {MAX_ROWS:,} rows and {MAX_COLUMNS:,} "
                      "columns per sheet. Clear what lies beyond the table and import it again.")
    total = cells_before + rows * columns
    if total > MAX_CELLS:
        raise refused(f"Sheet '{sheet}' of {file} spreads its values over {rows:,} rows × {columns:,} columns; "
                      f"with the sheets before it that is {total:,} cells, and an import reads at most "
                      f"{MAX_CELLS:,}. Split the file, or clear what lies beyond the tables.")
    return total


def extent_of(extents: dict[str, Extent], file: str, sheet: str) -> Extent:
    """The measured extent of a sheet openpyxl opened; a sheet the measuring did not find is not read blind."""
    if sheet not in extents:
        raise refused(f"Sheet '{sheet}' of {file} could not be measured before reading (its part is not where "
                      "the workbook lists it); open the file in Excel, save it again and import it.")
    return extents[sheet]


def rows_within(ws, extent: Extent, **options):
    """The rows of openpyxl's ``ws`` as far as its values really reach, never as far as its ``<dimension>`` says."""
    if not extent.rows:
        return iter(())
    return ws.iter_rows(max_row=extent.rows, max_col=extent.columns, **options)


def check_file_size(path: Path, limit: int) -> None:
    size = path.stat().st_size
    if size > limit:
        raise refused(f"{path.name} is {size / MB:,.1f} MB; an import reads files of at most {limit // MB} MB.")


def check_csv_lines(path: Path, data: bytes) -> None:
    """Refuse a CSV of more lines than an import reads rows, counted before any is parsed."""
    lines = data.count(b"\n")
    if lines > MAX_ROWS:
        raise refused(f"{path.name} holds {lines:,} lines; an import reads at most {MAX_ROWS:,} rows.")
