"""A database made by every earlier schema opens with today's code, with all its records, searchable.

The files are made by tests/data/make_old_schemas.py (its docstring says how
to add the next revision).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from demo_days import APRIL
from scrutiny_app.core.backups import list_backups
from scrutiny_app.core.queries import action_rows, find_meeting, load_meeting
from scrutiny_app.core.search import search
from scrutiny_app.core.store import SCHEMA_HEAD, known_revisions, open_store

SCHEMAS = Path(__file__).parent / "data" / "schemas"
FILES = sorted(SCHEMAS.glob("scrutiny-*.sqlite"))


def _counts(path: Path) -> dict[str, int]:
    """Rows per table of the models (not Alembic's or the search index's own tables)."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                  if r[0] != "alembic_version" and not r[0].startswith(("search_index", "sqlite_"))]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


@pytest.fixture(params=FILES, ids=lambda p: p.stem)
def old_copy(request, tmp_path) -> Path:
    target = tmp_path / request.param.name
    shutil.copy2(request.param, target)
    return target


def test_there_is_a_file_for_every_revision_this_version_knows():
    revisions, _head = known_revisions()
    assert {p.stem.removeprefix("scrutiny-") for p in FILES} == set(revisions)


def test_an_old_database_opens_with_every_record(old_copy):
    before = _counts(old_copy)
    store = open_store(old_copy)
    store.close()
    after = _counts(old_copy)
    assert {t: after[t] for t in before} == before
    assert sum(before.values()) >= 14


def test_an_old_database_is_backed_up_before_it_is_upgraded(old_copy):
    before = _counts(old_copy)
    open_store(old_copy).close()
    head = known_revisions()[1]
    reason = "open" if old_copy.stem.endswith(head) else f"before-upgrade-to-{head}"
    [backup] = list_backups(old_copy)
    assert backup.name.endswith(f"-{reason}.sqlite")
    assert _counts(backup) == before


def test_an_old_meeting_loads_with_its_items_questions_and_actions(old_copy):
    store = open_store(old_copy)
    try:
        record = load_meeting(store, find_meeting(store, APRIL))
        actions = action_rows(store)
    finally:
        store.close()
    assert [i.title for i in record.agenda] == ["Welcome and apologies", "Preventing Crime"]
    assert [q.asker_name for q in record.public_questions] == ["A resident"]
    assert [(a.action.number, a.latest.text) for a in actions] == [(17, "Recruitment under way.")]


@pytest.mark.parametrize("words, place", [
    ("shoplifting", "Agenda item 2"),
    ("Sceptre", "Paper: preventing-crime.pdf, page 1"),
    ("custody capacity", "Emerging risk, raised by The CC"),
])
def test_an_old_database_is_searchable_after_opening(old_copy, words, place):
    store = open_store(old_copy)
    try:
        places = [h.place for h in search(store, words)]
    finally:
        store.close()
    assert any(p.startswith(place) for p in places), places


def test_opening_says_when_it_copies_and_when_it_upgrades(old_copy):
    said = []
    open_store(old_copy, announce=said.append).close()
    upgrade = [] if old_copy.stem == f"scrutiny-{SCHEMA_HEAD}" else [
        f"Updating {old_copy.name} for this version of Scrutiny; this is done once…"]
    assert said == [f"Copying {old_copy.name} to its backups…", *upgrade]
