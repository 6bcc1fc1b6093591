"""The previous meeting's summary (minutes) as pack pages, generated from the database.

This is published: records marked private are left out, and a public
question never carries the name or contact of the resident who asked it.
"""

from __future__ import annotations

from itertools import groupby

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from scrutiny_app.core.agenda import brought_forward
from scrutiny_app.core.formatting import action_heading, clock, day_and_date, long_date, person_in_full
from scrutiny_app.core.queries import ActionRow, MeetingRecord
from scrutiny_app.core.store import Store
from scrutiny_app.exports.actions_xlsx import update_and_status
from scrutiny_app.exports.minutes_xlsx import _declarations as declarations
from scrutiny_app.pack.layout import (
    BODY, CELL, CELL_BOLD, HEADING, SUBHEADING, SUBTITLE, TITLE, bold_para, grid, para, render, text_width,
)


def published_actions(store: Store, record: MeetingRecord) -> list[ActionRow]:
    """The actions table of a summary: those raised or updated at the meeting and those still open from before."""
    rows = {row.action.id: row for row in record.actions}
    for row in brought_forward(store, record.meeting.id):
        rows.setdefault(row.action.id, row)
    return sorted((r for r in rows.values() if not r.action.private), key=lambda r: r.action.number)


def _people(record: MeetingRecord) -> list:
    story = [para("Present", SUBHEADING)]
    for attendance, person, org in record.present():
        remote = " (online)" if attendance.status == "remote" else ""
        story.append(para(person_in_full(person, org) + remote, BODY))
    if len(story) == 1:
        story.append(para("No attendance was recorded.", BODY))
    apologies = record.apologies()
    if apologies:
        story.append(para("Apologies", SUBHEADING))
        story += [para(person_in_full(p, org), BODY) for _, p, org in apologies]
    return story


def _public_questions(record: MeetingRecord) -> list:
    questions = [q for q in record.public_questions if not q.private]
    if not questions:
        return [para("No public questions were received.", BODY)]
    story = []
    for q in questions:
        received = f" (received {long_date(q.received_date)})" if q.received_date else ""
        block = [para(f"Question {q.number}{received}", SUBHEADING), para(q.question, BODY)]
        if q.answer:
            by = f" ({q.answered_by})" if q.answered_by else ""
            block.append(bold_para(f"Answer{by}:", q.answer))
        story.append(KeepTogether(block))
    return story


def _pcc_questions(record: MeetingRecord) -> list:
    story = []
    public = [(q, item) for q, item in record.pcc_questions if not q.private]
    for item, rows in groupby(public, key=lambda pair: pair[1]):
        heading = f"{item.number}. {item.title}" if item is not None and item.number is not None else (
            item.title if item is not None else "Other questions")
        story.append(para(heading, SUBHEADING))
        for q, _ in rows:
            if q.question:
                story.append(bold_para(f"Q{q.number}.", q.question))
            if q.answer:
                story.append(bold_para("Answer:", q.answer))
            if q.follow_up:
                story.append(bold_para("Follow-up:", q.follow_up))
    return story or [para("No questions were recorded.", BODY)]


def _actions_table(record: MeetingRecord, rows: list[ActionRow]):
    if not rows:
        return para("There were no actions.", BODY)
    width = text_width()
    table = [[para(h, CELL_BOLD) for h in ("Action", "Owner", "Update or decision", "Status")]]
    for row in rows:
        update, status = update_and_status(row, record.meeting.id)
        table.append([para(action_heading(row.action), CELL), para(row.action.owner, CELL), para(update, CELL),
                      para(status, CELL)])
    return grid(table, [width * 0.40, 24 * mm, width * 0.60 - 24 * mm - 18 * mm, 18 * mm])


def render_summary(store: Store, record: MeetingRecord, office_name: str = "") -> bytes:
    meeting = record.meeting
    title = f"Summary of the {record.title}"
    when = f"held on {day_and_date(meeting.date)}" + (f" at {clock(meeting.start_time)}" if meeting.start_time else "")
    where = meeting.venue or ""
    if meeting.hybrid and meeting.online_platform:
        where = f"{where} and online through {meeting.online_platform}".strip()
    story = [para(title, TITLE), para(f"{when}{', ' + where if where else ''}", SUBTITLE)]
    story += [para("Attendance and apologies", HEADING), *_people(record)]
    story += [para("Declarations of interest", HEADING), *[para(t, BODY) for t in declarations(record)]]
    story.append(para("Minutes of the previous meeting", HEADING))
    if record.previous is not None:
        verdict = "were agreed as a true record" if meeting.previous_minutes_agreed else "were not yet agreed"
        story.append(para(f"The minutes of the meeting held on {long_date(record.previous.date)} {verdict}.", BODY))
    else:
        story.append(para("There was no earlier meeting in this series.", BODY))
    story += [para("Public questions", HEADING), *_public_questions(record)]
    story += [para("Questions from the Police and Crime Commissioner", HEADING), *_pcc_questions(record)]
    risks = [r for r in record.risks if not r.private]
    story.append(para("Emerging operational and organisational risks", HEADING))
    story += [bold_para(f"{r.raised_by}:" if r.raised_by else "", r.text) for r in risks] or [
        para("No emerging risks were raised.", BODY)]
    story += [para("Actions", HEADING), _actions_table(record, published_actions(store, record))]
    story.append(para("Date of the next meeting", HEADING))
    story.append(para(day_and_date(record.next_meeting.date) if record.next_meeting else "Not yet arranged.", BODY))
    story.append(KeepTogether([
        Spacer(1, 14 * mm),
        para("Signed: ..................................................  Police and Crime Commissioner", BODY),
        Spacer(1, 8 * mm),
        para("Date: ....................................", BODY),
    ]))
    return render(story, title=f"{title} {when}", author=office_name)
