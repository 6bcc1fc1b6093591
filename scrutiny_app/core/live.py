"""The writes of live meeting mode, one short session each, all refused on agreed minutes.

Also where the officer is (the "live position", kept in the Setting table so a
restart after a crash goes back to the same meeting and item).
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from scrutiny_app.core import fields, models as m
from scrutiny_app.core import people
from scrutiny_app.core.actions import new_action, now
from scrutiny_app.core.minutes_lock import ensure_editable, meeting_of
from scrutiny_app.core.queries import next_value
from scrutiny_app.core.store import Store
from scrutiny_app.errors import NotFound, UserError

LIVE_MEETING = "live.meeting_id"
LIVE_ITEM = "live.item_id"


def as_utc(value: dt.datetime | None) -> dt.datetime | None:
    """A stored time made aware again (SQLite keeps no zone; we only ever store UTC)."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.timezone.utc)


def elapsed(since: dt.datetime | None, at: dt.datetime | None = None) -> str:
    """'12:05' minutes and seconds since ``since`` ('1:02:05' past an hour); '' when not started."""
    if since is None:
        return ""
    seconds = max(0, int(((at or now()) - as_utc(since)).total_seconds()))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


# -- where the officer is -----------------------------------------------------
def save_position(store: Store, meeting_id: int, item_id: int | None) -> None:
    with store.session() as s:
        s.merge(m.Setting(key=LIVE_MEETING, value=str(meeting_id)))
        s.merge(m.Setting(key=LIVE_ITEM, value="" if item_id is None else str(item_id)))


def load_position(store: Store) -> tuple[int | None, int | None]:
    """The meeting and item live mode was on when it last stopped without ending; (None, None) if ended."""
    with store.session() as s:
        values = {x.key: x.value for x in s.exec(select(m.Setting).where(m.Setting.key.in_([LIVE_MEETING, LIVE_ITEM])))}
    as_id = lambda text: int(text) if text and text.isdigit() else None  # noqa: E731
    return as_id(values.get(LIVE_MEETING)), as_id(values.get(LIVE_ITEM))


def clear_position(store: Store) -> None:
    with store.session() as s:
        for key in (LIVE_MEETING, LIVE_ITEM):
            row = s.get(m.Setting, key)
            if row is not None:
                s.delete(row)


def days_away(day: dt.date, today: dt.date | None = None) -> int:
    """Days from today to a meeting's date: negative in the past."""
    return (day - (today or dt.date.today())).days


def not_started(agenda: list[m.AgendaItem]) -> bool:
    """No item of the meeting has a recorded start: live mode starts item 1's clock on entering."""
    return bool(agenda) and all(item.started_at is None for item in agenda)


# -- agenda ------------------------------------------------------------------
def set_started(store: Store, item_id: int, when: dt.datetime | None) -> None:
    """Record when an item started (None clears it, for undo)."""
    with store.session() as s:
        item = s.get(m.AgendaItem, item_id)
        if item is None:
            raise NotFound("That agenda item no longer exists.")
        ensure_editable(s, item.meeting_id)
        item.started_at = when.astimezone(dt.timezone.utc) if when else None
        s.add(item)


# -- records added during the meeting -----------------------------------------
def add_record(store: Store, record):
    """Insert a new record (or put back one that undo removed, with its old id), its fields checked."""
    fields.check_record(record)
    with store.session() as s:
        ensure_editable(s, meeting_of(record))
        saved = s.merge(record)
        s.flush()
        record.id = saved.id
    return record


def delete_record(store: Store, record) -> None:
    with store.session() as s:
        ensure_editable(s, meeting_of(record))
        row = s.get(type(record), record.id)
        if row is not None:
            s.delete(row)


def new_public_question(store: Store, meeting_id: int) -> m.PublicQuestion:
    with store.session() as s:
        number = next_value(s, m.PublicQuestion.number, m.PublicQuestion.meeting_id == meeting_id)
    return add_record(store, m.PublicQuestion(meeting_id=meeting_id, number=number))


def new_pcc_question(store: Store, meeting_id: int, item_id: int | None, question: str = "") -> m.PccQuestion:
    """A question under an agenda item (section), numbered on from the item's last one."""
    with store.session() as s:
        number = next_value(s, m.PccQuestion.number, m.PccQuestion.meeting_id == meeting_id,
                       m.PccQuestion.agenda_item_id == item_id)
    return add_record(store, m.PccQuestion(meeting_id=meeting_id, agenda_item_id=item_id, number=number,
                                           question=question))


def new_risk(store: Store, meeting_id: int, text: str = "") -> m.EmergingRisk:
    with store.session() as s:
        position = next_value(s, m.EmergingRisk.position, m.EmergingRisk.meeting_id == meeting_id)
    return add_record(store, m.EmergingRisk(meeting_id=meeting_id, position=position, text=text))


def new_declaration(store: Store, meeting_id: int, item_id: int | None) -> m.Declaration:
    return add_record(store, m.Declaration(meeting_id=meeting_id, agenda_item_id=item_id))


# -- attendance ----------------------------------------------------------------
def directory(store: Store) -> list[tuple[m.Person, m.Organisation | None]]:
    with store.session() as s:
        rows = s.exec(
            select(m.Person, m.Organisation)
            .join(m.Organisation, m.Person.organisation_id == m.Organisation.id, isouter=True)
            .order_by(m.Person.id)
        ).all()
    return [tuple(r) for r in rows]


def attendance_of(store: Store, meeting_id: int) -> dict[int, str]:
    """person id -> present / remote / apologies."""
    with store.session() as s:
        rows = s.exec(select(m.Attendance).where(m.Attendance.meeting_id == meeting_id)).all()
    return {a.person_id: a.status for a in rows}


def set_attendance(store: Store, meeting_id: int, person_id: int, status: str | None) -> None:
    """Tick a person present, remote or apologies; None takes them off the register."""
    if status is not None and status not in m.ATTENDANCE_STATUSES:
        raise UserError(f"'{status}' is not one of {', '.join(m.ATTENDANCE_STATUSES)}.")
    with store.session() as s:
        ensure_editable(s, meeting_id)
        row = s.exec(select(m.Attendance).where(m.Attendance.meeting_id == meeting_id,
                                                m.Attendance.person_id == person_id)).first()
        if status is None:
            if row is not None:
                s.delete(row)
            return
        if row is None:
            position = next_value(s, m.Attendance.position, m.Attendance.meeting_id == meeting_id)
            row = m.Attendance(meeting_id=meeting_id, person_id=person_id, position=position)
        row.status = status
        s.add(row)


def add_person(store: Store, name: str, role: str = "", organisation: str = "") -> m.Person:
    """A new person in the directory (core.people); the organisation is matched by name or short name, or created."""
    person_id = people.add_person(store, people.PersonDetails(name, role, organisation))
    with store.session() as s:
        return s.get(m.Person, person_id)


# -- actions -------------------------------------------------------------------
def create_action(store: Store, meeting_id: int, owner: str, description: str,
                  due_date: dt.date | None = None) -> m.Action:
    """A new action raised at this meeting (core/actions.py numbers it and adds "New Action.").

    The minutes print the description after the number, so one typed as just
    "provide a report…" is written "DCC Megicks is to provide a report…"; an
    owner typed as someone in the directory (short name, name or e-mail) is linked to the person.
    """
    owner, description = owner.strip(), description.strip()
    if owner and description and not description.lower().startswith(owner.lower()):
        description = f"{owner} is to {description.removeprefix('is to ').removeprefix('to ')}"
    person = people.match_person(store, owner)
    return new_action(store, meeting_id, owner, description, due_date, person.id if person else None)


def set_action_deleted(store: Store, action: m.Action, deleted: bool) -> None:
    """Withdraw an action captured by mistake (undo), or bring it back; its number stays taken."""
    with store.session() as s:
        ensure_editable(s, action.raised_at_meeting_id)
        row = s.get(m.Action, action.id)
        row.deleted = deleted
        s.add(row)
    action.deleted = deleted


def actions_raised_at(store: Store, meeting_id: int) -> list[m.Action]:
    with store.session() as s:
        return list(s.exec(select(m.Action).where(m.Action.raised_at_meeting_id == meeting_id,
                                                  m.Action.deleted == False)  # noqa: E712
                           .order_by(m.Action.number)).all())
