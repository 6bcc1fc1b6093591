"""The core reads the screens use instead of SQL of their own: series for 'New meeting…', an agenda
reloaded after an edit, the number the next action will get."""

from __future__ import annotations

import datetime as dt

from db_digest import database_digest
from scrutiny_app.core import models as m
from scrutiny_app.core.actions import delete_action, new_action, next_action_number
from scrutiny_app.core.agenda import add_item, load_agenda, rearrange
from scrutiny_app.core.series import SeriesSummary, series_summaries


def test_each_series_comes_with_its_latest_meeting(store, make_meeting):
    make_meeting(dt.date(2025, 4, 16))
    make_meeting(dt.date(2025, 7, 8))
    make_meeting(dt.date(2025, 1, 29))
    make_meeting(dt.date(2025, 6, 1), series="Police and Crime Panel")
    with store.session() as s:
        s.add(m.MeetingSeries(name="Deep dive: Proceeds of Crime Act"))
    found = [(x.series.name, x.latest) for x in series_summaries(store)]
    assert found == [("Deep dive: Proceeds of Crime Act", None),
                     ("PCC Accountability Meeting", dt.date(2025, 7, 8)),
                     ("Police and Crime Panel", dt.date(2025, 6, 1))]


def test_the_next_meeting_is_offered_a_quarter_after_the_latest_or_today(store):
    series = m.MeetingSeries(name="PCC Accountability Meeting")
    assert SeriesSummary(series, dt.date(2025, 7, 8)).next_date() == dt.date(2025, 10, 7)
    assert SeriesSummary(series, None).next_date(today=dt.date(2026, 2, 3)) == dt.date(2026, 2, 3)


def test_no_series_no_summaries(store):
    assert series_summaries(store) == []


def test_the_agenda_is_read_back_in_its_order(store, make_meeting):
    meeting = make_meeting()
    first = add_item(store, meeting.id, 0, "Welcome")
    second = add_item(store, meeting.id, 1, "Reducing Harm", duration_minutes=30)
    rearrange(store, meeting.id, [second, first])
    agenda = load_agenda(store, meeting.id)
    assert [(x.id, x.title, x.number) for x in agenda] == [(second, "Reducing Harm", 1), (first, "Welcome", 2)]
    assert load_agenda(store, meeting.id + 1) == []


def test_the_next_action_number_counts_deleted_ones_and_changes_nothing(store, make_meeting):
    meeting = make_meeting()
    assert next_action_number(store, meeting.series_id) == 1
    action = new_action(store, meeting.id, "The CC", "Report back")
    new_action(store, meeting.id, "The CC", "Report again")
    delete_action(store, action.id)
    before = database_digest(store.path)
    assert next_action_number(store, meeting.series_id) == 3
    assert database_digest(store.path) == before
