"""Opening a Scrutiny database: recognise it, migrate it, hand out short sessions.

A file is only ever written to once it is known to be ours (or new): the checks
read it through a read-only SQLite connection first, so a foreign file is left
byte for byte as it was.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.pool import QueuePool
from sqlalchemy.engine import Engine
from sqlmodel import Session

from scrutiny_app.errors import DatabaseRefused

# PRAGMA application_id marks the file as ours ("SCRU" in ASCII).
APPLICATION_ID = 0x53435255
_SQLITE_MAGIC = b"SQLite format 3\x00"
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


def _inspect_existing(path: Path) -> str | None:
    """Return the file's schema revision, or raise if it is not a Scrutiny database."""
    with path.open("rb") as fh:
        header = fh.read(len(_SQLITE_MAGIC))
    if header != _SQLITE_MAGIC:
        raise DatabaseRefused(f"{path} is not a Scrutiny database (it is not an SQLite file); it was left untouched.")
    try:
        # Without a -wal beside it the file holds everything: read it as immutable so
        # SQLite creates no -shm/-wal files next to someone else's file.
        wal = path.with_name(path.name + "-wal")
        flags = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
        con = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise DatabaseRefused(
                    f"{path} is an SQLite file from another program, not a Scrutiny database; it was left untouched."
                )
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and "no such table" in str(exc):
            return None
        raise DatabaseRefused(f"{path} cannot be read as a Scrutiny database ({exc}); it was left untouched.") from exc
    return row[0] if row else None


def _on_connect(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA busy_timeout = 5000")
    cur.execute("PRAGMA journal_mode = WAL")
    # FULL: each commit reaches the disk before it returns, so a power cut loses no saved keystroke
    # (NORMAL would only lose nothing on a crash of the program).
    cur.execute("PRAGMA synchronous = FULL")
    cur.close()


class Store:
    """An open database: the engine and a factory for one short session per operation."""

    def __init__(self, path: Path, engine: Engine):
        self.path = path
        self.engine = engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()


def open_store(path: Path | str) -> Store:
    """Open (creating or upgrading as needed) the Scrutiny database at ``path``."""
    path = Path(path).expanduser()
    existing = path.exists() and path.stat().st_size > 0
    revision = _inspect_existing(path) if existing else None
    revisions, head = known_revisions()
    if revision is not None and revision not in revisions:
        raise DatabaseRefused(
            f"{path} was made by a newer version of Scrutiny (schema {revision}); "
            "install the newer version to open it. The file was left untouched."
        )
    if existing and revision != head:
        backup = path.with_name(f"{path.name}.before-{head}.bak")
        shutil.copy2(path, backup)
    if not path.parent.exists():
        raise DatabaseRefused(f"The folder {path.parent} does not exist.")

    # A creator, not a URL: a path with "?" or "#" would be misread as URL syntax.
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(path, check_same_thread=False),
        poolclass=QueuePool,  # "sqlite://" alone would mean one in-memory connection per thread
    )
    event.listen(engine, "connect", _on_connect)
    if revision != head:
        from alembic import command

        with engine.begin() as connection:
            command.upgrade(_alembic_config(connection), "head")
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    return Store(path, engine)
