"""Whether a meeting holds records, and so whether it actually took place.

"To confirm the minutes of the previous meeting" names the last meeting of
the series that took place: held, or with minutes, or with anything recorded
or prepared for it (attendance, papers, questions…). A cancelled meeting, or
one that has only its standard agenda, did not. A meeting that holds records
cannot be deleted (only cancelled).

Layer: core.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import exists, or_
from sqlmodel import Session, select

from scrutiny_app.core import models as m

# Each table's column naming the meeting a record belongs to.
_RECORDS = (
    m.Attendance.meeting_id, m.Declaration.meeting_id, m.PublicQuestion.meeting_id, m.PccQuestion.meeting_id,
    m.EmergingRisk.meeting_id, m.Report.meeting_id, m.IndicatorTable.meeting_id, m.Action.raised_at_meeting_id,
    m.ActionUpdate.meeting_id, m.AuditEntry.meeting_id,
)


def _written_on(meeting_id_column):
    """A condition: the meeting in ``meeting_id_column`` has a record, or an agenda item with notes or a start."""
    tests = [exists().where(column == meeting_id_column) for column in _RECORDS]
    tests.append(exists().where(m.AgendaItem.meeting_id == meeting_id_column,
                                or_(m.AgendaItem.notes != "", m.AgendaItem.started_at.is_not(None))))
    return or_(*tests)


def holds_records(session: Session, meeting_id: int) -> bool:
    """Whether anything was recorded or prepared for the meeting beyond its standard agenda."""
    return bool(session.exec(select(_written_on(meeting_id))).one())


def meetings_holding_records(session: Session) -> set[int]:
    """The ids of every meeting that holds records (one query for the meeting picker)."""
    return set(session.exec(select(m.Meeting.id).where(_written_on(m.Meeting.id))).all())


def took_place():
    """A condition on ``Meeting``: not cancelled, and held, with minutes, or holding records."""
    return (m.Meeting.status != "cancelled") & or_(
        m.Meeting.status == "held", m.Meeting.minutes_status != m.MINUTES_NONE, _written_on(m.Meeting.id))


def last_held_before(session: Session, series_id: int, day: dt.date) -> m.Meeting | None:
    """The series' last meeting before ``day`` that took place (the one whose minutes are confirmed next)."""
    return session.exec(
        select(m.Meeting)
        .where(m.Meeting.series_id == series_id, m.Meeting.date < day, took_place())
        .order_by(m.Meeting.date.desc())
    ).first()
