"""Is a meeting's record ready to publish? The readiness check behind ``--final`` and Meeting › Check minutes….

Each problem is something the minutes would print as "[not recorded]" (or
would print wrongly): the officer fixes it, or records that there was none.
"""

from __future__ import annotations

from scrutiny_app.core.minutes import standard_items
from scrutiny_app.core.queries import MeetingRecord, load_meeting
from scrutiny_app.core.store import Store

NONE_KEY = "Ctrl+Shift+N on live mode's {} page records that there were none"


def minutes_problems(record: MeetingRecord) -> list[str]:
    """What is missing from the record before its minutes can be published, in the order of the summary."""
    meeting = record.meeting
    problems = []
    if not record.attendance:
        problems.append("Attendance has not been taken: no one is in the register.")
    if not record.declarations and not meeting.declarations_none:
        problems.append(f"Declarations of interest are not recorded ({NONE_KEY.format('Declarations')}).")
    if not record.public_questions and not meeting.public_questions_none:
        problems.append(f"Public questions are not recorded ({NONE_KEY.format('Public questions')}).")
    for q in record.public_questions:
        if not q.question.strip():
            problems.append(f"Public question {q.number} has no question text.")
        if not q.answer.strip():
            problems.append(f"Public question {q.number} has no answer.")
    standard = {x.id for x in standard_items(record).values()}
    asked = {}
    for q, item in record.pcc_questions:
        asked.setdefault(item.id if item else None, []).append(q)
    for item in record.agenda:
        if item.id in standard or item.kind == "break":
            continue
        name = f"Item {item.number} ({item.title})" if item.number is not None else item.title
        if not item.notes.strip() and item.id not in asked:
            problems.append(f"{name}: no notes and no questions recorded.")
        problems += _unanswered(f"{name}: ", asked.pop(item.id, []))
    problems += _unanswered("", [q for questions in asked.values() for q in questions])
    if not record.risks and not meeting.risks_none:
        problems.append(f"Emerging risks are not recorded ({NONE_KEY.format('Risks')}).")
    for n, risk in enumerate(record.risks, start=1):
        if not risk.text.strip():
            problems.append(f"Emerging risk {n} is blank.")
    for row in record.actions:
        if not row.action.owner.strip():
            problems.append(f"Action {row.action.number} has no owner.")
    return problems


def _unanswered(where: str, questions) -> list[str]:
    return [f"{where}PCC question {q.number} has no answer." for q in questions if not q.answer.strip()]


def check_meeting(store: Store, meeting_id: int) -> list[str]:
    return minutes_problems(load_meeting(store, meeting_id))
