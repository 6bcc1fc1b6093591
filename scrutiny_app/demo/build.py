"""Build the demo database: always into a new file, so the user's own database is never touched."""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from scrutiny_app.core.demo import add_report_papers, build_demo_records
from scrutiny_app.core.store import Store
from scrutiny_app.demo.report_paper import render_report_paper
from scrutiny_app.errors import ExportFailed, UserError


def build_demo(target: Path, folder: Path | None = None) -> Store:
    """Write the demo database, papers and all, to ``target`` (which must not exist) and return it open."""
    store = build_demo_records(target, folder)
    add_report_papers(store, render_report_paper)
    return store


def throwaway_copy() -> Path:
    """A fresh demo database in a temporary folder that is removed when the program exits."""
    folder = Path(tempfile.mkdtemp(prefix="scrutiny-demo-"))
    atexit.register(shutil.rmtree, folder, True)
    target = folder / "demo.sqlite"
    build_demo(target).close()
    return target


def write_demo(out: Path) -> None:
    """Write the demo database to ``out`` all or nothing (for ``make-demo``).

    It is built beside ``out`` under a temporary name and renamed once complete,
    so a full disk or a killed build leaves no broken file behind.
    """
    out = Path(out)
    building = out.with_name(f".{out.name}.{os.getpid()}.building")
    try:
        build_demo(building).close()
        os.replace(building, out)
    except (OSError, sqlite3.Error, SQLAlchemyError, UserError) as exc:
        raise ExportFailed(f"Cannot write the demo database to {out}: {_why(exc)}; nothing was left behind.") from exc
    finally:
        for leftover in ("", "-journal", "-wal", "-shm", ".lock"):
            Path(f"{building}{leftover}").unlink(missing_ok=True)


def _why(exc: BaseException) -> str:
    """The disk's reason, under whatever wrapping SQLite and SQLAlchemy gave it."""
    while exc.__cause__ is not None and not isinstance(exc, OSError):
        exc = exc.__cause__
    if isinstance(exc, SQLAlchemyError) and getattr(exc, "orig", None) is not None:
        exc = exc.orig
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
