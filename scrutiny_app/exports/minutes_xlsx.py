"""The minutes (summary) of one meeting as a spreadsheet, a sheet per part of the record.

The internal copy includes records marked private; the public one (``public=True``)
leaves them out. The askers of public questions are never written out.
"""

from __future__ import annotations

from pathlib import Path

from scrutiny_app.core.formatting import action_heading, person_in_full
from scrutiny_app.core.minutes import declaration_texts, previous_minutes_sentence, publishable
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
    rows += [("In attendance", person_in_full(p, org)) for _, p, org in record.present()]
    rows += [("Apologies for absence", person_in_full(p, org)) for _, p, org in record.apologies()]
    rows += [("Declarations of interest", text) for text in declaration_texts(record)]
    confirmation = previous_minutes_sentence(record)
    if confirmation:
        rows.append(("Minutes of the previous meeting", confirmation))
    rows.append(("Date of next meeting", record.next_meeting.date if record.next_meeting else "Not yet arranged"))
    return rows


def _section(item) -> str:
    if item is None:
        return ""
    return f"{item.number}. {item.title}" if item.number is not None else item.title


def export_minutes_xlsx(store: Store, meeting_id: int, path: Path | str, *, public: bool = False) -> None:
    """Write the record of meeting ``meeting_id`` to ``path`` (all or nothing); ``public`` leaves out private items."""
    record = load_meeting(store, meeting_id)
    if public:
        record = publishable(record)
    with new_workbook(path) as book:
        book.add_table_sheet("Summary", ("Field", "Value"), summary_rows(record), (28, 90))
        book.add_table_sheet(
            "Public questions",
            ("No.", "Question", "Constabulary answer", "Answered by"),
            [(q.number, q.question, q.answer, q.answered_by) for q in record.public_questions],
            (6, 55, 60, 18),
        )
        book.add_table_sheet(
            "PCC questions",
            ("Section", "No.", "Question", "Answer", "Follow-up"),
            [(_section(item), q.number, q.question, q.answer, q.follow_up) for q, item in record.pcc_questions],
            (26, 6, 45, 60, 40),
        )
        book.add_table_sheet(
            "Risks",
            ("No.", "Raised by", "Risk"),
            [(n, r.raised_by, r.text) for n, r in enumerate(record.risks, start=1)],
            (6, 24, 90),
        )
        book.add_table_sheet(
            "Actions",
            ("Action", "Owner", "Update/decision", "Status", "Due date"),
            [(action_heading(row.action), row.action.owner, *update_and_status(row, meeting_id), row.action.due_date)
             for row in record.actions],
            (55, 16, 55, 10, 12),
        )
