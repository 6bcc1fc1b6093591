"""Meetings as the diary holds them: create, edit, move, cancel, delete (undoably), list.

A meeting of any series may be made on any date; asking for one that already
exists on that date gives that meeting back. A cancelled meeting is kept,
marked cancelled and left out of "the next scrutiny meetings" the pack's
front sheet prints (:func:`upcoming_meetings`). Only a meeting that holds no
records (see core.held) can be deleted. Agreed minutes lock a meeting against
all of this with the usual message (core.minutes_lock).

Layer: core.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from scrutiny_app.core import models as m
from scrutiny_app.core.agenda import PREVIOUS_MINUTES_TITLE, agenda_of, arrange, create_meeting, previous_minutes_title
from scrutiny_app.core.formatting import day_and_date
from scrutiny_app.core.held import holds_records, last_held_before
from scrutiny_app.core.minutes_lock import ensure_editable
from scrutiny_app.core.store import Store
from scrutiny_app.core.time_input import check_times
from scrutiny_app.errors import NotFound, UserError

KEEP: Any = object()  # an edit_meeting argument left as it is
UPCOMING_LIMIT = 6  # meetings the front sheet lists under "Dates of the next scrutiny meetings"


@dataclass
class Opened:
    """The meeting :func:`open_or_create_meeting` gives: made now, or the one already on that date."""

    id: int
    created: bool


@dataclass
class MeetingRow:
    """A line of ``scrutiny-app meeting list`` and of the window's meeting lists."""

    id: int
    date: dt.date
    series: str
    title: str
    status: str  # planned, held or cancelled
    minutes: str  # none, draft or agreed
    items: int
    actions: int  # raised at the meeting


@dataclass
class DeletedMeeting:
    """What :func:`restore_meeting` needs to put a deleted meeting back as it was (the window's undo)."""

    meeting: dict
    items: list[dict] = field(default_factory=list)
    named_as_previous_by: list[int] = field(default_factory=list)  # meetings whose previous meeting it was


def _meeting(session: Session, meeting_id: int) -> m.Meeting:
    meeting = session.get(m.Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"Meeting {meeting_id} no longer exists.")
    return meeting


def _same_day(session: Session, series_id: int, day: dt.date, but: int | None = None) -> m.Meeting | None:
    return session.exec(select(m.Meeting).where(m.Meeting.series_id == series_id, m.Meeting.date == day,
                                                m.Meeting.id != (but or -1))).first()


def _refresh_previous(session: Session, meeting: m.Meeting) -> None:
    """Point the meeting (unless it has agreed its previous minutes) at the last one before it that took place,
    and name that one in its "to confirm the minutes" item."""
    if meeting.previous_minutes_agreed:
        return
    previous = last_held_before(session, meeting.series_id, meeting.date)
    meeting.previous_meeting_id = previous.id if previous else None
    session.add(meeting)
    for item in agenda_of(session, meeting.id):
        if item.title.startswith(PREVIOUS_MINUTES_TITLE):
            item.title = previous_minutes_title(previous)
            session.add(item)


def open_or_create_meeting(store: Store, series_id: int, day: dt.date, *, start: dt.time | None = KEEP,
                           end: dt.time | None = KEEP, venue: str | None = KEEP, hybrid: bool = KEEP,
                           purpose: str | None = KEEP) -> Opened:
    """The series' meeting on ``day``: the one already there (left as it is), else a new one.

    A new meeting takes the series' venue, times, purpose and standard agenda,
    with whatever is given here instead. Refused for a retired series, a
    cancelled meeting on that day (reinstate it instead), an end before the start.
    """
    with store.session() as s:
        series = s.get(m.MeetingSeries, series_id)
        if series is None:
            raise NotFound(f"Meeting series {series_id} no longer exists.")
        existing = _same_day(s, series_id, day)
        if existing is not None:
            if existing.status == "cancelled":
                raise UserError(f"The {series.name} meeting on {day_and_date(day)} was cancelled; "
                                "reinstate it rather than making another.")
            return Opened(existing.id, False)
        if series.retired:
            raise UserError(f"The {series.name} is retired; bring it back before adding meetings to it.")
        check_times(series.default_start if start is KEEP else start, series.default_end if end is KEEP else end)
    meeting_id = create_meeting(store, series_id, day)
    changes = {k: v for k, v in dict(start=start, end=end, venue=venue, hybrid=hybrid, purpose=purpose).items()
               if v is not KEEP}
    if changes:
        edit_meeting(store, meeting_id, **changes)
    return Opened(meeting_id, True)


def edit_meeting(store: Store, meeting_id: int, *, date: dt.date = KEEP, start: dt.time | None = KEEP,
                 end: dt.time | None = KEEP, venue: str | None = KEEP, hybrid: bool = KEEP,
                 online_platform: str | None = KEEP, purpose: str | None = KEEP, title: str | None = KEEP) -> m.Meeting:
    """Change what is given (the rest is kept); refused, with nothing changed, for agreed minutes, an end
    before the start, or a date on which the series already meets. Returns the meeting as saved.

    A new date or start retimes the agenda; a new date also re-points the
    previous meeting (and the "to confirm the minutes" item) of this meeting
    and of those it moved past.
    """
    with store.session() as s:
        ensure_editable(s, meeting_id)
        meeting = _meeting(s, meeting_id)
        new_start = meeting.start_time if start is KEEP else start
        new_end = meeting.end_time if end is KEEP else end
        check_times(new_start, new_end)
        old_date = meeting.date
        if date is not KEEP and date != old_date:
            clash = _same_day(s, meeting.series_id, date, but=meeting_id)
            if clash is not None:
                raise UserError(f"The series already has a meeting on {day_and_date(date)}; "
                                "choose another date or edit that meeting.")
            meeting.date = date
        meeting.start_time, meeting.end_time = new_start, new_end
        for name, value in (("venue", venue), ("online_platform", online_platform), ("purpose", purpose),
                            ("title", title)):
            if value is not KEEP:
                setattr(meeting, name, (value or "").strip() or None)
        if hybrid is not KEEP:
            meeting.hybrid = bool(hybrid)
        s.add(meeting)
        s.flush()
        arrange(s, meeting, agenda_of(s, meeting_id))
        if meeting.date != old_date:
            _refresh_around(s, meeting, old_date)
        return meeting


def _refresh_around(session: Session, meeting: m.Meeting, old_date: dt.date) -> None:
    """After a move: this meeting, and the unlocked later ones of its series between the two dates, re-pointed."""
    _refresh_previous(session, meeting)
    low, high = sorted((old_date, meeting.date))
    later = session.exec(select(m.Meeting).where(
        m.Meeting.series_id == meeting.series_id, m.Meeting.date > low, m.Meeting.id != meeting.id,
        m.Meeting.minutes_status != m.MINUTES_AGREED)).all()
    for other in later:
        if other.date <= high or other.previous_meeting_id == meeting.id:
            _refresh_previous(session, other)


def move_meeting(store: Store, meeting_id: int, new_date: dt.date) -> m.Meeting:
    """Move a meeting to another date (see :func:`edit_meeting`)."""
    return edit_meeting(store, meeting_id, date=new_date)


def _set_status(store: Store, meeting_id: int, status: str) -> None:
    with store.session() as s:
        ensure_editable(s, meeting_id)
        meeting = _meeting(s, meeting_id)
        meeting.status = status
        s.add(meeting)
        s.flush()
        later = s.exec(select(m.Meeting).where(m.Meeting.series_id == meeting.series_id, m.Meeting.date > meeting.date,
                                               m.Meeting.minutes_status != m.MINUTES_AGREED)).all()
        for other in later:
            _refresh_previous(s, other)


def cancel_meeting(store: Store, meeting_id: int) -> None:
    """Mark a meeting cancelled: kept with all it holds, left out of the next meetings and of "previous meeting"."""
    _set_status(store, meeting_id, "cancelled")


def reinstate_meeting(store: Store, meeting_id: int) -> None:
    """Undo :func:`cancel_meeting`: the meeting is planned again."""
    _set_status(store, meeting_id, "planned")


def delete_meeting(store: Store, meeting_id: int) -> DeletedMeeting:
    """Delete a meeting that holds nothing but its agenda; returns what :func:`restore_meeting` needs to undo it."""
    with store.session() as s:
        ensure_editable(s, meeting_id)
        meeting = _meeting(s, meeting_id)
        if holds_records(s, meeting_id):
            raise UserError(f"The meeting on {day_and_date(meeting.date)} holds records (attendance, papers, notes, "
                            "questions or actions), so it was not deleted; cancel it instead.")
        items = agenda_of(s, meeting_id)
        naming = list(s.exec(select(m.Meeting).where(m.Meeting.previous_meeting_id == meeting_id)).all())
        deleted = DeletedMeeting(meeting.model_dump(), [x.model_dump() for x in items], [x.id for x in naming])
        for other in naming:
            other.previous_meeting_id = None
            s.add(other)
        for item in items:
            s.delete(item)
        s.flush()
        s.delete(meeting)
        return deleted


def restore_meeting(store: Store, deleted: DeletedMeeting) -> int:
    """Put a deleted meeting back with its agenda (its id too, so the window's references hold); returns its id."""
    with store.session() as s:
        day, series_id = deleted.meeting["date"], deleted.meeting["series_id"]
        if _same_day(s, series_id, day) is not None:
            raise UserError(f"The series has a meeting on {day_and_date(day)} again, so the deleted one was not put back.")
        s.add(m.Meeting(**deleted.meeting))
        s.flush()
        s.add_all(m.AgendaItem(**item) for item in deleted.items)
        for other_id in deleted.named_as_previous_by:
            other = s.get(m.Meeting, other_id)
            if other is not None and other.previous_meeting_id is None:
                other.previous_meeting_id = deleted.meeting["id"]
                s.add(other)
        return deleted.meeting["id"]


def item_numbered(store: Store, meeting_id: int, number: int) -> m.AgendaItem:
    """The meeting's agenda item printed with ``number``; NotFound names the numbers there are."""
    with store.session() as s:
        items = agenda_of(s, meeting_id)
    for item in items:
        if item.number == number:
            return item
    numbers = ", ".join(str(x.number) for x in items if x.number is not None) or "none yet"
    raise NotFound(f"The meeting has no agenda item {number}; its items are numbered {numbers}.")


def meeting_rows(store: Store, series_id: int | None = None) -> list[MeetingRow]:
    """Every meeting (of one series if given) by date, with its status and counts of items and actions."""
    with store.session() as s:
        query = (select(m.Meeting, m.MeetingSeries).join(m.MeetingSeries, m.Meeting.series_id == m.MeetingSeries.id)
                 .order_by(m.Meeting.date, m.MeetingSeries.name))
        if series_id is not None:
            query = query.where(m.Meeting.series_id == series_id)
        rows = s.exec(query).all()
        items = dict(s.exec(select(m.AgendaItem.meeting_id, func.count()).group_by(m.AgendaItem.meeting_id)).all())
        actions = dict(s.exec(select(m.Action.raised_at_meeting_id, func.count())
                              .where(m.Action.deleted == False)  # noqa: E712
                              .group_by(m.Action.raised_at_meeting_id)).all())
    return [MeetingRow(mt.id, mt.date, ser.name, mt.title or ser.name, mt.status, mt.minutes_status,
                       items.get(mt.id, 0), actions.get(mt.id, 0)) for mt, ser in rows]


def upcoming_meetings(session: Session, after: m.Meeting,
                      limit: int = UPCOMING_LIMIT) -> list[tuple[m.Meeting, m.MeetingSeries]]:
    """The office's next scrutiny meetings of every series after ``after``, cancelled ones left out."""
    return list(session.exec(
        select(m.Meeting, m.MeetingSeries)
        .join(m.MeetingSeries, m.Meeting.series_id == m.MeetingSeries.id)
        .where(m.Meeting.date > after.date, m.Meeting.status != "cancelled")
        .order_by(m.Meeting.date)
        .limit(limit)
    ).all())
