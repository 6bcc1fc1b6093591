"""The previous meeting's summary (minutes) as pack pages, generated from the database.

This is published: records marked private are left out, and a public
question never carries the name or contact of the resident who asked it.
"""

from __future__ import annotations

import dataclasses

from scrutiny_app.core.agenda import brought_forward
from scrutiny_app.core.formatting import long_date
from scrutiny_app.core.minutes import build_minutes
from scrutiny_app.core.minutes_check import minutes_problems
from scrutiny_app.core.queries import ActionRow, MeetingRecord, load_meeting
from scrutiny_app.core.store import Store
from scrutiny_app.documents.minutes import render_minutes


def published_actions(store: Store, record: MeetingRecord) -> list[ActionRow]:
    """The actions table of a summary: those raised or updated at the meeting and those still open from before."""
    rows = {row.action.id: row for row in record.actions}
    for row in brought_forward(store, record.meeting.id):
        rows.setdefault(row.action.id, row)
    return sorted(rows.values(), key=lambda r: r.action.number)  # build_minutes(public=True) drops private ones


def render_summary(store: Store, record: MeetingRecord, office_name: str = "") -> bytes:
    """The published summary (core/minutes.py, public version) with the open actions brought forward."""
    record = dataclasses.replace(record, actions=published_actions(store, record))
    minutes = build_minutes(record, public=True)
    return render_minutes(minutes, title=f"{minutes.title}, {minutes.date_line}", author=office_name)


def summary_warnings(store: Store, meeting_id: int) -> list[str]:
    """The gaps in the record of the previous meeting, whose summary the pack prints."""
    previous = load_meeting(store, meeting_id).previous
    if previous is None:
        return []
    day = long_date(previous.date)
    return [f"the summary of {day} in the pack: {problem}" for problem in minutes_problems(load_meeting(store, previous.id))]
