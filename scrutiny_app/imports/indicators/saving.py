"""Writing imported tables to the database, all in one transaction.

Importing a table again for the same meeting replaces the table with the same
label ("Table 1"): its figures are the new ones, while what the officer set by
hand (target, direction, series key, the report it belongs to) is kept. A table
whose rows would come out exactly as held is left alone, so importing a
corrected workbook rewrites only the tables that changed. Rows are written in
bulk statements: an ORM flush per indicator made saving a large workbook slow.

``smaller_tables`` names the held tables a file would replace with fewer
figures, rows or columns, so the import can refuse to lose them in silence.
A figure that is not finite or is beyond ``FIGURE_LIMIT`` is never written,
whoever calls ``save_tables``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import delete, insert
from sqlmodel import select

from scrutiny_app.core import models as m
from scrutiny_app.core.indicators import FIGURE_LIMIT, series_key, sound
from scrutiny_app.core.store import Store
from scrutiny_app.errors import NotFound, UserError
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


# The columns that make up a table's content, in the order its content tuples hold them (ids left out).
TABLE_FIELDS = ("meeting_id", "report_id", "position", "number", "label", "caption", "objective", "layout",
                "date_range_note", "periods")
INDICATOR_FIELDS = ("position", "group", "name", "measure_type", "direction", "target", "series_key")
VALUE_FIELDS = ("value", "unit", "as_printed", "recomputed", "flag")


def _held(s, table_ids: list[int]) -> dict[int, tuple]:
    """The content of the tables being replaced, by table id, in the form ``_content`` gives a parsed table.

    Indicators come in the order they were saved: by position for every table this module saved (a table held
    in another order never compares equal, and is simply rewritten).
    """
    t, i, v = m.IndicatorTable.__table__, m.Indicator.__table__, m.IndicatorValue.__table__
    values: dict[int, dict] = defaultdict(dict)
    value_rows = select(v.c.indicator_id, v.c.period_key, *(v.c[k] for k in VALUE_FIELDS))
    held_indicators = select(i.c.id).where(i.c.table_id.in_(table_ids))
    for indicator_id, key, *fields in s.execute(value_rows.where(v.c.indicator_id.in_(held_indicators))):
        values[indicator_id][key] = tuple(fields)
    indicators: dict[int, list] = defaultdict(list)
    for id_, table_id, *fields in s.execute(select(i.c.id, i.c.table_id, *(i.c[k] for k in INDICATOR_FIELDS))
                                            .where(i.c.table_id.in_(table_ids)).order_by(i.c.id)):
        indicators[table_id].append((tuple(fields), values[id_]))
    return {id_: (tuple(fields), indicators[id_])
            for id_, *fields in s.execute(select(t.c.id, *(t.c[k] for k in TABLE_FIELDS)).where(t.c.id.in_(table_ids)))}


def _officer_settings(held: dict[int, tuple]) -> dict[tuple, tuple]:
    """What the officer set on the indicators of the tables being replaced (direction, target, series key: the
    last indicator fields), by (table id, group, name)."""
    group, name, direction = (INDICATOR_FIELDS.index(k) for k in ("group", "name", "direction"))
    return {(table_id, normal(fields[group] or ""), normal(fields[name])): fields[direction:]
            for table_id, (_, indicators) in held.items() for fields, _ in indicators}


def _content(parsed: ParsedTable, fields: tuple, kept: dict[tuple, tuple], held_id: int | None) -> tuple:
    """A parsed table as the rows to save: (table fields, [(indicator fields, {period: value fields})] by position).

    An indicator keeps what the officer set on it in the table held as ``held_id``.
    """
    label = fields[TABLE_FIELDS.index("label")]
    indicators = []
    for position, ind in enumerate(parsed.indicators):
        settings = (kept.get((held_id, normal(ind.group or ""), normal(ind.name)))
                    or (None, None, series_key(label, ind.group, ind.name)))
        values = {key: (v.figure.value, _unit(v, ind.measure_type), v.figure.as_printed, v.recomputed, v.flag)
                  for key, v in ind.values.items()}
        indicators.append(((position, ind.group, ind.name, ind.measure_type, *settings), values))
    return fields, indicators


def _delete_tables(s, table_ids: list[int]) -> None:
    """Through the tables: the ORM would fetch every deleted id to keep its session in step, and none is loaded."""
    if not table_ids:
        return
    indicators = select(m.Indicator.id).where(m.Indicator.table_id.in_(table_ids))
    s.execute(delete(m.IndicatorValue.__table__).where(m.IndicatorValue.indicator_id.in_(indicators)))
    s.execute(delete(m.Indicator.__table__).where(m.Indicator.table_id.in_(table_ids)))
    s.execute(delete(m.IndicatorTable.__table__).where(m.IndicatorTable.id.in_(table_ids)))


def _check_storable(contents: list[tuple]) -> None:
    """Refuse a figure no table holds (infinity, NaN, beyond the limit): the importer reports them by cell first,
    so this stops only a caller that skipped it."""
    label = TABLE_FIELDS.index("label")
    for fields, indicators in contents:
        for (_, group, name, *_), by_period in indicators:
            for key, (value, _unit, as_printed, recomputed, _flag) in by_period.items():
                if not (sound(value) and sound(recomputed)):
                    what = " / ".join(x for x in (fields[label], group, name, key) if x)
                    raise UserError(f"{what}: '{as_printed}' ({value!r}) cannot be stored: a figure must be a finite "
                                    f"number within ±{FIGURE_LIMIT:,.0f}. Nothing was imported.")


def _insert_contents(s, contents: list[tuple]) -> None:
    """Insert whole tables in three bulk statements: tables, then their indicators, then their values."""
    _check_storable(contents)
    table_ids = [id_ for id_, in _inserted(s, m.IndicatorTable, [dict(zip(TABLE_FIELDS, fields))
                                                                 for fields, _ in contents], "id", in_order=True)]
    indicator_rows, values = [], []
    for table_id, (_, indicators) in zip(table_ids, contents):
        for fields, by_period in indicators:
            indicator_rows.append(dict(zip(INDICATOR_FIELDS, fields), table_id=table_id))
            values.append(by_period)
    # A new table's indicators have one position each, so (table, position) names the new row.
    new = _inserted(s, m.Indicator, indicator_rows, "id", "table_id", "position")
    indicator_ids = {(table_id, position): id_ for id_, table_id, position in new}
    _inserted(s, m.IndicatorValue, [
        dict(zip(VALUE_FIELDS, fields), indicator_id=indicator_ids[row["table_id"], row["position"]], period_key=key)
        for row, by_period in zip(indicator_rows, values) for key, fields in by_period.items()])


def _labels(tables: list[ParsedTable]) -> list[str]:
    """The label each table is saved under: two sheets of one file with the same caption stay two tables, the
    second named by its sheet."""
    used: set[str] = set()
    labels = []
    for parsed in tables:
        label = parsed.label if parsed.label not in used else f"{parsed.label} ({parsed.sheet})"
        used.add(label)
        labels.append(label)
    return labels


def _existing(s, meeting_id: int) -> dict:
    t = m.IndicatorTable
    return {old.label: old for old in s.execute(select(t.id, t.label, t.position, t.report_id, t.caption,
                                                       t.objective).where(t.meeting_id == meeting_id))}


def _size(periods: list, rows: list[dict]) -> tuple[int, int, int]:
    """(figures, rows, columns) of a table: figures count the cells holding a number."""
    return sum(1 for by_period in rows for value in by_period.values() if value is not None), len(rows), len(periods)


def smaller_tables(store: Store, meeting_id: int, tables: list[ParsedTable]) -> list[str]:
    """A line for each held table that ``tables`` would replace with fewer figures, rows or columns."""
    with store.session() as s:
        existing = _existing(s, meeting_id)
        replaced = [(parsed, existing[label]) for parsed, label in zip(tables, _labels(tables)) if label in existing]
        held = _held(s, [old.id for _, old in replaced])
    periods = TABLE_FIELDS.index("periods")
    lines = []
    for parsed, old in replaced:
        fields, indicators = held[old.id]
        before = _size(fields[periods], [{k: v[0] for k, v in values.items()} for _, values in indicators])
        after = _size(parsed.periods, [{k: v.figure.value for k, v in ind.values.items()} for ind in parsed.indicators])
        if any(a < b for a, b in zip(after, before)):
            lines.append(f"{old.label} (sheet '{parsed.sheet}'): held with {before[0]} figures in {before[1]} rows and "
                         f"{before[2]} columns; this file has {after[0]} figures in {after[1]} rows and {after[2]} "
                         "columns")
    return lines


def save_tables(store: Store, meeting_id: int, tables: list[ParsedTable], report_id: int | None = None) -> Saved:
    """Save ``tables``, replacing (or, when nothing in them changed, leaving) those of the same label."""
    saved = Saved()
    with store.session() as s:
        existing = _existing(s, meeting_id)
        next_position = max((t.position for t in existing.values()), default=-1) + 1
        olds, fields = [], []
        for parsed, label in zip(tables, _labels(tables)):
            old = existing.pop(label, None)
            olds.append(old)
            if old is not None:
                saved.replaced += 1
            else:
                saved.added += 1
            fields.append((
                meeting_id,
                report_id if report_id is not None else (old.report_id if old else None),
                old.position if old else next_position,
                parsed.number,
                label,
                parsed.caption or (old.caption if old else ""),
                old.objective if old else None,
                parsed.layout,
                parsed.date_range_note,
                parsed.periods,
            ))
            if old is None:
                next_position += 1
        held = _held(s, [old.id for old in olds if old is not None])
        kept = _officer_settings(held)
        changed, contents = [], []
        for parsed, old, table_fields in zip(tables, olds, fields):
            content = _content(parsed, table_fields, kept, old.id if old else None)
            if old is None or held[old.id] != content:
                if old is not None:
                    changed.append(old.id)
                contents.append(content)
        _delete_tables(s, changed)
        _insert_contents(s, contents)
    return saved
