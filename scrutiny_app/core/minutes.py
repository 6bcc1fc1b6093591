"""The published summary (minutes) of a meeting, in the office's layout, independent of file format.

:func:`build_minutes` turns a :class:`MeetingRecord` into headed sections of
paragraphs, lists and two-column tables; the Word, PDF and Excel writers only
render it. :func:`publishable` is the one place that decides what a public
version leaves out.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from scrutiny_app.core.formatting import action_heading, day_and_date, long_date, person_in_full
from scrutiny_app.core.queries import MeetingRecord

NONE_DECLARED = "There were none declared."
NO_QUESTION = "(Introduction of the paper)"
SIGNATURE_LINE = "Signed: ______________________________    Date: ______________"


@dataclass
class Table:
    headers: tuple[str, str]
    rows: list[tuple[str, str]]


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    subheading: str = ""  # a second list under the same heading, e.g. apologies
    sub_bullets: list[str] = field(default_factory=list)
    table: Table | None = None


@dataclass
class Minutes:
    title: str
    date_line: str
    venue_line: str
    sections: list[Section]
    signatories: list[str]
    public: bool


def publishable(record: MeetingRecord) -> MeetingRecord:
    """A copy of ``record`` without anything marked not for publication.

    Askers of public questions are never part of any output, so they need no
    filtering here; this removes private questions, answers, risks and actions.
    """
    return dataclasses.replace(
        record,
        public_questions=[q for q in record.public_questions if not q.private],
        pcc_questions=[(q, item) for q, item in record.pcc_questions if not q.private],
        risks=[r for r in record.risks if not r.private],
        actions=[row for row in record.actions if not row.action.private],
    )


def _numbered(record: MeetingRecord, words: tuple[str, ...], fallback: str) -> str:
    """The heading of the agenda item whose title mentions ``words``, as 'N. Title'."""
    for item in record.agenda:
        title = item.title.lower()
        if all(w in title for w in words):
            return f"{item.number}. {item.title}" if item.number is not None else item.title
    return fallback


def declaration_texts(record: MeetingRecord) -> list[str]:
    numbers = {item.id: item.number for item in record.agenda}
    texts = []
    for d in record.declarations:
        number = numbers.get(d.agenda_item_id)
        texts.append(f"Item {number}: {d.text}" if number is not None else d.text)
    return texts or [NONE_DECLARED]


def previous_minutes_sentence(record: MeetingRecord) -> str | None:
    """The confirmation of the previous meeting's minutes, or None when there was no previous meeting."""
    if record.previous is None:
        return None
    verdict = "were agreed to be a true and accurate reflection of the meeting." if record.meeting.previous_minutes_agreed else "have not yet been agreed."
    return f"The minutes of the {record.title} held on {day_and_date(record.previous.date)} {verdict}"


def _text(update) -> str:
    return update.text if update else ""


def build_minutes(record: MeetingRecord, *, public: bool = False) -> Minutes:
    if public:
        record = publishable(record)
    meeting = record.meeting
    venue = meeting.venue or ""
    if meeting.hybrid and meeting.online_platform:
        venue = f"Hybrid meeting held on {meeting.online_platform} and in the {venue}" if venue else f"Held on {meeting.online_platform}"
    sections = [
        Section(
            _numbered(record, ("attendance",), "1. Attendance and Apologies for Absence"),
            subheading="Apologies for absence",
            bullets=[person_in_full(p, o) for _, p, o in record.present()],
            sub_bullets=[person_in_full(p, o) for _, p, o in record.apologies()],
            paragraphs=["In attendance:"],
        ),
        Section(
            _numbered(record, ("declarations",), "Declarations of Personal and/or Prejudicial Interests"),
            paragraphs=declaration_texts(record),
        ),
    ]
    confirmation = previous_minutes_sentence(record)
    if confirmation:
        sections.append(
            Section(_numbered(record, ("minutes",), "Minutes and Actions of the Previous Meeting"), paragraphs=[confirmation])
        )
    sections.append(
        Section(
            _numbered(record, ("public", "question"), "Public Questions"),
            table=Table(("Public Question", "Constabulary Answer"), [(q.question, q.answer) for q in record.public_questions]),
            paragraphs=[] if record.public_questions else ["No public questions were received."],
        )
    )
    by_item: dict[int | None, list] = {}
    for q, item in record.pcc_questions:
        by_item.setdefault(item.id if item else None, []).append((q, item))
    for entries in by_item.values():
        item = entries[0][1]
        heading = (f"{item.number}. {item.title}" if item.number is not None else item.title) if item else "PCC Questions"
        rows = []
        for q, _ in entries:
            answer = q.answer + (f"\n\n{q.follow_up}" if q.follow_up else "")
            rows.append((q.question or NO_QUESTION, answer))
        sections.append(Section(heading, table=Table(("PCC Question", "Constabulary Answer"), rows)))
    sections.append(
        Section(
            _numbered(record, ("emerging",), "Emerging Operational/Organisational Risks"),
            paragraphs=[r.text for r in record.risks] or ["No emerging risks were raised."],
        )
    )
    sections.append(
        Section(
            "Actions",
            table=Table(
                ("Description of Action", "Action Update/Decision"),
                [(action_heading(row.action), _text(row.update_at(meeting.id))) for row in record.actions],
            ),
        )
    )
    next_line = day_and_date(record.next_meeting.date) if record.next_meeting else "To be confirmed."
    sections.append(Section(_numbered(record, ("date", "next"), "Date of Next Meeting"), paragraphs=[next_line]))
    return Minutes(
        title=f"Summary of the {record.title}",
        date_line=day_and_date(meeting.date),
        venue_line=venue,
        sections=sections,
        signatories=_signatories(record),
        public=public,
    )


def _signatories(record: MeetingRecord) -> list[str]:
    """The Commissioner and the Chief Constable sign; found by role among those present."""
    wanted = ("Police and Crime Commissioner", "Chief Constable")
    found = []
    for role in wanted:
        for _, person, _ in record.present():
            if person.role == role:
                found.append(f"{person.name}, {role}")
                break
        else:
            found.append(role)
    return found


def minutes_file_title(record: MeetingRecord) -> str:
    return f"Summary of the {record.title}, {long_date(record.meeting.date)}"
