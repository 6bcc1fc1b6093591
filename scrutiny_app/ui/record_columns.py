"""The columns of a meeting's records (declarations, PCC questions, risks, live actions), shared by live mode and the main window.

Layer: ui. One definition per kind of record, so a PCC question is edited the same
way in the live pages and in the main window's panes; what a field takes is core's rule (core.fields).
"""

from __future__ import annotations

from typing import Callable

from scrutiny_app.core import models as m
from scrutiny_app.core.fields import DUE_DATE, FIELDS
from scrutiny_app.ui.columns import PUBLIC_QUESTION_COLUMNS
from scrutiny_app.ui.record_model import Column, show_date

YES = ("yes", "y", "private", "true", "1", "x")
NO = ("", "no", "n", "public", "false", "0")


def parse_private(text: str) -> bool:
    word = text.strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise ValueError("type 'private' (not for publication) or leave it empty")


PRIVATE = Column("Private", lambda r: r.private, "private", show=lambda v: "Private" if v else "", parse=parse_private,
                 width=64, tip="Not for publication: left out of public minutes (Ctrl+Shift+P)")

DECLARATION_COLUMNS = [
    Column("Declaration", lambda d: d.text, "text", width=500, multiline=True, stretch=True),
]
LIVE_PUBLIC_COLUMNS = [*PUBLIC_QUESTION_COLUMNS, PRIVATE]
PCC_COLUMNS = [
    Column("No.", lambda q: q.number, "number", parse=FIELDS[m.PccQuestion, "number"].parse, width=40, align_right=True),
    Column("PCC question", lambda q: q.question, "question", width=260, multiline=True, stretch=True),
    Column("Answer", lambda q: q.answer, "answer", width=300, multiline=True, stretch=True),
    Column("Follow-up", lambda q: q.follow_up, "follow_up", width=200, multiline=True, stretch=True),
    PRIVATE,
]
RISK_COLUMNS = [
    Column("Raised by", lambda r: r.raised_by, "raised_by", width=140),
    Column("Emerging risk", lambda r: r.text, "text", width=500, multiline=True, stretch=True),
    PRIVATE,
]
LIVE_ACTION_COLUMNS = [
    Column("No.", lambda a: a.number, width=40, align_right=True),
    Column("Owner", lambda a: a.owner, "owner", width=130),
    Column("Description", lambda a: a.description, "description", width=420, multiline=True, stretch=True),
    Column("Due", lambda a: a.due_date, "due_date", show=show_date, parse=DUE_DATE.parse, width=86),
    PRIVATE,
]


def with_section(columns: list[Column], section_of: Callable[[int | None], str]) -> list[Column]:
    """``columns`` led by the Police and Crime Plan section (the agenda item) a record sits under: for the
    main window's panes, which show a whole meeting where live mode shows one item's records."""
    section = Column("Section", lambda r: section_of(r.agenda_item_id), width=150, multiline=True,
                     tip="The agenda item (Police and Crime Plan section) the record sits under")
    return [section, *columns]
