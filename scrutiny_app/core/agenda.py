"""Preparing an agenda: a new meeting from its series, timings, numbering and order.

Timing rule (as the office prints it): an item with a duration gets its own
slot, starting where the previous slots end; an item without a duration
(declarations, confirming the minutes) is taken within the slot before it and
gets no time of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import select

from scrutiny_app.core import fields, models as m
from scrutiny_app.core.formatting import clock, day_and_date
from scrutiny_app.core.held import last_held_before
from scrutiny_app.core.queries import ActionRow, action_rows
from scrutiny_app.core.store import Store
from scrutiny_app.errors import NotFound, UserError

# The standard item whose title names the previous meeting's date.
PREVIOUS_MINUTES_TITLE = "To confirm the minutes and actions of the previous meeting"


@dataclass
class Timing:
    starts: list[dt.time | None]  # per item, in agenda order; None: within the slot before
    ends_at: dt.time | None
    meeting_end: dt.time | None

    @property
    def overrun_minutes(self) -> int:
        if self.ends_at is None or self.meeting_end is None:
            return 0
        return max(0, _minutes(self.ends_at) - _minutes(self.meeting_end))

    def warning(self) -> str | None:
        """The sentence the Agenda pane shows when the timings do not fit the meeting."""
        if not self.overrun_minutes:
            return None
        return (f"The agenda runs to {clock(self.ends_at)}, {self.overrun_minutes} minutes past "
                f"the meeting's end at {clock(self.meeting_end)}.")


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _time_at(minutes: int) -> dt.time:
    return dt.time(min(minutes, 24 * 60 - 1) // 60, min(minutes, 24 * 60 - 1) % 60)


def compute_timing(items: list[m.AgendaItem], start: dt.time | None, end: dt.time | None = None) -> Timing:
    """Start times that follow from the durations; nothing is computed without a start time."""
    if start is None:
        return Timing([None] * len(items), None, end)
    at = _minutes(start)
    starts: list[dt.time | None] = []
    for i, item in enumerate(items):
        timed = bool(item.duration_minutes) or i == 0
        starts.append(_time_at(at) if timed else None)
        at += item.duration_minutes or 0
    return Timing(starts, _time_at(at), end)


def renumber(items: list[m.AgendaItem]) -> None:
    """Positions follow the list order; every item but a break gets the next number."""
    number = 0
    for pos, item in enumerate(items):
        item.position = pos
        if item.kind == "break":
            item.number = None
        else:
            number += 1
            item.number = number


def arrange(session, meeting: m.Meeting, items: list[m.AgendaItem]) -> Timing:
    """Renumber and retime ``items`` (the meeting's whole agenda, in order) and stage them."""
    renumber(items)
    timing = compute_timing(items, meeting.start_time, meeting.end_time)
    for item, start in zip(items, timing.starts):
        item.start_time = start
        session.add(item)
    return timing


def agenda_of(session, meeting_id: int) -> list[m.AgendaItem]:
    return list(session.exec(
        select(m.AgendaItem).where(m.AgendaItem.meeting_id == meeting_id).order_by(m.AgendaItem.position, m.AgendaItem.id)
    ).all())


def load_agenda(store: Store, meeting_id: int) -> list[m.AgendaItem]:
    """The meeting's agenda in order, read in a session of its own (the editor's reload after a change)."""
    with store.session() as s:
        return agenda_of(s, meeting_id)


def _meeting(session, meeting_id: int) -> m.Meeting:
    meeting = session.get(m.Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"Meeting {meeting_id} no longer exists.")
    return meeting


def _rearrange(session, meeting_id: int, order: list[int] | None) -> Timing:
    items = agenda_of(session, meeting_id)
    if order is not None:
        by_id = {x.id: x for x in items}
        if sorted(order) != sorted(by_id):
            raise UserError("The agenda changed while it was being reordered; nothing was moved.")
        items = [by_id[i] for i in order]
    return arrange(session, _meeting(session, meeting_id), items)


def rearrange(store: Store, meeting_id: int, order: list[int] | None = None) -> Timing:
    """Put the agenda in ``order`` (item ids; default: as it is) and renumber and retime it."""
    with store.session() as s:
        return _rearrange(s, meeting_id, order)


def add_item(store: Store, meeting_id: int, at: int, title: str = "New item", kind: str = "item",
             duration_minutes: int | None = None) -> int:
    """A new item at position ``at`` (0 = first); returns its id."""
    for name, value in (("title", title), ("kind", kind), ("duration_minutes", duration_minutes)):
        fields.check(m.AgendaItem, name, value)
    with store.session() as s:
        items = agenda_of(s, meeting_id)
        item = m.AgendaItem(meeting_id=meeting_id, title=title, kind=kind, duration_minutes=duration_minutes)
        s.add(item)
        s.flush()
        items.insert(max(0, min(at, len(items))), item)
        arrange(s, _meeting(s, meeting_id), items)
        return item.id


def remove_item(store: Store, item_id: int) -> tuple[dict, list[int]]:
    """Remove an item that nothing refers to; returns what :func:`restore_item` needs to undo it."""
    with store.session() as s:
        item = s.get(m.AgendaItem, item_id)
        if item is None:
            raise NotFound("That agenda item no longer exists.")
        in_use = [what for cls, what in ((m.Report, "a paper"), (m.PccQuestion, "questions"),
                                         (m.Declaration, "declarations"))
                  if s.exec(select(cls.id).where(cls.agenda_item_id == item_id)).first() is not None]
        if in_use:
            raise UserError(f"“{item.title}” has {' and '.join(in_use)} recorded against it, so it was not removed.")
        order = [x.id for x in agenda_of(s, item.meeting_id)]
        snapshot = item.model_dump()
        s.delete(item)
        s.flush()
        _rearrange(s, item.meeting_id, None)
    return snapshot, order


def restore_item(store: Store, snapshot: dict, order: list[int]) -> None:
    """Put a removed item back where it was."""
    with store.session() as s:
        s.add(m.AgendaItem(**snapshot))
        s.flush()
        _rearrange(s, snapshot["meeting_id"], order)


def meeting_timing(store: Store, meeting_id: int) -> Timing:
    with store.session() as s:
        meeting = _meeting(s, meeting_id)
        return compute_timing(agenda_of(s, meeting_id), meeting.start_time, meeting.end_time)


def previous_minutes_title(previous: m.Meeting | None) -> str:
    """The standard item's title, naming the previous meeting's date when there is one."""
    return f"{PREVIOUS_MINUTES_TITLE} held on {day_and_date(previous.date)}" if previous else PREVIOUS_MINUTES_TITLE


def _template_item(entry: dict, meeting_id: int, previous: m.Meeting | None) -> m.AgendaItem:
    title = entry.get("title", "").strip()
    if title == PREVIOUS_MINUTES_TITLE:
        title = previous_minutes_title(previous)
    return m.AgendaItem(
        meeting_id=meeting_id,
        title=title,
        kind=entry.get("kind") if entry.get("kind") in m.ITEM_KINDS else "item",
        duration_minutes=entry.get("duration_minutes"),
        priority=entry.get("priority"),
    )


def create_meeting(store: Store, series_id: int, day: dt.date) -> int:
    """The next meeting of a series on ``day``, with the series' standard agenda; returns its id.

    Venue, times and purpose come from the series; the meeting before it in the
    series becomes its previous meeting, whose open actions are brought forward
    (see :func:`brought_forward`).
    """
    fields.check(m.Meeting, "date", day)
    with store.session() as s:
        series = s.get(m.MeetingSeries, series_id)
        if series is None:
            raise NotFound(f"Meeting series {series_id} no longer exists.")
        clash = s.exec(select(m.Meeting).where(m.Meeting.series_id == series_id, m.Meeting.date == day)).first()
        if clash is not None:
            raise UserError(f"The {series.name} already has a meeting on {day_and_date(day)}.")
        previous = last_held_before(s, series_id, day)
        meeting = m.Meeting(
            series_id=series_id,
            date=day,
            start_time=series.default_start,
            end_time=series.default_end,
            venue=series.default_venue,
            purpose=series.purpose,
            previous_meeting_id=previous.id if previous else None,
        )
        s.add(meeting)
        s.flush()
        items = [_template_item(entry, meeting.id, previous) for entry in series.agenda_template]
        arrange(s, meeting, items)
        return meeting.id


def brought_forward(store: Store, meeting_id: int) -> list[ActionRow]:
    """The open actions a meeting must hear about: raised at earlier meetings of its series and not closed."""
    with store.session() as s:
        meeting = _meeting(s, meeting_id)
        rows = action_rows(store, meeting.series_id, session=s)
    return [
        row for row in rows
        if row.action.status != "Closed" and row.raised_at is not None and row.raised_at.date < meeting.date
    ]


def set_template(store: Store, series_id: int, items: list[m.AgendaItem]) -> None:
    """Make ``items`` (e.g. an agenda the officer has polished) the series' standard agenda."""
    with store.session() as s:
        series = s.get(m.MeetingSeries, series_id)
        if series is None:
            raise NotFound(f"Meeting series {series_id} no longer exists.")
        series.agenda_template = [
            {"title": PREVIOUS_MINUTES_TITLE if x.title.startswith(PREVIOUS_MINUTES_TITLE) else x.title, "kind": x.kind, "duration_minutes": x.duration_minutes, "priority": x.priority}
            for x in items
        ]
        s.add(series)
