"""A digest of every row of every table of a database file, to show an operation changed nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def database_digest(path: Path) -> str:
    """Hash of all rows, read through a separate read-only connection (so it sees only committed data)."""
    con = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        digest = hashlib.sha256()
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            rows = sorted(repr(row) for row in con.execute(f'SELECT * FROM "{table}"'))
            digest.update(f"{table}:{len(rows)}\n".encode())
            for row in rows:
                digest.update(row.encode())
        return digest.hexdigest()
    finally:
        con.close()
