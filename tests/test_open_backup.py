"""The backup on open taken after the window shows, so a large file does not delay start-up."""

from __future__ import annotations

from sqlmodel import select

from scrutiny_app.core import models as m
from scrutiny_app.core.backups import list_backups
from scrutiny_app.core.store import open_store
from scrutiny_app.ui.app import _backup_in_background


def test_a_backup_left_for_later_is_not_taken_on_open_but_marked_due(new_office_db):
    store = open_store(new_office_db, backup_later=True)
    assert (list_backups(store.path), store.backup_due) == ([], True)
    store.close()


def test_the_due_backup_is_taken_in_the_background_with_the_records(qtbot, new_office_db):
    store = open_store(new_office_db, backup_later=True)
    assert _backup_in_background(store, delay_ms=0).wait(10000)
    store.close()
    copy = open_store(list_backups(store.path)[0], backups=False)
    with copy.session() as s:
        assert [x.name for x in s.exec(select(m.MeetingSeries)).all()] == ["Police and Crime Panel"]
    copy.close()


def test_closing_the_window_before_the_delay_still_takes_the_backup(qtbot, new_office_db):
    store = open_store(new_office_db, backup_later=True)
    backup = _backup_in_background(store, delay_ms=60_000)
    assert list_backups(store.path) == []  # not yet: the window is still painting
    assert backup.wait(10000)  # what run_window does at exit
    store.close()
    assert len(list_backups(store.path)) == 1


def test_a_new_file_has_no_backup_due(tmp_path):
    store = open_store(tmp_path / "new.sqlite", backup_later=True)
    assert (store.backup_due, _backup_in_background(store)) == (False, None)
    store.close()
