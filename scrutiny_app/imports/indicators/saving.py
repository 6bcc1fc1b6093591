"""Writing imported tables to the database, all in one transaction.

Importing a table again for the same meeting replaces the table with the same
label ("Table 1"): its figures are the new ones, while what the officer set by
hand (target, direction, series key, the report it belongs to) is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, insert
from sqlmodel import select

from scrutiny_app.core import models as m
from scrutiny_app.core.indicators import series_key
from scrutiny_app.core.store import Store
from scrutiny_app.errors import NotFound
from scrutiny_app.imports.indicators.headers import normal
from scrutiny_app.imports.indicators.model import ParsedTable


@dataclass
class Saved:
    added: int = 0
    replaced: int = 0


def find_report(store: Store, meeting_id: int, title: str) -> int:
    """The id of the meeting's report whose title contains ``title``."""
    with store.session() as s:
        reports = s.exec(select(m.Report).where(m.Report.meeting_id == meeting_id)).all()
    matches = [r for r in reports if normal(title) in normal(r.title)]
    if len(matches) != 1:
        titles = "; ".join(r.title for r in reports) or "none"
        how = "No report" if not matches else "More than one report"
        raise NotFound(f"{how} of that meeting has '{title}' in its title (its reports: {titles}).")
    return matches[0].id


def _unit(value, measure_type: str) -> str:
    if value.figure.missing:
        return ""
    if measure_type == "seconds" and value.figure.unit == "count":
        return "seconds"
    return value.figure.unit


def save_tables(store: Store, meeting_id: int, tables: list[ParsedTable], report_id: int | None = None) -> Saved:
    saved = Saved()
    with store.session() as s:
        existing = {t.label: t for t in s.exec(select(m.IndicatorTable).where(m.IndicatorTable.meeting_id == meeting_id)).all()}
        next_position = max((t.position for t in existing.values()), default=-1) + 1
        value_rows = []
        labels_used: set[str] = set()
        for parsed in tables:
            # Two sheets of one file with the same caption stay two tables: the second is named by its sheet.
            label = parsed.label if parsed.label not in labels_used else f"{parsed.label} ({parsed.sheet})"
            labels_used.add(label)
            old = existing.pop(label, None)
            kept: dict[tuple, m.Indicator] = {}
            if old is not None:
                old_indicators = s.exec(select(m.Indicator).where(m.Indicator.table_id == old.id)).all()
                kept = {(normal(i.group or ""), normal(i.name)): i for i in old_indicators}
                ids = [i.id for i in old_indicators]
                s.execute(delete(m.IndicatorValue).where(m.IndicatorValue.indicator_id.in_(ids)))
                s.execute(delete(m.Indicator).where(m.Indicator.id.in_(ids)))
                s.delete(old)
                s.flush()
                saved.replaced += 1
            else:
                saved.added += 1
            table = m.IndicatorTable(
                meeting_id=meeting_id,
                report_id=report_id if report_id is not None else (old.report_id if old else None),
                position=old.position if old else next_position,
                number=parsed.number,
                label=label,
                caption=parsed.caption or (old.caption if old else ""),
                objective=old.objective if old else None,
                layout=parsed.layout,
                date_range_note=parsed.date_range_note,
                periods=parsed.periods,
            )
            if old is None:
                next_position += 1
            s.add(table)
            s.flush()
            for position, ind in enumerate(parsed.indicators):
                before = kept.get((normal(ind.group or ""), normal(ind.name)))
                indicator = m.Indicator(
                    table_id=table.id, position=position, group=ind.group, name=ind.name,
                    measure_type=ind.measure_type,
                    direction=before.direction if before else None,
                    target=before.target if before else None,
                    series_key=before.series_key if before else series_key(table.label, ind.group, ind.name),
                )
                s.add(indicator)
                s.flush()
                value_rows += [
                    {"indicator_id": indicator.id, "period_key": key, "value": v.figure.value,
                     "unit": _unit(v, ind.measure_type), "as_printed": v.figure.as_printed,
                     "recomputed": v.recomputed, "flag": v.flag}
                    for key, v in ind.values.items()
                ]
        if value_rows:
            s.execute(insert(m.IndicatorValue), value_rows)
    return saved
