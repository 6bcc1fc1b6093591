"""What the exported spreadsheets and their imports agree on: Excel's cell limit, how text goes into a
cell, and the action tracker's sheet and column names.

Core, so that an export (which writes a file) and an import (which reads it back)
share these without one depending on the other.
"""

from __future__ import annotations

import re

EXCEL_CELL_LIMIT = 32_767  # characters: Excel can neither hold nor show a longer cell
# Word's manual line break and page break arrive in pasted text (as new lines);
# the other control characters cannot be held in XML at all.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BREAKS = {"\x0b": "\n", "\x0c": "\n"}

# The action tracker's columns the importer reads back are named here once.
NUMBER, SERIES, DESCRIPTION, STATUS, UPDATE = "Action", "Series", "Description", "Status", "Update"
TRACKER_HEADERS = (NUMBER, SERIES, "Raised", "Owner", DESCRIPTION, "Due date", STATUS, "Latest update", UPDATE)
TRACKER_SHEETS = ("Open", "Closed")


def clean_text(text: str) -> str:
    """``text`` as a cell can hold it: page and line breaks as new lines, other control characters dropped."""
    return _CONTROL.sub(lambda found: _BREAKS.get(found.group(), ""), text)


def fit_cell(text: str) -> str:
    """``text``, or, past Excel's limit, as much of it as fits followed by a note saying it was cut.

    XlsxWriter would cut it silently; a reader of the export must see that the
    record goes on in Scrutiny.
    """
    if len(text) <= EXCEL_CELL_LIMIT:
        return text
    note = f" … [cut here: the text has {len(text):,} characters, more than a spreadsheet cell holds; read it in Scrutiny]"
    return text[:EXCEL_CELL_LIMIT - len(note)] + note


def cell_text(text: str) -> str:
    """``text`` as an export puts it in a cell (what an import of the file reads back)."""
    return fit_cell(clean_text(text))
