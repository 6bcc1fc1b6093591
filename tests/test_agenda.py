"""New meetings from their series, carried-forward actions, agenda timing and order."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from scrutiny_app.core import models as m
from scrutiny_app.core.agenda import (
    add_item, agenda_of, brought_forward, compute_timing, create_meeting, meeting_timing, rearrange, remove_item,
    restore_item, set_template,
)
from scrutiny_app.core.queries import find_meeting, load_meeting
from scrutiny_app.errors import UserError

OCTOBER_NEXT = dt.date(2025, 11, 26)


def _series_id(store, name="PCC Accountability Meeting") -> int:
    with store.session() as s:
        return s.exec(select(m.MeetingSeries).where(m.MeetingSeries.name == name)).one().id


def _item(minutes=None, kind="item", title="x") -> m.AgendaItem:
    return m.AgendaItem(meeting_id=0, title=title, kind=kind, duration_minutes=minutes)


@pytest.fixture
def new_meeting(demo_store) -> int:
    return create_meeting(demo_store, _series_id(demo_store), OCTOBER_NEXT)


def test_new_meeting_has_the_standard_agenda_in_order(demo_store, new_meeting):
    titles = [x.title for x in load_meeting(demo_store, new_meeting).agenda]
    assert titles[0] == "Attendance and Apologies for Absence"
    assert titles[4] == "Police & Crime Plan 2025-29: Priority 1 - 'Preventing Crime'"
    assert titles[-1] == "Date of Next Scrutiny Meetings"
    assert len(titles) == 11


def test_new_meeting_numbers_every_item_but_the_break(demo_store, new_meeting):
    agenda = load_meeting(demo_store, new_meeting).agenda
    assert [x.number for x in agenda] == [1, 2, 3, 4, 5, 6, None, 7, 8, 9, 10]


def test_new_meeting_copies_venue_times_and_purpose_from_the_series(demo_store, new_meeting):
    meeting = load_meeting(demo_store, new_meeting).meeting
    assert (meeting.start_time, meeting.end_time) == (dt.time(10), dt.time(13))
    assert meeting.venue.startswith("Conference Room, Office of the Police and Crime Commissioner")
    assert meeting.purpose.startswith("To hold the Chief Constable to account")


def test_new_meeting_links_the_last_meeting_that_took_place_and_names_it_in_the_minutes_item(demo_store, new_meeting):
    record = load_meeting(demo_store, new_meeting)  # 22 October holds nothing yet: 8 July, with its papers, took place
    assert record.previous.date == dt.date(2025, 7, 8)
    assert record.agenda[2].title.endswith("held on Tuesday 8 July 2025")


def test_new_meeting_brings_forward_every_open_action(demo_store, new_meeting):
    assert [row.action.number for row in brought_forward(demo_store, new_meeting)] == [16, 17, 18, 19]


def test_closed_actions_are_not_brought_forward(demo_store, new_meeting):
    assert all(row.action.status != "Closed" for row in brought_forward(demo_store, new_meeting))


def test_a_second_meeting_on_the_same_day_is_refused(demo_store, new_meeting):
    with pytest.raises(UserError, match="already has a meeting"):
        create_meeting(demo_store, _series_id(demo_store), OCTOBER_NEXT)


def test_edited_template_is_used_for_the_next_meeting(demo_store):
    series = _series_id(demo_store)
    july = find_meeting(demo_store, dt.date(2025, 7, 8))
    with demo_store.session() as s:
        items = agenda_of(s, july)[:3]
    set_template(demo_store, series, items)
    created = create_meeting(demo_store, series, OCTOBER_NEXT)
    assert [x.title for x in load_meeting(demo_store, created).agenda] == [
        "Attendance and Apologies for Absence",
        "Declarations of Personal and/or Prejudicial Interests",
        "To confirm the minutes and actions of the previous meeting held on Tuesday 8 July 2025",
    ]


def test_start_times_follow_the_durations():
    timing = compute_timing([_item(15), _item(30), _item(15)], dt.time(10))
    assert timing.starts == [dt.time(10), dt.time(10, 15), dt.time(10, 45)]


def test_an_item_without_a_duration_is_taken_within_the_slot_before():
    timing = compute_timing([_item(15), _item(None), _item(15)], dt.time(10))
    assert timing.starts == [dt.time(10), None, dt.time(10, 15)]


def test_no_warning_when_the_agenda_fits():
    assert compute_timing([_item(60), _item(60)], dt.time(10), dt.time(12)).warning() is None


def test_overrun_warning_says_by_how_much():
    timing = compute_timing([_item(90), _item(60)], dt.time(10), dt.time(12))
    assert timing.warning() == "The agenda runs to 12:30, 30 minutes past the meeting's end at 12:00."


def test_demo_july_agenda_times_match_the_published_agenda(demo_store):
    july = find_meeting(demo_store, dt.date(2025, 7, 8))
    starts = meeting_timing(demo_store, july).starts
    assert [t.strftime("%H:%M") if t else "" for t in starts] == [
        "10:00", "", "", "10:15", "10:30", "10:45", "11:00", "11:15", "11:30", "11:45", "12:00", ""]


def test_reordering_renumbers_and_retimes(demo_store):
    july = find_meeting(demo_store, dt.date(2025, 7, 8))
    with demo_store.session() as s:
        ids = [x.id for x in agenda_of(s, july)]
    ids[4], ids[5] = ids[5], ids[4]  # priority 2 before priority 1
    rearrange(demo_store, july, ids)
    agenda = load_meeting(demo_store, july).agenda
    assert [(x.number, x.priority, x.start_time) for x in agenda[4:6]] == [(5, 2, dt.time(10, 30)), (6, 1, dt.time(10, 45))]


def test_reordering_with_a_stale_list_moves_nothing(demo_store):
    july = find_meeting(demo_store, dt.date(2025, 7, 8))
    with demo_store.session() as s:
        before = [x.id for x in agenda_of(s, july)]
    with pytest.raises(UserError):
        rearrange(demo_store, july, before[1:])
    with demo_store.session() as s:
        assert [x.id for x in agenda_of(s, july)] == before


def _july_agenda(store):
    july = find_meeting(store, dt.date(2025, 7, 8))
    with store.session() as s:
        return july, agenda_of(s, july)


def test_an_added_item_is_numbered_in_place(demo_store):
    july, _ = _july_agenda(demo_store)
    add_item(demo_store, july, 4, "Hate crime update", "verbal", 10)
    _, agenda = _july_agenda(demo_store)
    assert [(x.number, x.title) for x in agenda[3:6]] == [
        (4, "Public Questions"), (5, "Hate crime update"), (6, "Police & Crime Plan 2025-29: Priority 1 - 'Preventing Crime'")]


def test_an_added_item_with_a_duration_moves_the_later_start_times(demo_store):
    july, _ = _july_agenda(demo_store)
    add_item(demo_store, july, 4, "Hate crime update", "verbal", 10)
    _, agenda = _july_agenda(demo_store)
    assert agenda[5].start_time == dt.time(10, 40)


def test_a_removed_item_comes_back_where_it_was(demo_store):
    july, before = _july_agenda(demo_store)
    snapshot, order = remove_item(demo_store, before[3].id)
    assert len(_july_agenda(demo_store)[1]) == len(before) - 1
    restore_item(demo_store, snapshot, order)
    assert [(x.id, x.number, x.title) for x in _july_agenda(demo_store)[1]] == [(x.id, x.number, x.title) for x in before]


def test_an_item_with_a_paper_is_not_removed(demo_store):
    july, before = _july_agenda(demo_store)
    with pytest.raises(UserError, match="has a paper"):
        remove_item(demo_store, before[4].id)
    assert len(_july_agenda(demo_store)[1]) == len(before)
