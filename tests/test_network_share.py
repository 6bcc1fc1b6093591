"""A database on a network share: rollback journal instead of the write-ahead log, and cut writes undone.

No share can be mounted here, so the mount tables are given as text to the
parsers, and ``open_store`` is told the file is on a share; the SQLite files,
the crash and the recovery are real.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlmodel import select

from scrutiny_app.core import models as m
from scrutiny_app.core import store as store_module
from scrutiny_app.core.filesystems import _fs_type, _linux_mounts, _macos_mounts, on_network_share
from scrutiny_app.core.store import open_store

PROC_MOUNTS = textwrap.dedent("""\
    /dev/vda1 / ext4 rw,relatime 0 0
    //fs01/Scrutiny /mnt/office\\040share cifs rw,vers=3.1.1 0 0
    fs02:/export /mnt/nfs nfs4 rw 0 0
    /dev/vdb1 /mnt/nfs/local ext4 rw 0 0
""")
MAC_MOUNT = textwrap.dedent("""\
    /dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
    //officer@fs01/Scrutiny on /Volumes/Scrutiny (smbfs, nodev, nosuid, mounted by officer)
""")


@pytest.mark.parametrize("folder, kind", [
    ("/home/officer", "ext4"),
    ("/mnt/office share/meetings", "cifs"),
    ("/mnt/nfs", "nfs4"),
    ("/mnt/nfs/local/copy", "ext4"),  # the innermost mount decides
])
def test_the_innermost_mount_gives_the_file_system(folder, kind):
    assert _fs_type(Path(folder), _linux_mounts(PROC_MOUNTS)) == kind


def test_macos_mounts_are_read_from_the_mount_command():
    mounts = _macos_mounts(MAC_MOUNT)
    assert (_fs_type(Path("/Volumes/Scrutiny/2026"), mounts), _fs_type(Path("/Users/officer"), mounts)) == (
        "smbfs", "apfs")


def test_a_local_folder_is_not_a_share(tmp_path):
    assert not on_network_share(tmp_path / "scrutiny.sqlite")


@pytest.fixture
def on_share(monkeypatch):
    monkeypatch.setattr(store_module, "on_network_share", lambda path: True)


@pytest.fixture
def shared_db(tmp_path, on_share) -> Path:
    """A new database on the "share", holding the office's name."""
    path = tmp_path / "shared.sqlite"
    store = open_store(path)
    with store.session() as s:
        s.add(m.Setting(key="office.name", value="OPCC for Norfolk"))
    store.close()
    return path


def _ask(path: Path, sql: str):
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchone()
    finally:
        con.close()


def test_a_file_on_a_share_is_kept_in_rollback_journal_mode(shared_db):
    assert _ask(shared_db, "PRAGMA journal_mode") == ("delete",)
    assert not shared_db.with_name("shared.sqlite-wal").exists()
    assert _ask(shared_db, "SELECT value FROM setting WHERE key = 'office.name'") == ("OPCC for Norfolk",)


def test_a_file_brought_back_to_a_local_disk_returns_to_the_write_ahead_log(shared_db, monkeypatch):
    monkeypatch.setattr(store_module, "on_network_share", lambda path: False)
    store = open_store(shared_db)
    with store.session() as s:
        s.exec(select(m.Setting)).all()  # the first connection sets the mode
    store.close()
    assert _ask(shared_db, "PRAGMA journal_mode") == ("wal",)


# Rewrites the office name with a long one in rollback-journal mode, with a page cache so small that the
# changed pages reach the file before the commit, then dies: the -journal holds the pages to put back.
CUT_WRITE = textwrap.dedent("""
    import os, sqlite3, sys
    con = sqlite3.connect(sys.argv[1], isolation_level=None)
    con.execute("PRAGMA cache_size = 1")
    con.execute("BEGIN")
    con.execute("UPDATE setting SET value = ? WHERE key = 'office.name'", ("x" * 200_000,))
    con.execute("INSERT INTO setting (key, value) VALUES ('half', ?)", ("y" * 200_000,))
    os._exit(9)
""")


def test_a_write_cut_short_on_a_share_is_undone_when_the_file_is_next_opened(shared_db):
    path = shared_db
    before = path.read_bytes()
    subprocess.run([sys.executable, "-c", CUT_WRITE, str(path)], check=False, timeout=60)
    assert path.with_name("shared.sqlite-journal").exists() and path.read_bytes() != before  # a real cut write

    store = open_store(path)
    with store.session() as s:
        assert [(x.key, x.value) for x in s.exec(select(m.Setting).order_by(m.Setting.key))] == [
            ("office.name", "OPCC for Norfolk")]
    store.close()
    assert not path.with_name("shared.sqlite-journal").exists()
    assert _ask(path, "PRAGMA integrity_check") == ("ok",)
