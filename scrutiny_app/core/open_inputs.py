"""The files being read right now, which no output may overwrite.

An export, a pack or a screenshot naming the open database (or its journal,
its lock, a backup) would replace the officer's records with a spreadsheet. Every
open database registers itself here (``Store`` does), a command registers the
file it reads, and every writer asks :func:`refuse_overwrite` first (``atomic_output``
does, for the window's exports too). Paths are compared resolved, and with
``os.path.samefile`` for hard links.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from pathlib import Path

from scrutiny_app.errors import ExportFailed

_lock = threading.Lock()
_open: Counter[tuple[Path, bool]] = Counter()  # (path as given, made absolute; is it a database) -> times opened
_COMPANIONS = (("", "the open database"), ("-journal", "the journal of the open database"),
               ("-wal", "the write-ahead log of the open database"), ("-shm", "the shared memory file of the open database"),
               (".lock", "the lock file of the open database"))


def register(path: Path | str, *, database: bool = False) -> None:
    with _lock:
        _open[(Path(path).absolute(), database)] += 1


def release(path: Path | str, *, database: bool = False) -> None:
    with _lock:
        key = (Path(path).absolute(), database)
        _open[key] -= 1
        if _open[key] <= 0:
            del _open[key]


def _same(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False  # one of them does not exist yet


def _clash(out: Path) -> str | None:
    """What ``out`` would overwrite, in words, or None."""
    from scrutiny_app.core.backups import backups_root

    with _lock:
        inputs = list(_open)
    for path, database in inputs:
        if not database:
            if _same(out, path):
                return f"the file this command reads ({path})"
            continue
        for plain in {path, path.resolve()}:
            for suffix, what in _COMPANIONS:
                if _same(out, Path(f"{plain}{suffix}")):
                    return f"{what} ({path})"
    if inputs and any(x for _, x in inputs):
        root = backups_root().resolve()
        target = out.resolve()
        if target == root or root in target.parents:
            return f"inside the backups folder {root}"
        if out.is_file() and any(_same(out, b) for b in root.rglob("*.sqlite")):
            return f"a backup in {root}"
    return None


def refuse_overwrite(out: Path | str) -> None:
    """Raise ExportFailed if writing ``out`` would overwrite a file being read or a backup."""
    out = Path(out).absolute()
    if (what := _clash(out)) is not None:
        raise ExportFailed(f"Cannot write {out}: it is {what}. Choose another file name; nothing was written.")
