"""One indicator across meetings: the same series key in successive reports makes a series.

A monthly or annual table gives a point per period; any other table gives its
current period (the first figure column, "Last 12 months"). Where two reports
print the same period, the later report's figure is used (a revised figure).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import select

from scrutiny_app.core import models as m
from scrutiny_app.core.store import Store

TIME_SERIES_LAYOUTS = ("monthly", "annual")


@dataclass(frozen=True)
class SeriesPoint:
    when: dt.date  # where the point sits on the date axis
    value: float
    as_printed: str
    period: str  # "April 2024", "Last 12 months to 31/03/2025"
    meeting: dt.date  # the meeting whose report printed it


def _when(period: dict, meeting: dt.date) -> dt.date:
    for field in ("start", "end") if period.get("key", "")[:2] in ("20", "19", "fy") else ("end", "start"):
        if period.get(field):
            return dt.date.fromisoformat(period[field])
    return meeting


def _period_text(period: dict) -> str:
    if period.get("end") and not period.get("key", "")[:2] in ("20", "19", "fy"):
        return f"{period['label']} to {dt.date.fromisoformat(period['end']):%d/%m/%Y}"
    return period["label"]


def indicator_series(store: Store, key: str) -> list[SeriesPoint]:
    """Every figure of the series ``key`` across meetings, oldest first."""
    with store.session() as s:
        found = s.exec(
            select(m.Indicator, m.IndicatorTable, m.Meeting)
            .join(m.IndicatorTable, m.Indicator.table_id == m.IndicatorTable.id)
            .join(m.Meeting, m.IndicatorTable.meeting_id == m.Meeting.id)
            .where(m.Indicator.series_key == key)
            .order_by(m.Meeting.date)
        ).all()
        ids = [ind.id for ind, _, _ in found]
        values = s.exec(select(m.IndicatorValue).where(m.IndicatorValue.indicator_id.in_(ids))).all() if ids else []
    by_indicator: dict[int, dict[str, m.IndicatorValue]] = {}
    for v in values:
        by_indicator.setdefault(v.indicator_id, {})[v.period_key] = v
    points: dict[tuple, SeriesPoint] = {}
    for ind, table, meeting in found:
        periods = [p for p in table.periods if p.get("kind", "value") == "value"]
        if table.layout not in TIME_SERIES_LAYOUTS:
            periods = periods[:1]
        for p in periods:
            v = by_indicator.get(ind.id, {}).get(p["key"])
            if v is None or v.value is None:
                continue
            when = _when(p, meeting.date)
            points[(p["key"], when)] = SeriesPoint(when, v.value, v.as_printed, _period_text(p), meeting.date)
    return sorted(points.values(), key=lambda x: x.when)
