"""A number cell read through its number format: the unit, the figure as printed and its decimals."""

from __future__ import annotations

import pytest

from scrutiny_app.imports.indicators.figures import parse_cell


@pytest.mark.parametrize("value, number_format, expected", [
    (7697, "#,##0", (7697.0, "count", "7,697", 0, False)),
    (33.9, '0.0"%"', (33.9, "percent", "33.9%", 1, True)),
    (1.8, '0.0"pp"', (1.8, "percentage_points", "1.8pp", 1, True)),
    (-0.4, '0.0" pp"', (-0.4, "percentage_points", "-0.4pp", 1, True)),
    (3, '0.0"% points"', (3.0, "percentage_points", "3.0pp", 1, True)),
    (0.435, "0.0%", (43.5, "percent", "43.5%", 1, True)),
    (1234.5, "#,##0.0;[Red]-#,##0.0", (1234.5, "count", "1,234.5", 1, False)),
    (1234.5, '"£"0.00', (1234.5, "count", "1234.50", 2, False)),
    (2.5, "0.###", (2.5, "count", "2.500", 3, False)),
    (83 / 86400, "[h]:mm:ss", (pytest.approx(83), "seconds", "00:01:23", 0, True)),
    (12.345, "General", (12.345, "count", "12.345", 3, False)),
])
def test_a_number_is_read_as_its_format_prints_it(value, number_format, expected):
    figure = parse_cell(value, number_format)
    assert (figure.value, figure.unit, figure.as_printed, figure.decimals, figure.explicit_unit) == expected


def test_the_same_format_gives_each_figure_its_own_reading():
    """Formats are read once and remembered: the figures read through one must still differ."""
    assert [parse_cell(v, "#,##0.0").as_printed for v in (1, 2500.25, -3)] == ["1.0", "2,500.2", "-3.0"]
