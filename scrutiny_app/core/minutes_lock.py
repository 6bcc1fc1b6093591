"""Minutes status: Draft -> Agreed, and the lock that agreed minutes put on a meeting's records.

Minutes are agreed at the next meeting as "a true and accurate reflection".
From then on every write to that meeting's records is refused until someone
unlocks them with a reason, which is kept in the audit log.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from scrutiny_app.core import models as m
from scrutiny_app.core.formatting import long_date
from scrutiny_app.core.store import Store
from scrutiny_app.errors import NotFound, UserError

AGREED_WORDS = "a true and accurate reflection"


class MinutesLocked(UserError):
    """A write to a meeting whose minutes are agreed."""


def meeting_of(record) -> int | None:
    """The meeting a record belongs to (None for directory and series records)."""
    if isinstance(record, m.Meeting):
        return record.id
    return getattr(record, "meeting_id", None)


def ensure_editable(session: Session, meeting_id: int | None) -> None:
    """Raise :class:`MinutesLocked` when the minutes of ``meeting_id`` are agreed."""
    if meeting_id is None:
        return
    meeting = session.get(m.Meeting, meeting_id)
    if meeting is not None and meeting.minutes_status == m.MINUTES_AGREED:
        raise MinutesLocked(
            f"The minutes of the meeting on {long_date(meeting.date)} are agreed and locked; "
            "choose Unlock minutes… and give a reason to change them."
        )


def _meeting(session: Session, meeting_id: int) -> m.Meeting:
    meeting = session.get(m.Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"Meeting {meeting_id} no longer exists.")
    return meeting


def agreeing_meeting(session: Session, meeting: m.Meeting) -> m.Meeting | None:
    """The meeting that agrees ``meeting``'s minutes: the one that names it as previous, else the next in its series."""
    named = session.exec(select(m.Meeting).where(m.Meeting.previous_meeting_id == meeting.id)).first()
    if named is not None:
        return named
    return session.exec(
        select(m.Meeting)
        .where(m.Meeting.series_id == meeting.series_id, m.Meeting.date > meeting.date)
        .order_by(m.Meeting.date)
    ).first()


def _audit(session: Session, meeting_id: int, what: str, reason: str = "") -> None:
    session.add(m.AuditEntry(at=dt.datetime.now(dt.timezone.utc), meeting_id=meeting_id, what=what, reason=reason))


def mark_agreed(store: Store, meeting_id: int) -> m.Meeting | None:
    """Agree and lock the minutes; returns the meeting at which they were agreed (if there is one yet).

    A next meeting created later reads the agreement from this meeting's status
    (:attr:`MeetingRecord.previous_agreed`), so nothing has to be carried to it.
    """
    with store.session() as s:
        meeting = _meeting(s, meeting_id)
        if meeting.minutes_status == m.MINUTES_AGREED:
            raise UserError(f"The minutes of {long_date(meeting.date)} are already agreed.")
        at = agreeing_meeting(s, meeting)
        meeting.minutes_status = m.MINUTES_AGREED
        meeting.minutes_agreed_on = dt.date.today()
        where = f" at the meeting of {long_date(at.date)}" if at else ""
        if at is not None:
            at.previous_minutes_agreed = True
            s.add(at)
        s.add(meeting)
        _audit(s, meeting.id, f"Minutes agreed{where} as {AGREED_WORDS} of the meeting")
        return at


def unlock(store: Store, meeting_id: int, reason: str) -> None:
    """Return agreed minutes to draft so they can be corrected; the reason goes to the audit log.

    The meeting that agreed them no longer records them as agreed: once
    changed, they must be agreed again.
    """
    reason = reason.strip()
    if not reason:
        raise UserError("Give a reason for unlocking agreed minutes; it is kept in the audit log.")
    with store.session() as s:
        meeting = _meeting(s, meeting_id)
        if meeting.minutes_status != m.MINUTES_AGREED:
            raise UserError(f"The minutes of {long_date(meeting.date)} are not agreed, so they are not locked.")
        meeting.minutes_status = m.MINUTES_DRAFT
        meeting.minutes_agreed_on = None
        s.add(meeting)
        at = agreeing_meeting(s, meeting)
        if at is not None:
            at.previous_minutes_agreed = False
            s.add(at)
        _audit(s, meeting.id, "Agreed minutes unlocked", reason)


def state_text(meeting: m.Meeting) -> str:
    """The minutes' state in a few words, as the main window shows it beside the meeting picker."""
    if meeting.minutes_status != m.MINUTES_AGREED:
        return "Minutes: draft"
    on = f" on {long_date(meeting.minutes_agreed_on)}" if meeting.minutes_agreed_on else ""
    return f"Minutes: agreed{on} · locked"


def audit_log(store: Store, meeting_id: int) -> list[m.AuditEntry]:
    with store.session() as s:
        return list(s.exec(select(m.AuditEntry).where(m.AuditEntry.meeting_id == meeting_id).order_by(m.AuditEntry.id)).all())
