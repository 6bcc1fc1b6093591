"""An indicator's series across meetings."""

from __future__ import annotations

import datetime as dt

from indicator_workbooks import edited_fixture, fixture_copy
from scrutiny_app.core.indicator_series import indicator_series
from scrutiny_app.core.indicators import series_key
from scrutiny_app.imports.indicators import import_indicators

UNDER_10 = series_key("Table 6", None, "% 999 calls answered in under 10 seconds")


def test_monthly_series_has_a_point_per_month(demo_store):
    points = indicator_series(demo_store, UNDER_10)
    assert (len(points), points[0].when, points[0].value) == (12, dt.date(2024, 4, 1), 90.4)


def test_two_reports_make_one_series_and_the_later_wins(store, make_meeting, tmp_path):
    april, july = make_meeting(dt.date(2025, 4, 16)), make_meeting(dt.date(2025, 7, 8))
    import_indicators(store, april.id, fixture_copy(tmp_path))
    import_indicators(store, july.id, fixture_copy(tmp_path))
    crimes = indicator_series(store, series_key("Table 1", "GBH", "Number of crimes"))
    assert [(p.meeting, p.value) for p in crimes] == [(dt.date(2025, 7, 8), 708)]


def test_reports_for_different_periods_give_a_point_each(store, make_meeting, tmp_path):
    april, july = make_meeting(dt.date(2025, 4, 16)), make_meeting(dt.date(2025, 7, 8))
    earlier = edited_fixture(tmp_path, "Table 1", "A10", "The date range for the Last 12 months is 01/01/2024 - 31/12/2024.")
    import_indicators(store, april.id, earlier)
    import_indicators(store, july.id, fixture_copy(tmp_path))
    crimes = indicator_series(store, series_key("Table 1", "GBH", "Number of crimes"))
    assert [(p.when, p.meeting) for p in crimes] == [(dt.date(2024, 12, 31), dt.date(2025, 4, 16)),
                                                     (dt.date(2025, 3, 31), dt.date(2025, 7, 8))]
