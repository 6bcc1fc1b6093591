"""The columns of the Agenda, Public questions and Action log panes.

Layer: ui. Presentation only (headers, widths, editors); what a field takes,
and how typed text is read, is core's rule (core.fields)."""

from __future__ import annotations

import datetime as dt

from scrutiny_app.core import models as m
from scrutiny_app.core.actions import DUE_SOON, OVERDUE, due_state
from scrutiny_app.core.fields import DUE_DATE, FIELDS, KINDS
from scrutiny_app.core.queries import ActionRow
from scrutiny_app.ui.record_model import Column, show_date, show_time

KIND_NAMES = KINDS.choices
# Typed text read by core's rule of each field (it refuses what the field does not take).
_parse_kind = KINDS.parse
_parse_priority = FIELDS[m.AgendaItem, "priority"].parse
_parse_minutes = FIELDS[m.AgendaItem, "duration_minutes"].parse
_parse_page = FIELDS[m.AgendaItem, "page"].parse
_parse_number = FIELDS[m.PublicQuestion, "number"].parse


PRIVATE_CHOICES = ("", "Not for publication")


def private_column(get, field: str = "private", header: str = "Private",
                   tip: str = "Not for publication: left out of public minutes and the agenda pack") -> Column:
    """Marks a record (or a part of one) not for publication: public exports and the pack leave it out."""
    return Column(header, get, field, show=lambda v: PRIVATE_CHOICES[bool(v)],
                  parse=lambda text: text == PRIVATE_CHOICES[1], width=70, choices=PRIVATE_CHOICES, tip=tip)


AGENDA_COLUMNS = [
    # Numbers and start times follow from the order and the durations (core.agenda), so are not typed in.
    Column("No.", lambda i: i.number, width=34, align_right=True),
    Column("Time", lambda i: i.start_time, show=show_time, width=56, tip="Start time, worked out from the durations"),
    Column("Min.", lambda i: i.duration_minutes, "duration_minutes", parse=_parse_minutes, width=38,
           align_right=True, tip="Duration in minutes; an item without one is taken within the slot before"),
    Column("Title", lambda i: i.title, "title", width=300, multiline=True, stretch=True),
    Column("Kind", lambda i: i.kind, "kind", show=lambda k: KIND_NAMES.get(k, k), parse=_parse_kind, width=80,
           choices=tuple(KIND_NAMES.values())),
    Column("Presenter", lambda i: i.presenter, "presenter", width=104),
    Column("Page", lambda i: i.page, "page", parse=_parse_page, width=44, align_right=True),
    Column("Pri.", lambda i: i.priority, "priority", parse=_parse_priority, width=40, align_right=True,
           tip="Police and Crime Plan priority (1-3)"),
    private_column(lambda i: i.notes_private, "notes_private", "Notes",
                   tip="Notes not for publication: left out of the public minutes (the internal ones keep them)"),
]

DATE_WIDTH = 80  # px for "29/01/2025" at the default font


PUBLIC_QUESTION_COLUMNS = [
    Column("No.", lambda q: q.number, "number", parse=_parse_number, width=44, align_right=True),
    Column("Question", lambda q: q.question, "question", width=260, multiline=True, stretch=True),
    Column("Answer", lambda q: q.answer, "answer", width=420, multiline=True, stretch=True),
    Column("Answered by", lambda q: q.answered_by, "answered_by", width=110),
    private_column(lambda q: q.private),
]


def _raised(row: ActionRow) -> dt.date | None:
    return row.raised_at.date if row.raised_at else row.action.date_raised


ACTION_COLUMNS = [
    Column("No.", lambda r: r.action.number, width=40, align_right=True),
    Column("Raised", _raised, show=show_date, width=82, min_width=DATE_WIDTH, tip="The meeting the action was raised at"),
    Column("Owner", lambda r: r.action.owner, "owner", width=110),
    Column("Description", lambda r: r.action.description, "description", width=360, multiline=True, stretch=True),
    Column("Due", lambda r: r.action.due_date, "due_date", show=show_date, parse=DUE_DATE.parse, width=82,
           min_width=DATE_WIDTH),
    # Read-only: a status changes with an update saying why (Actions menu).
    Column("Status", lambda r: r.action.status, width=72),
    Column("Latest update", lambda r: r.latest.text if r.latest else "", width=260, multiline=True, stretch=True),
    private_column(lambda r: r.action.private),
]


DUE_COLOURS = {OVERDUE: "#f8d7da", DUE_SOON: "#fff3cd"}


def action_background(row: ActionRow, today: dt.date | None = None) -> str | None:
    """Overdue open actions in red, those due within a week in amber."""
    return DUE_COLOURS.get(due_state(row.action, today or dt.date.today()))
