"""XlsxWriter helpers shared by the spreadsheet exports.

Everything an export writes goes through ``TableBook.write``: text from
meetings is typed by people and pasted from e-mails, so a cell must never turn
into a formula (CSV/formula injection) whatever the text starts with.

XlsxWriter rather than openpyxl: it styles a cell with a format prepared once
per workbook, where openpyxl builds and hashes a style per cell; the 16,000-row
action tracker is written in a third of the time.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from scrutiny_app.core.atomic import atomic_output
from scrutiny_app.core.formats import cell_text

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
# Characters that make Excel or LibreOffice read typed text as a formula.
_FORMULA_START = ("=", "+", "-", "@")
A4 = 9  # Excel's paper size code


LINE_HEIGHT_PT = 15
MAX_ROW_HEIGHT_PT = 409  # Excel's limit


# Words (no hyphen, no space but single ones between words): textwrap.wrap would
# only break at the spaces, so its lines can be counted without it, many times faster.
_PLAIN = re.compile(r"[^\s-]+(?: [^\s-]+)*")


def wrapped_lines(part: str, per_line: int) -> int:
    """The lines ``textwrap.wrap(part, per_line)`` gives (but 1 for an empty part): wrapped at word boundaries,
    as a spreadsheet does: "PCC Accountability Meeting" takes three lines of 16 characters, not two."""
    if len(part) <= per_line:
        return 1
    words = [len(word) for word in part.split(" ")]
    if not _PLAIN.fullmatch(part) or max(words) > per_line:
        return len(textwrap.wrap(part, per_line))  # hyphens, tabs, runs of spaces, words to break: textwrap's rules
    lines, used = 1, -1
    for length in words:
        if used + 1 + length <= per_line:
            used += 1 + length
        else:
            lines, used = lines + 1, length
    return lines


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
            lines = max(lines, sum(wrapped_lines(part, per_line) for part in value.split("\n")))
    return min(lines * LINE_HEIGHT_PT, MAX_ROW_HEIGHT_PT)


class TableBook:
    """An XlsxWriter workbook and the cell formats its sheets share (wrapped, top-aligned)."""

    def __init__(self, workbook: Workbook):
        self.workbook = workbook
        wrap = {"text_wrap": True, "valign": "top"}
        self._header = workbook.add_format({**wrap, "bold": True})
        self._plain = workbook.add_format(wrap)
        # quote_prefix is Excel's leading apostrophe: the text stays text when someone edits the cell.
        self._quoted = workbook.add_format({**wrap, "quote_prefix": True})
        self._date = workbook.add_format({**wrap, "num_format": DATE_FORMAT})
        self._datetime = workbook.add_format({**wrap, "num_format": DATETIME_FORMAT})

    def write(self, ws: Worksheet, row: int, col: int, value) -> None:
        """Write ``value`` at (``row``, ``col``), 0-based: text always as text, dates as dates, numbers as numbers."""
        if value is None or value == "":
            ws.write_blank(row, col, None, self._plain)
        elif isinstance(value, str):
            text = cell_text(value)
            ws.write_string(row, col, text, self._quoted if text.startswith(_FORMULA_START) else self._plain)
        elif isinstance(value, bool):
            raise TypeError(f"a cell takes text, a date or a number, not {type(value).__name__}")
        elif isinstance(value, dt.datetime):
            if value.tzinfo is not None:
                raise TypeError("a spreadsheet holds no time zone: pass a local time (formatting.local_time)")
            ws.write_datetime(row, col, value, self._datetime)
        elif isinstance(value, dt.date):
            ws.write_datetime(row, col, value, self._date)
        elif isinstance(value, (int, float)):
            ws.write_number(row, col, value, self._plain)
        else:
            raise TypeError(f"a cell takes text, a date or a number, not {type(value).__name__}")

    def add_table_sheet(
        self,
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
        ws = self.workbook.add_worksheet(title)
        for c, width in enumerate(widths):
            ws.set_column(c, c, width)
        for c, header in enumerate(headers):
            ws.write_string(0, c, header, self._header)
        last_row, last_col = 0, len(headers) - 1
        for last_row, values in enumerate(rows, start=1):
            if len(values) != len(headers):
                raise ValueError(f"row {last_row + 1} of sheet {title!r} has {len(values)} cells, not {len(headers)}")
            ws.set_row(last_row, row_height(values, widths))
            for c, value in enumerate(values):
                self.write(ws, last_row, c, value)
        ws.freeze_panes(1, 0)
        if table_name:
            # A table needs a body row, so an empty one gets a blank row.
            ws.add_table(0, 0, max(last_row, 1), last_col, {
                "name": table_name, "style": "Table Style Light 9",
                "columns": [{"header": h, "header_format": self._header} for h in headers]})
        else:
            ws.autofilter(0, 0, last_row, last_col)
        ws.repeat_rows(0)
        ws.set_paper(A4)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)  # one page wide, as many tall as needed
        return ws

    def highlight_where(self, ws: Worksheet, ref: str, formula: str, colour: str) -> None:
        """Fill the cells of ``ref`` with ``colour`` (RRGGBB) while ``formula`` (written for its first row) is true.

        The formula is the program's own, evaluated by the spreadsheet each time
        the file is opened, so a highlight that depends on TODAY() stays right.
        """
        fill = self.workbook.add_format({"bg_color": f"#{colour}"})
        ws.conditional_format(ref, {"type": "formula", "criteria": formula, "format": fill, "stop_if_true": True})


def add_choice_list(ws: Worksheet, ref: str, choices: Sequence[str], title: str) -> None:
    """A drop-down of ``choices`` on the cells of ``ref`` that refuses anything else."""
    ws.data_validation(ref, {"validate": "list", "source": list(choices), "ignore_blank": True,
                             "error_title": title, "error_message": f"Choose one of: {', '.join(choices)}."})


@contextmanager
def new_workbook(path: Path | str) -> Iterator[TableBook]:
    """A workbook that replaces ``path`` all or nothing when the block ends; raises ExportFailed (see atomic_output)."""
    from xlsxwriter import Workbook
    from xlsxwriter.exceptions import FileCreateError

    with atomic_output(path) as tmp:
        # in_memory: no temporary files of XlsxWriter's own to leave behind if the program is killed.
        book = TableBook(Workbook(tmp, {"in_memory": True}))
        yield book
        try:
            book.workbook.close()
        except FileCreateError as exc:  # XlsxWriter wraps the OSError that atomic_output reports
            raise exc.args[0] from exc
