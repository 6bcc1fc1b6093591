"""Faults an office meets: a damaged file, a second copy of the app, and the backups that answer them."""

from __future__ import annotations

import os
import random

import pytest
from sqlmodel import select

from scrutiny_app.core import models as m
from scrutiny_app.core.backups import list_backups, restore_backup
from scrutiny_app.core.store import open_store
from scrutiny_app.errors import DatabaseDamaged, DatabaseRefused, ReadOnly


def _series_names(store) -> list[str]:
    with store.session() as s:
        return [x.name for x in s.exec(select(m.MeetingSeries)).all()]


def test_opening_takes_a_backup_that_holds_the_records(office_db):
    backups = list_backups(office_db)
    assert len(backups) == 1
    backup = open_store(backups[0], backups=False)
    assert _series_names(backup) == ["Police and Crime Panel"]
    backup.close()


def test_opening_again_within_the_hour_keeps_the_one_backup(office_db):
    before = list_backups(office_db)
    for _ in range(12):
        open_store(office_db).close()
    assert list_backups(office_db) == before


def test_a_truncated_database_is_detected_and_the_backup_offered(office_db):
    size = office_db.stat().st_size
    with office_db.open("r+b") as fh:
        fh.truncate(size // 2)
    with pytest.raises(DatabaseDamaged) as refused:
        open_store(office_db)
    assert refused.value.backup == list_backups(office_db)[0]
    assert "latest automatic backup" in str(refused.value)


def test_random_bytes_over_a_known_database_offer_the_backup(office_db):
    office_db.write_bytes(random.Random(7).randbytes(8192))
    with pytest.raises(DatabaseDamaged):
        open_store(office_db)


def test_a_restored_backup_opens_with_its_records_and_the_damaged_file_is_kept(office_db):
    office_db.write_bytes(b"\0" * 4096)
    with pytest.raises(DatabaseDamaged) as refused:
        open_store(office_db)
    kept = restore_backup(refused.value.backup, office_db)
    assert kept.read_bytes() == b"\0" * 4096
    store = open_store(office_db)
    assert _series_names(store) == ["Police and Crime Panel"]
    store.close()


def test_random_bytes_never_opened_before_are_simply_refused(tmp_path):
    path = tmp_path / "stranger.sqlite"
    path.write_bytes(os.urandom(4096))
    with pytest.raises(DatabaseRefused) as refused:
        open_store(path)
    assert not isinstance(refused.value, DatabaseDamaged)


def test_a_second_copy_opens_read_only_and_cannot_change_anything(office_db):
    first = open_store(office_db)
    second = open_store(office_db)
    try:
        assert second.read_only and not first.read_only
        with pytest.raises(ReadOnly, match="another Scrutiny window has it open"):
            with second.session() as s:
                s.add(m.MeetingSeries(name="Strategic Deep-Dive Meeting"))
        with first.session() as s:
            s.add(m.MeetingSeries(name="PCC Accountability Meeting"))
        assert sorted(_series_names(second)) == ["PCC Accountability Meeting", "Police and Crime Panel"]
    finally:
        second.close()
        first.close()


def test_the_file_is_writable_again_once_the_first_copy_closes(office_db):
    first = open_store(office_db)
    open_store(office_db).close()  # a read-only look while the first is open
    first.close()
    again = open_store(office_db)
    assert not again.read_only
    again.close()
