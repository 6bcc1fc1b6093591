"""Damaged database files are detected on open, left as they are, and the latest backup is offered."""

from __future__ import annotations

import random
import sqlite3

import pytest

from scrutiny_app.core.backups import list_backups
from scrutiny_app.core.store import open_store
from scrutiny_app.errors import DatabaseDamaged


@pytest.fixture
def opened_demo(demo_path):
    """The demo copy, opened (and so backed up) once and closed cleanly."""
    open_store(demo_path).close()
    return demo_path


def _page_size(path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA page_size").fetchone()[0]
    finally:
        con.close()


def _refused_untouched(path) -> DatabaseDamaged:
    before = path.read_bytes()
    with pytest.raises(DatabaseDamaged) as refused:
        open_store(path)
    assert path.read_bytes() == before
    assert refused.value.backup == list_backups(path)[0]
    return refused.value


def test_a_torn_page_is_detected_and_the_backup_offered(opened_demo):
    """A write cut off half way through a page (power cut, network share): its first half new, the rest old."""
    size = _page_size(opened_demo)
    with opened_demo.open("r+b") as fh:
        fh.seek(size * 6)
        fh.write(random.Random(8).randbytes(size // 2))
    assert "looks damaged" in str(_refused_untouched(opened_demo))


def test_another_programs_sqlite_file_in_place_of_ours_offers_the_backup(opened_demo, tmp_path):
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE contacts (name TEXT)")
    con.commit()
    con.close()
    opened_demo.write_bytes(other.read_bytes())
    assert "another program" in str(_refused_untouched(opened_demo))


def test_a_database_emptied_to_nothing_is_not_taken_for_a_new_one(opened_demo):
    opened_demo.write_bytes(b"")
    assert "is empty" in str(_refused_untouched(opened_demo))
