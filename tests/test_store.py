"""Opening, creating and refusing database files."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel, select

from scrutiny_app.core import models as m
from scrutiny_app.core.search import outside_index
from scrutiny_app.core.store import APPLICATION_ID, SCHEMA_HEAD, known_revisions, open_store
from scrutiny_app.errors import DatabaseRefused


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _assert_refused_untouched(path, message: str) -> None:
    """Opening ``path`` fails with ``message``; the file is byte-identical and nothing is left beside it."""
    before = _digest(path)
    neighbours = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(DatabaseRefused, match=message):
        open_store(path)
    assert _digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == neighbours


def test_new_database_is_marked_as_ours_and_in_wal_mode(tmp_path):
    store = open_store(tmp_path / "new.sqlite")
    store.close()
    con = sqlite3.connect(tmp_path / "new.sqlite")
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == known_revisions()[1]


def test_the_head_known_without_alembic_is_alembics_head():
    assert SCHEMA_HEAD == known_revisions()[1]


def test_every_commit_is_synced_to_disk(store):
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_migrations_build_exactly_the_tables_of_the_models(store):
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": outside_index})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_records_survive_closing_and_reopening(new_office_db):
    again = open_store(new_office_db)
    with again.session() as s:
        assert [x.name for x in s.exec(select(m.MeetingSeries)).all()] == ["Police and Crime Panel"]
    again.close()


def test_a_text_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("Minutes of the meeting\n")
    _assert_refused_untouched(path, "not a Scrutiny database")


def test_a_file_cut_off_after_the_sqlite_signature_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "cut.sqlite"
    path.write_bytes(b"SQLite format 3\x00")  # the 16-byte signature and nothing of the 100-byte header
    _assert_refused_untouched(path, "cannot be read as a Scrutiny database")


def test_another_programs_sqlite_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contacts (name TEXT)")
    con.execute("INSERT INTO contacts VALUES ('someone')")
    con.commit()
    con.close()
    _assert_refused_untouched(path, "another program")


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "newer.sqlite"
    open_store(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    _assert_refused_untouched(path, "newer version of Scrutiny")


def test_a_failed_edit_leaves_the_database_as_it_was(store):
    with store.session() as s:
        s.add(m.MeetingSeries(name="PCC Accountability Meeting"))
    with pytest.raises(IntegrityError):
        with store.session() as s:
            s.add(m.MeetingSeries(name="Police and Crime Panel"))
            s.add(m.MeetingSeries(name="PCC Accountability Meeting"))  # breaks the unique name
    with store.session() as s:
        assert [x.name for x in s.exec(select(m.MeetingSeries)).all()] == ["PCC Accountability Meeting"]


def test_a_path_with_spaces_and_hashes_reopens(tmp_path):
    folder = tmp_path / "Meetings #2 (copy) ?"
    folder.mkdir()
    open_store(folder / "scrutiny.sqlite").close()
    open_store(folder / "scrutiny.sqlite").close()
    assert sorted(p.name for p in folder.iterdir())[0] == "scrutiny.sqlite"
