"""Writing an export so that a failure never leaves a half-written or lost file.

The new content goes to a temporary file beside the target and replaces it in
one ``os.replace`` only once it is complete and on disk; until then any earlier
file at the target path is untouched. The temporary file's name carries the
writer's process id, so one left behind by a killed export is cleared away by
the next export to the same file.

In core because the exports, the pack and the window's chart images all write files this way.
"""

from __future__ import annotations

import os
import time
import uuid
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Iterator

from scrutiny_app.core.open_inputs import refuse_overwrite
from scrutiny_app.errors import ExportFailed


def _fsync(path: Path) -> None:
    with open(path, "r+b") as fh:
        os.fsync(fh.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; best effort (Windows cannot open a folder)."""
    if os.name == "nt":
        return
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _failed(path: Path, exc: OSError) -> ExportFailed:
    return ExportFailed(f"Cannot write {path}: {exc.strerror or exc}")


def _discard(tmp: Path) -> None:
    with suppress(OSError):
        tmp.unlink(missing_ok=True)


STALE_AFTER_S = 3600  # where a process cannot be asked whether it is alive (Windows), a leftover's age decides


def _writer_gone(leftover: Path) -> bool:
    try:
        pid = int(leftover.name.rsplit(".", 3)[-3])
    except ValueError:
        return False  # not one of ours
    if pid == os.getpid():
        return False
    if os.name == "nt":  # os.kill(pid, 0) would send Ctrl+C there
        return time.time() - leftover.stat().st_mtime > STALE_AFTER_S
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # alive, someone else's
    return False


def _clear_leftovers(path: Path) -> None:
    """Remove temporary files of earlier exports to ``path`` whose writer was killed."""
    with suppress(OSError):
        for leftover in path.parent.glob(f".{path.name}.*.tmp"):
            if _writer_gone(leftover):
                leftover.unlink(missing_ok=True)


@contextmanager
def atomic_output(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path to write to; on success it replaces ``path``.

    Any OSError, from the caller's writing or from the replace, becomes an
    ExportFailed naming the path and the reason; the temporary file is removed
    whatever goes wrong. A path that is the open database, its journal or a
    backup is refused before anything is written (see open_inputs).
    """
    path = Path(path)
    refuse_overwrite(path)
    # Same folder, so the rename cannot cross file systems. Created with O_EXCL
    # and mode 0o666 (less the umask) rather than mkstemp's 0o600, so the
    # export gets the permissions of any file the user saves there.
    _clear_leftovers(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as exc:
        raise _failed(path, exc) from exc
    try:
        yield tmp
        _fsync(tmp)
        os.replace(tmp, path)
        _fsync_folder(path.parent)
    except OSError as exc:
        _discard(tmp)
        raise _failed(path, exc) from exc
    except BaseException:
        _discard(tmp)
        raise
