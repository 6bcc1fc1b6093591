"""Automatic backups of a database, taken when it is opened for writing and before a migration.

Backups are made with SQLite's online backup API, which gives a consistent copy
even of a database in WAL mode with a second program reading it. They live in
the user data folder (not beside a file that may be on a network share), one
folder per database path.

The policy keeps history: a copy on opening is taken at most once an hour
(:data:`EVERY`), and rotation keeps the newest copy of each of the last
:data:`KEEP_DAYS` distinct days plus the :data:`KEEP_LATEST` newest copies, so a
morning of opening and closing can never push out every copy of last week.
A ``.partial`` file older than an hour was left by a killed copy and is removed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
import time
from contextlib import suppress
from pathlib import Path

from scrutiny_app import paths

EVERY = dt.timedelta(hours=1)  # at most one backup on opening per database in this time
KEEP_DAYS = 10  # the newest backup of each of this many most recent distinct days is kept
KEEP_LATEST = 5  # and the newest this many backups, whatever their day
STALE_PARTIAL_S = 3600  # a .partial this old belongs to a copy that was killed
_STAMP = "%Y%m%d-%H%M%S-%f"


def _now() -> dt.datetime:
    """The clock the policy reads (tests replace it)."""
    return dt.datetime.now()


def backups_root() -> Path:
    """The folder holding every database's backup folder."""
    return paths.data_home() / "backups"


def backup_folder(db: Path) -> Path:
    key = hashlib.sha1(str(Path(db).resolve()).encode("utf-8")).hexdigest()[:10]
    return backups_root() / f"{Path(db).stem}-{key}"


def list_backups(db: Path) -> list[Path]:
    """The backups of ``db``, newest first."""
    folder = backup_folder(db)
    return sorted(folder.glob("*.sqlite"), reverse=True) if folder.is_dir() else []


def latest_backup(db: Path) -> Path | None:
    found = list_backups(db)
    return found[0] if found else None


def taken_at(backup: Path) -> dt.datetime:
    """When ``backup`` was taken, from the stamp its name starts with."""
    return dt.datetime.strptime(backup.name[:22], _STAMP)


def backup_due(db: Path, now: dt.datetime | None = None) -> bool:
    """Whether opening ``db`` for writing calls for a backup: none taken in the last hour."""
    now = now or _now()
    latest = latest_backup(db)
    return latest is None or not (dt.timedelta(0) <= now - taken_at(latest) < EVERY)


def take_backup(db: Path, reason: str, now: dt.datetime | None = None) -> Path:
    """Copy ``db`` into its backup folder, then rotate the folder (see the module docstring)."""
    now = now or _now()
    folder = backup_folder(db)
    folder.mkdir(parents=True, exist_ok=True)
    _remove_stale_partials(folder)
    target = folder / f"{now.strftime(_STAMP)}-{reason}.sqlite"
    partial = target.with_suffix(".partial")
    try:
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
    except BaseException:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
    for old in to_rotate_out(list_backups(db)):
        old.unlink(missing_ok=True)
    return target


def to_rotate_out(backups: list[Path]) -> list[Path]:
    """Of ``backups`` (newest first), those neither among the newest few nor the newest of a recent day."""
    keep = set(backups[:KEEP_LATEST])
    days: dict[dt.date, Path] = {}
    for backup in backups:
        days.setdefault(taken_at(backup).date(), backup)
    keep.update(list(days.values())[:KEEP_DAYS])
    return [b for b in backups if b not in keep]


def _remove_stale_partials(folder: Path) -> None:
    for partial in folder.glob("*.partial"):
        with suppress(OSError):
            if time.time() - partial.stat().st_mtime > STALE_PARTIAL_S:
                partial.unlink()


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
