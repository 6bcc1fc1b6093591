"""Alternative text for an indicator chart: what the chart shows, in words, with its figures.

A screen reader reads this in place of the image, so it states every figure drawn
(the same rows as the chart, ``core.indicators.bar_rows``/``line_row``) as printed,
and each stored difference in words ("6.1% fewer than the previous 12 months";
DESIGN.md, "Indicator arithmetic": a count's difference is a percent change, a
percentage's is in percentage points).
"""

from __future__ import annotations

from scrutiny_app.core.indicator_series import TIME_SERIES_LAYOUTS
from scrutiny_app.core.indicators import IndicatorRow, TableView, bar_rows, line_row

UNITS = {"percent": "%", "percentage_points": " percentage points"}


def chart_title(view: TableView) -> str:
    return f"{view.table.label}: {view.table.caption}".strip(": ")


def _period(label: str) -> str:
    """'Last 12 months' -> 'the last 12 months'; '2023/24' stays as it is."""
    return f"the {label[0].lower()}{label[1:]}" if label[:1].isalpha() else label


def _difference(row: IndicatorRow, period: dict, labels: dict[str, str]) -> str | None:
    """'6.1% fewer than the previous 12 months (8,198)', from the stored difference (as recomputed, where it
    was), to one decimal as printed."""
    stored = row.values.get(period["key"])
    if stored is None or stored.value is None:
        return None
    compares = period["compares"]
    value = stored.recomputed if stored.recomputed is not None else stored.value
    other = row.values.get(compares[1])
    against = _period(labels.get(compares[1], compares[1])) + (f" ({other.as_printed})" if other else "")
    if round(value, 1) == 0:
        return f"the same as {against}"
    more, fewer = ("more", "fewer") if row.indicator.measure_type == "count" else ("higher", "lower")
    return f"{abs(round(value, 1)):g}{UNITS.get(stored.unit, '')} {more if value > 0 else fewer} than {against}"


def _bar_row(view: TableView, row: IndicatorRow) -> str:
    labels = {p["key"]: p.get("label", p["key"]) for p in view.table.periods}
    values = [p for p in view.value_periods if row.values.get(p["key"]) is not None]
    name = f"{row.indicator.group}, {row.indicator.name}" if row.indicator.group else row.indicator.name
    if not values:
        return f"{name}: no figures"
    first, *rest = values
    stated = {}  # the periods the first figure is compared with, in words, by period key
    for period in view.table.periods:
        compares = period.get("compares") or []
        if period.get("kind") == "difference" and len(compares) == 2 and compares[0] == first["key"]:
            words = _difference(row, period, labels)
            if words:
                stated[compares[1]] = words
    parts = [f"{row.values[first['key']].as_printed} in {_period(labels[first['key']])}", *stated.values()]
    parts += [f"{row.values[p['key']].as_printed} in {_period(labels[p['key']])}" for p in rest if p["key"] not in stated]
    return f"{name}: {', '.join(parts)}"


def chart_alt_text(view: TableView) -> str:
    """The chart of ``view`` described with its figures, for a screen reader."""
    if not view.rows:
        return f"Chart, {chart_title(view)}: no figures."
    if view.table.layout in TIME_SERIES_LAYOUTS:
        row = line_row(view, None)
        points = [f"{p.get('label', p['key'])} {row.values[p['key']].as_printed}" for p in view.value_periods
                  if row.values.get(p["key"]) is not None and row.values[p["key"]].value is not None]
        target, unit = row.indicator.target, next((v.unit for v in row.values.values()), "")
        aim = f"; aim {target:g}{UNITS.get(unit, '')}" if target is not None else ""
        return f"Line chart, {chart_title(view)} {row.indicator.name}: {'; '.join(points)}{aim}."
    return f"Bar chart, {chart_title(view)} " + "; ".join(_bar_row(view, r) for r in bar_rows(view)) + "."
