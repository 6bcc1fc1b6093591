"""Finding the table on a sheet and what each of its columns holds.

The header row is the first row of two or more cells followed by a row with a
figure; the table runs down to the first empty row; lines of text around it
are its caption and notes. Columns are recognised by meaning (see
``headers``), and the user may correct any of them before importing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import scrutiny_app.imports.indicators.headers as h
from scrutiny_app.imports.indicators.figures import Unreadable
from scrutiny_app.imports.indicators.model import ColumnRole
from scrutiny_app.imports.indicators.sheets import Cell, Sheet

ROLE_KINDS = ("ignore", "group", "name", "period", "value", "difference")


@dataclass
class Layout:
    header_row: int
    data_rows: list[int]
    roles: list[ColumnRole]
    texts: list[str] = field(default_factory=list)  # caption and notes, top to bottom

    @property
    def transposed(self) -> bool:
        """A row per period (month, year), a column per indicator."""
        return any(r.kind == "period" for r in self.roles)

    def of_kind(self, kind: str) -> list[ColumnRole]:
        return [r for r in self.roles if r.kind == kind]


def _figure_like(cell: Cell) -> bool:
    if cell.empty or isinstance(cell.value, (dt.date, dt.datetime)):
        return False
    try:
        return cell.figure.value is not None
    except Unreadable:
        return False


_NUMBERISH = re.compile(r"^[^A-Za-z]*\d[^A-Za-z]*$")


def _meant_as_figure(cell: Cell) -> bool:
    """A figure, or a try at one (digits and punctuation, no letters: "12..5", ",9536"), which is then reported
    if unreadable; a year or month labelling a row ("2023/24") is not one."""
    if _figure_like(cell) or isinstance(cell.value, (int, float)):
        return True
    return bool(_NUMBERISH.match(cell.text)) and h.row_period(cell.value) is None


def _texty(cells: list[Cell]) -> bool:
    """Mostly words (labels), not figures."""
    filled = [c for c in cells if not c.empty]
    if not filled:
        return False
    words = [c for c in filled if not _meant_as_figure(c) and c.text.lower() not in ("not available", "n/a")]
    return len(words) * 2 > len(filled)


def _headed_as_figures(header: str) -> bool:
    """A header naming a period or a difference: its column holds figures, whatever its cells hold.

    Read as text, such a column would vanish from the table (or become its names) without a word.
    """
    if not header or h.is_row_period_header(header) or h.is_name_header(header) or h.is_group_header(header):
        return False
    return h.is_difference(header) or h.named_period(header) is not None


def _filled(sheet: Sheet, row: int) -> list[Cell]:
    return [c for c in sheet.rows[row - 1] if not c.empty]


def _is_note(cells: list[Cell]) -> bool:
    return len(cells) == 1 and len(cells[0].text) > 40


def find_table(sheet: Sheet) -> tuple[int, list[int]] | None:
    """The header row and the data rows of the sheet's table, or None."""
    n = len(sheet.rows)
    for r in range(1, n):
        if len(_filled(sheet, r)) >= 2 and any(_figure_like(c) for c in sheet.rows[r]):
            data = []
            for d in range(r + 1, n + 1):
                cells = _filled(sheet, d)
                if not cells or _is_note(cells):
                    break
                data.append(d)
            return r, data
    return None


def _period_role(role: ColumnRole, period: h.Period) -> ColumnRole:
    role.kind, role.key, role.label, role.start, role.end = "value", period.key, period.label, period.start, period.end
    return role


def recognise(sheet: Sheet) -> Layout | None:
    """The layout of the sheet's table as the importer reads it, before any correction."""
    found = find_table(sheet)
    if found is None:
        return None
    header_row, data_rows = found
    roles: list[ColumnRole] = []
    text_cols: list[ColumnRole] = []
    for col in range(1, sheet.width + 1):
        header = sheet.cell(header_row, col).text
        cells = [sheet.cell(r, col) for r in data_rows]
        role = ColumnRole(col, header, "ignore")
        roles.append(role)
        if not header and all(c.empty for c in cells):
            continue
        if _texty(cells) and not _headed_as_figures(header):
            filled = [c for c in cells if not c.empty]
            if h.is_row_period_header(header) or (filled and all(h.row_period(c.value) for c in filled)):
                role.kind, role.label = "period", header
            else:
                text_cols.append(role)
        elif h.is_difference(header):
            role.kind, role.label, role.percent = "difference", header, "%" in header or "percent" in h.normal(header)
        elif period := h.named_period(header):
            _period_role(role, period)
        else:
            role.kind, role.key, role.label = "value", h.slug(header), header
    _name_text_columns(text_cols, roles)
    in_table = {header_row, *data_rows}  # a set: a list here made a 100,000-row sheet take a minute
    texts = [" ".join(c.text or str(c.value) for c in _filled(sheet, r))
             for r in range(1, len(sheet.rows) + 1) if r not in in_table and _filled(sheet, r)]
    return Layout(header_row, data_rows, roles, texts)


def _name_text_columns(text_cols: list[ColumnRole], roles: list[ColumnRole]) -> None:
    if not text_cols:
        return
    first_figure = min((r.col for r in roles if r.kind in ("value", "difference")), default=10**6)
    before = [r for r in text_cols if r.col < first_figure] or text_cols
    named = [r for r in before if h.is_name_header(r.header)]
    name = named[0] if named else before[-1]
    name.kind = "name"
    grouped = [r for r in before if r is not name and (h.is_group_header(r.header) or not r.header)]
    if grouped:
        grouped[0].kind = "group"


def resolve_differences(roles: list[ColumnRole]) -> dict[int, list[tuple[str, str]]]:
    """Set what each difference column compares where its header says; the rest get candidates.

    Returns, per undecided column, the comparisons to try against the figures.
    """
    values = [r for r in roles if r.kind == "value"]
    keys = [r.key for r in values]
    if not keys:
        return {}
    dated = [r for r in values if r.start]
    if h.CURRENT in keys:
        current = h.CURRENT
    elif dated:
        current = max(dated, key=lambda r: r.start).key
    else:
        current = keys[0]
    start = {r.key: r.start for r in values}
    undecided = {}
    used_keys = set(keys)
    for role in roles:
        if role.kind != "difference":
            continue
        if role.compares is None:
            named = [k for k in h.mentioned_periods(role.header, keys) if k != current]
            if len(named) >= 2 and all(start.get(k) for k in named[:2]):
                a, b = sorted(named[:2], key=lambda k: start[k], reverse=True)
                role.compares = (a, b)
            elif named:
                role.compares = (current, named[0])
            else:
                others = [k for k in keys if k != current]
                if len(others) == 1:
                    role.compares = (current, others[0])
                elif others:
                    undecided[role.col] = _candidates(current, keys)
        if not role.key:
            role.key = _difference_key(role, used_keys)
            used_keys.add(role.key)
    return undecided


def _candidates(current: str, keys: list[str]) -> list[tuple[str, str]]:
    """Likely comparisons for a bare "Difference" column, most likely first: the period before, then the first."""
    i = keys.index(current)
    order = ([keys[i - 1]] if i > 0 else []) + ([keys[i + 1]] if i + 1 < len(keys) else []) + keys
    seen = []
    for k in order:
        if k != current and k not in seen:
            seen.append(k)
    return [(current, k) for k in seen]


def _difference_key(role: ColumnRole, used: set[str]) -> str:
    other = role.compares[1] if role.compares else ""
    if role.percent and other == h.PREVIOUS:
        key = "pct_diff_previous"
    elif role.percent and other == h.LTA:
        key = "pct_diff_lta"
    else:
        key = "difference" if not other else f"diff_{other}"
    base, n = key, 2
    while key in used:
        key, n = f"{base}_{n}", n + 1
    return key
