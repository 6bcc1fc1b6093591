"""Importing indicator tables: the July 2025 workbook, planted mistakes, another layout, the database."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from indicator_workbooks import (annual_report, annual_rows_with_differences, edited_fixture, fixture_copy,
                                 monthly_change_on_last_year)
from demo_days import JULY
from scrutiny_app.core import models as m
from scrutiny_app.core.indicators import load_tables
from scrutiny_app.core.queries import find_meeting
from scrutiny_app.imports.indicators import import_indicators, read_indicator_file
from scrutiny_app.imports.indicators.model import ColumnRole


def _table(reading, label):
    return next(t for t in reading.tables if t.label == label)


def test_fixture_workbook_reads_nine_tables_and_84_rows_without_a_problem(tmp_path):
    reading = read_indicator_file(fixture_copy(tmp_path))
    assert (len(reading.tables), reading.rows, reading.problems) == (9, 84, [])


def test_group_labels_printed_mid_block_cover_the_whole_block(tmp_path):
    table = _table(read_indicator_file(fixture_copy(tmp_path)), "Table 2")
    groups = [i.group for i in table.indicators]
    assert groups == [g for g in ("Neighbourhood Crime", "Residential Burglary", "Vehicle offences",
                                  "Theft from the person", "Robbery") for _ in range(5)]


def test_garbled_group_label_is_read_as_its_block_and_noted(tmp_path):
    table = _table(read_indicator_file(fixture_copy(tmp_path)), "Table 1")
    assert [i.group for i in table.indicators] == ["Violence with injury"] * 2 + ["GBH"] * 2 + ["ABH"] * 2
    assert any(note.startswith("A5:") for note in table.notes)


def test_date_range_note_gives_the_periods_their_dates(tmp_path):
    table = _table(read_indicator_file(fixture_copy(tmp_path)), "Table 5")
    dates = {p["key"]: (p["start"], p["end"]) for p in table.periods}
    assert dates["long_term_average"] == ("2021-04-01", "2024-03-31")


def test_monthly_table_has_a_period_per_month_and_an_indicator_per_column(tmp_path):
    table = _table(read_indicator_file(fixture_copy(tmp_path)), "Table 6")
    assert table.layout == "monthly"
    assert [p["key"] for p in table.periods][::11] == ["2024-04", "2025-03"]
    under_10 = next(i for i in table.indicators if "under 10" in i.name)
    assert (under_10.measure_type, under_10.values["2024-07"].figure.value) == ("percentage", 86.3)


def test_planted_inconsistency_is_flagged_with_sheet_and_cell(tmp_path):
    reading = read_indicator_file(edited_fixture(tmp_path, "Table 1", "F4", 15.3))
    assert [p.line()[:31] for p in reading.problems] == ["Sheet 'Table 1', cell F4: GBH /"]
    assert "recomputed 13.3%" in reading.problems[0].message


def test_unreadable_cell_is_an_error_with_sheet_and_cell(tmp_path):
    reading = read_indicator_file(edited_fixture(tmp_path, "Table 7", "C7", ",9536"))
    assert [(p.kind, p.sheet, p.cell) for p in reading.problems] == [("error", "Table 7", "C7")]


def test_percentage_row_difference_is_checked_in_points(tmp_path):
    # %DA 33.9% against 32.1% is 1.8pp; a printed 5.6 (the percent change) disagrees.
    reading = read_indicator_file(edited_fixture(tmp_path, "Table 1", "F3", "5.6pp"))
    assert [(p.kind, p.cell) for p in reading.problems] == [("flag", "F3")]


def test_annual_layout_flags_exactly_its_inconsistent_rows(tmp_path):
    reading = read_indicator_file(annual_report(tmp_path))
    assert [(p.kind, p.cell) for p in reading.problems] == [("error", "C12"), ("flag", "H8"), ("flag", "H9")]


def test_annual_layout_reads_financial_years_and_times(tmp_path):
    table = read_indicator_file(annual_report(tmp_path)).tables[0]
    answer = next(i for i in table.indicators if i.name == "Average time to answer")
    assert table.layout == "annual"
    assert (answer.measure_type, answer.values["fy_2014_15"].figure.value) == ("seconds", 9)


def test_bare_difference_column_is_matched_to_the_years_it_agrees_with(tmp_path):
    table = read_indicator_file(annual_report(tmp_path)).tables[0]
    difference = next(p for p in table.periods if p["kind"] == "difference")
    assert difference["compares"] == ["fy_2019_20", "fy_2018_19"]


def test_corrected_column_role_is_used(tmp_path):
    path = fixture_copy(tmp_path)
    ignore = ColumnRole(7, "", "ignore")
    table = _table(read_indicator_file(path, {"Table 1": {7: ignore}}), "Table 1")
    assert "pct_diff_lta" not in [p["key"] for p in table.periods]


def test_import_into_the_demo_replaces_its_tables_and_keeps_the_target(demo_store, tmp_path):
    meeting = find_meeting(demo_store, JULY)
    report = import_indicators(demo_store, meeting, fixture_copy(tmp_path))
    views = load_tables(demo_store, meeting)
    assert (report.added, report.replaced, len(views)) == (2, 7, 9)
    under_10 = next(r for v in views for r in v.rows if "under 10" in r.indicator.name)
    assert under_10.indicator.target == 90


def test_flagged_value_keeps_printed_and_recomputed(store, make_meeting, tmp_path):
    meeting = make_meeting(JULY)
    import_indicators(store, meeting.id, edited_fixture(tmp_path, "Table 1", "F4", 15.3))
    with store.session() as s:
        flagged = s.exec(select(m.IndicatorValue).where(m.IndicatorValue.flag != None)).all()  # noqa: E711
    assert [(v.as_printed, round(v.recomputed, 1)) for v in flagged] == [("15.3%", 13.3)]


def test_dry_run_changes_nothing(demo_store, demo_path, tmp_path):
    before = demo_path.read_bytes()
    report = import_indicators(demo_store, find_meeting(demo_store, JULY), fixture_copy(tmp_path), dry_run=True)
    demo_store.close()
    assert not report.imported and demo_path.read_bytes() == before


def test_unreadable_cell_blocks_the_import(store, make_meeting, tmp_path):
    meeting = make_meeting(JULY)
    report = import_indicators(store, meeting.id, edited_fixture(tmp_path, "Table 7", "C7", ",9536"))
    assert not report.imported and load_tables(store, meeting.id) == []


def test_readable_only_imports_all_but_the_unreadable_row(store, make_meeting, tmp_path):
    meeting = make_meeting(JULY)
    import_indicators(store, meeting.id, edited_fixture(tmp_path, "Table 7", "C7", ",9536"), readable_only=True)
    table7 = next(v for v in load_tables(store, meeting.id) if v.table.label == "Table 7")
    assert len(table7.rows) == 19


def test_difference_column_in_a_table_of_years_flags_exactly_its_inconsistent_rows(tmp_path):
    reading = read_indicator_file(annual_rows_with_differences(tmp_path))
    assert [(p.kind, p.cell) for p in reading.problems] == [("flag", "C7"), ("flag", "F8")]
    assert "(2017/18 against 2016/17): printed 3,312, recomputed 3,132" in reading.problems[0].message


def test_difference_column_of_a_percentage_is_checked_in_points_against_the_year_before(tmp_path):
    table = read_indicator_file(annual_rows_with_differences(tmp_path)).tables[0]
    change = next(i for i in table.indicators if i.name == "Change (% answered within target)")
    assert {k: v.recomputed for k, v in change.values.items() if v.recomputed is not None}["fy_2019_20"] == -1.5


def test_change_on_last_year_in_a_monthly_table_compares_the_same_month_a_year_before(tmp_path):
    reading = read_indicator_file(monthly_change_on_last_year(tmp_path))
    change = reading.tables[0].indicators[1]
    assert reading.problems == [] and round(change.values["2024-04"].recomputed, 2) == 11.82  # 1,135 against 1,015


def test_row_difference_is_stored_with_printed_and_recomputed_figures(store, make_meeting, tmp_path):
    meeting = make_meeting(JULY)
    import_indicators(store, meeting.id, annual_rows_with_differences(tmp_path))
    with store.session() as s:
        flagged = s.exec(select(m.IndicatorValue).where(m.IndicatorValue.flag != None)).all()  # noqa: E711
    assert sorted((v.as_printed, round(v.recomputed, 1)) for v in flagged) == [("-1.1pp", -2.1), ("3,312", 3132.0)]


def test_two_sheets_with_the_same_caption_stay_two_tables_on_every_import(demo_store, tmp_path):
    import openpyxl

    path = fixture_copy(tmp_path)
    workbook = openpyxl.load_workbook(path)
    first = workbook.worksheets[0]
    workbook.copy_worksheet(first).title = "Table 1 again"
    for extra in workbook.sheetnames[1:-1]:
        del workbook[extra]
    workbook.save(path)
    july = find_meeting(demo_store, dt.date(2025, 7, 8))
    import_indicators(demo_store, july, path)
    import_indicators(demo_store, july, path)  # replaces both, and warns about nothing
    labels = [t.table.label for t in load_tables(demo_store, july)]
    assert labels.count("Table 1") == 1 and labels.count("Table 1 (Table 1 again)") == 1
