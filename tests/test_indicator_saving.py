"""What an indicator import writes: every figure on its own indicator, and a second import replacing, not adding."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func
from sqlmodel import select

from demo_days import JULY
from indicator_workbooks import annual_report, edited_fixture, fixture_copy
from scrutiny_app.core import models as m
from scrutiny_app.core.indicators import load_tables
from scrutiny_app.core.queries import find_meeting
from scrutiny_app.core.store import open_store
from scrutiny_app.errors import ReadOnly
from scrutiny_app.imports.indicators import import_indicators, read_indicator_file


def _saved(store, meeting_id):
    """The meeting's tables as saved, without database ids."""
    return [
        ((v.table.label, v.table.position, v.table.number, v.table.caption, v.table.layout, v.table.date_range_note,
          v.table.periods, v.table.report_id, v.table.objective),
         [((r.indicator.position, r.indicator.group, r.indicator.name, r.indicator.measure_type, r.indicator.direction,
            r.indicator.target, r.indicator.series_key),
           {k: (x.value, x.unit, x.as_printed, x.recomputed, x.flag) for k, x in r.values.items()}) for r in v.rows])
        for v in load_tables(store, meeting_id)
    ]


def _count(store, model):
    with store.session() as s:
        return s.exec(select(func.count()).select_from(model)).one()


def test_every_saved_figure_is_the_one_read_from_its_row_and_column(store, make_meeting, tmp_path):
    path = edited_fixture(tmp_path, "Table 1", "F4", 15.3)  # one flagged difference among them
    reading = read_indicator_file(path)
    meeting = make_meeting(JULY)
    import_indicators(store, meeting.id, path)
    views = load_tables(store, meeting.id)
    assert [v.table.label for v in views] == [t.label for t in reading.tables]
    for view, table in zip(views, reading.tables):
        assert (view.table.caption, view.table.layout, view.table.periods) == (table.caption, table.layout,
                                                                               table.periods)
        assert [(r.indicator.position, r.indicator.group, r.indicator.name, r.indicator.measure_type)
                for r in view.rows] == [(n, i.group, i.name, i.measure_type) for n, i in enumerate(table.indicators)]
        for row, ind in zip(view.rows, table.indicators):
            assert {k: (v.value, v.as_printed, v.recomputed, v.flag) for k, v in row.values.items()} == {
                k: (v.figure.value, v.figure.as_printed, v.recomputed, v.flag) for k, v in ind.values.items()}
    assert sum(1 for v in views for r in v.rows for x in r.values.values() if x.flag) == 1


def test_a_second_import_replaces_the_figures_and_keeps_what_the_officer_set(store, make_meeting, tmp_path):
    meeting = make_meeting(JULY)
    import_indicators(store, meeting.id, annual_report(tmp_path), readable_only=True)  # a table the file lacks
    import_indicators(store, meeting.id, fixture_copy(tmp_path))
    with store.session() as s:
        report = m.Report(meeting_id=meeting.id, title="Contact management")
        s.add(report)
        s.flush()
        table = s.exec(select(m.IndicatorTable).where(m.IndicatorTable.label == "Table 1")).one()
        table.report_id, table.objective = report.id, "Answer calls quickly"
        indicator = s.exec(select(m.Indicator).where(m.Indicator.table_id == table.id,
                                                     m.Indicator.position == 0)).one()
        indicator.target, indicator.direction, indicator.series_key = 90.0, "higher", "calls answered"
    first = _saved(store, meeting.id)
    counts = [_count(store, model) for model in (m.IndicatorTable, m.Indicator, m.IndicatorValue)]

    report = import_indicators(store, meeting.id, fixture_copy(tmp_path))
    assert (report.added, report.replaced) == (0, 9)
    assert _saved(store, meeting.id) == first
    assert [_count(store, model) for model in (m.IndicatorTable, m.Indicator, m.IndicatorValue)] == counts
    assert first[0][0][0] == "Table 8" and first[1][0][7:] == (report_id := first[1][0][7], "Answer calls quickly")
    assert report_id is not None and first[1][1][0][0][4:] == ("higher", 90.0, "calls answered")

    import_indicators(store, meeting.id, edited_fixture(tmp_path, "Table 1", "C2", 7000))
    changed = _saved(store, meeting.id)
    assert changed[1][1][0][1]["last_12_months"][2] == "7,000" and changed[1][1][0][0] == first[1][1][0][0]
    assert changed[2:] == first[2:] and changed[0] == first[0]


def test_a_window_holding_the_file_read_only_cannot_import(demo_store, demo_path, tmp_path):
    """The bulk statements skip the session's flush check; the read-only connection still refuses them."""
    july = find_meeting(demo_store, JULY)
    before = _saved(demo_store, july)
    second = open_store(demo_path)
    try:
        with pytest.raises(ReadOnly):
            import_indicators(second, july, fixture_copy(tmp_path))
    finally:
        second.close()
    assert _saved(demo_store, july) == before


def _table_ids(store, meeting_id):
    return {v.table.label: v.table.id for v in load_tables(store, meeting_id)}


def test_a_corrected_workbook_rewrites_only_the_table_that_changed(store, make_meeting, tmp_path):
    meeting, fresh = make_meeting(JULY), make_meeting(dt.date(2025, 9, 9))
    import_indicators(store, meeting.id, fixture_copy(tmp_path))
    ids = _table_ids(store, meeting.id)
    corrected = edited_fixture(tmp_path, "Table 1", "C2", 7000)

    report = import_indicators(store, meeting.id, corrected)
    import_indicators(store, fresh.id, corrected)
    assert (report.added, report.replaced) == (0, 9)
    assert _saved(store, meeting.id) == _saved(store, fresh.id)  # as if imported afresh
    assert {label for label, id_ in _table_ids(store, meeting.id).items() if ids[label] != id_} == {"Table 1"}


def test_a_second_import_into_a_report_moves_every_table_to_it(store, make_meeting, tmp_path):
    meeting = make_meeting(JULY)
    import_indicators(store, meeting.id, fixture_copy(tmp_path))
    with store.session() as s:
        report = m.Report(meeting_id=meeting.id, title="Contact management")
        s.add(report)
    import_indicators(store, meeting.id, fixture_copy(tmp_path), report_id=report.id)
    assert {v.table.report_id for v in load_tables(store, meeting.id)} == {report.id}
