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


def _inserted(s, model, rows: list[dict], *returning: str, in_order: bool = False) -> list[tuple]:
    """Insert ``rows`` through the model's table, returning the named columns of each new row.

    Through the table, not the ORM entity: the ORM's bulk insert leaves out None
    values, which splits the rows into many small statements. ``in_order`` makes
    the result follow ``rows``, which SQLite can only give by inserting one row
    at a time: kept for the few tables, while indicators are told apart by a key.
    """
    if not rows:
        return []
    table = model.__table__
    columns = [table.c[name] for name in returning]
    statement = insert(table).returning(*columns, sort_by_parameter_order=in_order) if columns else insert(table)
    result = s.execute(statement, rows)
    return [tuple(row) for row in result] if columns else []


def _officer_settings(s, table_ids: list[int]) -> dict[tuple, tuple]:
    """What the officer set on the indicators of the tables being replaced, by (table id, group, name)."""
    rows = s.execute(select(m.Indicator.table_id, m.Indicator.group, m.Indicator.name, m.Indicator.direction,
                            m.Indicator.target, m.Indicator.series_key)
                     .where(m.Indicator.table_id.in_(table_ids)).order_by(m.Indicator.id))
    return {(table_id, normal(group or ""), normal(name)): kept for table_id, group, name, *kept in rows}


def _delete_tables(s, table_ids: list[int]) -> None:
    """Through the tables: the ORM would fetch every deleted id to keep its session in step, and none is loaded."""
    indicators = select(m.Indicator.id).where(m.Indicator.table_id.in_(table_ids))
    s.execute(delete(m.IndicatorValue.__table__).where(m.IndicatorValue.indicator_id.in_(indicators)))
    s.execute(delete(m.Indicator.__table__).where(m.Indicator.table_id.in_(table_ids)))
    s.execute(delete(m.IndicatorTable.__table__).where(m.IndicatorTable.id.in_(table_ids)))


def save_tables(store: Store, meeting_id: int, tables: list[ParsedTable], report_id: int | None = None) -> Saved:
    """Save ``tables`` in a few bulk statements (one per kind of row), replacing those of the same label."""
    saved = Saved()
    with store.session() as s:
        t = m.IndicatorTable
        existing = {old.label: old for old in s.execute(select(t.id, t.label, t.position, t.report_id, t.caption,
                                                               t.objective).where(t.meeting_id == meeting_id))}
        next_position = max((t.position for t in existing.values()), default=-1) + 1
        table_rows, olds = [], []
        labels_used: set[str] = set()
        for parsed in tables:
            # Two sheets of one file with the same caption stay two tables: the second is named by its sheet.
            label = parsed.label if parsed.label not in labels_used else f"{parsed.label} ({parsed.sheet})"
            labels_used.add(label)
            old = existing.pop(label, None)
            olds.append(old)
            if old is not None:
                saved.replaced += 1
            else:
                saved.added += 1
            table_rows.append(dict(
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
            ))
            if old is None:
                next_position += 1
        old_ids = [old.id for old in olds if old is not None]
        kept = _officer_settings(s, old_ids)
        _delete_tables(s, old_ids)
        table_ids = [id_ for id_, in _inserted(s, m.IndicatorTable, table_rows, "id", in_order=True)]
        indicator_rows, indicators = [], []
        for parsed, old, table_id, row in zip(tables, olds, table_ids, table_rows):
            for position, ind in enumerate(parsed.indicators):
                before = kept.get((old.id if old else None, normal(ind.group or ""), normal(ind.name)))
                direction, target, key = before or (None, None, series_key(row["label"], ind.group, ind.name))
                indicator_rows.append(dict(table_id=table_id, position=position, group=ind.group, name=ind.name,
                                           measure_type=ind.measure_type, direction=direction, target=target,
                                           series_key=key))
                indicators.append(ind)
        # A new table's indicators have one position each, so (table, position) names the new row.
        new = _inserted(s, m.Indicator, indicator_rows, "id", "table_id", "position")
        indicator_ids = {(table_id, position): id_ for id_, table_id, position in new}
        value_rows = [
            {"indicator_id": indicator_ids[row["table_id"], row["position"]], "period_key": key,
             "value": v.figure.value, "unit": _unit(v, ind.measure_type), "as_printed": v.figure.as_printed,
             "recomputed": v.recomputed, "flag": v.flag}
            for row, ind in zip(indicator_rows, indicators)
            for key, v in ind.values.items()
        ]
        _inserted(s, m.IndicatorValue, value_rows)
    return saved
