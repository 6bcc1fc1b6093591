"""The agenda front sheet: what, when and where, the items with times and pages, and how to get in touch."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle
from sqlmodel import select

from scrutiny_app.core import models as m
from scrutiny_app.core.formatting import clock, day_and_date
from scrutiny_app.core.queries import MeetingRecord
from scrutiny_app.documents.layout import (
    CELL, CELL_BOLD, HEADING, LINE, RULE, SHADE, SMALL, SUBTITLE, TITLE, bold_para, grid, para, render, text_width,
)


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


def _agenda_table(record: MeetingRecord, pages: dict[int, int]) -> Table:
    width = text_width()
    widths = [11 * mm, 15 * mm, width - 11 * mm - 15 * mm - 42 * mm - 19 * mm, 42 * mm, 19 * mm]
    rows = [[para(h, CELL_BOLD) for h in ("No.", "Time", "Item", "Presenter", "Page")]]
    breaks = []
    for item in record.agenda:
        page = pages.get(item.id)
        rows.append([
            para(f"{item.number}." if item.number is not None else "", CELL),
            para(clock(item.start_time), CELL),
            para(item.title, CELL),
            para(item.presenter, CELL),
            para(f"Page {page}" if page else "", CELL),
        ])
        if item.kind == "break":
            breaks.append(len(rows) - 1)
    table = grid(rows, widths)
    table.setStyle(TableStyle([("FONTNAME", (0, r), (-1, r), "Helvetica-Oblique") for r in breaks]
                              + [("BACKGROUND", (0, r), (-1, r), SHADE) for r in breaks]))
    return table


def _facts(record: MeetingRecord) -> Table:
    meeting = record.meeting
    venue = meeting.venue or ""
    if meeting.hybrid and meeting.online_platform:
        venue += f" (and online through {meeting.online_platform})"
    when = clock(meeting.start_time)
    if meeting.end_time:
        when += f" to {clock(meeting.end_time)}"
    rows = [[para(label, CELL_BOLD), para(value, CELL)]
            for label, value in (("Date", day_and_date(meeting.date)), ("Time", when), ("Venue", venue)) if value]
    table = Table(rows, colWidths=[22 * mm, text_width() - 22 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE)]))
    return table


def render_front_sheet(session, record: MeetingRecord, pages: dict[int, int]) -> bytes:
    """The front sheet, with ``pages`` (agenda item id -> first page) printed in the table."""
    office = load_office(session)
    story = []
    if office.name:
        story.append(para(office.name, SUBTITLE))
    story.append(para(record.title.upper(), TITLE))
    purpose = record.meeting.purpose or record.series.purpose
    if purpose:
        story.append(para(f"(Purpose: {purpose})", SUBTITLE))
    story += [_facts(record), Spacer(1, 3 * mm), para("Agenda", HEADING), _agenda_table(record, pages)]

    upcoming = upcoming_meetings(session, record.meeting)
    if upcoming:
        lines = [para(f"{day_and_date(mt.date)}{', ' + clock(mt.start_time) if mt.start_time else ''}: "
                      f"{mt.title or series.name}", LINE) for mt, series in upcoming]
        story.append(KeepTogether([para("Dates of the next scrutiny meetings", HEADING), *lines]))

    enquiries = office.enquiries
    contact = [para(enquiries.get("address"), LINE)] if enquiries.get("address") else []
    if enquiries.get("telephone"):
        contact.append(bold_para(f"{enquiries.get('telephone_label') or 'Telephone'}:", enquiries["telephone"], LINE))
    if enquiries.get("email"):
        contact.append(bold_para("Email:", enquiries["email"], LINE))
    if contact:
        story.append(KeepTogether([para("Enquiries to", HEADING), *contact]))
    if office.alternative_formats_note or office.languages:
        block = [para("Other formats and languages", HEADING), para(office.alternative_formats_note, SMALL)]
        if office.languages:
            block.append(para("Available on request in: " + ", ".join(office.languages) + ".", SMALL))
        story.append(KeepTogether(block))
    return render(story, title=f"Agenda: {record.title}, {day_and_date(record.meeting.date)}", author=office.name)
