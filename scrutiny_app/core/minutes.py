"""The published summary (minutes) of a meeting, in the office's layout, independent of file format.

:func:`build_minutes` turns a :class:`MeetingRecord` into headed sections of
paragraphs, lists and two-column tables; the Word, PDF and Excel writers only
render it, and every sentence they print comes from here. :func:`publishable`
is the one place that decides what a public version leaves out.

The summary states a fact only when it was recorded: an empty list says
nothing, so "none declared" needs the officer to have recorded that there were
none; anything missing is printed as :data:`NOT_RECORDED` (and listed by
``core/minutes_check.py``).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from scrutiny_app.core import models as m
from scrutiny_app.core.formatting import action_heading, day_and_date, long_date, person_in_full
from scrutiny_app.core.minutes_lock import AGREED_WORDS
from scrutiny_app.core.queries import MeetingRecord

NOT_RECORDED = "[not recorded]"
NONE_DECLARED = "There were none declared."
NO_PUBLIC_QUESTIONS = "No public questions were received."
NO_RISKS = "No emerging risks were raised."
NO_APOLOGIES = "None."
IN_ATTENDANCE = "In attendance:"
NEXT_MEETING_TBC = "To be confirmed."
NO_QUESTION = "(Introduction of the paper)"
REMOTE = "(remote)"
DRAFT_NOTE = "DRAFT minutes – not yet final"
SIGNATURE_LINE = "Signed: ______________________________    Date: ______________"
# A notes line the live-mode editor wrote as a bullet ("- ", "* " or "• ", perhaps indented).
_BULLET = re.compile(r"^\s*[-*•]\s+")

# The standard items, found on the agenda by words of their title, else printed under these headings.
STANDARD_ITEMS = {
    "attendance": (("attendance",), "1. Attendance and Apologies for Absence"),
    "declarations": (("declarations",), "Declarations of Personal and/or Prejudicial Interests"),
    "minutes": (("minutes",), "Minutes and Actions of the Previous Meeting"),
    "public": (("public", "question"), "Public Questions"),
    "risks": (("emerging",), "Emerging Operational/Organisational Risks"),
    "next": (("date", "next"), "Date of Next Meeting"),
}


@dataclass
class Table:
    headers: tuple[str, str]
    rows: list[tuple[str, str]]


@dataclass
class NoteLine:
    text: str
    bullet: bool = False


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    subheading: str = ""  # a second list under the same heading, e.g. apologies
    sub_bullets: list[str] = field(default_factory=list)
    table: Table | None = None
    notes: list[NoteLine] = field(default_factory=list)  # the officer's notes on the item, after the rest
    kind: str = "standard"  # or "item": an agenda item of its own (a paper, an update)


@dataclass
class Minutes:
    title: str
    date_line: str
    venue_line: str
    sections: list[Section]
    signatories: list[str]
    public: bool
    draft: bool = False  # marked DRAFT on every page

    @property
    def heading_lines(self) -> list[str]:
        """The date and venue lines under the title, as the published summary prints them."""
        return [f"Date: {self.date_line}"] + ([f"Venue: {self.venue_line}"] if self.venue_line else [])


def publishable(record: MeetingRecord) -> MeetingRecord:
    """A copy of ``record`` without any record marked not for publication.

    Askers of public questions are never part of any output, so they need no
    filtering here; this removes private questions, answers, risks and actions,
    and remembers which lists lost records (``withheld``), so that an emptied
    list is not reported as "none" or "not recorded". Private item notes are
    left out by :func:`item_notes`.
    """
    kept = {
        "public_questions": [q for q in record.public_questions if not q.private],
        "pcc_questions": [(q, item) for q, item in record.pcc_questions if not q.private],
        "risks": [r for r in record.risks if not r.private],
        "actions": [row for row in record.actions if not row.action.private],
    }
    withheld = frozenset(name for name, rows in kept.items() if len(rows) < len(getattr(record, name)))
    return dataclasses.replace(record, **kept, withheld=record.withheld | withheld)


def item_notes(item: m.AgendaItem, public: bool) -> list[NoteLine]:
    """The item's notes for the minutes: none in a public copy when they are not for publication."""
    return [] if public and item.notes_private else note_lines(item.notes)


def heading_of(item: m.AgendaItem) -> str:
    return f"{item.number}. {item.title}" if item.number is not None else item.title


def standard_items(record: MeetingRecord) -> dict[str, m.AgendaItem]:
    """The agenda item of each standard part of the summary, by key of :data:`STANDARD_ITEMS`."""
    found = {}
    for item in record.agenda:
        title = item.title.lower()
        for key, (words, _) in STANDARD_ITEMS.items():
            if key not in found and item.id not in {x.id for x in found.values()} and all(w in title for w in words):
                found[key] = item
    return found


def note_lines(text: str) -> list[NoteLine]:
    """The notes as paragraphs and bullets, as the officer typed them (one per non-empty line)."""
    lines = []
    for line in text.splitlines():
        if not line.strip():
            continue
        match = _BULLET.match(line)
        lines.append(NoteLine(line[match.end():].strip(), True) if match else NoteLine(line.strip()))
    return lines


def notes_text(lines: list[NoteLine]) -> str:
    """Notes as one block of text (a spreadsheet cell): a line each, bullets marked "•"."""
    return "\n".join(f"• {line.text}" if line.bullet else line.text for line in lines)


def attendee(row: tuple[m.Attendance, m.Person, m.Organisation | None]) -> str:
    attendance, person, organisation = row
    text = person_in_full(person, organisation)
    return f"{text} {REMOTE}" if attendance.status == "remote" else text


def present_lines(record: MeetingRecord) -> list[str]:
    return [attendee(row) for row in record.present()] if record.attendance else [NOT_RECORDED]


def apology_lines(record: MeetingRecord) -> list[str]:
    if not record.attendance:
        return [NOT_RECORDED]
    return [attendee(row) for row in record.apologies()] or [NO_APOLOGIES]


def _when_empty(record: MeetingRecord, rows: str, none_recorded: bool, none_sentence: str) -> list[str]:
    """What an empty list says: nothing if the public copy emptied it, the "none" sentence if recorded, else not recorded."""
    if getattr(record, rows) or rows in record.withheld:
        return []
    return [none_sentence if none_recorded else NOT_RECORDED]


def declaration_texts(record: MeetingRecord) -> list[str]:
    numbers = {item.id: item.number for item in record.agenda}
    texts = []
    for d in record.declarations:
        number = numbers.get(d.agenda_item_id)
        text = d.text.strip() or NOT_RECORDED
        texts.append(f"Item {number}: {text}" if number is not None else text)
    return texts or _when_empty(record, "declarations", record.meeting.declarations_none, NONE_DECLARED)


def public_question_texts(record: MeetingRecord) -> list[str]:
    """The sentence for a meeting with no public questions (none when there were some)."""
    return _when_empty(record, "public_questions", record.meeting.public_questions_none, NO_PUBLIC_QUESTIONS)


def risk_texts(record: MeetingRecord) -> list[str]:
    texts = [r.text.strip() or NOT_RECORDED for r in record.risks]
    return texts or _when_empty(record, "risks", record.meeting.risks_none, NO_RISKS)


def previous_minutes_sentence(record: MeetingRecord) -> str | None:
    """The confirmation of the previous meeting's minutes, or None when there was no previous meeting."""
    if record.previous is None:
        return None
    held = f"The minutes of the {record.title} held on {day_and_date(record.previous.date)}"
    if not record.previous_agreed:
        return f"{held} have not yet been agreed."
    agreed_on = record.previous.minutes_agreed_on
    on = f" on {long_date(agreed_on)}" if agreed_on and agreed_on != record.meeting.date else ""
    return f"{held} were agreed{on} to be {AGREED_WORDS} of the meeting."


def next_meeting_line(record: MeetingRecord) -> str:
    return day_and_date(record.next_meeting.date) if record.next_meeting else NEXT_MEETING_TBC


def answer_text(answer: str, follow_up: str | None = None) -> str:
    return (answer.strip() or NOT_RECORDED) + (f"\n\n{follow_up}" if follow_up else "")


def action_update_text(row, meeting_id: int) -> str:
    update = row.update_at(meeting_id)
    return update.text if update else ""


def venue_line(meeting: m.Meeting) -> str:
    venue = meeting.venue or ""
    if meeting.hybrid and meeting.online_platform:
        return f"Hybrid meeting held on {meeting.online_platform} and in the {venue}" if venue else f"Held on {meeting.online_platform}"
    return venue


def build_minutes(full: MeetingRecord, *, public: bool = False, draft: bool = False) -> Minutes:
    record = publishable(full) if public else full
    meeting = record.meeting
    standard = standard_items(record)

    def section(key: str, **parts) -> Section:
        item = standard.get(key)
        heading = heading_of(item) if item else STANDARD_ITEMS[key][1]
        return Section(heading, notes=item_notes(item, public) if item else [], **parts)

    sections = [
        section("attendance", paragraphs=[IN_ATTENDANCE], bullets=present_lines(record),
                subheading="Apologies for absence", sub_bullets=apology_lines(record)),
        section("declarations", paragraphs=declaration_texts(record)),
    ]
    confirmation = previous_minutes_sentence(record)
    if confirmation or "minutes" in standard:
        sections.append(section("minutes", paragraphs=[confirmation] if confirmation else []))
    sections.append(section(
        "public",
        table=Table(("Public Question", "Constabulary Answer"),
                    [(q.question or NOT_RECORDED, answer_text(q.answer)) for q in record.public_questions]),
        paragraphs=public_question_texts(record),
    ))
    sections += _item_sections(record, full, {x.id for x in standard.values()}, public)
    sections.append(section("risks", paragraphs=risk_texts(record)))
    sections.append(Section(
        "Actions",
        table=Table(("Description of Action", "Action Update/Decision"),
                    [(action_heading(row.action), action_update_text(row, meeting.id)) for row in record.actions]),
    ))
    sections.append(section("next", paragraphs=[next_meeting_line(record)]))
    return Minutes(
        title=f"Summary of the {record.title}",
        date_line=day_and_date(meeting.date),
        venue_line=venue_line(meeting),
        sections=sections,
        signatories=_signatories(record),
        public=public,
        draft=draft,
    )


def _item_sections(record: MeetingRecord, full: MeetingRecord, standard_ids: set[int], public: bool) -> list[Section]:
    """A section for each other item, in agenda order: its PCC questions and answers, then its notes.

    An item with neither says it was not recorded; an item whose only content
    is private (in ``full``, the record before the public copy was taken) is
    left out of a public copy.
    """
    by_item: dict[int | None, list] = {}
    for q, item in record.pcc_questions:
        by_item.setdefault(item.id if item else None, []).append(q)
    asked = {item.id for _, item in full.pcc_questions if item}
    sections = []
    for item in record.agenda:
        if item.id in standard_ids or item.kind == "break":
            continue
        questions, notes = by_item.pop(item.id, []), item_notes(item, public)
        if not questions and not notes and (item.notes.strip() or item.id in asked):
            continue  # only private content
        sections.append(Section(heading_of(item), table=_pcc_table(questions) if questions else None, notes=notes,
                                paragraphs=[] if questions or notes else [NOT_RECORDED], kind="item"))
    leftover = [q for questions in by_item.values() for q in questions]  # no item, or an item since removed
    if leftover:
        sections.append(Section("PCC Questions", table=_pcc_table(leftover)))
    return sections


def _pcc_table(questions: list[m.PccQuestion]) -> Table:
    return Table(("PCC Question", "Constabulary Answer"),
                 [(q.question or NO_QUESTION, answer_text(q.answer, q.follow_up)) for q in questions])


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
