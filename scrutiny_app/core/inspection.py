"""Recognising a database file before anything is written to it: header, owner, schema, integrity.

Only ``sqlite3`` is used, so the window can start the check on its background
runner before SQLAlchemy is loaded: ``PRAGMA quick_check`` of ten years of
meetings runs in SQLite's C code on another core while those modules import.
This module starts no thread (core has no runner): the window hands its answer
over with :func:`hand_over`; the command line inspects when it opens.

Layer: core.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable

from scrutiny_app.errors import DatabaseRefused

# PRAGMA application_id marks the file as ours ("SCRU" in ASCII).
APPLICATION_ID = 0x53435255
# The newest migration. A file already at it needs no Alembic (a test keeps this in step).
SCHEMA_HEAD = "0005"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_handed_over: dict[Path, Callable[[], str | None]] = {}


def inspect_file(path: Path) -> str | None:
    """Return the file's schema revision (None before any), or raise if it is not a sound Scrutiny database."""
    with path.open("rb") as fh:
        header = fh.read(100)
    if header[:len(_SQLITE_MAGIC)] != _SQLITE_MAGIC:
        raise DatabaseRefused(f"{path} is not a Scrutiny database (it is not an SQLite file); it was left untouched.")
    try:
        _finish_cut_write(path, header)
        con = sqlite3.connect(read_only_uri(path, header), uri=True)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise DatabaseRefused(
                    f"{path} is an SQLite file from another program, not a Scrutiny database; it was left untouched."
                )
            revision = _revision(con, path)
            problems = [r[0] for r in con.execute("PRAGMA quick_check(5)")]
            if problems != ["ok"]:
                raise sqlite3.DatabaseError("; ".join(problems))
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(f"{path} cannot be read as a Scrutiny database ({exc}); it was left untouched.") from exc
    return revision


def read_only_uri(path: Path, header: bytes) -> str:
    """The URI that reads ``path`` (whose first 100 bytes are ``header``) without writing anything beside it.

    A file in WAL mode (header byte 18 is 2) without a -wal beside it holds everything:
    it is read as immutable so SQLite creates no -shm/-wal files next to someone else's file.
    A file in rollback-journal mode is read under SQLite's usual lock, as another
    Scrutiny on the share may be writing to it.
    """
    wal = path.with_name(path.name + "-wal")
    flags = "mode=ro&immutable=1" if header[18:19] == b"\x02" and not wal.exists() else "mode=ro"
    return f"{path.resolve().as_uri()}?{flags}"


def _revision(con: sqlite3.Connection, path: Path) -> str | None:
    """The one schema revision the file records; None for a file with no tables yet.

    Tables without exactly one revision row mean a damaged schema: migrating it
    "from nothing" would fail half-way on tables that already exist.
    """
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    rows = [r[0] for r in con.execute("SELECT version_num FROM alembic_version")] if "alembic_version" in tables else []
    if len(rows) == 1:
        return rows[0]
    if not tables - {"alembic_version"} and not rows:
        return None
    found = "no schema version" if not rows else f"{len(rows)} schema versions ({', '.join(map(str, rows))})"
    raise DatabaseRefused(f"{path} has a damaged schema: its tables record {found} instead of one; "
                          "it was left untouched. Restore it from a backup.")


def _finish_cut_write(path: Path, header: bytes) -> None:
    """Undo a write that a crash or a lost share cut short, as SQLite does on any writable open.

    Only a file in rollback-journal mode (on a network share, see filesystems)
    can have one: its ``-journal`` beside it holds the pages to put back. A
    read-only look would refuse the file, or read it half-written; so our own
    file (by the id in its header) is opened writable once, which puts it right.
    """
    if not path.with_name(path.name + "-journal").exists() or int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        return
    con = sqlite3.connect(path.resolve().as_uri() + "?mode=rw", uri=True)
    try:
        con.execute("PRAGMA schema_version").fetchone()  # the first read rolls the journal back
    finally:
        con.close()


def worth_inspecting_early(path: Path) -> bool:
    """Whether there is anything to inspect: a new or empty file is left to open_store to decide on."""
    return path.is_file() and path.stat().st_size > 0


def hand_over(path: Path, answer: Callable[[], str | None]) -> None:
    """Let the next ``inspected(path)`` take its answer from an inspection started elsewhere:
    ``answer`` waits for it, then returns the revision or raises the refusal."""
    _handed_over[path.resolve()] = answer


def inspected(path: Path) -> str | None:
    """The answer handed over for ``path`` (used once), or an inspection now."""
    answer = _handed_over.pop(path.resolve(), None)
    return answer() if answer is not None else inspect_file(path)
