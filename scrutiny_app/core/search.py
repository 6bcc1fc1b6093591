"""Search across every meeting: turning typed text into an FTS5 query, ranked hits, and where a hit lives.

The index itself (the ``search_index`` FTS5 table and the triggers that keep
it in step) is built by migration 0002; it is not part of the SQLModel
metadata, so :func:`is_index_table` tells schema comparisons to leave it out.

The query runs on a plain ``sqlite3`` connection (:func:`search_connection`), so
``scrutiny-app search`` can read a file without loading the storage layer
(see light_read); :func:`search` runs the same query through a Store.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from contextlib import closing
from typing import TYPE_CHECKING, NamedTuple

from scrutiny_app.errors import NotFound, UserError

if TYPE_CHECKING:
    from scrutiny_app.core.store import Store

INDEX_TABLE = "search_index"
# What each kind of record is called on screen, in the order the filters list them.
KINDS = {
    "agenda": "Agenda item",
    "public-question": "Public question",
    "pcc-question": "PCC question",
    "risk": "Emerging risk",
    "action": "Action",
    "action-update": "Action update",
    "report": "Report",
    "paper": "Paper (PDF)",
}
# An index rowid is (record id * CODES + the kind's code) * PARTS + page (see migration 0002).
CODES, PARTS = 16, 4096
MARK_START, MARK_END = "\x02", "\x03"  # around matched words in a snippet
DEFAULT_LIMIT = 100  # more than anyone reads; each hit costs a snippet
MAX_HITS = 10_000  # the most hits one search may ask for
# Bounds on what is typed: SQLite's full-text search slows with each OR'd term
# (1,100 terms took 19 s), and no officer types more than a few dozen.
MAX_QUERY_CHARS = 1_000
MAX_TERMS = 50

_JOINED_MARKS = re.compile(f"{MARK_END}\\s+{MARK_START}")  # "[DA] [Matters]" -> "[DA Matters]"
_TOKEN = re.compile(r'(-?)"([^"]*)"(\*?)|(\S+)')
_WORDY = re.compile(r"\w")


class MalformedQuery(UserError):
    """Search text that cannot be turned into a query."""


def is_index_table(name: str) -> bool:
    """True for the FTS5 table and its shadow tables (search_index_data, …)."""
    return name == INDEX_TABLE or name.startswith(INDEX_TABLE + "_")


def outside_index(name: str, type_: str, _parents) -> bool:
    """Alembic's ``include_name``: compare and migrate every table but the search index."""
    return not (type_ == "table" and is_index_table(name))


def _phrase(words: str, prefix: bool) -> str:
    return '"' + words.replace('"', '""') + '"' + (" *" if prefix else "")


def fts_query(typed: str) -> str | None:
    """The FTS5 expression for what a user typed; None when there is nothing to look for.

    Words are each quoted (so punctuation and FTS5 keywords are just text);
    "double quotes" make a phrase, a trailing * a prefix (train*), OR between
    two terms either, and a leading - leaves a term out.
    """
    terms = sum(1 for m in _TOKEN.finditer(typed) if m.group(4) != "OR")
    if terms > MAX_TERMS:
        raise MalformedQuery(f"The search has {terms:,} terms; the limit is {MAX_TERMS}. "
                             "Search for fewer words at a time.")
    if len(typed) > MAX_QUERY_CHARS:
        raise MalformedQuery(f"The search is {len(typed):,} characters long; the limit is {MAX_QUERY_CHARS:,}. "
                             "Shorten it.")
    if typed.count('"') % 2:
        raise MalformedQuery(f"The search {typed.strip()!r} opens a double quote that is never closed.")
    positives: list[str] = []
    negatives: list[str] = []
    pending_or = False
    for match in _TOKEN.finditer(typed):
        minus, phrase, phrase_star, word = match.groups()
        if word == "OR":
            if not positives or pending_or:
                raise MalformedQuery("OR must stand between two search terms, as in: burglary OR robbery.")
            pending_or = True
            continue
        if word is not None:
            minus, word = ("-", word[1:]) if word.startswith("-") and len(word) > 1 else ("", word)
            prefix = word.endswith("*")
            body = word.rstrip("*")
        else:
            prefix, body = bool(phrase_star), phrase
        if prefix and not _WORDY.search(body):
            raise MalformedQuery("A * must follow the start of a word, as in: train* (finds training, trained).")
        if not _WORDY.search(body):
            continue  # punctuation on its own matches nothing
        term = _phrase(body.strip(), prefix)
        if minus:
            negatives.append(term)
        elif pending_or:
            positives[-1] = f"{positives[-1]} OR {term}"
            pending_or = False
        else:
            positives.append(term)
    if pending_or:
        raise MalformedQuery("OR must stand between two search terms, as in: burglary OR robbery.")
    if not positives:
        if negatives:
            raise MalformedQuery("Say what to look for as well as what to leave out, as in: training -firearms.")
        return None
    query = " AND ".join(f"({p})" if " OR " in p else p for p in positives)
    for term in negatives:
        query = f"({query}) NOT {term}"
    return query


class Hit(NamedTuple):  # a NamedTuple, not a dataclass: the search command loads no more than it uses
    kind: str  # a key of KINDS
    record_id: int
    meeting_id: int | None
    date: dt.date | None
    series: str
    place: str  # "Action 18", "PCC question 3", …
    snippet: str  # matched words between MARK_START and MARK_END
    private: bool

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    def marked_snippet(self, start: str = "[", end: str = "]", escape=lambda text: text) -> str:
        """The snippet on one line, matched runs of words between ``start`` and ``end``; ``escape`` (e.g.
        html.escape) is applied to the text, not the marks."""
        joined = _JOINED_MARKS.sub(" ", " ".join(self.snippet.split()))
        return escape(joined).replace(MARK_START, start).replace(MARK_END, end)

    @property
    def where(self) -> str:
        return f"{self.place} (private)" if self.private else self.place

    def line(self) -> str:
        """One tab-separated line: date, kind, where, snippet."""
        day = self.date.isoformat() if self.date else "no date"
        return "\t".join((day, self.kind_label, self.where, self.marked_snippet()))


_SQL = f"""
SELECT s.rowid, s.kind, s.meeting_id, mt.date, ser.name, s.place, s.private,
       snippet({INDEX_TABLE}, -1, char(2), char(3), '…', 16)
FROM {INDEX_TABLE} s
LEFT JOIN meeting mt ON mt.id = s.meeting_id
LEFT JOIN meetingseries ser ON ser.id = mt.series_id
WHERE {INDEX_TABLE} MATCH :query {{filters}}
ORDER BY s.rank
LIMIT :limit
"""


def search(store: Store, typed: str, **options) -> list[Hit]:
    """:func:`search_connection` on an open store (the window's way in; ``options`` as there)."""
    with closing(store.engine.raw_connection()) as connection:
        return search_connection(connection.driver_connection, typed, **options)


def search_connection(
    con: sqlite3.Connection,
    typed: str,
    *,
    series: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    kinds: list[str] | None = None,
    limit: int = DEFAULT_LIMIT,
) -> list[Hit]:
    """The best ``limit`` hits for ``typed`` on an open ``sqlite3`` connection to a Scrutiny database, best first;
    private records are included and marked."""
    if not 1 <= limit <= MAX_HITS:
        raise UserError(f"Ask for between 1 and {MAX_HITS:,} hits, not {limit:,}.")
    query = fts_query(typed)
    if query is None:
        return []
    params: dict = {"query": query, "limit": limit}
    filters = []
    if series:
        filters.append("AND ser.name = :series COLLATE NOCASE")
        params["series"] = series
    if since:
        filters.append("AND mt.date >= :since")
        params["since"] = since.isoformat()
    if until:
        filters.append("AND mt.date <= :until")
        params["until"] = until.isoformat()
    if kinds:
        unknown = sorted(set(kinds) - set(KINDS))
        if unknown:
            raise UserError(f"No kind of record called {', '.join(unknown)}; the kinds are: {', '.join(KINDS)}.")
        names = [f":kind{i}" for i in range(len(kinds))]
        filters.append(f"AND s.kind IN ({', '.join(names)})")
        params.update({name[1:]: kind for name, kind in zip(names, kinds)})
    if series:
        _check_series(con, series)
    try:
        rows = con.execute(_SQL.format(filters=" ".join(filters)), params).fetchall()
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc):
            raise MalformedQuery(f"Cannot search for {typed.strip()!r}: {exc}.") from None
        raise
    return [
        Hit(kind, rowid // (CODES * PARTS), meeting_id, dt.date.fromisoformat(day) if day else None, name or "",
            place, snippet or "", bool(private))
        for rowid, kind, meeting_id, day, name, place, private, snippet in rows
    ]


def _check_series(con: sqlite3.Connection, name: str) -> None:
    names = [row[0] for row in con.execute("SELECT name FROM meetingseries ORDER BY name")]
    if name.lower() not in (x.lower() for x in names):
        raise NotFound(f"No meeting series called {name!r}; there are: {', '.join(names) or 'none yet'}.")


class Location(NamedTuple):
    """Where a hit is shown: a meeting, and a record in one of its panes."""

    meeting_id: int | None
    pane: str | None  # "agenda", "public-questions", "actions", or None: the meeting only
    record_id: int | None


def _field(session, cls, record_id: int | None, name: str):
    record = session.get(cls, record_id) if record_id is not None else None
    return getattr(record, name) if record is not None else None


def locate(store: Store, hit: Hit) -> Location:
    """The meeting and pane row that show ``hit`` (a PCC question, report or paper opens its agenda item)."""
    from scrutiny_app.core import models as m  # here, so that a search alone loads no ORM

    meeting, rid = hit.meeting_id, hit.record_id
    with store.session() as s:
        if hit.kind == "agenda":
            return Location(meeting, "agenda", rid)
        if hit.kind == "public-question":
            return Location(meeting, "public-questions", rid)
        if hit.kind == "pcc-question":
            return Location(meeting, "agenda", _field(s, m.PccQuestion, rid, "agenda_item_id"))
        if hit.kind == "report":
            return Location(meeting, "agenda", _field(s, m.Report, rid, "agenda_item_id"))
        if hit.kind == "paper":
            report = _field(s, m.Attachment, rid, "report_id")
            return Location(meeting, "agenda", _field(s, m.Report, report, "agenda_item_id"))
        if hit.kind == "action":
            return Location(meeting, "actions", rid)
        if hit.kind == "action-update":
            return Location(meeting, "actions", _field(s, m.ActionUpdate, rid, "action_id"))
    return Location(meeting, None, None)
