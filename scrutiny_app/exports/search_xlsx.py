"""Search results as a spreadsheet: what an officer attaches when answering "was this ever raised?"."""

from __future__ import annotations

from pathlib import Path

from scrutiny_app.core.search import Hit
from scrutiny_app.exports.xlsx_writer import new_workbook

HEADERS = ("Meeting date", "Series", "Kind", "Where", "Private", "Snippet")
WIDTHS = (13, 28, 16, 28, 8, 80)


def export_search_xlsx(query: str, hits: list[Hit], path: Path | str) -> None:
    """Write ``hits`` (best first) to ``path``; the sheet is named for the search and matches are in [brackets]."""
    rows = [(h.date, h.series, h.kind_label, h.place, "Yes" if h.private else "", h.marked_snippet()) for h in hits]
    with new_workbook(path) as book:
        ws = book.add_table_sheet("Search results", HEADERS, rows, WIDTHS)
        ws.set_header("&C" + f"Search: {query}".replace("&", "&&"))  # "&" starts a header code: "&&" is the sign
