"""``scrutiny-app search`` reads a sound, current file with sqlite3 alone: the same lines, no storage layer, no write.

A file that needs more than a look (an older schema to migrate, or one refused)
goes through open_store, as every other command's does.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys

import pytest

from db_digest import database_digest
from scrutiny_app.cli import main
from scrutiny_app.core import models as m
from scrutiny_app.core.queries import update_field
from scrutiny_app.core.search import search
from scrutiny_app.core.store import SCHEMA_HEAD, open_store
from scrutiny_app.errors import UserError

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "PySide6", "openpyxl")
PRIVATE_QUESTION = 1  # the demo's first public question, made private below: "How does the Constabulary work…"

# (query, search() options): words, a phrase, a prefix, OR, NOT, each filter, nothing found, malformed.
CASES = [
    ("DA Matters", {}),
    ('"DA Matters Training"', {}),
    ("train*", {}),
    ("burglary OR robbery", {}),
    ("training -firearms", {}),
    ("DA Matters", {"series": "pcc accountability meeting"}),
    ("police", {"since": "2025-07-01"}),
    ("training", {"until": "2025-04-30"}),
    ("DA Matters", {"kinds": ["action", "pcc-question"]}),
    ("the", {"limit": 3}),
    ("agencies", {}),  # finds the private question
    ("zzyzx", {}),  # no hits: exit status 1
    ("DA Matters", {"series": "No Such Panel"}),  # exit status 2, after the file is read
    ('"DA Matters', {}),  # malformed: exit status 2 before it is opened
    ("OR training", {}),
]

_CHILD = r"""
import contextlib, io, json, sys
from scrutiny_app.cli import main
results = []
for argv in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    results.append([code, out.getvalue(), err.getvalue()])
heavy = sorted(m for m in sys.modules if m.split(".")[0] in set(sys.argv[2].split(",")))
print(json.dumps({"results": results, "heavy": heavy}))
"""


def _argv(db, query: str, options: dict) -> list[str]:
    argv = ["search", "--db", str(db)]
    for name in ("series", "since", "until", "limit"):
        if name in options:
            argv += [f"--{name}", str(options[name])]
    for kind in options.get("kinds", []):
        argv += ["--kind", kind]
    return [*argv, "--", query]


def _expected(store, query: str, options: dict) -> list:
    """What the command printed before it had a path of its own: search(store, …)'s hits, or its refusal."""
    import datetime as dt

    kwargs = {"limit": 50, **options}
    for name in ("since", "until"):
        if name in kwargs:
            kwargs[name] = dt.date.fromisoformat(kwargs[name])
    try:
        hits = search(store, query, **kwargs)
    except UserError as exc:
        return [2, "", f"scrutiny-app: {exc}\n"]
    if not hits:
        return [1, "", f"No matches for {query!r}.\n"]
    return [0, "".join(hit.line() + "\n" for hit in hits), ""]


@pytest.fixture
def with_private(demo_path):
    """The demo with one public question marked private, closed cleanly."""
    store = open_store(demo_path, backups=False)
    update_field(store, m.PublicQuestion, PRIVATE_QUESTION, "private", True)
    store.close()
    return demo_path


def test_the_command_prints_what_search_finds_without_loading_the_storage_layer_or_writing(with_private, tmp_path):
    home = tmp_path / "home"
    digest, raw = database_digest(with_private), with_private.read_bytes()
    beside = sorted(tmp_path.iterdir())
    argvs = [_argv(with_private, query, options) for query, options in CASES]
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    done = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(argvs), ",".join(HEAVY)], env=env,
                          capture_output=True, text=True, timeout=60, check=True)
    report = json.loads(done.stdout)

    assert report["heavy"] == []
    assert with_private.read_bytes() == raw and database_digest(with_private) == digest
    assert sorted(tmp_path.iterdir()) == beside  # no -wal, -shm or lock file; no user data folder, so no backup

    copy = tmp_path / "copy" / "demo.sqlite"
    copy.parent.mkdir()
    shutil.copy2(with_private, copy)
    store = open_store(copy, intent="read", backups=False)
    try:
        expected = [_expected(store, query, options) for query, options in CASES]
    finally:
        store.close()
    assert report["results"] == expected
    assert [code for code, _out, _err in expected] == [0] * 11 + [1, 2, 2, 2]
    assert "Public question 1 (private)\t" in expected[CASES.index(("agencies", {}))][1]


def test_an_older_schema_is_migrated_then_searched(tmp_path, capsys):
    old = tmp_path / "scrutiny-0003.sqlite"
    shutil.copy2(os.path.join(os.path.dirname(__file__), "data", "schemas", old.name), old)
    code = main(["search", "--db", str(old), "zzyzx"])
    assert (code, capsys.readouterr().err) == (1, "No matches for 'zzyzx'.\n")
    con = sqlite3.connect(old)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [(SCHEMA_HEAD,)]
    finally:
        con.close()


def test_a_torn_page_is_refused_and_the_file_left_as_it_was(demo_path, capsys):
    con = sqlite3.connect(demo_path)
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with demo_path.open("r+b") as fh:
        fh.seek(size * 6)
        fh.write(random.Random(8).randbytes(size // 2))
    before = demo_path.read_bytes()
    assert main(["search", "--db", str(demo_path), "training"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"scrutiny-app: {demo_path} cannot be read as a Scrutiny database (") and "untouched" in err
    assert demo_path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path, capsys):
    path = tmp_path / "notes.sqlite"
    path.write_text("minutes of the last meeting")
    assert main(["search", "--db", str(path), "training"]) == 2
    assert capsys.readouterr().err == (f"scrutiny-app: {path} is not a Scrutiny database (it is not an SQLite file); "
                                       "it was left untouched.\n")
    assert path.read_text() == "minutes of the last meeting"
