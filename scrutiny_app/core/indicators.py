"""Indicator tables as read back for display and charts."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from sqlmodel import select

from scrutiny_app.core import models as m
from scrutiny_app.core.store import Store


# The largest figure an indicator may hold: past it a float no longer holds every whole number exactly, and no
# table of the Constabulary's comes near it. The importer refuses more; storage refuses it again.
FIGURE_LIMIT = 1e15


def sound(value: float | None) -> bool:
    """Whether a held figure is one: finite and within ``FIGURE_LIMIT`` (None, no value, is sound).

    A database written before the limit may hold infinity or an absurd number; what shows it says so."""
    return value is None or (math.isfinite(value) and abs(value) <= FIGURE_LIMIT)


def series_key(table_label: str, group: str | None, name: str) -> str:
    """The key that links the same indicator across meetings' reports."""
    return " / ".join(part.strip().lower() for part in (table_label, group or "", name))


@dataclass
class IndicatorRow:
    indicator: m.Indicator
    values: dict[str, m.IndicatorValue] = field(default_factory=dict)  # by period key

    def value(self, period_key: str) -> float | None:
        v = self.values.get(period_key)
        return v.value if v else None


@dataclass
class TableView:
    table: m.IndicatorTable
    rows: list[IndicatorRow]

    @property
    def value_periods(self) -> list[dict]:
        return [p for p in self.table.periods if p.get("kind", "value") == "value"]

    @property
    def has_groups(self) -> bool:
        return any(r.indicator.group for r in self.rows)


def load_tables(store: Store, meeting_id: int) -> list[TableView]:
    """Every indicator table of a meeting, in order, with its values."""
    with store.session() as s:
        tables = s.exec(
            select(m.IndicatorTable).where(m.IndicatorTable.meeting_id == meeting_id).order_by(m.IndicatorTable.position)
        ).all()
        if not tables:
            return []
        ids = [t.id for t in tables]
        indicators = s.exec(
            select(m.Indicator).where(m.Indicator.table_id.in_(ids)).order_by(m.Indicator.table_id, m.Indicator.position)
        ).all()
        rows = {i.id: IndicatorRow(i) for i in indicators}
        values = s.exec(select(m.IndicatorValue).where(m.IndicatorValue.indicator_id.in_(list(rows)))).all()
    for v in values:
        rows[v.indicator_id].values[v.period_key] = v
    by_table: dict[int, list[IndicatorRow]] = {t.id: [] for t in tables}
    for row in rows.values():
        by_table[row.indicator.table_id].append(row)
    return [TableView(t, by_table[t.id]) for t in tables]


def public_tables(store: Store, meeting_id: int) -> list[TableView]:
    """The meeting's tables that may be published: those of a private report are left out."""
    with store.session() as s:
        private = set(s.exec(select(m.Report.id).where(m.Report.meeting_id == meeting_id,
                                                       m.Report.private == True)).all())  # noqa: E712
    return [v for v in load_tables(store, meeting_id) if v.table.report_id not in private]


def bar_rows(view: TableView, selected: IndicatorRow | None = None) -> list[IndicatorRow]:
    """The rows worth comparing in one bar chart, chosen from the selected row.

    In a table of groups (crime types) the same measure across groups; otherwise
    every row measured in the same unit (counts are not drawn beside percentages).
    """
    if not view.rows:
        return []
    selected = selected or view.rows[0]
    same_unit = [r for r in view.rows if r.indicator.measure_type == selected.indicator.measure_type]
    if view.has_groups:
        return [r for r in same_unit if r.indicator.name == selected.indicator.name]
    return same_unit


def line_row(view: TableView, selected: IndicatorRow | None = None) -> IndicatorRow:
    """The row a time series (a row per month or year) is drawn for: the selected one, else the first with a target."""
    return selected or next((r for r in view.rows if r.indicator.target is not None), view.rows[0])


SHORT_HEADERS = {
    "last_12_months": "Last 12m",
    "previous_12_months": "Prev 12m",
    "long_term_average": "LTA",
    "pct_diff_previous": "± prev 12m",
    "pct_diff_lta": "± LTA",
}


def short_label(period: dict) -> str:
    """A period's name short enough for a column header or a chart legend."""
    if period["key"] in SHORT_HEADERS:
        return SHORT_HEADERS[period["key"]]
    if period.get("start") and len(period["key"]) == 7:  # a month, "2024-04"
        return dt.date.fromisoformat(period["start"]).strftime("%b %y")
    return period["label"]

