"""Reading one sheet into a checked table: figures, groups, caption, date ranges and flags."""

from __future__ import annotations

import re
from dataclasses import replace

import scrutiny_app.imports.indicators.headers as h
from scrutiny_app.imports.indicators.blocks import assign_groups
from scrutiny_app.imports.indicators.checking import PERCENTAGE, verdict
from scrutiny_app.imports.indicators.figures import PERCENT, SECONDS, Unreadable
from scrutiny_app.imports.indicators.layout import Layout, recognise, resolve_differences
from scrutiny_app.imports.indicators.model import ERROR, FLAG, ColumnRole, ParsedIndicator, ParsedTable, ParsedValue, Problem
from scrutiny_app.imports.indicators.row_differences import DIFFERENCE, check_row_differences, compared_column
from scrutiny_app.imports.indicators.sheets import Sheet

_CAPTION = re.compile(r"^(table|figure|chart)\s*(\d+)\s*[:.\-–—]?\s*(.*)$", re.IGNORECASE | re.DOTALL)
_RANGE_NOTE = re.compile(r"date range for (?:the )?(.+?) is (\d{1,2}/\d{1,2}/\d{4}\s*-\s*\d{1,2}/\d{1,2}/\d{4})",
                         re.IGNORECASE)


def measure_type(name: str, values: list[ParsedValue]) -> str:
    units = {v.figure.unit for v in values if v.figure.explicit_unit}
    if PERCENT in units or name.strip().startswith("%") or "percent" in name.lower():
        return PERCENTAGE
    return "seconds" if SECONDS in units or "second" in name.lower() else "count"


class _Reader:
    def __init__(self, sheet: Sheet, layout: Layout):
        self.sheet, self.layout = sheet, layout
        self.problems: list[Problem] = []
        self.unreadable: set[int] = set()

    def figure(self, row: int, role: ColumnRole, what: str) -> ParsedValue | None:
        cell = self.sheet.cell(row, role.col)
        try:
            if merged := self.sheet.merged.get((row, role.col)):
                raise Unreadable(f"the cell is part of the merged cells {merged}; a figure needs a cell of its own")
            return ParsedValue(cell.figure, cell.coord, row)
        except Unreadable as exc:
            self.problems.append(Problem(self.sheet.name, cell.coord, ERROR, f"{what}, {role.label or role.header}: {exc}"))
            self.unreadable.add(row)
            return None

    def by_row(self) -> list[ParsedIndicator]:
        """A row per indicator, a column per period or difference."""
        name_role = next(iter(self.layout.of_kind("name")), None)
        group_role = next(iter(self.layout.of_kind("group")), None)
        figure_roles = self.layout.of_kind("value") + self.layout.of_kind("difference")
        indicators, labels = [], []
        for row in self.layout.data_rows:
            name = self.sheet.cell(row, name_role.col).text if name_role else f"Row {row}"
            values = {}
            for role in figure_roles:
                if (v := self.figure(row, role, name or f"row {row}")) is not None and not (v.figure.missing and not v.figure.as_printed):
                    values[role.key] = v
            indicators.append(ParsedIndicator(None, name, "count", values))
            labels.append(self.sheet.cell(row, group_role.col).text if group_role else None)
        for ind in indicators:
            ind.measure_type = measure_type(ind.name, [ind.values[r.key] for r in self.layout.of_kind("value") if r.key in ind.values])
        groups, odd_labels = assign_groups(labels, [i.name for i in indicators])
        for ind, group in zip(indicators, groups):
            ind.group = group
        self.notes = [f"{self.sheet.cell(self.layout.data_rows[i], group_role.col).coord}: group label '{label}' "
                      f"read as '{group}', printed earlier in its block" for i, label, group in odd_labels]
        return indicators

    def by_period(self) -> tuple[list[ParsedIndicator], list[ColumnRole]]:
        """A row per month or year, a column per indicator."""
        period_role = self.layout.of_kind("period")[0]
        periods: list[ColumnRole] = []
        rows = []
        for row in self.layout.data_rows:
            cell = self.sheet.cell(row, period_role.col)
            period = h.row_period(cell.value)
            if period is None:
                self.problems.append(Problem(self.sheet.name, cell.coord, ERROR,
                                             f"'{cell.text or cell.value}' is not a month or a year"))
                self.unreadable.add(row)
                continue
            periods.append(ColumnRole(period_role.col, cell.text, "value", period.key, period.label, period.start, period.end))
            rows.append((row, period.key))
        value_roles = self.layout.of_kind("value")
        by_col: dict[int, ParsedIndicator] = {}
        for role in value_roles + self.layout.of_kind("difference"):
            values = {}
            for row, key in rows:
                if (v := self.figure(row, role, key)) is not None:
                    values[key] = v
            if role.kind == "value":
                by_col[role.col] = ParsedIndicator(None, role.header, measure_type(role.header, list(values.values())),
                                                   values)
            elif compared := compared_column(role, value_roles):
                of = by_col[compared.col]
                by_col[role.col] = ParsedIndicator(None, f"{role.header or 'Difference'} ({of.name})", DIFFERENCE, values)
                self.problems += check_row_differences(self.sheet.name, by_col[role.col], of, role, periods)
        self.notes = []
        return [by_col[col] for col in sorted(by_col)], periods


def _check(sheet: str, indicators: list[ParsedIndicator], role: ColumnRole, record: bool) -> int:
    """Recompute one difference column; returns how many printed figures agree."""
    agreeing = 0
    problems = []
    for ind in indicators:
        printed = ind.values.get(role.key)
        a, b = (ind.values.get(k) for k in role.compares)
        if printed is None or printed.figure.missing or a is None or b is None or a.figure.missing or b.figure.missing:
            continue
        value, flag = verdict(printed.figure, a.figure, b.figure, ind.measure_type, role.percent)
        if flag is None:
            agreeing += 1
        if not record:
            continue
        printed.recomputed = None if value is None else round(value, 6)
        if flag is not None:
            what = " / ".join(x for x in (ind.group, ind.name) if x)
            printed.flag = flag
            problems.append(Problem(sheet, printed.cell, FLAG,
                                    f"{what}, {role.label}: printed {printed.figure.as_printed}, {printed.flag}"))
    return agreeing if not record else problems


def _caption(layout: Layout, sheet: Sheet) -> tuple[str, int | None, str, str | None]:
    label, number, caption, note = sheet.name, None, "", None
    for text in layout.texts:
        if m := _CAPTION.match(text):
            label = f"{m[1].capitalize()} {m[2]}"
            number = int(m[2]) if m[1].lower() == "table" else None
            caption = m[3].strip()
        elif "date range" in text.lower():
            note = text
        elif not caption:
            caption = text
    return label, number, caption, note


def _dates_from_note(note: str | None, roles: list[ColumnRole]) -> None:
    for m in _RANGE_NOTE.finditer(note or ""):
        named, dates = h.named_period(m[1]), h.date_range(m[2])
        for role in roles:
            if named and dates and role.kind == "value" and role.key == named.key:
                role.start, role.end = dates.start, dates.end


def parse_sheet(sheet: Sheet, corrections: dict[int, ColumnRole] | None = None) -> ParsedTable | None:
    """The sheet's table, checked; None when the sheet holds no table.

    ``corrections`` replace the recognised role of a column (by column number).
    """
    layout = recognise(sheet)
    if layout is None:
        return None
    if corrections:
        layout.roles = [replace(corrections[r.col], col=r.col, header=r.header) if r.col in corrections else r
                        for r in layout.roles]
    label, number, caption, note = _caption(layout, sheet)
    _dates_from_note(note, layout.roles)
    reader = _Reader(sheet, layout)
    notes: list[str] = []
    if layout.transposed:
        indicators, period_roles = reader.by_period()
        periods = [r.period() for r in period_roles]
        kinds = {p["key"][:3] for p in periods}
        table_layout = "annual" if kinds == {"fy_"} else "monthly"
        if not note and periods:
            note = f"{periods[0]['label']} - {periods[-1]['label']} (one row per {'year' if table_layout == 'annual' else 'month'})"
    else:
        undecided = resolve_differences(layout.roles)
        indicators = reader.by_row()
        for col, candidates in undecided.items():
            role = next(r for r in layout.roles if r.col == col)
            scores = [_check(sheet.name, indicators, replace(role, compares=c), record=False) for c in candidates]
            role.compares = candidates[scores.index(max(scores))]
            labels = {r.key: r.label for r in layout.of_kind("value")}
            notes.append(f"column '{role.header}' read as {labels[role.compares[0]]} against {labels[role.compares[1]]}"
                         f" (agrees on {max(scores)} rows)")
        problems = []
        for role in layout.of_kind("difference"):
            if role.compares:
                problems += _check(sheet.name, indicators, role, record=True)
        reader.problems += problems
        periods = [r.period() for r in layout.roles if r.kind in ("value", "difference")]
        keys = {p["key"] for p in periods}
        if h.CURRENT in keys and keys & {h.PREVIOUS, h.LTA}:
            table_layout = "last12_previous12_lta"
        elif any(k.startswith("fy_") for k in keys):
            table_layout = "annual"
        else:
            table_layout = "period_comparison"
    notes += reader.notes
    return ParsedTable(
        sheet=sheet.name, label=label, number=number, caption=caption, layout=table_layout,
        date_range_note=note, periods=periods, indicators=indicators, roles=layout.roles,
        data_rows=layout.data_rows, problems=sorted(reader.problems, key=lambda p: (p.kind, _cell_order(p.cell))),
        notes=notes, unreadable_rows=reader.unreadable,
    )


def _cell_order(coord: str) -> tuple[int, str]:
    m = re.match(r"([A-Z]+)(\d+)", coord)
    return (int(m[2]), m[1]) if m else (0, coord)
