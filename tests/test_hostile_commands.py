"""Hostile and damaged input to the commands (issue 16): outputs that would overwrite inputs, damaged
schemas, over-long searches, out-of-range options, a full disk for make-demo.

Each case runs a whole command (in-process through ``cli.main``, or in a child through ``run_measured``)
and asserts the exit status, the message, and that the database is byte for byte as it was.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

from measured_run import run_measured
from scrutiny_app.cli import main
from scrutiny_app.core.backups import backups_root, list_backups, take_backup
from scrutiny_app.core.store import SCHEMA_HEAD, open_store
from scrutiny_app.exports.actions_xlsx import export_actions_xlsx
from scrutiny_app.errors import ExportFailed

APRIL = "2025-04-16"


def _run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _untouched(path: Path):
    """A check that ``path`` (and no journal beside it) is exactly as it is now."""
    before = path.read_bytes()

    def check() -> None:
        assert path.read_bytes() == before
        assert not any(Path(f"{path}{side}").exists() for side in ("-wal", "-shm", "-journal"))

    return check


# -- outputs never overwrite inputs --------------------------------------------------------------

@pytest.mark.parametrize("command", [
    ["export", "actions"],
    ["export", "minutes", "--meeting", APRIL, "--format", "docx"],
    ["export", "indicators", "--meeting", APRIL],
    ["pack", "--meeting", APRIL],
    ["screenshot"],
])
def test_an_output_naming_the_open_database_is_refused(capsys, demo_path, command):
    unchanged = _untouched(demo_path)
    code, _out, err = _run(capsys, *command, "--db", demo_path, "--out", demo_path)
    assert code == 2
    assert err == (f"scrutiny-app: Cannot write {demo_path}: it is the open database ({demo_path}). "
                   "Choose another file name; nothing was written.\n")
    unchanged()


@pytest.mark.parametrize(("suffix", "what"), [
    ("-wal", "the write-ahead log of the open database"),
    ("-journal", "the journal of the open database"),
    ("-shm", "the shared memory file of the open database"),
    (".lock", "the lock file of the open database"),
])
def test_an_output_naming_a_file_beside_the_database_is_refused(capsys, demo_path, suffix, what):
    unchanged = _untouched(demo_path)
    code, _out, err = _run(capsys, "export", "actions", "--db", demo_path, "--out", f"{demo_path}{suffix}")
    assert (code, f"it is {what}" in err) == (2, True)
    unchanged()


def test_an_output_that_is_a_symlink_to_the_database_is_refused(capsys, demo_path, tmp_path):
    link = tmp_path / "tracker.xlsx"
    link.symlink_to(demo_path)
    unchanged = _untouched(demo_path)
    code, _out, err = _run(capsys, "export", "actions", "--db", demo_path, "--out", link)
    assert (code, f"it is the open database ({demo_path})" in err) == (2, True)
    unchanged()


def test_an_output_that_is_a_hard_link_to_the_database_is_refused(capsys, demo_path, tmp_path):
    link = tmp_path / "pack.pdf"
    os.link(demo_path, link)
    unchanged = _untouched(demo_path)
    code, _out, err = _run(capsys, "pack", "--meeting", APRIL, "--db", demo_path, "--out", link)
    assert (code, "it is the open database" in err) == (2, True)
    unchanged()


def test_a_reminders_folder_that_is_the_backups_folder_is_refused(capsys, demo_path):
    take_backup(demo_path, "open")
    folder = list_backups(demo_path)[0].parent
    before = sorted(p.name for p in folder.iterdir())
    code, _out, err = _run(capsys, "export", "reminders", "--db", demo_path, "--out", folder)
    assert code == 2
    assert f"it is inside the backups folder {backups_root().resolve()}" in err
    assert sorted(p.name for p in folder.iterdir()) == before


def test_an_output_over_a_backup_is_refused_and_the_backup_kept(capsys, demo_path):
    backup = take_backup(demo_path, "open")
    kept = backup.read_bytes()
    code, _out, err = _run(capsys, "export", "indicators", "--meeting", APRIL, "--db", demo_path, "--out", backup)
    assert (code, "inside the backups folder" in err, backup.read_bytes() == kept) == (2, True, True)


def test_the_windows_exports_are_refused_the_open_database_too(demo_store):
    """The window writes through atomic_output, below the UI: the same check guards it."""
    unchanged = demo_store.path.read_bytes()
    with pytest.raises(ExportFailed, match="it is the open database"):
        export_actions_xlsx(demo_store, demo_store.path)
    assert demo_store.path.read_bytes() == unchanged


def test_the_database_is_free_to_be_written_over_once_closed(tmp_path):
    path = tmp_path / "office.sqlite"
    open_store(path).close()
    from scrutiny_app.core.atomic import atomic_output

    with atomic_output(path) as tmp:
        tmp.write_bytes(b"no longer a database")
    assert path.read_bytes() == b"no longer a database"


# -- a damaged schema is refused, the file untouched -------------------------------------------

def _damaged(tmp_path: Path, *statements: str) -> Path:
    path = tmp_path / "office.sqlite"
    open_store(path).close()
    con = sqlite3.connect(path)
    for sql in statements:
        con.execute(sql)
    con.commit()
    con.close()
    return path


@pytest.mark.parametrize(("statements", "found"), [
    (["DROP TABLE alembic_version"], "no schema version"),
    (["DELETE FROM alembic_version"], "no schema version"),
    (["INSERT INTO alembic_version VALUES ('0002')"], f"2 schema versions ({SCHEMA_HEAD}, 0002)"),
], ids=["dropped", "empty", "two-rows"])
def test_a_damaged_schema_record_is_refused_and_the_file_left_untouched(capsys, tmp_path, statements, found):
    path = _damaged(tmp_path, *statements)
    unchanged = _untouched(path)
    code, _out, err = _run(capsys, "import", "action-updates", tmp_path / "any.xlsx", "--db", path)
    assert code == 2
    assert err == (f"scrutiny-app: {path} has a damaged schema: its tables record {found} instead of one; "
                   "it was left untouched. Restore it from a backup.\n")
    unchanged()


@pytest.mark.parametrize("revision", ["9999", "zz-not-ours"])
def test_a_schema_revision_this_version_does_not_know_is_refused(capsys, tmp_path, revision):
    path = _damaged(tmp_path, f"UPDATE alembic_version SET version_num = '{revision}'")
    unchanged = _untouched(path)
    code, _out, err = _run(capsys, "search", "--db", path, "training")
    assert code == 2
    assert f"was made by a newer version of Scrutiny (schema {revision})" in err
    unchanged()


def test_our_tables_under_another_programs_application_id_are_refused(capsys, tmp_path):
    path = _damaged(tmp_path, "PRAGMA application_id = 1234")
    unchanged = _untouched(path)
    code, _out, err = _run(capsys, "search", "--db", path, "training")
    assert (code, "an SQLite file from another program" in err) == (2, True)
    unchanged()


# -- searches bounded in terms, length and hits ----------------------------------------------------

@pytest.mark.parametrize(("words", "figure"), [(1_100, "1,100"), (2_000, "2,000")])
def test_a_search_of_a_thousand_ored_words_is_refused_at_once(capsys, demo_path, words, figure):
    query = " OR ".join(f"w{i}" for i in range(words))
    started = time.perf_counter()
    code, _out, err = _run(capsys, "search", "--db", demo_path, query)
    assert code == 2
    assert err == f"scrutiny-app: The search has {figure} terms; the limit is 50. Search for fewer words at a time.\n"
    assert time.perf_counter() - started < 2


def test_a_search_of_5000_characters_without_spaces_is_refused(capsys, demo_path):
    code, _out, err = _run(capsys, "search", "--db", demo_path, "a" * 5_000)
    assert code == 2
    assert err == "scrutiny-app: The search is 5,000 characters long; the limit is 1,000. Shorten it.\n"


def test_fifty_ored_terms_are_still_searched(capsys, demo_path):
    code, out, _err = _run(capsys, "search", "--db", demo_path, " OR ".join(["training", *(f"w{i}" for i in range(49))]))
    assert code == 0 and "Action 18" in out


@pytest.mark.parametrize("limit", ["99999999999999999999", "0", "-5", "10001"])
def test_a_limit_out_of_range_is_an_argument_error(capsys, demo_path, limit):
    unchanged = _untouched(demo_path)
    with pytest.raises(SystemExit) as ended:
        main(["search", "--db", str(demo_path), f"--limit={limit}", "training"])
    assert ended.value.code == 2
    assert f"argument --limit: {limit} is out of range: give 1 to 10,000" in capsys.readouterr().err
    unchanged()


def test_a_query_starting_with_a_minus_follows_a_double_dash(capsys, demo_path):
    code, out, _err = _run(capsys, "search", "--db", demo_path, "--kind", "action", "--limit", "5", "--",
                           "-firearms training")
    assert code == 0 and out.splitlines()[0].split("\t")[2] == "Action 18"


def test_a_lone_minus_word_after_a_double_dash_reaches_the_search_and_is_explained(capsys, demo_path):
    code, _out, err = _run(capsys, "search", "--db", demo_path, "--", "-firearms")
    assert code == 2
    assert err == "scrutiny-app: Say what to look for as well as what to leave out, as in: training -firearms.\n"


# -- make-demo onto a full disk -----------------------------------------------------------------

def test_make_demo_onto_a_full_disk_leaves_nothing_behind(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    run = run_measured("make-demo", "--out", folder / "demo.sqlite", home=tmp_path / "home", file_size_kb=64)
    assert run.code == 2
    assert run.err.startswith(f"scrutiny-app: Cannot write the demo database to {folder / 'demo.sqlite'}: ")
    assert run.err.endswith("; nothing was left behind.\n")
    assert list(folder.iterdir()) == []
    assert run.cpu_seconds < 5 and run.peak_mb < 300  # its own processor time: other work may share the machine


def test_make_demo_still_writes_a_whole_database(tmp_path, capsys):
    out = tmp_path / "demo.sqlite"
    code, said, _err = _run(capsys, "make-demo", "--out", out)
    assert code == 0 and said == f"Demo database written to {out}\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith((".", "demo"))] == ["demo.sqlite"]
    store = open_store(out, intent="read")
    store.close()
