"""Checking a difference column inside a table with a row per month or year.

In such a table a "Difference" column beside a figure column compares each
row with an earlier one: the row before (the previous year or month), the same
month a year earlier when the header says "last year" in a monthly table, or a
fixed period the header names ("change since 2014/15"). The column becomes an
indicator of its own, so each printed difference is stored beside its
recomputed value and flag like any other.
"""

from __future__ import annotations

import datetime as dt
import re

import scrutiny_app.imports.indicators.headers as h
from scrutiny_app.imports.indicators.checking import verdict
from scrutiny_app.imports.indicators.model import FLAG, ColumnRole, ParsedIndicator, Problem

DIFFERENCE = "difference"  # the measure type of an indicator read from a difference column
_YEAR_AGO = re.compile(r"\b(last|previous|prior|same)\s+(year|month last year)\b|\byear\s*(on|over)\s*year\b|\byoy\b")


def compared_column(role: ColumnRole, values: list[ColumnRole]) -> ColumnRole | None:
    """The figure column a difference column is about: the nearest one to its left, else the first."""
    left = [r for r in values if r.col < role.col]
    return left[-1] if left else (values[0] if values else None)


def earlier_periods(header: str, periods: list[ColumnRole]) -> dict[str, str]:
    """For each row's period key, the key of the period its difference is measured against."""
    keys = [p.key for p in periods]
    fixed = h.mentioned_periods(header, keys)
    if fixed:
        return {k: fixed[0] for k in keys if k != fixed[0]}
    ordered = sorted((p for p in periods if p.start), key=lambda p: p.start)
    if _YEAR_AGO.search(h.normal(header)) and all(len(p.key) == 7 for p in ordered):  # months, "2024-04"
        by_start = {p.start: p.key for p in ordered}
        return {p.key: by_start[_year_before(p.start)] for p in ordered if _year_before(p.start) in by_start}
    return {later.key: earlier.key for earlier, later in zip(ordered, ordered[1:])}


def _year_before(day: dt.date) -> dt.date:
    return day.replace(year=day.year - 1)


def check_row_differences(sheet: str, difference: ParsedIndicator, compared: ParsedIndicator, role: ColumnRole,
                          periods: list[ColumnRole]) -> list[Problem]:
    """Recompute each printed difference of ``difference`` from ``compared``; flag and report disagreements."""
    against = earlier_periods(role.header, periods)
    labels = {p.key: p.label for p in periods}
    problems = []
    for key, printed in difference.values.items():
        a, b = compared.values.get(key), compared.values.get(against.get(key, ""))
        if printed.figure.missing or a is None or b is None or a.figure.missing or b.figure.missing:
            continue
        value, flag = verdict(printed.figure, a.figure, b.figure, compared.measure_type, role.percent)
        printed.recomputed = None if value is None else round(value, 6)
        if flag is None:
            continue
        printed.flag = flag
        problems.append(Problem(sheet, printed.cell, FLAG,
                                f"{compared.name}, {role.header or 'difference'} ({labels[key]} against "
                                f"{labels[against[key]]}): "
                                f"printed {printed.figure.as_printed}, {printed.flag}"))
    return problems
