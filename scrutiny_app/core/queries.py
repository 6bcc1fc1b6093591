"""Reading a meeting and the action log out of the database, one short session each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import Row, bindparam, func, or_, update
from sqlmodel import select

from scrutiny_app.core import fields, models as m
from scrutiny_app.core.held import meetings_holding_records
from scrutiny_app.core.minutes_lock import ensure_editable, meeting_of
from scrutiny_app.core.store import Store
from scrutiny_app.errors import NotFound


@dataclass
class MeetingSummary:
    """A line of the meeting picker."""

    id: int
    date: dt.date
    series: str
    title: str
    agenda_items: int = 0
    recorded: bool = False  # holds records beyond its agenda (papers, attendance…): see core.held
    cancelled: bool = False


@dataclass
class ActionRow:
    action: m.Action
    raised_at: m.Meeting | None
    updates: list[Row] = field(default_factory=list)  # oldest first; read-only rows of ActionUpdate's columns

    @property
    def latest(self) -> Row | None:
        return self.updates[-1] if self.updates else None

    def update_at(self, meeting_id: int | None) -> Row | None:
        """The update given at ``meeting_id`` (the last if several), else the latest one."""
        given = [u for u in self.updates if meeting_id is not None and u.meeting_id == meeting_id]
        return given[-1] if given else self.latest


@dataclass
class MeetingRecord:
    """Everything recorded for one meeting, loaded together for a view or an export."""

    meeting: m.Meeting
    series: m.MeetingSeries
    agenda: list[m.AgendaItem]
    attendance: list[tuple[m.Attendance, m.Person, m.Organisation | None]]
    declarations: list[m.Declaration]
    public_questions: list[m.PublicQuestion]
    pcc_questions: list[tuple[m.PccQuestion, m.AgendaItem | None]]
    risks: list[m.EmergingRisk]
    actions: list[ActionRow]  # those raised or updated at this meeting
    previous: m.Meeting | None
    next_meeting: m.Meeting | None
    withheld: frozenset[str] = frozenset()  # the lists a public copy took private records out of

    @property
    def title(self) -> str:
        return self.meeting.title or self.series.name

    @property
    def previous_agreed(self) -> bool:
        """The previous meeting's minutes are agreed: recorded here, or marked on that meeting (before or after this one was created)."""
        return self.meeting.previous_minutes_agreed or (self.previous is not None and self.previous.minutes_status == m.MINUTES_AGREED)

    def present(self) -> list[tuple[m.Attendance, m.Person, m.Organisation | None]]:
        return [row for row in self.attendance if row[0].status != "apologies"]

    def apologies(self) -> list[tuple[m.Attendance, m.Person, m.Organisation | None]]:
        return [row for row in self.attendance if row[0].status == "apologies"]


def list_meetings(store: Store) -> list[MeetingSummary]:
    with store.session() as s:
        rows = s.exec(
            select(m.Meeting, m.MeetingSeries)
            .join(m.MeetingSeries, m.Meeting.series_id == m.MeetingSeries.id)
            .order_by(m.Meeting.date, m.MeetingSeries.name)
        ).all()
        counts = dict(s.exec(select(m.AgendaItem.meeting_id, func.count()).group_by(m.AgendaItem.meeting_id)).all())
        recorded = meetings_holding_records(s)
    return [MeetingSummary(mt.id, mt.date, ser.name, mt.title or ser.name, counts.get(mt.id, 0), mt.id in recorded,
                           mt.status == "cancelled") for mt, ser in rows]


def default_meeting(meetings: list[MeetingSummary], today: dt.date | None = None) -> MeetingSummary | None:
    """The meeting to open when none was open before: the next one with an agenda, else the latest holding
    records (papers, attendance…), else the latest with an agenda; never a cancelled one if another will do."""
    today = today or dt.date.today()
    prepared = [x for x in meetings if x.agenda_items and not x.cancelled]
    upcoming = [x for x in prepared if x.date >= today]
    if upcoming:
        return upcoming[0]
    recorded = [x for x in prepared if x.recorded]
    if recorded or prepared:
        return (recorded or prepared)[-1]
    return meetings[-1] if meetings else None


def find_meeting(store: Store, day: dt.date, series: str | None = None) -> int:
    """The id of the meeting held on ``day`` (in ``series`` if given; its case and spacing are ignored)."""
    wanted = " ".join(series.split()).lower() if series is not None else None
    matches = [x for x in list_meetings(store) if x.date == day and (wanted is None or x.series.lower() == wanted)]
    if not matches:
        in_series = f" of the {series}" if series is not None else ""
        raise NotFound(f"No meeting{in_series} on {day.isoformat()} in {store.path}.")
    if len(matches) > 1:
        names = ", ".join(x.series for x in matches)
        raise NotFound(f"More than one meeting on {day.isoformat()} ({names}); name the series "
                       "(--series NAME on the command line).")
    return matches[0].id


def action_rows(store: Store, series_id: int | None = None, *, session=None, include_deleted: bool = False,
                at_meeting: int | None = None) -> list[ActionRow]:
    """Every action that has not been deleted (or every one), by number, with its history.

    With ``at_meeting``, only the actions raised or updated at that meeting. Only
    the chosen actions' updates and meetings are read: ten years hold 12,000 updates.
    """

    def load(s) -> list[ActionRow]:
        wanted = []
        if not include_deleted:
            wanted.append(m.Action.deleted == False)  # noqa: E712
        if series_id is not None:
            wanted.append(m.Action.series_id == series_id)
        if at_meeting is not None:
            updated_there = select(m.ActionUpdate.action_id).where(m.ActionUpdate.meeting_id == at_meeting)
            wanted.append(or_(m.Action.raised_at_meeting_id == at_meeting, m.Action.id.in_(updated_there)))
        actions = s.exec(select(m.Action).where(*wanted).order_by(m.Action.series_id, m.Action.number)).all()
        raised_at = select(m.Action.raised_at_meeting_id).where(*wanted)
        meetings = {x.id: x for x in s.exec(select(m.Meeting).where(m.Meeting.id.in_(raised_at))).all()}
        rows = {a.id: ActionRow(a, meetings.get(a.raised_at_meeting_id)) for a in actions}
        # The history is only ever read: plain rows of its columns, as the ORM objects would cost five times more.
        history = m.ActionUpdate.__table__
        updates = s.connection().execute(
            select(history).where(history.c.action_id.in_(select(m.Action.id).where(*wanted)))
            .order_by(history.c.recorded_at, history.c.id)
        ).all()
        for u in updates:
            rows[u.action_id].updates.append(u)
        return list(rows.values())

    if session is not None:
        return load(session)
    with store.session() as s:
        return load(s)


def load_meeting(store: Store, meeting_id: int) -> MeetingRecord:
    with store.session() as s:
        meeting = s.get(m.Meeting, meeting_id)
        if meeting is None:
            raise NotFound(f"Meeting {meeting_id} no longer exists.")
        series = s.get(m.MeetingSeries, meeting.series_id)
        agenda = s.exec(select(m.AgendaItem).where(m.AgendaItem.meeting_id == meeting_id).order_by(m.AgendaItem.position)).all()
        items = {x.id: x for x in agenda}
        attendance = s.exec(
            select(m.Attendance, m.Person, m.Organisation)
            .join(m.Person, m.Attendance.person_id == m.Person.id)
            .join(m.Organisation, m.Person.organisation_id == m.Organisation.id, isouter=True)
            .where(m.Attendance.meeting_id == meeting_id)
            .order_by(m.Attendance.position, m.Attendance.id)
        ).all()

        def of_meeting(cls, *order):
            return list(s.exec(select(cls).where(cls.meeting_id == meeting_id).order_by(*order)).all())

        pcc = of_meeting(m.PccQuestion, m.PccQuestion.id)
        pcc.sort(key=lambda q: (items[q.agenda_item_id].position if q.agenda_item_id in items else 1 << 30, q.number))
        actions = action_rows(store, meeting.series_id, session=s, at_meeting=meeting_id)
        later = s.exec(
            select(m.Meeting)
            .where(m.Meeting.series_id == meeting.series_id, m.Meeting.date > meeting.date)
            .order_by(m.Meeting.date)
        ).first()
        return MeetingRecord(
            meeting=meeting,
            series=series,
            agenda=list(agenda),
            attendance=[tuple(r) for r in attendance],
            declarations=of_meeting(m.Declaration, m.Declaration.id),
            public_questions=of_meeting(m.PublicQuestion, m.PublicQuestion.number, m.PublicQuestion.id),
            pcc_questions=[(q, items.get(q.agenda_item_id)) for q in pcc],
            risks=of_meeting(m.EmergingRisk, m.EmergingRisk.position, m.EmergingRisk.id),
            actions=actions,
            previous=s.get(m.Meeting, meeting.previous_meeting_id) if meeting.previous_meeting_id else None,
            next_meeting=later,
        )


@cache
def _field_update(cls: type, name: str):
    """UPDATE one column of one ``cls`` row, unless its meeting's minutes are agreed; built once per field."""
    table = cls.__table__
    change = update(table).where(table.c.id == bindparam("row_id")).values({name: bindparam("value")})
    if cls is m.Meeting:  # the row itself (a subquery on the same table would not be correlated to it)
        return change.where(table.c.minutes_status != m.MINUTES_AGREED)
    meeting_id = table.c.get("meeting_id")
    if meeting_id is not None:
        agreed = select(m.Meeting.id).where(m.Meeting.id == meeting_id, m.Meeting.minutes_status == m.MINUTES_AGREED)
        change = change.where(~agreed.exists())
    return change


def update_field(store: Store, cls: type, row_id, name: str, value) -> None:
    """Save one edited field at once (the UI's in-place edits and live notes come through here).

    A value the field does not take (:mod:`core.fields`) is refused with
    :class:`fields.InvalidValue` before the database is touched. One UPDATE that itself refuses a meeting with agreed minutes, so a note typed
    live costs little more than SQLite's own commit. Only when it changes
    nothing is the record read, to say why (:class:`MinutesLocked` or NotFound).
    """
    fields.check(cls, name, value)
    with store.session() as s:
        if s.connection().execute(_field_update(cls, name), {"row_id": row_id, "value": value}).rowcount == 1:
            return
        row = s.get(cls, row_id)
        if row is None:
            raise NotFound(f"That {cls.__name__} record no longer exists.")
        ensure_editable(s, meeting_of(row))


def next_value(session, column, *where) -> int:
    """One more than the highest ``column`` among the rows matching ``where`` (1 when there are none)."""
    return (session.exec(select(func.max(column)).where(*where)).one() or 0) + 1
