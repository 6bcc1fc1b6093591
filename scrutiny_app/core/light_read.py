"""Reading a database with the standard library's ``sqlite3`` alone, for a command that only reads (search).

Loading SQLAlchemy, SQLModel and pydantic costs a command line tool many times
the query it runs. The file gets the checks :func:`~scrutiny_app.core.store.open_store`
makes before it reads anything (inspection: an SQLite file, ours, sound, one
schema revision) and is opened read-only. Only a file already at the newest
schema is read here; any other (new or empty, older and to be migrated, from a
newer version, or refused, where the refusal may offer a backup) is left to
``open_store``, which does that work and says so in its own words.

The connection registers no ``scrutiny_pdf_pages`` function: only the search
index's triggers call it, and a read-only connection fires none.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from scrutiny_app.core.inspection import SCHEMA_HEAD, inspect_file, read_only_uri
from scrutiny_app.errors import DatabaseRefused


def open_read_only(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to ``path`` if it is a sound Scrutiny database at the newest schema, else None."""
    path = Path(path).expanduser()
    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        if inspect_file(path) != SCHEMA_HEAD:
            return None
    except DatabaseRefused:
        return None
    with path.open("rb") as fh:
        header = fh.read(100)
    return sqlite3.connect(read_only_uri(path, header), uri=True)
