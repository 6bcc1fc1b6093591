"""Reading a returned action tracker: the Constabulary's updates, checked before anything is saved.

``read_returned_tracker`` only reads; it returns a plan of the changes the file
asks for and the problems it has, each with its sheet and row. ``apply_plan``
records the changes as new history entries in one transaction: all of them, or
only the valid rows when the user says so, never some by accident. An update
already recorded (the latest one, or one from an earlier returned file) is not
added again, so importing the same file twice changes nothing.

The file is measured first (``bounds``) and only the rows that really hold
values are read: a ``<dimension>`` claiming fewer rows hides none of them, and
one claiming the whole sheet costs nothing.

A tracker the app wrote comes back as it went out: text is compared as the
export wrote it (control characters dropped, an over-long cell cut) and read
back (a carriage return arrives as Excel's escape ``_x000D_``), so only a
real edit is a problem. A formula Excel never calculated reads as empty; it is
reported by sheet and row instead of being taken for a blank cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, update
from sqlmodel import select

from scrutiny_app.core import models as m
from scrutiny_app.core.actions import check_status, now
from scrutiny_app.core.formats import (
    DESCRIPTION, EXCEL_CELL_LIMIT, NUMBER, SERIES, STATUS, TRACKER_SHEETS, UPDATE, cell_text, clean_text,
)
from scrutiny_app.core.queries import ActionRow, action_rows
from scrutiny_app.core.store import Store
from scrutiny_app.errors import UserError
from scrutiny_app.imports.bounds import DAMAGED, Extent, column_letter, extent_of, rows_within
from scrutiny_app.imports.indicators.sheets import uncalculated_formulas
from scrutiny_app.imports.workbook_scan import measure_workbook

# Excel's escape for a control character in a cell's XML (_x000D_ for a carriage return), which openpyxl leaves.
_ESCAPED_CONTROL = re.compile(r"_x00([01][0-9A-Fa-f])_")

IMPORT_SOURCE = "import: "


@dataclass(frozen=True)
class Problem:
    sheet: str | None
    row: int | None
    message: str

    def __str__(self) -> str:
        if self.sheet is None:
            return f"the workbook: {self.message}"
        where = f"sheet '{self.sheet}'" + (f", row {self.row}" if self.row else "")
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Change:
    sheet: str
    row: int
    action_id: int
    number: int
    old_status: str
    status: str
    text: str

    def __str__(self) -> str:
        status = self.status if self.status == self.old_status else f"{self.old_status} → {self.status}"
        return f"sheet '{self.sheet}', row {self.row}: action {self.number} ({status}): {self.text}"


@dataclass
class ImportPlan:
    path: Path
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    already_recorded: int = 0  # rows whose update is in the history already

    @property
    def source(self) -> str:
        return f"{IMPORT_SOURCE}{self.path.name}"


def _unescaped(text: str) -> str:
    return _ESCAPED_CONTROL.sub(lambda found: chr(int(found[1], 16)), text)


def _folded(text: str) -> str:
    return " ".join(text.split())


def _as_exported(text: str | None) -> str:
    """``text`` as a tracker the app wrote holds it once read back here, spaces folded: for comparing."""
    return _folded(_unescaped(cell_text(text or "")))


def _text(value) -> str:
    """A cell's text as typed: Excel's escapes undone, characters no cell holds dropped, ends trimmed."""
    return "" if value is None else clean_text(_unescaped(str(value))).strip()


def _number(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = _text(value)
    return int(text) if text.isdigit() else None


def _status(value) -> str | None:
    text = _text(value).lower()
    return next((s for s in m.ACTION_STATUSES if s.lower() == text), None)


class _Checker:
    """Everything the rows are checked against, loaded once (no query per row)."""

    def __init__(self, store: Store, plan: ImportPlan):
        self.plan = plan
        with store.session() as s:
            self.series = {_as_exported(x.name): x.id for x in s.exec(select(m.MeetingSeries)).all()}
            deleted = s.exec(select(m.Action.series_id, m.Action.number).where(m.Action.deleted == True)).all()  # noqa: E712
            rows = action_rows(store, session=s)
        self.deleted = set(map(tuple, deleted))
        self.rows: dict[tuple[int, int], ActionRow] = {(r.action.series_id, r.action.number): r for r in rows}
        self.seen: dict[tuple[int, int], str] = {}

    def problem(self, sheet: str | None, row: int | None, message: str) -> None:
        self.plan.problems.append(Problem(sheet, row, message))

    def columns(self, sheet: str, header) -> dict[str, int] | None:
        found = {_text(v): i for i, v in enumerate(header or ()) if _text(v)}
        required = [NUMBER, DESCRIPTION, STATUS, UPDATE] + ([SERIES] if len(self.series) > 1 else [])
        missing = [name for name in required if name not in found]
        if missing:
            names = ", ".join(f"'{x}'" for x in missing)
            self.problem(sheet, 1, f"no {names} column{'s' if len(missing) > 1 else ''} in the header row; "
                                   "the first row must keep the tracker's column names")
            return None
        return found

    def _series_id(self, sheet: str, r: int, value) -> int | None:
        name = _text(value)
        if not name and len(self.series) == 1:
            return next(iter(self.series.values()))
        if _folded(name) not in self.series:
            self.problem(sheet, r, f"'{name}' is not a meeting series in this database")
            return None
        return self.series[_folded(name)]

    def uncalculated(self, sheet: str, r: int, cells: tuple, formulas: dict[int, str], col: dict[str, int]) -> bool:
        """Report the row's formulas that have no value Excel calculated; True if there were any."""
        names = {i: name for name, i in col.items()}
        found = [(names[i], i, formula) for i, formula in sorted(formulas.items())
                 if i in names and (i >= len(cells) or cells[i] is None)]
        for name, i, formula in found:
            self.problem(sheet, r, f"the {name} cell ({column_letter(i + 1)}{r}) holds the formula {formula[:60]!r} "
                                   "with no value calculated; open the file in Excel, save it and import it again "
                                   "(or type the text)")
        return bool(found)

    def row(self, sheet: str, r: int, cells: tuple, col: dict[str, int]) -> None:
        def cell(name):
            i = col.get(name)
            return cells[i] if i is not None and i < len(cells) else None

        number = _number(cell(NUMBER))
        if number is None:
            self.problem(sheet, r, f"'{_text(cell(NUMBER))}' in column {NUMBER} is not an action number")
            return
        series_id = self._series_id(sheet, r, cell(SERIES))
        if series_id is None:
            return
        key = (series_id, number)
        if key not in self.rows:
            why = "was deleted in Scrutiny" if key in self.deleted else "is not in this database"
            self.problem(sheet, r, f"action {number} {why}")
            return
        if key in self.seen:
            self.problem(sheet, r, f"action {number} is also on {self.seen[key]}")
            return
        self.seen[key] = f"sheet '{sheet}', row {r}"
        row = self.rows[key]
        action = row.action
        problems = len(self.plan.problems)
        if _as_exported(_text(cell(DESCRIPTION))) != _as_exported(action.description):
            self.problem(sheet, r, f"the description of action {number} was changed; descriptions are changed "
                                   "in Scrutiny, not in the returned tracker")
        status = _status(cell(STATUS))
        if status is None:
            self.problem(sheet, r, f"'{_text(cell(STATUS))}' is not a status; use one of {', '.join(m.ACTION_STATUSES)}")
        text = _text(cell(UPDATE))
        if len(text) > EXCEL_CELL_LIMIT:
            self.problem(sheet, r, f"the {UPDATE} of action {number} is {len(text):,} characters long; "
                                   f"a cell holds at most {EXCEL_CELL_LIMIT:,}")
        if status is not None and not text and status != action.status:
            self.problem(sheet, r, f"the status of action {number} was changed from {action.status} to {status} "
                                   f"but the {UPDATE} column is blank; an update must say why")
        if len(self.plan.problems) > problems or not text:
            return
        recorded = {(u.text, u.status) for u in row.updates if u.source.startswith(IMPORT_SOURCE)}
        if row.latest is not None:
            recorded.add((row.latest.text, row.latest.status))
        if (text, status) in recorded:
            self.plan.already_recorded += 1
            return
        self.plan.changes.append(Change(sheet, r, action.id, number, action.status, status, text))


def read_returned_tracker(store: Store, path: Path | str) -> ImportPlan:
    """Check a returned tracker against the database; nothing is written."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    try:
        extents = measure_workbook(path)
        wb = load_workbook(path, read_only=True, data_only=True)
    except (OSError, InvalidFileException, SyntaxError, *DAMAGED) as exc:
        raise UserError(f"{path} cannot be read as an Excel workbook ({exc}); nothing was imported.") from exc
    plan = ImportPlan(path)
    checker = _Checker(store, plan)
    formulas = _formulas_by_row(path, extents)
    name = None
    try:
        sheets = [name for name in TRACKER_SHEETS if name in wb.sheetnames]
        if not sheets:
            checker.problem(None, None, f"no sheet called {' or '.join(repr(x) for x in TRACKER_SHEETS)}; "
                                        "is this the tracker Scrutiny exported?")
        for name in sheets:
            rows = rows_within(wb[name], extent_of(extents, path.name, name), values_only=True)
            col = checker.columns(name, next(rows, None))
            if col is None:
                continue
            for r, cells in enumerate(rows, start=2):
                if formulas and checker.uncalculated(name, r, cells, formulas.get((name, r), {}), col):
                    continue
                if any(_text(v) for v in cells):
                    checker.row(name, r, cells, col)
    except SyntaxError as exc:  # the sheet's XML, read row by row: most often a control character in a cell
        raise UserError(f"{path.name}: sheet '{name}' cannot be read ({exc}); it may hold a control character. "
                        "Open it in Excel, save it again and import it; nothing was imported.") from exc
    except DAMAGED as exc:
        raise UserError(f"{path.name}: sheet '{name}' is damaged ({type(exc).__name__}: {str(exc)[:200]}). "
                        "Open it in Excel, save it again and import it; nothing was imported.") from exc
    finally:
        wb.close()
    return plan


def _formulas_by_row(path: Path, extents: dict[str, Extent]) -> dict[tuple[str, int], dict[int, str]]:
    """The workbook's formulas that have no calculated value, as {(sheet, row): {column index: formula}}."""
    from openpyxl.utils.cell import coordinate_to_tuple

    by_row: dict[tuple[str, int], dict[int, str]] = {}
    for (sheet, coord), formula in uncalculated_formulas(path, extents).items():
        row, col = coordinate_to_tuple(coord)
        by_row.setdefault((sheet, row), {})[col - 1] = str(formula)
    return by_row


def apply_plan(store: Store, plan: ImportPlan, *, valid_only: bool = False) -> int:
    """Record the plan's changes as updates dated now; returns how many were recorded.

    A plan with problems is refused unless ``valid_only``; then the rows
    without problems are applied (problem rows never made it into the plan).
    """
    if plan.problems and not valid_only:
        raise UserError(f"{len(plan.problems)} problem(s) in {plan.path.name}; nothing was imported.")
    if not plan.changes:
        return 0
    when = now()
    with store.session() as s:
        s.execute(insert(m.ActionUpdate), [
            {"action_id": c.action_id, "meeting_id": None, "recorded_at": when, "text": c.text,
             "status": check_status(c.status), "source": plan.source}
            for c in plan.changes
        ])
        for status in {c.status for c in plan.changes}:
            ids = [c.action_id for c in plan.changes if c.status == status]
            s.execute(update(m.Action).where(m.Action.id.in_(ids)).values(status=status))
    return len(plan.changes)
