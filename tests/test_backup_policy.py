"""Backups that keep history (issues 16 and 20): taken on a write open at most once an hour, none for a
read-only command, rotated by day and by count, killed copies cleared, and a backup that cannot be
taken only a warning. The clock is the backups module's own, set by the tests.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import pytest

from db_digest import database_digest
from measured_run import run_measured
from scrutiny_app.cli import main
from scrutiny_app.core import backups
from scrutiny_app.core.backups import KEEP_DAYS, KEEP_LATEST, backup_folder, backups_root, list_backups, take_backup
from scrutiny_app.core.store import open_store

T0 = dt.datetime(2026, 3, 2, 9, 0)
OLD_SCHEMA = Path(__file__).parent / "data" / "schemas" / "scrutiny-0001.sqlite"


@pytest.fixture
def clock(monkeypatch):
    """The backups' clock, at T0 until a test moves it (``clock[0] = ...``)."""
    now = [T0]
    monkeypatch.setattr(backups, "_now", lambda: now[0])
    return now


@pytest.fixture
def office(new_office_db) -> Path:
    return new_office_db


def _reasons(db: Path) -> list[str]:
    return [b.name[23:] for b in list_backups(db)]


@pytest.mark.parametrize("command", [
    ["search", "training"],
    ["export", "actions", "--out", "{tmp}/tracker.xlsx"],
    ["pack", "--meeting", "2025-07-08", "--out", "{tmp}/pack.pdf"],
], ids=["search", "export", "pack"])
def test_a_read_only_command_takes_no_backup(capsys, demo_path, tmp_path, command):
    code = main([a.format(tmp=tmp_path) for a in command] + ["--db", str(demo_path)])
    assert code == 0, capsys.readouterr().err
    assert list_backups(demo_path) == []


def test_eleven_searches_leave_the_backups_as_they_were(capsys, clock, office):
    take_backup(office, "open")
    before = list_backups(office)
    for hour in range(11):
        clock[0] = T0 + dt.timedelta(hours=hour + 1)
        main(["search", "--db", str(office), "panel"])
    assert list_backups(office) == before


def test_a_write_open_within_the_hour_of_the_last_backup_takes_none(clock, office):
    open_store(office).close()
    clock[0] = T0 + dt.timedelta(minutes=59)
    open_store(office).close()
    assert _reasons(office) == ["open.sqlite"]
    clock[0] = T0 + dt.timedelta(minutes=61)
    open_store(office).close()
    assert [backups.taken_at(b) for b in list_backups(office)] == [T0 + dt.timedelta(minutes=61), T0]


def test_the_window_is_due_a_backup_only_after_the_hour(clock, office):
    take_backup(office, "open")
    store = open_store(office, backup_later=True)
    assert store.backup_due is False
    store.close()
    clock[0] = T0 + dt.timedelta(hours=2)
    store = open_store(office, backup_later=True)
    assert (store.backup_due, len(list_backups(office))) == (True, 1)
    store.close()


def test_a_backup_before_a_migration_is_taken_even_within_the_hour_and_for_a_read(capsys, clock, tmp_path):
    old = tmp_path / OLD_SCHEMA.name
    shutil.copy2(OLD_SCHEMA, old)
    take_backup(old, "open")
    clock[0] = T0 + dt.timedelta(minutes=5)
    main(["search", "--db", str(old), "training"])
    assert _reasons(old)[0].startswith("before-upgrade-to-")


def test_rotation_keeps_the_newest_five_and_the_newest_of_each_of_ten_days(office):
    days = [T0.date() + dt.timedelta(days=d) for d in range(20)]
    for day in days:
        for hour in (9, 10, 11):
            take_backup(office, "open", now=dt.datetime.combine(day, dt.time(hour)))
    kept = [backups.taken_at(b) for b in list_backups(office)]
    latest = [dt.datetime.combine(days[-1], dt.time(h)) for h in (11, 10, 9)] + \
             [dt.datetime.combine(days[-2], dt.time(h)) for h in (11, 10)]
    newest_of_day = [dt.datetime.combine(day, dt.time(11)) for day in days[-KEEP_DAYS:]]
    assert (KEEP_LATEST, KEEP_DAYS) == (5, 10)
    assert kept == sorted(set(latest) | set(newest_of_day), reverse=True)


def test_a_morning_of_opens_never_evicts_last_weeks_copies(clock, office):
    for day in range(7):
        take_backup(office, "open", now=T0 + dt.timedelta(days=day))
    week = list_backups(office)
    clock[0] = T0 + dt.timedelta(days=8)
    for _ in range(12):  # an officer opening and closing every 70 minutes
        clock[0] += dt.timedelta(minutes=70)
        open_store(office).close()
    assert set(week) <= set(list_backups(office))


def test_a_stale_partial_is_removed_and_a_fresh_one_kept(office):
    folder = backup_folder(office)
    folder.mkdir(parents=True)
    stale, fresh = folder / "20260101-090000-000000-open.partial", folder / "20260302-085959-000000-open.partial"
    for partial in (stale, fresh):
        partial.write_bytes(b"\0" * 4096)
    two_hours_ago = time.time() - 2 * 3600
    os.utime(stale, (two_hours_ago, two_hours_ago))
    take_backup(office, "open")
    assert sorted(p.name for p in folder.glob("*.partial")) == [fresh.name]


def test_a_backups_folder_that_cannot_be_written_is_a_warning_and_the_command_goes_on(capsys, demo_path, tmp_path):
    assert main(["export", "actions", "--db", str(demo_path), "--out", str(tmp_path / "tracker.xlsx")]) == 0
    backups_root().parent.mkdir(parents=True, exist_ok=True)
    backups_root().write_text("not a folder")  # as root, permissions would not stop a copy; this does
    before = database_digest(demo_path)
    capsys.readouterr()
    code = main(["import", "action-updates", str(tmp_path / "tracker.xlsx"), "--db", str(demo_path)])
    out, err = capsys.readouterr()
    assert (code, out) == (0, "0 update(s) to record, 0 already recorded. Nothing new to record.\n")
    assert err == (f"scrutiny-app: warning: no backup of demo.sqlite could be taken in {backup_folder(demo_path)} "
                   "(Not a directory); carrying on without one.\n")
    assert database_digest(demo_path) == before


def test_a_full_backups_disk_is_a_warning_and_leaves_no_partial(capsys, demo_path, tmp_path):
    home = tmp_path / "home"
    tracker = tmp_path / "tracker.xlsx"
    assert main(["export", "actions", "--db", str(demo_path), "--out", str(tracker)]) == 0
    before = database_digest(demo_path)
    run = run_measured("import", "action-updates", tracker, "--db", demo_path, home=home, file_size_kb=64)
    assert run.code == 0, run.err
    assert run.err.startswith("scrutiny-app: warning: no backup of demo.sqlite could be taken in ")
    assert run.err.endswith("carrying on without one.\n")
    assert database_digest(demo_path) == before
    assert [p.name for p in (home / "data").rglob("*") if p.is_file()] == []
