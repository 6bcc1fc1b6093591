"""Rows put straight into a test database (each flushed so the next can refer to its id) and read back."""

from __future__ import annotations

import contextlib
import sqlite3


def add(store, *rows):
    """Add ``rows`` in order in one session and return them, ids filled in."""
    with store.session() as s:
        for row in rows:
            s.add(row)
            s.flush()
    return rows


def stored(path, sql: str, *args) -> list:
    """Rows read through a fresh connection to the database file: what a restart would find."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        return db.execute(sql, args).fetchall()
