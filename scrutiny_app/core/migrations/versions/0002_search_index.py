"""Full-text search: an FTS5 index over everything a meeting holds, kept in step by triggers.

Each searchable record owns the rowids ``(id * 16 + kind code) * 4096 + part``
of ``search_index``: part 0 is the record itself, and an attached PDF paper
adds one row per page (part = page number, up to 4095 pages). A trigger finds
a record's rows by that rowid range, without a scan. The triggers run inside
the transaction that changes the record, so an edit is searchable, and a
deletion gone, the moment it is committed. The pages of a paper come from
the SQL function ``scrutiny_pdf_pages`` that the store registers on every
connection.

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

CODES, PARTS = 16, 4096
_COLUMNS = "rowid, kind, meeting_id, private, place, heading, body"
_ACTION = "(SELECT a.{col} FROM action a WHERE a.id = {{r}}.action_id)"
_REPORT = "(SELECT p.{col} FROM report p WHERE p.id = {{r}}.report_id)"

# How each table's rows appear in the index, written over the alias {r} (NEW in
# a trigger): (table, kind, code, heading, body, meeting_id, private, place, condition).
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
    ("actionupdate", "action-update", 6, "''", "{r}.text", "{r}.meeting_id", _ACTION.format(col="private"),
     "'Update on action ' || " + _ACTION.format(col="number"), _ACTION.format(col="deleted") + " = 0"),
    ("report", "report", 7, "{r}.title || char(10) || {r}.subject",
     "{r}.summary || char(10) || {r}.recommendation", "{r}.meeting_id", "{r}.private",
     "'Report: ' || {r}.title", "1"),
    # The paper's own row (found by its file name); its pages follow, see _pages.
    ("attachment", "paper", 8, "{r}.filename", "''", _REPORT.format(col="meeting_id"),
     _REPORT.format(col="private"), "'Paper: ' || {r}.filename", "1"),
]
PAPER = SOURCES[-1]


def _base(code: int, r: str) -> str:
    return f"({r}.id * {CODES} + {code}) * {PARTS}"


def _select(source, r: str, rows: str = "", also: str = "1") -> str:
    """The index row of ``source`` for alias ``r``, from ``rows`` if given."""
    table, kind, code, heading, body, meeting, private, place, where = source
    f = lambda text: text.replace("{r}", r)  # noqa: E731
    return (
        f"SELECT {_base(code, r)}, '{kind}', {f(meeting)}, {f(private)}, {f(place)}, "
        f"{f(heading)}, {f(body)} {rows} WHERE {f(where)} AND {also}"
    )


def _pages(r: str, rows: str = "") -> str:
    """One index row per page of the papers ``r`` (from ``rows`` if given)."""
    meeting, private = (PAPER[5].replace("{r}", r), PAPER[6].replace("{r}", r))
    return (
        f"SELECT {_base(8, r)} + page.key + 1, 'paper', {meeting}, {private}, "
        f"'Paper: ' || {r}.filename || ', page ' || (page.key + 1), '', page.value "
        f"FROM {rows + ', ' if rows else ''}json_each(scrutiny_pdf_pages({r}.content, {r}.media_type)) AS page "
        f"WHERE page.key < {PARTS - 1}"
    )


def _triggers(source) -> list[str]:
    table, code = source[0], source[2]
    insert = f"INSERT INTO search_index ({_COLUMNS}) {_select(source, 'NEW')};"
    if table == "attachment":
        insert += f" INSERT INTO search_index ({_COLUMNS}) {_pages('NEW')};"
    delete = f"DELETE FROM search_index WHERE rowid BETWEEN {_base(code, 'OLD')} AND {_base(code, 'OLD')} + {PARTS - 1};"
    follow = ""
    if table == "action":  # its number, privacy and deletion show in its updates' rows
        updates = next(x for x in SOURCES if x[0] == "actionupdate")
        follow = (
            f"DELETE FROM search_index WHERE rowid IN (SELECT {_base(6, 'c')} FROM actionupdate c "
            f"WHERE c.action_id = NEW.id); "
            f"INSERT INTO search_index ({_COLUMNS}) {_select(updates, 'c', 'FROM actionupdate c', 'c.action_id = NEW.id')};"
        )
    elif table == "report":  # its meeting and privacy show in its papers' rows (the text is kept)
        follow = (
            f"UPDATE search_index SET meeting_id = NEW.meeting_id, private = NEW.private "
            f"WHERE (OLD.meeting_id IS NOT NEW.meeting_id OR OLD.private IS NOT NEW.private) "
            f"AND rowid / {PARTS} IN (SELECT c.id * {CODES} + 8 FROM attachment c WHERE c.report_id = NEW.id);"
        )
    return [
        f"CREATE TRIGGER search_{table}_insert AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER search_{table}_delete AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER search_{table}_update AFTER UPDATE ON {table} BEGIN {delete} {insert} {follow} END",
    ]


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
    _run(f"INSERT INTO search_index ({_COLUMNS}) {_pages('attachment', 'attachment')}")


def downgrade() -> None:
    for source in SOURCES:
        for event in ("insert", "update", "delete"):
            _run(f"DROP TRIGGER IF EXISTS search_{source[0]}_{event}")
    _run("DROP TABLE IF EXISTS search_index")
