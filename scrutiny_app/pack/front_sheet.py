"""The agenda front sheet: what, when and where, the items with times and pages, and how to get in touch."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from scrutiny_app.core.formatting import clock, day_and_date
from scrutiny_app.core.meetings import upcoming_meetings
from scrutiny_app.core.office import load_office
from scrutiny_app.core.queries import MeetingRecord
from scrutiny_app.documents.layout import (
    CELL, CELL_BOLD, HEADING, LINE, RULE, SHADE, SMALL, SUBTITLE, TITLE, bold_para, grid, para, render, text_width,
)


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

    contact = [bold_para(f"{label}:", value, LINE) if label else para(value, LINE) for label, value in office.contact_lines]
    if contact:
        story.append(KeepTogether([para("Enquiries to", HEADING), *contact]))
    if office.formats_note or office.languages:
        block = [para("Other formats and languages", HEADING), para(office.formats_note, SMALL)]
        if office.languages:
            block.append(para("Available on request in: " + ", ".join(office.languages) + ".", SMALL))
        story.append(KeepTogether(block))
    return render(story, title=f"Agenda: {record.title}, {day_and_date(record.meeting.date)}", author=office.name)
