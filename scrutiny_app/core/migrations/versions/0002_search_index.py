"""Full-text search: an FTS5 index over everything a meeting holds, kept in step by triggers.

Each searchable record has one row in ``search_index`` whose rowid is
``record id * 16 + kind code``, so a trigger finds its row without a scan.
The triggers run inside the transaction that changes the record, so an edit
is searchable, and a deletion gone, the moment it is committed. The text of
an attached PDF comes from the SQL function ``scrutiny_pdf_text`` that the
store registers on every connection.

The asker name and contact of public questions are never indexed.

A later revision that rebuilds one of these tables (Alembic batch mode copies
the table) drops its triggers and must create them again.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# How each table's rows appear in the index, written over the alias {r}:
# (table, kind, code, heading, body, meeting_id, private, place, condition).
_ACTION = "(SELECT {col} FROM action a WHERE a.id = {r}.action_id)"
_REPORT = "(SELECT {col} FROM report p WHERE p.id = {r}.report_id)"
SOURCES = [
    ("agendaitem", "agenda", 1, "{r}.title", "{r}.notes", "{r}.meeting_id", "{r}.notes_private",
     "'Agenda item' || coalesce(' ' || {r}.number, '')", "1"),
    ("publicquestion", "public-question", 2, "{r}.question", "{r}.answer", "{r}.meeting_id", "{r}.private",
     "'Public question ' || {r}.number", "1"),
    ("pccquestion", "pcc-question", 3, "coalesce({r}.question, '')",
     "{r}.answer || coalesce(char(10) || {r}.follow_up, '')", "{r}.meeting_id", "{r}.private",
     "'PCC question ' || {r}.number || coalesce(' on item ' || "
     "(SELECT i.number FROM agendaitem i WHERE i.id = {r}.agenda_item_id), '')", "1"),
    ("emergingrisk", "risk", 4, "''", "{r}.text", "{r}.meeting_id", "{r}.private",
     "'Emerging risk' || coalesce(', raised by ' || nullif({r}.raised_by, ''), '')", "1"),
    ("action", "action", 5, "''", "{r}.description", "{r}.raised_at_meeting_id", "{r}.private",
     "'Action ' || {r}.number", "{r}.deleted = 0"),
    ("actionupdate", "action-update", 6, "''", "{r}.text", "{r}.meeting_id", _ACTION.format(col="a.private", r="{r}"),
     "'Update on action ' || " + _ACTION.format(col="a.number", r="{r}"),
     _ACTION.format(col="a.deleted", r="{r}") + " = 0"),
    ("report", "report", 7, "{r}.title || char(10) || {r}.subject",
     "{r}.summary || char(10) || {r}.recommendation", "{r}.meeting_id", "{r}.private",
     "'Report: ' || {r}.title", "1"),
    ("attachment", "paper", 8, "{r}.filename", "scrutiny_pdf_text({r}.content, {r}.media_type)",
     _REPORT.format(col="p.meeting_id", r="{r}"), _REPORT.format(col="p.private", r="{r}"),
     "'Paper: ' || {r}.filename", "1"),
]
CODES = 16


def _select(source, r: str, rows: str = "", also: str = "1") -> str:
    """The index rows of ``source`` for alias ``r`` (NEW in a trigger), from ``rows`` if given."""
    table, kind, code, heading, body, meeting, private, place, where = source
    f = lambda text: text.replace("{r}", r)  # noqa: E731
    return (
        f"SELECT {r}.id * {CODES} + {code}, '{kind}', {f(meeting)}, {f(private)}, {f(place)}, "
        f"{f(heading)}, {f(body)} {rows} WHERE {f(where)} AND {also}"
    )


_COLUMNS = "rowid, kind, meeting_id, private, place, heading, body"


def _triggers(source) -> list[str]:
    table, code = source[0], source[2]
    insert = f"INSERT INTO search_index ({_COLUMNS}) {_select(source, 'NEW')};"
    delete = f"DELETE FROM search_index WHERE rowid = OLD.id * {CODES} + {code};"
    statements = [
        f"CREATE TRIGGER search_{table}_insert AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER search_{table}_delete AFTER DELETE ON {table} BEGIN {delete} END",
    ]
    # An action's number, privacy and deletion show in its updates' rows; a
    # report's meeting and privacy in its papers' rows.
    children = {
        "action": ("actionupdate", 6, "action_id"),
        "report": ("attachment", 8, "report_id"),
    }
    follow = ""
    if table in children:
        child, child_code, key = children[table]
        child_source = next(x for x in SOURCES if x[0] == child)
        if child == "attachment":  # keep the extracted text: only the row's facts change
            follow = (
                f"UPDATE search_index SET meeting_id = NEW.meeting_id, private = NEW.private "
                f"WHERE rowid IN (SELECT c.id * {CODES} + {child_code} FROM {child} c WHERE c.{key} = NEW.id);"
            )
        else:
            follow = (
                f"DELETE FROM search_index WHERE rowid IN "
                f"(SELECT c.id * {CODES} + {child_code} FROM {child} c WHERE c.{key} = NEW.id); "
                f"INSERT INTO search_index ({_COLUMNS}) "
                f"{_select(child_source, 'c', f'FROM {child} c', f'c.{key} = NEW.id')};"
            )
    statements.append(f"CREATE TRIGGER search_{table}_update AFTER UPDATE ON {table} BEGIN {delete} {insert} {follow} END")
    return statements


def _run(sql: str) -> None:
    op.get_bind().exec_driver_sql(sql)


def upgrade() -> None:
    _run(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "kind UNINDEXED, meeting_id UNINDEXED, private UNINDEXED, place UNINDEXED, heading, body, "
        "tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    # Rank matches in a heading (title, question, subject) above those in body text.
    _run("INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(2.0, 1.0)')")
    for source in SOURCES:
        table = source[0]
        _run(f"INSERT INTO search_index ({_COLUMNS}) {_select(source, table, f'FROM {table}')}")
        for statement in _triggers(source):
            _run(statement)


def downgrade() -> None:
    for source in SOURCES:
        for event in ("insert", "update", "delete"):
            _run(f"DROP TRIGGER IF EXISTS search_{source[0]}_{event}")
    _run("DROP TABLE IF EXISTS search_index")
