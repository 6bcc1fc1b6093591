"""Is a database file on a network share? SQLite's write-ahead log must not be used there.

WAL keeps its index in shared memory (the ``-shm`` file, mapped into every
process), which only works when every program using the file runs on the same
computer. On an office share it can lose or corrupt what was saved, so a file
there is kept in SQLite's rollback-journal mode instead, which relies only on
file locks.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

# File-system types that reach another computer (Linux /proc/mounts, macOS mount).
NETWORK_TYPES = frozenset({
    "9p", "afpfs", "afs", "ceph", "cifs", "coda", "davfs", "fuse.davfs2", "fuse.glusterfs", "fuse.rclone",
    "fuse.sshfs", "glusterfs", "lustre", "ncpfs", "nfs", "nfs4", "smb3", "smbfs", "sshfs", "webdav",
})
DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a mapped network drive


def on_network_share(path: Path) -> bool:
    """True when ``path`` (a file, which need not exist yet) is on a network file system."""
    folder = Path(os.path.abspath(path)).parent
    if sys.platform == "win32":
        return _windows_remote(folder)
    try:
        if sys.platform == "darwin":
            text = subprocess.run(["/sbin/mount"], capture_output=True, text=True, timeout=5).stdout
            mounts = _macos_mounts(text)
        else:
            mounts = _linux_mounts(Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace"))
    except (OSError, subprocess.SubprocessError):
        return False  # cannot tell: the local default
    return _fs_type(folder.resolve(), mounts) in NETWORK_TYPES


def _linux_mounts(text: str) -> dict[str, str]:
    """Mount point -> file-system type, from /proc/mounts (spaces in paths are written \\040)."""
    mounts = {}
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[1])
            mounts[point] = fields[2]
    return mounts


def _macos_mounts(text: str) -> dict[str, str]:
    """Mount point -> file-system type, from macOS ``mount``: ``//me@server/share on /Volumes/share (smbfs, …)``."""
    mounts = {}
    for line in text.splitlines():
        found = re.match(r".* on (.+) \(([^,)]+)", line)
        if found:
            mounts[found.group(1)] = found.group(2)
    return mounts


def _fs_type(folder: Path, mounts: dict[str, str]) -> str | None:
    """The type of the innermost mount holding ``folder``."""
    best, kind = -1, None
    for point, fs in mounts.items():
        inside = folder == Path(point) or Path(point) in folder.parents
        if inside and len(point) > best:
            best, kind = len(point), fs
    return kind


def _windows_remote(folder: Path) -> bool:
    text = str(folder.resolve())
    if text.startswith("\\\\"):  # \\server\share\…
        return True
    import ctypes

    return ctypes.windll.kernel32.GetDriveTypeW(text[:2] + "\\") == DRIVE_REMOTE
