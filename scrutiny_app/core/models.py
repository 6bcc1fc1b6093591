"""The tables of a Scrutiny database: the whole meeting cycle of DESIGN.md.

Plain SQLModel classes with no behaviour beyond small derived properties; the
rules live in the modules that use them. Changing a table means adding an
Alembic revision under ``core/migrations/versions``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Column, DateTime, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

# Allowed values of the text "enum" columns (kept as text so that a later
# version can add a value without a table rebuild).
MEETING_STATUSES = ("planned", "held", "cancelled")
MINUTES_NONE, MINUTES_DRAFT, MINUTES_AGREED = "none", "draft", "agreed"  # agreed minutes lock the meeting
MINUTES_STATUSES = (MINUTES_NONE, MINUTES_DRAFT, MINUTES_AGREED)
ITEM_KINDS = ("item", "paper", "verbal", "break")
ATTENDANCE_STATUSES = ("present", "remote", "apologies")
ACTION_STATUSES = ("New", "Ongoing", "Closed")


class Setting(SQLModel, table=True):
    """Office-wide facts (enquiries contact, formats note) and app state."""

    key: str = Field(primary_key=True)
    value: str = ""


class Organisation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    short_name: str = ""


class Person(SQLModel, table=True):
    """Someone in the directory: an officer, a commissioner, a member of staff."""

    id: int | None = Field(default=None, primary_key=True)
    name: str
    honorific: str | None = None
    role: str = ""
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    short_form: str = ""  # how minutes refer to them, e.g. "DCC Megicks"
    email: str | None = None
    phone: str | None = None
    active: bool = True  # False once they have left: kept for the record, offered no more


class MeetingSeries(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    purpose: str | None = None
    default_venue: str | None = None
    default_start: dt.time | None = None
    default_end: dt.time | None = None
    # [{"title", "kind", "duration_minutes", "priority"}]: the standard agenda.
    agenda_template: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    first_action_number: int = 1  # where the series' action numbers start (they run on from the last used)
    retired: bool = False  # no new meetings; its old ones stay


class Meeting(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    series_id: int = Field(foreign_key="meetingseries.id", index=True)
    title: str | None = None  # when it differs from the series name
    date: dt.date = Field(index=True)
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    venue: str | None = None
    hybrid: bool = False
    online_platform: str | None = None
    purpose: str | None = None
    status: str = "planned"
    minutes_status: str = MINUTES_NONE
    previous_meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    previous_minutes_agreed: bool = False
    minutes_agreed_on: dt.date | None = None  # the day the minutes were marked agreed
    # "None" recorded on purpose, so the minutes may say so (an empty list alone says nothing).
    declarations_none: bool = False
    public_questions_none: bool = False
    risks_none: bool = False


class AgendaItem(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    position: int = 0  # order on the agenda; ``number`` is what is printed
    number: int | None = None  # None for a break or other unnumbered row
    title: str = ""
    kind: str = "item"
    start_time: dt.time | None = None
    duration_minutes: int | None = None
    presenter: str | None = None
    presenter_person_id: int | None = Field(default=None, foreign_key="person.id")
    page: int | None = None
    priority: int | None = None  # Police and Crime Plan priority 1-3
    notes: str = ""
    notes_private: bool = False
    # When live mode moved to this item (UTC; SQLite keeps no zone, so it is read back naive).
    started_at: dt.datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))


class Attendance(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    person_id: int = Field(foreign_key="person.id")
    status: str = "present"
    position: int = 0


class Declaration(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    agenda_item_id: int | None = Field(default=None, foreign_key="agendaitem.id")
    person_id: int | None = Field(default=None, foreign_key="person.id")
    text: str = ""


class PublicQuestion(SQLModel, table=True):
    """A resident's question. Asker name and contact are never published."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    number: int = 0
    received_date: dt.date | None = None
    asker_name: str | None = None
    asker_contact: str | None = None
    question: str = ""
    answer: str = ""
    answered_by: str = ""
    private: bool = False


class PccQuestion(SQLModel, table=True):
    """The Commissioner's question under an agenda section, with the answer."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    agenda_item_id: int | None = Field(default=None, foreign_key="agendaitem.id")
    number: int = 0
    question: str | None = None  # None: an introduction or overview with no question
    answer: str = ""
    follow_up: str | None = None
    private: bool = False


class EmergingRisk(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    position: int = 0
    raised_by: str = ""
    raised_by_person_id: int | None = Field(default=None, foreign_key="person.id")
    text: str = ""
    private: bool = False


class Action(SQLModel, table=True):
    """A numbered action; numbers run on within the series and are never reused."""

    __table_args__ = (UniqueConstraint("series_id", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    series_id: int = Field(foreign_key="meetingseries.id", index=True)
    number: int
    raised_at_meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    date_raised: dt.date | None = None
    owner: str = ""  # as the minutes print it, e.g. "The CC"
    owner_person_id: int | None = Field(default=None, foreign_key="person.id")
    description: str = ""
    due_date: dt.date | None = None
    status: str = "New"
    private: bool = False
    deleted: bool = False


class ActionUpdate(SQLModel, table=True):
    """One dated entry of an action's history; entries are added, never overwritten."""

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", index=True)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    recorded_at: dt.datetime
    text: str = ""
    status: str = "New"
    source: str = "meeting"  # or "import: <file name>", "deleted", ...


class Report(SQLModel, table=True):
    """A paper to the meeting with its cover-sheet fields."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    agenda_item_id: int | None = Field(default=None, foreign_key="agendaitem.id")
    title: str = ""
    originator: str = ""
    reason_for_submission: str = ""
    submitted_to: str = ""
    subject: str = ""
    summary: str = ""
    recommendation: str = ""
    private: bool = False


class Attachment(SQLModel, table=True):
    """A file (a report PDF) kept inside the database, so one file carries a meeting."""

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True)
    filename: str
    media_type: str = "application/pdf"
    sha256: str = ""
    size: int = 0
    added_at: dt.datetime
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class IndicatorTable(SQLModel, table=True):
    """One printed table of indicators (a row per indicator or a column per one)."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    report_id: int | None = Field(default=None, foreign_key="report.id")
    position: int = 0
    number: int | None = None
    label: str = ""  # "Table 1"
    caption: str = ""
    objective: str | None = None
    layout: str = "last12_previous12_lta"  # or "monthly", "period_comparison", "annual"
    date_range_note: str | None = None
    # [{"key", "label", "start", "end", "kind": "value"|"difference", "compares": [a, b] | None}]
    periods: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Indicator(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    table_id: int = Field(foreign_key="indicatortable.id", index=True)
    position: int = 0
    group: str | None = None
    name: str = ""
    measure_type: str = "count"  # count, percent, rate, seconds, ...
    direction: str | None = None  # "higher" or "lower" is better
    target: float | None = None
    series_key: str = ""  # matches the same indicator across meetings


class IndicatorValue(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("indicator_id", "period_key"),)
    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(foreign_key="indicator.id", index=True)
    period_key: str
    value: float | None = None
    unit: str = ""
    as_printed: str = ""
    recomputed: float | None = None
    flag: str | None = None


class AuditEntry(SQLModel, table=True):
    """Why something locked was changed (e.g. agreed minutes unlocked)."""

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    what: str = ""
    reason: str = ""
