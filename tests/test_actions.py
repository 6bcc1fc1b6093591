"""The tracker's rules through a real database: numbering, updates, closing, deletion, due dates, filters."""

from __future__ import annotations

import datetime as dt

import pytest

from action_history import history
from scrutiny_app.core import models as m
from scrutiny_app.core.actions import (
    DUE_SOON,
    OVERDUE,
    ActionFilter,
    add_update,
    delete_action,
    due_state,
    new_action,
    restore_action,
)
from scrutiny_app.core.queries import action_rows
from scrutiny_app.errors import UserError

TODAY = dt.date(2025, 7, 8)


def test_numbers_carry_on_across_meetings_of_a_series(store, make_meeting):
    april, july = make_meeting(dt.date(2025, 4, 16)), make_meeting(TODAY)
    numbers = [new_action(store, mt.id, "The CC", "Do a thing.").number for mt in (april, april, july)]
    assert numbers == [1, 2, 3]


def test_a_deleted_number_is_never_used_again(store, make_meeting):
    meeting = make_meeting()
    first, second = (new_action(store, meeting.id, "The CC", f"Thing {i}.") for i in (1, 2))
    delete_action(store, second.id, "Duplicate of action 1.")
    assert new_action(store, meeting.id, "The CC", "Thing 3.").number == 3


def test_each_series_numbers_on_its_own(store, make_meeting):
    new_action(store, make_meeting(series="PCC Accountability Meeting").id, "The CC", "A.")
    panel = make_meeting(series="Police and Crime Panel")
    assert new_action(store, panel.id, "The PCC", "B.").number == 1


def test_a_new_action_starts_its_history_at_the_meeting(store, make_meeting):
    meeting = make_meeting()
    action = new_action(store, meeting.id, "DCC Megicks", "Report on recruitment.", dt.date(2025, 6, 1))
    (row,) = action_rows(store)
    assert (row.action.date_raised, row.latest.meeting_id, row.latest.text, row.latest.status) == (
        meeting.date, meeting.id, "New Action.", "New")
    assert action.status == "New"


def test_an_action_needs_a_description(store, make_meeting):
    with pytest.raises(UserError, match="description"):
        new_action(store, make_meeting().id, "The CC", "  ")


def test_closing_needs_an_update_saying_why(store, make_meeting):
    action = new_action(store, make_meeting().id, "The CC", "A.")
    with pytest.raises(UserError, match="saying why"):
        add_update(store, action.id, "  ", "Closed")
    assert history(store, action.number) == [("New Action.", "New", "meeting")]


def test_an_update_changes_the_status_and_adds_to_the_history(store, make_meeting):
    meeting = make_meeting()
    action = new_action(store, meeting.id, "The CC", "A.")
    add_update(store, action.id, "Report received.", "Closed", meeting.id)
    (row,) = action_rows(store)
    assert row.action.status == "Closed"
    assert history(store, action.number) == [("New Action.", "New", "meeting"), ("Report received.", "Closed", "meeting")]


def test_an_invalid_status_is_refused(store, make_meeting):
    action = new_action(store, make_meeting().id, "The CC", "A.")
    with pytest.raises(UserError, match="'Done' is not a status"):
        add_update(store, action.id, "All done.", "Done")


def test_deleting_hides_the_action_and_records_why(store, make_meeting):
    action = new_action(store, make_meeting().id, "The CC", "A.")
    delete_action(store, action.id, "Raised twice.")
    assert action_rows(store) == []
    assert history(store, action.number)[-1] == ("Raised twice.", "New", "deleted")


def test_restoring_brings_the_action_back_with_a_record(store, make_meeting):
    action = new_action(store, make_meeting().id, "The CC", "A.")
    delete_action(store, action.id)
    restore_action(store, action.id)
    assert [r.action.number for r in action_rows(store)] == [1]
    assert [src for _, _, src in history(store, action.number)] == ["meeting", "deleted", "restored"]


@pytest.mark.parametrize(("due", "status", "state"), [
    (dt.date(2025, 7, 7), "Ongoing", OVERDUE),
    (dt.date(2025, 7, 8), "New", DUE_SOON),
    (dt.date(2025, 7, 15), "New", DUE_SOON),
    (dt.date(2025, 7, 16), "New", None),
    (dt.date(2025, 7, 1), "Closed", None),
    (None, "New", None),
])
def test_due_state(due, status, state):
    assert due_state(m.Action(series_id=1, number=1, due_date=due, status=status), TODAY) == state


@pytest.fixture
def rows(store, make_meeting):
    april, july = make_meeting(dt.date(2025, 4, 16)), make_meeting(TODAY)
    specs = [(april, "The CC", dt.date(2025, 6, 1), None), (april, "DCC Megicks", dt.date(2025, 6, 1), "Closed"),
             (july, "The CC", dt.date(2025, 7, 10), "Ongoing"), (july, "The CC", None, None)]
    for meeting, owner, due, status in specs:
        action = new_action(store, meeting.id, owner, "Something.", due)
        if status:
            add_update(store, action.id, "Progress.", status)
    return action_rows(store)


def shown(rows, **criteria) -> list[int]:
    return [r.action.number for r in rows if ActionFilter(**criteria).matches(r, TODAY)]


def test_filter_open_and_overdue(rows):
    assert shown(rows, statuses=("New", "Ongoing"), due=(OVERDUE,)) == [1]


def test_filter_by_owner(rows):
    assert shown(rows, owner="The CC") == [1, 3, 4]


def test_filter_due_soon_or_overdue(rows):
    assert shown(rows, due=(OVERDUE, DUE_SOON)) == [1, 3]


def test_filter_by_meeting_raised_at(rows):
    july = rows[2].action.raised_at_meeting_id
    assert shown(rows, raised_at_meeting_id=july) == [3, 4]


def test_no_criteria_shows_everything_but_deleted_actions(store, rows):
    delete_action(store, rows[3].action.id)
    assert shown(action_rows(store, include_deleted=True)) == [1, 2, 3]


def test_the_deleted_filter_shows_only_deleted_actions(store, rows):
    delete_action(store, rows[3].action.id)
    assert shown(action_rows(store, include_deleted=True), deleted=True) == [4]
