"""The agenda front sheet: what, when and where, the items with times and pages, and how to get in touch.

Laid out as tagged PDF by ``documents/templates/front_sheet.typ``."""

from __future__ import annotations

from scrutiny_app.core.formatting import clock, day_and_date
from scrutiny_app.core.meetings import upcoming_meetings
from scrutiny_app.core.office import load_office
from scrutiny_app.core.queries import MeetingRecord
from scrutiny_app.documents.layout import render


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


def render_front_sheet(session, record: MeetingRecord, pages: dict[int, int]) -> bytes:
    """The front sheet, with ``pages`` (agenda item id -> first page) printed in the table."""
    office = load_office(session)
    purpose = record.meeting.purpose or record.series.purpose
    agenda, breaks = _agenda(record, pages)
    formats = [office.formats_note] if office.formats_note else []
    if office.languages:
        formats.append("Available on request in: " + ", ".join(office.languages) + ".")
    front = {
        "office": office.name, "heading": record.title.upper(), "purpose": f"(Purpose: {purpose})" if purpose else "",
        "facts": _facts(record), "agenda": agenda, "breaks": breaks,
        "upcoming": [f"{day_and_date(mt.date)}{', ' + clock(mt.start_time) if mt.start_time else ''}: "
                     f"{mt.title or series.name}" for mt, series in upcoming_meetings(session, record.meeting)],
        "contact": [(f"{label}:" if label else "", value) for label, value in office.contact_lines], "formats": formats,
    }
    return render("front_sheet", {"title": f"Agenda: {record.title}, {day_and_date(record.meeting.date)}",
                                  "author": office.name, "front": front})
