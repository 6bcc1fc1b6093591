"""A real office from an empty database (core): office details, series, the people directory and meetings.

Every refusal is checked to leave the database file exactly as it was (tests/db_digest.py).
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from scrutiny_app.core import models as m
from scrutiny_app.core.actions import new_action
from scrutiny_app.core.agenda import PREVIOUS_MINUTES_TITLE, agenda_of
from scrutiny_app.core.live import add_record, set_attendance
from scrutiny_app.core.meetings import (
    cancel_meeting, delete_meeting, edit_meeting, meeting_rows, move_meeting, open_or_create_meeting,
    reinstate_meeting, restore_meeting, upcoming_meetings,
)
from scrutiny_app.core.minutes_lock import MinutesLocked, mark_agreed
from scrutiny_app.core.office import Office, get_office, office_entered, set_office
from scrutiny_app.core.people import (
    PersonDetails, add_person, edit_person, list_people, match_person, merge_people, people_like, retire_person,
    set_presenter,
)
from scrutiny_app.core.queries import load_meeting, update_field
from scrutiny_app.core.series import (
    SeriesDetails, accountability_template, create_series, find_series, list_series, rename_series, retire_series,
)
from scrutiny_app.core.time_input import parse_date, parse_time_range
from scrutiny_app.errors import UserError
from db_digest import database_digest

OCT, NOV, JAN = dt.date(2025, 10, 22), dt.date(2025, 11, 26), dt.date(2026, 1, 28)


@pytest.fixture
def series_id(store) -> int:
    return create_series(store, accountability_template())


def _refused(store, call, words: str) -> None:
    """``call`` raises a UserError saying ``words`` and the file is byte-for-byte the same rows."""
    before = database_digest(store.path)
    with pytest.raises(UserError, match=words):
        call()
    assert database_digest(store.path) == before


# -- office --------------------------------------------------------------------
def test_a_new_database_has_no_office_until_one_is_entered(store):
    assert not office_entered(store)
    set_office(store, Office(name="  Office of the PCC for Suffolk ", address="Landmark House", email="a@b.example",
                             languages=[" Polish", "", "Romanian "]))
    office = get_office(store)
    assert office_entered(store)
    assert (office.name, office.languages) == ("Office of the PCC for Suffolk", ["Polish", "Romanian"])
    assert office.contact_lines == [("", "Landmark House"), ("Email", "a@b.example")]


@pytest.mark.parametrize("office, words", [(Office(name=" "), "office's name"),
                                            (Office(name="OPCC", email="not an address"), "not an e-mail")])
def test_office_details_that_are_wrong_are_refused_and_nothing_saved(store, office, words):
    _refused(store, lambda: set_office(store, office), words)


# -- series --------------------------------------------------------------------
def test_the_built_in_template_is_the_accountability_meeting_to_edit(store):
    details = accountability_template()
    details.agenda[0]["title"] = "Welcome"  # a copy: the next template is untouched
    assert accountability_template().agenda[0]["title"] == "Attendance and Apologies for Absence"
    created = create_series(store, details)
    assert find_series(store, "pcc  accountability MEETING").id == created
    assert [x.name for x in list_series(store)] == ["PCC Accountability Meeting"]


def test_a_duplicate_series_name_is_refused_whatever_its_case(store, series_id):
    _refused(store, lambda: create_series(store, SeriesDetails("PCC accountability  Meeting")), "already a series")


def test_a_series_ending_before_it_starts_is_refused(store):
    _refused(store, lambda: create_series(store, SeriesDetails("Panel", start=dt.time(13), end=dt.time(10))),
             "end time 10:00 is not after the start time 13:00")


def test_renaming_onto_another_series_is_refused_and_a_free_name_taken(store, series_id):
    panel = create_series(store, SeriesDetails("Police and Crime Panel"))
    _refused(store, lambda: rename_series(store, panel, "PCC Accountability Meeting"), "already a series")
    rename_series(store, panel, "Police, Fire and Crime Panel")
    assert find_series(store, "police, fire and crime panel").id == panel


def test_a_retired_series_takes_no_new_meetings_but_keeps_its_old_ones(store, series_id):
    open_or_create_meeting(store, series_id, OCT)
    retire_series(store, series_id)
    assert list_series(store) == [] and len(list_series(store, include_retired=True)) == 1
    _refused(store, lambda: open_or_create_meeting(store, series_id, NOV), "retired")
    assert [r.date for r in meeting_rows(store)] == [OCT]


def test_action_numbers_start_where_the_series_says(store):
    series = create_series(store, SeriesDetails("Deep-Dive", first_action_number=40))
    meeting = open_or_create_meeting(store, series, OCT).id
    assert [new_action(store, meeting, "DCC", f"Report {n}").number for n in (1, 2)] == [40, 41]


# -- people --------------------------------------------------------------------
def _megicks(store) -> int:
    return add_person(store, PersonDetails("Simon Megicks", "Deputy Chief Constable", "Norfolk Constabulary",
                                           "simon.megicks@norfolk.police.example", "DCC Megicks"))


def test_someone_typed_by_short_name_or_e_mail_is_found_and_a_stranger_is_not(store):
    dcc = _megicks(store)
    assert match_person(store, "dcc  megicks").id == dcc
    assert match_person(store, "SIMON.MEGICKS@norfolk.police.example").id == dcc
    assert match_person(store, "The DCC") is None  # the window offers to add it
    assert [x.id for x in people_like(store, "deputy")] == [dcc]


def test_merging_moves_attendance_owners_presenters_declarations_and_risks(store, series_id):
    dcc = _megicks(store)
    the_dcc = add_person(store, PersonDetails("The DCC", short_name="The DCC", email="dcc@example.org"))
    meeting = open_or_create_meeting(store, series_id, OCT).id
    other = open_or_create_meeting(store, series_id, NOV).id
    set_attendance(store, meeting, dcc, "present")
    set_attendance(store, meeting, the_dcc, "remote")  # both on one register: the kept entry's row stays
    set_attendance(store, other, the_dcc, "apologies")
    new_action(store, meeting, "The DCC", "The DCC is to report back.", owner_person_id=the_dcc)
    with store.session() as s:
        item = agenda_of(s, meeting)[4]
    set_presenter(store, item.id, the_dcc)
    add_record(store, m.Declaration(meeting_id=meeting, person_id=the_dcc, text="A relative works in the CCR."))
    add_record(store, m.EmergingRisk(meeting_id=meeting, raised_by="The DCC", raised_by_person_id=the_dcc, text="x"))

    merged = merge_people(store, dcc, the_dcc)

    assert (merged.attendances, merged.actions, merged.presenters, merged.declarations, merged.risks) == (1, 1, 1, 1, 1)
    with store.session() as s:
        assert {(a.meeting_id, a.person_id, a.status) for a in s.exec(select(m.Attendance))} == {
            (meeting, dcc, "present"), (other, dcc, "apologies")}
        action = s.exec(select(m.Action)).one()
        assert (action.owner_person_id, action.owner) == (dcc, "DCC Megicks")
        assert (s.get(m.AgendaItem, item.id).presenter_person_id, s.get(m.AgendaItem, item.id).presenter) == (
            dcc, "DCC Megicks")
        assert s.exec(select(m.Declaration.person_id)).one() == dcc
        assert s.exec(select(m.EmergingRisk.raised_by_person_id)).one() == dcc
    assert [x.id for x in list_people(store)] == [dcc]


def test_a_person_merged_into_themselves_is_refused(store):
    dcc = _megicks(store)
    _refused(store, lambda: merge_people(store, dcc, dcc), "cannot be merged into themselves")


def test_a_second_entry_with_the_same_e_mail_is_refused(store):
    _megicks(store)
    _refused(store, lambda: add_person(store, PersonDetails("S Megicks", email="Simon.Megicks@norfolk.police.example")),
             "already the e-mail of Simon Megicks")


def test_someone_who_left_stays_on_the_record_but_is_offered_no_more(store):
    dcc = _megicks(store)
    retire_person(store, dcc)
    assert list_people(store, include_left=False) == [] and people_like(store, "Megicks") == []
    assert not list_people(store)[0].details.active
    edit_person(store, dcc, PersonDetails("Simon Megicks", "Chief Constable", short_name="CC Megicks"))
    assert list_people(store)[0].details.role == "Chief Constable"


# -- meetings ------------------------------------------------------------------
def test_asking_for_a_meeting_that_exists_gives_it_back_untouched(store, series_id):
    first = open_or_create_meeting(store, series_id, OCT, venue="Room 1")
    again = open_or_create_meeting(store, series_id, OCT, venue="Room 2")
    assert first.created and not again.created and again.id == first.id
    assert load_meeting(store, first.id).meeting.venue == "Room 1"


def test_a_meeting_ending_before_it_starts_is_refused(store, series_id):
    meeting = open_or_create_meeting(store, series_id, OCT).id
    _refused(store, lambda: edit_meeting(store, meeting, start=dt.time(14), end=dt.time(11)), "not after the start")
    _refused(store, lambda: open_or_create_meeting(store, series_id, NOV, end=dt.time(9)), "not after the start")


def test_editing_a_meeting_changes_only_what_is_given_and_retimes_its_agenda(store, series_id):
    meeting = open_or_create_meeting(store, series_id, OCT).id
    edit_meeting(store, meeting, start=dt.time(14), end=dt.time(17), venue="Online", hybrid=True)
    record = load_meeting(store, meeting)
    assert (record.meeting.venue, record.meeting.hybrid, record.meeting.purpose.startswith("To hold")) == (
        "Online", True, True)
    assert record.agenda[0].start_time == dt.time(14)


def test_moving_a_meeting_onto_a_day_the_series_meets_is_refused(store, series_id):
    meeting = open_or_create_meeting(store, series_id, OCT).id
    open_or_create_meeting(store, series_id, NOV)
    _refused(store, lambda: move_meeting(store, meeting, NOV), "already has a meeting on Wednesday 26 November 2025")


def test_the_minutes_item_names_the_last_meeting_that_took_place(store, series_id):
    held = open_or_create_meeting(store, series_id, OCT).id
    update_field(store, m.Meeting, held, "status", "held")
    open_or_create_meeting(store, series_id, NOV)  # planned, nothing recorded: it did not take place
    later = open_or_create_meeting(store, series_id, JAN).id
    record = load_meeting(store, later)
    assert record.previous.id == held
    assert record.agenda[2].title == f"{PREVIOUS_MINUTES_TITLE} held on Wednesday 22 October 2025"


def test_moving_a_meeting_re_points_the_meetings_after_it(store, series_id):
    october = open_or_create_meeting(store, series_id, OCT).id
    update_field(store, m.Meeting, october, "status", "held")
    january = open_or_create_meeting(store, series_id, JAN).id
    move_meeting(store, october, dt.date(2026, 2, 25))  # now after January
    assert load_meeting(store, january).previous is None
    assert load_meeting(store, january).agenda[2].title == PREVIOUS_MINUTES_TITLE
    assert load_meeting(store, october).meeting.date == dt.date(2026, 2, 25)


def test_a_cancelled_meeting_is_kept_but_left_out_of_the_next_meetings(store, series_id):
    october = open_or_create_meeting(store, series_id, OCT).id
    november = open_or_create_meeting(store, series_id, NOV).id
    january = open_or_create_meeting(store, series_id, JAN).id
    cancel_meeting(store, november)
    with store.session() as s:
        after = s.get(m.Meeting, october)
        assert [mt.id for mt, _ in upcoming_meetings(s, after)] == [january]
    assert [r.status for r in meeting_rows(store)] == ["planned", "cancelled", "planned"]
    _refused(store, lambda: open_or_create_meeting(store, series_id, NOV), "was cancelled")
    reinstate_meeting(store, november)
    assert open_or_create_meeting(store, series_id, NOV).id == november


def test_a_meeting_with_nothing_recorded_is_deleted_and_put_back_by_undo(store, series_id):
    october = open_or_create_meeting(store, series_id, OCT).id
    update_field(store, m.Meeting, october, "status", "held")
    november = open_or_create_meeting(store, series_id, NOV).id
    before = load_meeting(store, november)
    undo = delete_meeting(store, november)
    assert [r.date for r in meeting_rows(store)] == [OCT]
    assert restore_meeting(store, undo) == november
    after = load_meeting(store, november)
    assert [x.title for x in after.agenda] == [x.title for x in before.agenda]
    assert after.previous.id == october


def test_a_meeting_holding_records_is_not_deleted(store, series_id):
    meeting = open_or_create_meeting(store, series_id, OCT).id
    set_attendance(store, meeting, _megicks(store), "present")
    _refused(store, lambda: delete_meeting(store, meeting), "holds records")


@pytest.mark.parametrize("change", [
    lambda store, mt: edit_meeting(store, mt, venue="Elsewhere"),
    lambda store, mt: move_meeting(store, mt, NOV),
    lambda store, mt: cancel_meeting(store, mt),
    lambda store, mt: delete_meeting(store, mt),
])
def test_agreed_minutes_refuse_every_change_to_the_meeting(store, series_id, change):
    meeting = open_or_create_meeting(store, series_id, OCT).id
    mark_agreed(store, meeting)
    before = database_digest(store.path)
    with pytest.raises(MinutesLocked, match="agreed and locked"):
        change(store, meeting)
    assert database_digest(store.path) == before


@pytest.mark.parametrize("text", ["22/10/2025", "2025-02-30", "next Tuesday", ""])
def test_a_date_that_is_not_a_date_is_named_in_the_message(text):
    with pytest.raises(UserError, match="is not a date; give it as YYYY-MM-DD"):
        parse_date(text)


@pytest.mark.parametrize("text, words", [("10:00", "not a range"), ("10-13", "not a time"),
                                         ("13:00-10:00", "not after the start"), ("10:00-25:00", "not a time")])
def test_times_that_are_not_a_range_in_order_are_refused(text, words):
    with pytest.raises(UserError, match=words):
        parse_time_range(text)


def test_the_window_opens_on_the_next_meeting_else_the_last_holding_records(store, series_id):
    from scrutiny_app.core.queries import default_meeting, list_meetings

    october = open_or_create_meeting(store, series_id, OCT).id
    set_attendance(store, october, _megicks(store), "present")
    november = open_or_create_meeting(store, series_id, NOV).id  # only its standard agenda
    january = open_or_create_meeting(store, series_id, JAN).id
    cancel_meeting(store, january)
    assert default_meeting(list_meetings(store), today=dt.date(2025, 11, 1)).id == november
    assert default_meeting(list_meetings(store), today=dt.date(2025, 12, 1)).id == october  # not the cancelled one


def test_a_series_and_the_organisations_read_back_as_entered(store, series_id):
    from scrutiny_app.core.people import add_organisation, list_organisations
    from scrutiny_app.core.series import get_series

    add_organisation(store, "Office of the Police and Crime Commissioner for Norfolk", "OPCCN")
    _megicks(store)
    assert list_organisations(store) == ["Norfolk Constabulary", "OPCCN"]
    assert get_series(store, series_id) == accountability_template()


def test_after_a_merge_the_reminders_of_an_owner_typed_by_hand_have_the_address(store, series_id):
    from scrutiny_app.core.reminders import reminders_by_owner

    dcc = _megicks(store)
    the_dcc = add_person(store, PersonDetails("The DCC"))
    meeting = open_or_create_meeting(store, series_id, OCT).id
    new_action(store, meeting, "The DCC", "The DCC is to report on recruitment.", due_date=OCT)  # typed, not linked
    assert [(r.owner, r.email) for r in reminders_by_owner(store, NOV)] == [("The DCC", None)]
    assert merge_people(store, dcc, the_dcc).actions == 1
    assert [(r.owner, r.email) for r in reminders_by_owner(store, NOV)] == [
        ("Simon Megicks", "simon.megicks@norfolk.police.example")]
