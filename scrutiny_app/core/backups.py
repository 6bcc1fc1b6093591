"""Automatic, rotating backups of a database, taken when it is opened and before a migration.

Backups are made with SQLite's online backup API, which gives a consistent copy
even of a database in WAL mode with a second program reading it. They live in
the user data folder (not beside a file that may be on a network share), one
folder per database path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

from scrutiny_app import paths

KEEP = 10  # the newest backups kept per database


def backup_folder(db: Path) -> Path:
    key = hashlib.sha1(str(Path(db).resolve()).encode("utf-8")).hexdigest()[:10]
    return paths.data_home() / "backups" / f"{Path(db).stem}-{key}"


def list_backups(db: Path) -> list[Path]:
    """The backups of ``db``, newest first."""
    folder = backup_folder(db)
    return sorted(folder.glob("*.sqlite"), reverse=True) if folder.is_dir() else []


def latest_backup(db: Path) -> Path | None:
    found = list_backups(db)
    return found[0] if found else None


def take_backup(db: Path, reason: str) -> Path:
    """Copy ``db`` into its backup folder and drop all but the newest :data:`KEEP` copies."""
    folder = backup_folder(db)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{stamp}-{reason}.sqlite"
    partial = target.with_suffix(".partial")
    source = sqlite3.connect(f"{Path(db).resolve().as_uri()}?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    os.replace(partial, target)
    for old in list_backups(db)[KEEP:]:
        old.unlink(missing_ok=True)
    return target


def restore_backup(backup: Path, db: Path) -> Path:
    """Put ``backup`` in place of ``db``; the file it replaces is kept beside it, renamed. Returns that name."""
    db = Path(db)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = db.with_name(f"{db.name}.damaged-{stamp}")
    for side in ("", "-wal", "-shm"):  # the journal files go with the file they belong to
        if Path(f"{db}{side}").exists():
            os.replace(f"{db}{side}", f"{kept}{side}")
    partial = db.with_name(f".{db.name}.restoring")
    shutil.copyfile(backup, partial)
    os.replace(partial, db)
    return kept
