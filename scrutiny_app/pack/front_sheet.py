"""The agenda front sheet: what, when and where, the items with times and pages, and how to get in touch.

Laid out as tagged PDF by ``documents/templates/front_sheet.typ``."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlmodel import select

from scrutiny_app.core import models as m
from scrutiny_app.core.formatting import clock, day_and_date
from scrutiny_app.core.queries import MeetingRecord
from scrutiny_app.documents.layout import render


@dataclass
class Office:
    name: str = ""
    enquiries: dict = field(default_factory=dict)
    alternative_formats_note: str = ""
    languages: list[str] = field(default_factory=list)


def load_office(session) -> Office:
    values = {s.key: s.value for s in session.exec(select(m.Setting).where(m.Setting.key.like("office.%"))).all()}

    def from_json(key: str, default):
        try:
            return json.loads(values[key]) if values.get(key) else default
        except ValueError:
            return default

    return Office(
        name=values.get("office.name", ""),
        enquiries=from_json("office.enquiries", {}),
        alternative_formats_note=values.get("office.alternative_formats_note", ""),
        languages=from_json("office.languages", []),
    )


def upcoming_meetings(session, after: m.Meeting, limit: int = 6) -> list[tuple[m.Meeting, m.MeetingSeries]]:
    """The office's next scrutiny meetings (any series) after this one."""
    return list(session.exec(
        select(m.Meeting, m.MeetingSeries)
        .join(m.MeetingSeries, m.Meeting.series_id == m.MeetingSeries.id)
        .where(m.Meeting.date > after.date, m.Meeting.status != "cancelled")
        .order_by(m.Meeting.date)
        .limit(limit)
    ).all())


def _agenda(record: MeetingRecord, pages: dict[int, int]) -> tuple[list[list[str]], list[int]]:
    """The agenda table's rows (No., Time, Item, Presenter, Page) and which of them are breaks."""
    rows, breaks = [], []
    for item in record.agenda:
        page = pages.get(item.id)
        if item.kind == "break":
            breaks.append(len(rows))
        rows.append([f"{item.number}." if item.number is not None else "", clock(item.start_time), item.title,
                     item.presenter or "", f"Page {page}" if page else ""])
    return rows, breaks


def _facts(record: MeetingRecord) -> list[tuple[str, str]]:
    meeting = record.meeting
    venue = meeting.venue or ""
    if meeting.hybrid and meeting.online_platform:
        venue += f" (and online through {meeting.online_platform})"
    when = clock(meeting.start_time)
    if meeting.end_time:
        when += f" to {clock(meeting.end_time)}"
    return [(label, value) for label, value in (("Date", day_and_date(meeting.date)), ("Time", when),
                                                ("Venue", venue)) if value]


def _contact(enquiries: dict) -> list[tuple[str, str]]:
    """The enquiries lines: (bold label, text), the address without a label."""
    lines = [("", enquiries["address"])] if enquiries.get("address") else []
    if enquiries.get("telephone"):
        lines.append((f"{enquiries.get('telephone_label') or 'Telephone'}:", enquiries["telephone"]))
    if enquiries.get("email"):
        lines.append(("Email:", enquiries["email"]))
    return lines


def render_front_sheet(session, record: MeetingRecord, pages: dict[int, int]) -> bytes:
    """The front sheet, with ``pages`` (agenda item id -> first page) printed in the table."""
    office = load_office(session)
    purpose = record.meeting.purpose or record.series.purpose
    agenda, breaks = _agenda(record, pages)
    formats = [office.alternative_formats_note] if office.alternative_formats_note else []
    if office.languages:
        formats.append("Available on request in: " + ", ".join(office.languages) + ".")
    front = {
        "office": office.name, "heading": record.title.upper(), "purpose": f"(Purpose: {purpose})" if purpose else "",
        "facts": _facts(record), "agenda": agenda, "breaks": breaks,
        "upcoming": [f"{day_and_date(mt.date)}{', ' + clock(mt.start_time) if mt.start_time else ''}: "
                     f"{mt.title or series.name}" for mt, series in upcoming_meetings(session, record.meeting)],
        "contact": _contact(office.enquiries), "formats": formats,
    }
    return render("front_sheet", {"title": f"Agenda: {record.title}, {day_and_date(record.meeting.date)}",
                                  "author": office.name, "front": front})
