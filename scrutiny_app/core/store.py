"""Opening a Scrutiny database: recognise it, migrate it, hand out short sessions.

A file is only ever written to once it is known to be ours (or new): the checks
read it through a read-only SQLite connection first, so a foreign file is left
byte for byte as it was.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Callable, Iterator, Literal

from sqlalchemy import create_engine, event
from sqlalchemy.pool import QueuePool
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from filelock import FileLock, Timeout
from sqlmodel import Session

from scrutiny_app.core.backups import backup_due, backup_folder, latest_backup, take_backup, taken_at
from scrutiny_app.core import open_inputs
from scrutiny_app.core.filesystems import on_network_share
from scrutiny_app.core.inspection import APPLICATION_ID, SCHEMA_HEAD, inspected
from scrutiny_app.core.pdf_text import SQL_FUNCTION, pdf_pages
from scrutiny_app.errors import DatabaseDamaged, DatabaseRefused, ReadOnly, SaveFailed, UserError

# What saving can meet in the user's environment (locked or read-only file, full disk): the callers that
# save show these as a message and keep what was typed; anything else is a bug.
SAVE_ERRORS = (SQLAlchemyError, OSError, UserError)
READ_ONLY_MESSAGE = "this database is read-only here because another Scrutiny window has it open."
_MIGRATIONS = Path(__file__).with_name("migrations")


def _alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def known_revisions() -> tuple[list[str], str]:
    """All revisions this version knows, and the newest (head)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    return [rev.revision for rev in script.walk_revisions()], script.get_current_head()


def _on_connect(journal_mode: str, dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA busy_timeout = 5000")
    cur.execute(f"PRAGMA journal_mode = {journal_mode}")
    # FULL: each commit reaches the disk before it returns, so a power cut loses no saved keystroke
    # (NORMAL would only lose nothing on a crash of the program).
    cur.execute("PRAGMA synchronous = FULL")
    cur.close()
    # The search index's triggers read attached papers through this function.
    dbapi_connection.create_function(SQL_FUNCTION, 2, pdf_pages, deterministic=True)


class Store:
    """An open database: the engine and a factory for one short session per operation."""

    def __init__(self, path: Path, engine: Engine, *, read_only: bool = False, lock: FileLock | None = None):
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self._lock = lock
        self.backup_due = False  # open_store(backup_later=True) left the open backup to the caller
        self._registered = True
        open_inputs.register(path, database=True)  # no output may overwrite it (see open_inputs)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error."""
        with Session(self.engine, expire_on_commit=False) as session:
            if self.read_only:
                event.listen(session, "before_flush", _refuse_changes)
            try:
                yield session
                session.commit()
            except OperationalError as exc:
                session.rollback()
                if self.read_only and "readonly" in str(exc):  # a bulk write that bypassed the flush check
                    raise ReadOnly(READ_ONLY_MESSAGE) from exc
                if why := _disk_refused(exc):
                    raise SaveFailed(f"Cannot save to {self.path.name}: {why}. Everything saved before is safe; "
                                     "try again once that is put right.") from exc
                raise
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()
        if self._registered:
            open_inputs.release(self.path, database=True)
            self._registered = False
        if self._lock is not None:
            self._lock.release()
            self._lock = None


# SQLite's words for a write the disk refused, and what they mean to the officer.
_DISK_ERRORS = (
    ("database or disk is full", "the disk is full; free some space"),
    ("attempt to write a readonly database", "the file or its folder has become read-only"),
    ("disk i/o error", "the disk reported an error (a network share that went away?)"),
)


def _disk_refused(exc: OperationalError) -> str | None:
    text = str(exc.orig if exc.orig is not None else exc).lower()
    return next((why for words, why in _DISK_ERRORS if words in text), None)


def _refuse_changes(session, _context, _instances) -> None:
    if session.new or session.dirty or session.deleted:
        raise ReadOnly(READ_ONLY_MESSAGE)


def _inspect_or_explain(path: Path) -> str | None:
    """Inspect the file; a refusal of a file we have backups of becomes a DatabaseDamaged offering the newest."""
    try:
        return inspected(path)
    except DatabaseRefused as exc:
        backup = latest_backup(path)
        if backup is None:
            raise
        raise DatabaseDamaged(
            f"{path} cannot be opened: it looks damaged ({exc}). "
            f"The latest automatic backup is {backup.name}, taken {_taken(backup)}.",
            backup,
        ) from exc


def _taken(backup: Path) -> str:
    return taken_at(backup).strftime("%d %B %Y at %H:%M")


def _engine(path: Path, read_only: bool) -> Engine:
    """Connections to ``path``: write-ahead log on a local disk, rollback journal on a share (see filesystems)."""
    journal_mode = "DELETE" if on_network_share(path) else "WAL"
    uri = path.resolve().as_uri() + ("?mode=ro" if read_only else "")
    # A creator, not a URL: a path with "?" or "#" would be misread as URL syntax.
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        poolclass=QueuePool,  # "sqlite://" alone would mean one in-memory connection per thread
    )
    event.listen(engine, "connect", partial(_on_connect, journal_mode))
    return engine


Intent = Literal["read", "write"]


def open_store(path: Path | str, *, intent: Intent = "write", backups: bool = True, backup_later: bool = False,
               announce: Callable[[str], None] = lambda step: None,
               warn: Callable[[str], None] | None = None) -> Store:
    """Open (creating or upgrading as needed) the Scrutiny database at ``path``.

    A file another Scrutiny has open is opened read-only. With ``backups`` a
    copy is taken before a migration and, when the ``intent`` is to write, on
    opening, at most once an hour (see backups; the demo takes none). With
    ``backup_later`` the copy on open is left to the caller (``store.backup_due``),
    so the window can show before ten years of meetings are copied; the copy
    before a migration is always taken first. ``announce`` is told of each slow
    step before it starts (copying, upgrading), for the window to say so. A
    backup that cannot be taken (full disk, read-only folder) never stops the
    open: ``warn`` (by default ``announce``) is told why.
    """
    path = Path(path).expanduser()
    warn = warn or announce
    if not path.parent.exists():
        raise DatabaseRefused(f"The folder {path.parent} does not exist.")
    existing = path.exists() and path.stat().st_size > 0
    if path.exists() and not existing and (backup := latest_backup(path)) is not None:
        # A file we have backups of, cut to nothing (a failed copy, a full share): never start it afresh.
        raise DatabaseDamaged(f"{path} cannot be opened: it is empty (0 bytes), though it held a Scrutiny "
                              f"database. The latest automatic backup is {backup.name}, taken {_taken(backup)}.", backup)
    revision = _inspect_or_explain(path) if existing else None
    head = SCHEMA_HEAD
    if revision not in (None, head) and revision not in known_revisions()[0]:
        raise DatabaseRefused(
            f"{path} was made by a newer version of Scrutiny (schema {revision}); "
            "install the newer version to open it. The file was left untouched."
        )
    lock = FileLock(f"{path}.lock")
    try:
        lock.acquire(timeout=0)
    except (Timeout, OSError):
        lock = None  # another Scrutiny has it (or the folder is read-only): look, do not touch
    if lock is None:
        if revision != head:
            raise DatabaseRefused(f"{path} is open in another Scrutiny and needs an upgrade; close the other one first.")
        return Store(path, _engine(path, read_only=True), read_only=True)

    upgrade = existing and revision != head
    on_open = existing and backups and not upgrade and intent == "write" and backup_due(path)
    if backups and upgrade:
        _backup_or_warn(path, f"before-upgrade-to-{head}", announce, warn)
    elif on_open and not backup_later:
        _backup_or_warn(path, "open", announce, warn)
    engine = _engine(path, read_only=False)
    if revision != head:
        from alembic import command

        if existing:
            announce(f"Updating {path.name} for this version of Scrutiny; this is done once…")

        with engine.begin() as connection:
            command.upgrade(_alembic_config(connection), "head")
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    store = Store(path, engine, lock=lock)
    store.backup_due = on_open and backup_later
    return store


def _backup_or_warn(path: Path, reason: str, announce: Callable[[str], None], warn: Callable[[str], None]) -> None:
    announce(f"Copying {path.name} to its backups…")
    try:
        take_backup(path, reason)
    except (OSError, sqlite3.Error) as exc:
        warn(backup_failed(path, exc))


def backup_failed(path: Path, exc: BaseException) -> str:
    """The warning for a backup of ``path`` that could not be taken."""
    why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return (f"no backup of {path.name} could be taken in {backup_folder(path)} ({why}); "
            "carrying on without one.")
