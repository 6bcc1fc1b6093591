"""What the importer found in a file, before anything is written to the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from scrutiny_app.imports.indicators.figures import Figure

FLAG, ERROR = "flag", "error"


@dataclass(frozen=True)
class Problem:
    sheet: str
    cell: str
    kind: str  # FLAG: a printed difference disagrees; ERROR: a cell cannot be read
    message: str

    def line(self) -> str:
        return f"Sheet '{self.sheet}', cell {self.cell}: {self.message}"


@dataclass
class ColumnRole:
    """What one column of a table holds, recognised from its header or set by the user."""

    col: int
    header: str
    kind: str  # ignore, group, name, period (a row per period), value, difference
    key: str = ""
    label: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    compares: tuple[str, str] | None = None
    percent: bool = False  # a difference column headed as a percentage

    def period(self) -> dict:
        """The column as an IndicatorTable period."""
        return {
            "key": self.key,
            "label": self.label or self.header,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "kind": "difference" if self.kind == "difference" else "value",
            "compares": list(self.compares) if self.compares else None,
        }


@dataclass
class ParsedValue:
    figure: Figure
    cell: str
    row: int  # the sheet row it came from
    recomputed: float | None = None
    flag: str | None = None


@dataclass
class ParsedIndicator:
    group: str | None
    name: str
    measure_type: str
    values: dict[str, ParsedValue] = field(default_factory=dict)


@dataclass
class ParsedTable:
    sheet: str
    label: str
    number: int | None
    caption: str
    layout: str
    date_range_note: str | None
    periods: list[dict]
    indicators: list[ParsedIndicator]
    roles: list[ColumnRole]
    data_rows: list[int]  # the sheet rows holding figures
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unreadable_rows: set[int] = field(default_factory=set)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.kind == ERROR]

    @property
    def flags(self) -> list[Problem]:
        return [p for p in self.problems if p.kind == FLAG]

    def readable(self) -> "ParsedTable":
        """The table without the printed rows that hold an unreadable cell."""
        bad = self.unreadable_rows
        indicators = []
        for ind in self.indicators:
            values = {k: v for k, v in ind.values.items() if v.row not in bad}
            if values:
                indicators.append(replace(ind, values=values))
        used = {k for ind in indicators for k in ind.values}
        periods = [p for p in self.periods if p["kind"] == "difference" or p["key"] in used]
        return replace(self, indicators=indicators, periods=periods,
                       data_rows=[r for r in self.data_rows if r not in bad], unreadable_rows=set())
