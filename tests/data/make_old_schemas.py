"""Write one small database file per schema revision into tests/data/schemas/, as that revision left them.

Run from the repository root with the project installed:

    python tests/data/make_old_schemas.py

Each file is built by Alembic's ``command.upgrade`` to exactly that revision,
then filled with a few records of every kind that revision has (a meeting with
notes, questions, a risk, an action with an update, a report with its PDF
paper, an indicator table) by plain SQL, since the models describe only the
newest schema. tests/test_old_schemas.py opens each with today's code and
checks every record is there and searchable.

Adding the next revision (say 0004): add "0004" to REVISIONS, fill in what it
adds in ``_records`` (a ``rev >= "0004"`` branch, as 0003's ``started_at``
shows), run this script, and commit the new scrutiny-0004.sqlite. Existing
files are rewritten identically and need not be committed again.
The test fails until a file exists for every revision the code knows.
"""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine

REVISIONS = ("0001", "0002", "0003", "0004", "0005")
SCHEMAS = Path(__file__).with_name("schemas")


def _paper(revision: str) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.drawString(72, 720, f"Reducing Harm: Operation Sceptre knife amnesty (schema {revision})")
    canvas.showPage()
    canvas.drawString(72, 720, "Page two: 14 knives surrendered in Norwich.")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _records(rev: str) -> list[tuple[str, tuple]]:
    started = ", started_at" if rev >= "0003" else ""
    started_value = ", '2025-04-16 10:05:00'" if rev >= "0003" else ""
    recorded = ", minutes_agreed_on, declarations_none" if rev >= "0004" else ""
    recorded_value = ", '2025-07-08', 1" if rev >= "0004" else ""
    numbering = (", first_action_number, retired", ", 12, 0") if rev >= "0005" else ("", "")
    people = [("INSERT INTO person (id, name, role, short_form, email, active) VALUES (1, 'Simon Megicks', "
               "'Deputy Chief Constable', 'DCC Megicks', 'dcc@example.invalid', 0)", ())] if rev >= "0005" else []
    return [
        (f"INSERT INTO meetingseries (id, name, agenda_template{numbering[0]}) "
         f"VALUES (1, 'PCC Accountability Meeting', '[]'{numbering[1]})", ()),
        *people,
        (f"INSERT INTO meeting (id, series_id, date, venue, hybrid, status, minutes_status, previous_minutes_agreed"
         f"{recorded}) VALUES (1, 1, '2025-04-16', 'OPCCN, Jubilee House', 1, 'held', 'agreed', 0{recorded_value})", ()),
        (f"INSERT INTO agendaitem (id, meeting_id, position, number, title, kind, notes, notes_private{started}) "
         f"VALUES (1, 1, 0, 1, 'Welcome and apologies', 'item', 'Apologies from ACO Davies.', 0{started_value})", ()),
        (f"INSERT INTO agendaitem (id, meeting_id, position, number, title, kind, notes, notes_private{started}) "
         f"VALUES (2, 1, 1, 2, 'Preventing Crime', 'paper', 'Shoplifting rose by 12% (schema {rev}).', 0"
         f"{started_value})", ()),
        ("INSERT INTO publicquestion (id, meeting_id, number, asker_name, asker_contact, question, answer, "
         "answered_by, private) VALUES (1, 1, 1, 'A resident', 'resident@example.invalid', "
         "'What is being done about speeding in Dereham?', 'Speed watch teams are active.', 'The CC', 0)", ()),
        ("INSERT INTO pccquestion (id, meeting_id, agenda_item_id, number, question, answer, private) "
         "VALUES (1, 1, 2, 1, 'How many retail crime arrests?', 'Arrests rose by a fifth.', 0)", ()),
        ("INSERT INTO emergingrisk (id, meeting_id, position, raised_by, text, private) "
         "VALUES (1, 1, 0, 'The CC', 'Pressure on custody capacity.', 0)", ()),
        ("INSERT INTO action (id, series_id, number, raised_at_meeting_id, date_raised, owner, description, status, "
         "private, deleted) VALUES (1, 1, 17, 1, '2025-04-16', 'DCC Megicks', 'DCC Megicks is to provide the PCC "
         "with a report on Restorative Justice recruitment.', 'Ongoing', 0, 0)", ()),
        ("INSERT INTO actionupdate (id, action_id, meeting_id, recorded_at, text, status, source) "
         "VALUES (1, 1, 1, '2025-04-16 17:00:00', 'Recruitment under way.', 'Ongoing', 'meeting')", ()),
        ("INSERT INTO report (id, meeting_id, agenda_item_id, title, originator, reason_for_submission, "
         "submitted_to, subject, summary, recommendation, private) VALUES (1, 1, 2, 'Preventing Crime', "
         "'Norfolk Constabulary', 'Scrutiny', 'The PCC', 'Priority 1', '', '', 0)", ()),
        ("INSERT INTO attachment (id, report_id, filename, media_type, sha256, size, added_at, content) "
         "VALUES (1, 1, 'preventing-crime.pdf', 'application/pdf', '', ?, '2025-04-01 09:00:00', ?)",
         (len(_paper(rev)), _paper(rev))),
        ("INSERT INTO indicatortable (id, meeting_id, report_id, position, number, label, caption, layout, periods) "
         "VALUES (1, 1, 1, 0, 3, 'Table 3', 'KSI collisions', 'last12_previous12_lta', "
         "'[{\"key\": \"last12\", \"label\": \"Last 12 months\", \"kind\": \"value\"}]')", ()),
        ("INSERT INTO indicator (id, table_id, position, name, measure_type, series_key) "
         "VALUES (1, 1, 0, 'Killed & Serious Injury collisions – Total', 'count', 'table-3/ksi-total')", ()),
        ("INSERT INTO indicatorvalue (id, indicator_id, period_key, value, unit, as_printed) "
         "VALUES (1, 1, 'last12', 490, 'count', '490')", ()),
    ]


def make(revision: str, target: Path) -> None:
    from alembic import command

    from scrutiny_app.core.pdf_text import SQL_FUNCTION, pdf_pages
    from scrutiny_app.core.store import APPLICATION_ID, _alembic_config

    def connect():
        con = sqlite3.connect(target)
        con.create_function(SQL_FUNCTION, 2, pdf_pages, deterministic=True)  # the 0002 index triggers call it
        return con

    target.unlink(missing_ok=True)
    engine = create_engine("sqlite://", creator=connect)
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), revision)
        connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        for sql, parameters in _records(revision):
            connection.exec_driver_sql(sql, parameters)
    engine.dispose()
    con = sqlite3.connect(target)
    con.execute("PRAGMA page_size = 1024")  # a page per table and index: small pages keep the fixture small
    con.execute("VACUUM")
    con.close()


def main() -> None:
    SCHEMAS.mkdir(exist_ok=True)
    for revision in REVISIONS:
        make(revision, SCHEMAS / f"scrutiny-{revision}.sqlite")
        print(SCHEMAS / f"scrutiny-{revision}.sqlite")


if __name__ == "__main__":
    main()
