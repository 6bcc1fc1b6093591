"""The writes of live mode, on a copy of the demo database (actions 12-19 exist)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from scrutiny_app.core import live
from scrutiny_app.core import models as m
from scrutiny_app.core.queries import find_meeting, load_meeting
from scrutiny_app.errors import UserError


def test_a_new_action_follows_19_with_20(demo_store, july):
    action = live.create_action(demo_store, july, "DCC Megicks", "Report on stop and search", dt.date(2025, 10, 1))
    assert action.number == 20


def test_a_new_action_is_dated_with_the_meeting_and_has_a_new_action_update(demo_store, july):
    action = live.create_action(demo_store, july, "DCC Megicks", "Report on stop and search")
    with demo_store.session() as s:
        saved = s.get(m.Action, action.id)
        update = s.exec(select(m.ActionUpdate).where(m.ActionUpdate.action_id == action.id)).one()
        owner = s.get(m.Person, saved.owner_person_id)
    assert (saved.raised_at_meeting_id, saved.date_raised, saved.status) == (july, dt.date(2025, 7, 8), "New")
    assert (update.meeting_id, update.text) == (july, "New Action.")
    assert owner.name == "Simon Megicks"


def test_a_new_action_update_is_stamped_now_in_utc(demo_store, july):
    action = live.create_action(demo_store, july, "The CC", "Brief the PCC")
    with demo_store.session() as s:
        update = s.exec(select(m.ActionUpdate).where(m.ActionUpdate.action_id == action.id)).one()
    age = dt.datetime.now(dt.timezone.utc) - live.as_utc(update.recorded_at)
    assert dt.timedelta(0) <= age < dt.timedelta(seconds=5)


def test_a_description_typed_without_its_owner_reads_as_in_the_minutes(demo_store, july):
    action = live.create_action(demo_store, july, "DCC Megicks", "provide a report on stop and search")
    assert action.description == "DCC Megicks is to provide a report on stop and search"


def test_numbers_of_deleted_actions_are_never_reused(demo_store, july):
    first = live.create_action(demo_store, july, "The CC", "Brief the PCC")
    live.set_action_deleted(demo_store, first, True)
    assert live.create_action(demo_store, july, "The CC", "Brief the PCC again").number == 21


def test_an_action_without_a_description_is_refused(demo_store, july):
    with pytest.raises(UserError, match="description"):
        live.create_action(demo_store, july, "The CC", "  ")


def test_attendance_ticks_replace_and_clear(demo_store, july):
    person = live.directory(demo_store)[1][0]
    live.set_attendance(demo_store, july, person.id, "present")
    live.set_attendance(demo_store, july, person.id, "apologies")
    assert live.attendance_of(demo_store, july) == {person.id: "apologies"}
    live.set_attendance(demo_store, july, person.id, None)
    assert live.attendance_of(demo_store, july) == {}


def test_a_new_person_joins_an_existing_organisation_by_short_name(demo_store):
    person = live.add_person(demo_store, "Jo Bloggs", "Head of Finance", "OPCCN")
    _, org = next((p, o) for p, o in live.directory(demo_store) if p.id == person.id)
    assert org.name == "Office of the Police and Crime Commissioner for Norfolk"


def test_pcc_questions_are_numbered_within_their_section(demo_store):
    april = find_meeting(demo_store, dt.date(2025, 4, 16))
    record = load_meeting(demo_store, april)
    _, item = record.pcc_questions[0]
    added = live.new_pcc_question(demo_store, april, item.id)
    assert added.number == 3


def test_undoing_an_added_record_and_redoing_keeps_its_id(demo_store, july):
    risk = live.new_risk(demo_store, july)
    first_id = risk.id
    live.delete_record(demo_store, risk)
    live.add_record(demo_store, risk)
    assert [r.id for r in load_meeting(demo_store, july).risks] == [first_id]


def test_live_position_is_kept_until_live_mode_ends(demo_store, july):
    item = load_meeting(demo_store, july).agenda[3]
    live.save_position(demo_store, july, item.id)
    assert live.load_position(demo_store) == (july, item.id)
    live.clear_position(demo_store)
    assert live.load_position(demo_store) == (None, None)


def test_item_start_is_stored_and_read_back_in_utc(demo_store, july):
    item = load_meeting(demo_store, july).agenda[0]
    when = dt.datetime(2025, 7, 8, 10, 2, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    live.set_started(demo_store, item.id, when)
    stored = load_meeting(demo_store, july).agenda[0].started_at
    assert live.as_utc(stored) == when


def test_elapsed_time_reads_minutes_and_seconds():
    start = dt.datetime(2025, 7, 8, 9, 0, tzinfo=dt.timezone.utc)
    assert live.elapsed(start, start + dt.timedelta(minutes=12, seconds=5)) == "12:05"
    assert live.elapsed(start, start + dt.timedelta(hours=1, minutes=2, seconds=5)) == "1:02:05"
