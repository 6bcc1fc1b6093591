"""The demo database holds the April 2025 meeting as recorded and July 2025 as prepared."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from demo_days import APRIL, JULY
from scrutiny_app.core import models as m
from scrutiny_app.core.indicators import load_tables
from scrutiny_app.core.queries import action_rows, find_meeting, load_meeting
from scrutiny_app.demo.build import build_demo


def test_april_meeting_as_recorded(demo_store):
    record = load_meeting(demo_store, find_meeting(demo_store, APRIL))
    assert len(record.present()) == 13
    assert len(record.apologies()) == 4
    assert record.declarations == []
    assert len(record.public_questions) == 6
    assert len(record.pcc_questions) == 10
    assert len({item.number for _, item in record.pcc_questions}) == 5
    assert len(record.risks) == 3
    assert record.previous.date == dt.date(2025, 1, 29) and record.meeting.previous_minutes_agreed


def test_april_attendees_are_spelled_out_as_in_the_minutes(demo_store):
    from scrutiny_app.core.formatting import person_in_full

    record = load_meeting(demo_store, find_meeting(demo_store, APRIL))
    names = [person_in_full(p, o) for _, p, o in record.attendance]
    assert "Deputy Chief Constable Simon Megicks, Norfolk Constabulary" in names
    assert "Director of Policy, Commissioning and Communications Dr Gavin Thompson, OPCCN" in names


def test_actions_12_to_19_with_their_statuses(demo_store):
    rows = action_rows(demo_store)
    assert [r.action.number for r in rows] == list(range(12, 20))
    assert {r.action.number for r in rows if r.action.status == "Closed"} == {12, 13, 14, 15}
    assert {r.action.number for r in rows if r.action.status == "New"} == {16, 17, 18, 19}
    assert all(r.latest is not None and r.latest.meeting_id == find_meeting(demo_store, APRIL) for r in rows)
    assert rows[5].action.description.startswith("DCC Megicks is to provide the PCC with a report")


def test_july_agenda_as_prepared(demo_store):
    record = load_meeting(demo_store, find_meeting(demo_store, JULY))
    numbered = [i for i in record.agenda if i.number is not None]
    assert [i.number for i in numbered] == list(range(1, 12))
    breaks = [i for i in record.agenda if i.kind == "break"]
    assert len(breaks) == 1 and breaks[0].start_time == dt.time(11, 0)
    pages = {i.number: i.page for i in numbered if i.page}
    assert pages == {3: 3, 5: 18, 6: 30, 7: 39, 8: 42}
    assert [i.start_time.strftime("%H:%M") for i in record.agenda if i.start_time] == [
        "10:00", "10:15", "10:30", "10:45", "11:00", "11:15", "11:30", "11:45", "12:00"]


def test_july_reports_carry_their_cover_fields(demo_store):
    with demo_store.session() as s:
        reports = s.exec(select(m.Report).order_by(m.Report.id)).all()
    assert len(reports) == 3
    assert all(r.originator == "Deputy Chief Constable Megicks" for r in reports)
    assert all(r.reason_for_submission == "For Information" for r in reports)
    assert all(r.recommendation and r.subject and r.summary for r in reports)


def test_july_indicator_tables_1_to_7(demo_store):
    tables = load_tables(demo_store, find_meeting(demo_store, JULY))
    assert [t.table.label for t in tables] == [f"Table {n}" for n in range(1, 8)]
    first = tables[0].rows[0]
    assert (first.indicator.group, first.indicator.name) == ("Violence with injury", "Number of crimes")
    assert first.values["last_12_months"].as_printed == "7,697" and first.value("last_12_months") == 7697
    assert first.values["pct_diff_previous"].as_printed == "-6.1%"


def test_monthly_999_table_has_twelve_months_and_the_90_percent_target(demo_store):
    monthly = next(t for t in load_tables(demo_store, find_meeting(demo_store, JULY)) if t.table.layout == "monthly")
    assert len(monthly.value_periods) == 12 and len(monthly.rows) == 5
    target = [r for r in monthly.rows if r.indicator.target is not None]
    assert [(r.indicator.name, r.indicator.target) for r in target] == [("% 999 calls answered in under 10 seconds", 90)]
    assert target[0].values["2024-04"].as_printed == "90.4%"


def test_demo_refuses_to_overwrite_a_file(tmp_path):
    existing = tmp_path / "mine.sqlite"
    existing.write_bytes(b"precious")
    with pytest.raises(FileExistsError):
        build_demo(existing)
    assert existing.read_bytes() == b"precious"


OCTOBER = dt.date(2025, 10, 22)


def test_the_october_meeting_has_its_standard_agenda_confirming_the_july_minutes(demo_store):
    record = load_meeting(demo_store, find_meeting(demo_store, OCTOBER))
    assert len(record.agenda) == 11 and record.previous.date == JULY
    assert record.agenda[2].title.endswith("held on Tuesday 8 July 2025")
    assert (record.meeting.start_time, record.meeting.end_time) == (dt.time(10), dt.time(13))


def test_new_meeting_on_the_october_date_opens_the_demo_meeting(demo_store):
    from scrutiny_app.core.meetings import open_or_create_meeting
    from scrutiny_app.core.series import find_series

    opened = open_or_create_meeting(demo_store, find_series(demo_store, "PCC Accountability Meeting").id, OCTOBER)
    assert (opened.id, opened.created) == (find_meeting(demo_store, OCTOBER), False)


def test_the_demo_office_and_directory_are_entered_as_an_officer_would(demo_store):
    from scrutiny_app.core.office import get_office
    from scrutiny_app.core.people import match_person

    office = get_office(demo_store)
    assert office.name == "Office of the Police and Crime Commissioner for Norfolk" and office.telephone_label == "Direct Dial"
    assert match_person(demo_store, "DCC Megicks").details.organisation == "Norfolk Constabulary"
