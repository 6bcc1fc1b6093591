"""Reading one printed figure: "7,697", "43.5%", "1.8pp", "-4% points", "00:01:23", "Not available".

A figure keeps the text as printed beside the number read from it, and how
many decimals were printed (the rounding a recomputed difference is allowed).
A cell that looks like neither a number nor "no value" raises ``Unreadable``:
it is reported with its sheet and cell, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

NO_VALUE = {"", "not available", "n/a", "na", "n.a.", "not applicable", "-", "–", "—", "no data"}

COUNT, PERCENT, POINTS, SECONDS = "count", "percent", "percentage_points", "seconds"

_NUMBER = re.compile(
    r"""^(?P<sign>[+-]?)\s*
    (?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?\s*
    (?P<suffix>%\s*points?|%\s*pts?|pp|ppts?|percentage\s+points?|%)?$""",
    re.VERBOSE | re.IGNORECASE,
)
_QUOTED = re.compile(r'"([^"]*)"')
_TIME = re.compile(r"^(?P<sign>[+-]?)(?:(?P<h>\d+):)?(?P<m>\d{1,2}):(?P<s>\d{2}(?:\.\d+)?)$")


class Unreadable(ValueError):
    """The cell holds something that is not a figure."""


@dataclass(frozen=True)
class Figure:
    value: float | None  # None: printed as no value ("Not available", blank)
    unit: str  # count, percent, percentage_points, seconds; "" when no value
    as_printed: str
    decimals: int = 0  # printed decimals; sets the rounding allowed when checking
    explicit_unit: bool = False  # the unit was printed (a "%" or "pp"), not assumed

    @property
    def missing(self) -> bool:
        return self.value is None


def _clean(text: str) -> str:
    # Minus signs and spaces as Word and Excel paste them.
    return text.replace("\u2212", "-").replace("\u00a0", " ").replace("\u2009", " ").strip()


def _suffix_unit(suffix: str | None) -> str | None:
    if not suffix:
        return None
    s = suffix.lower().replace(" ", "")
    return PERCENT if s == "%" else POINTS


def parse_text(text: str) -> Figure:
    """A figure printed as text."""
    raw = text
    text = _clean(text)
    if text.lower() in NO_VALUE:
        return Figure(None, "", raw.strip())
    if match := _NUMBER.match(text):
        number = float(match["int"].replace(",", "") + (match["frac"] or ""))
        if match["sign"] == "-":
            number = -number
        unit = _suffix_unit(match["suffix"])
        decimals = len(match["frac"]) - 1 if match["frac"] else 0
        return Figure(number, unit or COUNT, raw.strip(), decimals, unit is not None)
    if match := _TIME.match(text):
        seconds = int(match["h"] or 0) * 3600 + int(match["m"]) * 60 + float(match["s"])
        return Figure(-seconds if match["sign"] == "-" else seconds, SECONDS, raw.strip(), 0, True)
    if text.startswith("="):
        raise Unreadable(f"'{raw.strip()}' is a formula without its result; open the file in Excel, save it "
                         "and import again (or type the figure)")
    raise Unreadable(f"'{raw.strip()}' is not a number")


@dataclass(frozen=True)
class _NumberFormat:
    decimals: int
    thousands: bool
    time: bool  # a time of day or duration, held as a fraction of a day
    percent: bool  # a true Excel percentage: 0.435 shown as 43.5%
    unit: str | None  # a unit printed as quoted text after the figure ("pp")


@lru_cache(maxsize=256)
def _number_format(fmt: str) -> _NumberFormat:
    """What a number format says about its figures; a workbook uses a handful, so each is read once."""
    bare = _QUOTED.sub("", fmt)  # the format without its quoted text
    body = bare.split(";")[0]
    decimals = len(re.match(r"[0#]*", body.split(".", 1)[1]).group(0)) if "." in body else 0
    quoted = "".join(_QUOTED.findall(fmt)).strip().lower()
    unit = _suffix_unit(quoted) if quoted in ("%", "pp", "ppts", "% points", "%points") else None
    return _NumberFormat(decimals, "," in bare, bool(re.search(r"[hs]", bare.lower())) and ":" in fmt, "%" in bare,
                         unit)


def _as_printed(number: float, decimals: int, thousands: bool, suffix: str) -> str:
    text = f"{number:,.{decimals}f}" if thousands else f"{number:.{decimals}f}"
    return text + suffix


def seconds_text(seconds: float) -> str:
    sign = "-" if seconds < 0 else ""
    seconds = round(abs(seconds))
    return f"{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def parse_cell(value, number_format: str = "General") -> Figure:
    """A figure from a spreadsheet cell: text, a number with its number format, or a time."""
    if value is None:
        return Figure(None, "", "")
    if isinstance(value, str):
        return parse_text(value)
    if isinstance(value, bool):
        raise Unreadable(f"'{value}' is not a number")
    if isinstance(value, dt.timedelta):
        seconds = value.total_seconds()
        return Figure(seconds, SECONDS, seconds_text(seconds), 0, True)
    if isinstance(value, dt.time):
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
        return Figure(seconds, SECONDS, seconds_text(seconds), 0, True)
    if isinstance(value, dt.datetime):
        raise Unreadable(f"the date {value:%d/%m/%Y} is not a figure")
    if not isinstance(value, (int, float)):
        raise Unreadable(f"'{value}' is not a number")
    fmt = number_format or "General"
    if fmt == "General":
        text = f"{value:g}" if isinstance(value, float) else str(value)
        decimals = len(text.split(".", 1)[1]) if "." in text else 0
        return Figure(float(value), COUNT, text, decimals)
    f = _number_format(fmt)
    if f.time:
        seconds = float(value) * 86400
        return Figure(seconds, SECONDS, seconds_text(seconds), 0, True)
    if f.percent:
        number = float(value) * 100
        return Figure(round(number, 10), PERCENT, _as_printed(number, f.decimals, f.thousands, "%"), f.decimals, True)
    suffix = {PERCENT: "%", POINTS: "pp"}.get(f.unit, "")
    return Figure(float(value), f.unit or COUNT, _as_printed(float(value), f.decimals, f.thousands, suffix), f.decimals,
                  f.unit is not None)
