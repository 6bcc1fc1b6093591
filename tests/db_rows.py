"""Rows put straight into a test database, each flushed so the next can refer to its id."""

from __future__ import annotations


def add(store, *rows):
    """Add ``rows`` in order in one session and return them, ids filled in."""
    with store.session() as s:
        for row in rows:
            s.add(row)
            s.flush()
    return rows
