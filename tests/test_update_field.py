"""One edited field saved at once: typed values, missing records, and agreed minutes."""

from __future__ import annotations

import datetime as dt

import pytest

from scrutiny_app.core import models as m
from scrutiny_app.core.minutes_lock import MinutesLocked, mark_agreed
from scrutiny_app.core.queries import find_meeting, load_meeting, update_field
from scrutiny_app.errors import NotFound


def test_a_date_is_saved_as_a_date(store, make_meeting):
    meeting = make_meeting()
    with store.session() as s:
        action = m.Action(series_id=meeting.series_id, number=1, description="Report back", owner="DCC")
        s.add(action)
    update_field(store, m.Action, action.id, "due_date", dt.date(2025, 9, 30))
    with store.session() as s:
        assert s.get(m.Action, action.id).due_date == dt.date(2025, 9, 30)


def test_a_record_that_has_gone_is_reported(store, make_meeting):
    make_meeting()
    with pytest.raises(NotFound, match="AgendaItem record no longer exists"):
        update_field(store, m.AgendaItem, 999, "notes", "lost?")


def test_a_meeting_with_agreed_minutes_keeps_its_own_details(demo_store):
    april = find_meeting(demo_store, dt.date(2025, 4, 16))
    mark_agreed(demo_store, april)
    with pytest.raises(MinutesLocked, match="agreed and locked"):
        update_field(demo_store, m.Meeting, april, "venue", "Somewhere else")
    assert load_meeting(demo_store, april).meeting.venue != "Somewhere else"


def test_the_next_meeting_stays_editable(demo_store):
    april = find_meeting(demo_store, dt.date(2025, 4, 16))
    mark_agreed(demo_store, april)
    item = load_meeting(demo_store, find_meeting(demo_store, dt.date(2025, 7, 8))).agenda[0]
    update_field(demo_store, m.AgendaItem, item.id, "notes", "Taken live")
    with demo_store.session() as s:
        assert s.get(m.AgendaItem, item.id).notes == "Taken live"
