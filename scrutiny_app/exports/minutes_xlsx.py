"""The minutes (summary) of one meeting as a spreadsheet, a sheet per part of the record.

The internal copy includes records marked private; the public one (``public=True``)
leaves them out. The askers of public questions are never written out. Every
sentence comes from core/minutes.py, as in the Word and PDF minutes.
"""

from __future__ import annotations

from pathlib import Path

from scrutiny_app.core.formatting import action_heading
from scrutiny_app.core.minutes import (
    DRAFT_NOTE,
    NEXT_MEETING_TBC,
    NOT_RECORDED,
    answer_text,
    apology_lines,
    build_minutes,
    declaration_texts,
    heading_of,
    notes_text,
    present_lines,
    previous_minutes_sentence,
    public_question_texts,
    publishable,
    risk_texts,
)
from scrutiny_app.core.queries import MeetingRecord, load_meeting
from scrutiny_app.core.store import Store
from scrutiny_app.exports.actions_xlsx import update_and_status
from scrutiny_app.exports.xlsx_writer import new_workbook


def _format(record: MeetingRecord) -> str:
    meeting = record.meeting
    platform = f" ({meeting.online_platform})" if meeting.online_platform else ""
    if meeting.hybrid:
        return f"Hybrid{platform}"
    return f"Online{platform}" if platform else "In person"


def summary_rows(record: MeetingRecord) -> list[tuple]:
    meeting = record.meeting
    rows = [
        ("Meeting", record.title),
        ("Date", meeting.date),
        ("Venue", meeting.venue or ""),
        ("Hybrid/online platform", _format(record)),
    ]
    rows += [("In attendance", text) for text in present_lines(record)]
    rows += [("Apologies for absence", text) for text in apology_lines(record)]
    rows += [("Declarations of interest", text) for text in declaration_texts(record)]
    confirmation = previous_minutes_sentence(record)
    if confirmation:
        rows.append(("Minutes of the previous meeting", confirmation))
    rows += [("Public questions", text) for text in public_question_texts(record)]
    if not record.risks:
        rows += [("Emerging risks", text) for text in risk_texts(record)]
    # A real date for a spreadsheet, else the minutes' own words.
    rows.append(("Date of next meeting", record.next_meeting.date if record.next_meeting else NEXT_MEETING_TBC))
    return rows


def export_minutes_xlsx(store: Store, meeting_id: int, path: Path | str, *, public: bool = False,
                        draft: bool = False) -> None:
    """Write the record of meeting ``meeting_id`` to ``path`` (all or nothing); ``public`` leaves out private items.

    A ``draft`` says so in its first row and in every sheet's printed header.
    """
    full = load_meeting(store, meeting_id)
    record = publishable(full) if public else full
    minutes = build_minutes(full, public=public)
    notes = [(s.heading, notes_text(s.notes) if s.notes else NOT_RECORDED) for s in minutes.sections
             if s.notes or (s.kind == "item" and s.paragraphs == [NOT_RECORDED])]
    with new_workbook(path) as book:
        status = [("Status", DRAFT_NOTE)] if draft else []
        sheets = [book.add_table_sheet("Summary", ("Field", "Value"), status + summary_rows(record), (28, 90))]
        sheets.append(book.add_table_sheet("Notes", ("Item", "Notes"), notes, (40, 100)))
        sheets.append(book.add_table_sheet(
            "Public questions",
            ("No.", "Question", "Constabulary answer", "Answered by"),
            [(q.number, q.question, answer_text(q.answer), q.answered_by) for q in record.public_questions],
            (6, 55, 60, 18),
        ))
        sheets.append(book.add_table_sheet(
            "PCC questions",
            ("Section", "No.", "Question", "Answer", "Follow-up"),
            [(heading_of(item) if item else "", q.number, q.question, answer_text(q.answer), q.follow_up)
             for q, item in record.pcc_questions],
            (26, 6, 45, 60, 40),
        ))
        sheets.append(book.add_table_sheet(
            "Risks",
            ("No.", "Raised by", "Risk"),
            [(n, r.raised_by, text) for n, (r, text) in enumerate(zip(record.risks, risk_texts(record)), start=1)],
            (6, 24, 90),
        ))
        sheets.append(book.add_table_sheet(
            "Actions",
            ("Action", "Owner", "Update/decision", "Status", "Due date"),
            [(action_heading(row.action), row.action.owner, *update_and_status(row, meeting_id), row.action.due_date)
             for row in record.actions],
            (55, 16, 55, 10, 12),
        ))
        if draft:
            for sheet in sheets:
                sheet.set_header(f"&C&B{DRAFT_NOTE}")
