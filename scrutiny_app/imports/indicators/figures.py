"""Reading one printed figure: "7,697", "43.5%", "1.8pp", "-4% points", "00:01:23", "Not available".

A figure keeps the text as printed beside the number read from it, and how
many decimals were printed (the rounding a recomputed difference is allowed).
A cell that looks like neither a number nor "no value" raises ``Unreadable``:
it is reported with its sheet and cell, never guessed.

Numbers pasted from Word, web pages and other locales are read as the figures
they show: spaces of any width as thousands separators ("1 490" with a
non-breaking, narrow or thin space), full-width and Arabic-Indic digits, the
minus sign and dashes before a number, "(1,490)" as an accountant's negative.
A figure that is not finite or is beyond ±1e15 (``FIGURE_LIMIT``) is refused:
no table holds such a number, and it would break every sum and chart after.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from scrutiny_app.core.indicators import FIGURE_LIMIT

NO_VALUE = {"", "not available", "n/a", "na", "n.a.", "not applicable", "-", "–", "—", "no data"}

COUNT, PERCENT, POINTS, SECONDS = "count", "percent", "percentage_points", "seconds"

_NUMBER = re.compile(
    r"""^(?P<sign>[+-]?)\s*
    (?P<int>\d{1,3}(?P<sep>[, ])\d{3}(?:(?P=sep)\d{3})*|\d+)(?P<frac>\.\d+)?(?:e(?P<exp>[+-]?\d{1,5}))?\s*
    (?P<suffix>%\s*points?|%\s*pts?|pp|ppts?|percentage\s+points?|%)?$""",
    re.VERBOSE | re.IGNORECASE | re.ASCII,
)
# Characters that stand for ASCII ones in figures pasted from elsewhere (the rest: see ``_ascii_char``).
_LOOKALIKES = {
    "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\ufe63": "-", "\u207b": "-",
    "\u066b": ".", "\u066c": ",", "\u066a": "%",
}
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


def _ascii_char(ch: str) -> str:
    if ch in _LOOKALIKES:
        return _LOOKALIKES[ch]
    if (digit := unicodedata.decimal(ch, None)) is not None:  # full-width, Arabic-Indic, Devanagari... digits
        return str(digit)
    category = unicodedata.category(ch)
    if category == "Zs":  # non-breaking, narrow, thin, figure spaces
        return " "
    if category == "Cf":  # zero-width spaces and the direction marks around right-to-left figures
        return ""
    if "\uff01" <= ch <= "\uff5e":  # full-width punctuation: ％ ， ． －
        return chr(ord(ch) - 0xFEE0)
    return ch


def _clean(text: str) -> str:
    """The text with look-alike characters as the ASCII ones they stand for."""
    if not text.isascii():
        text = "".join(map(_ascii_char, text))
    return " ".join(text.split())


def _shown(raw: str) -> str:
    """``raw`` short enough to quote in a message."""
    return raw if len(raw) <= 24 else f"{raw[:12]}…{raw[-6:]} ({len(raw):,} characters)"


_LIMIT = f"±{FIGURE_LIMIT:,.0f}, the largest figure held"


def _checked(number: float, raw: str) -> float:
    """``number`` if it can be a figure; raises ``Unreadable`` naming the limit and the figure otherwise."""
    if math.isnan(number):
        raise Unreadable(f"'{_shown(raw)}' is not a number (NaN)")
    if math.isinf(number):
        raise Unreadable(f"'{_shown(raw)}' is infinite, beyond {_LIMIT}")
    if abs(number) > FIGURE_LIMIT:
        raise Unreadable(f"'{_shown(raw)}' is beyond {_LIMIT}")
    return number + 0.0  # -0.0 is 0


def _suffix_unit(suffix: str | None) -> str | None:
    if not suffix:
        return None
    s = suffix.lower().replace(" ", "")
    return PERCENT if s == "%" else POINTS


def parse_text(text: str) -> Figure:
    """A figure printed as text."""
    raw = text.strip()
    text = _clean(text)
    if text.lower() in NO_VALUE:
        return Figure(None, "", raw)
    negative = text.startswith("(") and text.endswith(")")  # an accountant's negative: (1,490)
    if negative:
        text = text[1:-1].strip()
    if (match := _NUMBER.match(text)) and not (negative and match["sign"]):
        digits = match["int"].replace(",", "").replace(" ", "") + (match["frac"] or "")
        exponent = int(match["exp"] or 0)
        number = float(f"{digits}e{exponent}")
        if number == 0 and digits.strip("0.") and exponent < 0:
            raise Unreadable(f"'{_shown(raw)}' is too small to hold (it would be read as 0)")
        if match["sign"] == "-" or negative:
            number = -number
        unit = _suffix_unit(match["suffix"])
        decimals = (len(match["frac"]) - 1 if match["frac"] else 0) - exponent
        return Figure(_checked(number, raw), unit or COUNT, raw, max(decimals, 0), unit is not None)
    if (match := _TIME.match(text)) and not negative:
        seconds = int(match["h"] or 0) * 3600 + int(match["m"]) * 60 + float(match["s"])
        return Figure(_checked(-seconds if match["sign"] == "-" else seconds, raw), SECONDS, raw, 0, True)
    if text.startswith("="):
        raise Unreadable(f"'{_shown(raw)}' is a formula without its result; open the file in Excel, save it "
                         "and import again (or type the figure)")
    raise Unreadable(f"'{_shown(raw)}' is not a number")


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
    figure = _parse_cell(value, number_format)
    if figure.value is not None and not isinstance(value, str):  # a format may scale it past the limit (0.0%)
        _checked(figure.value, figure.as_printed)
    return figure


def _parse_cell(value, number_format: str) -> Figure:
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
    if isinstance(value, int) and abs(value) > FIGURE_LIMIT:  # before float(), which a 400-digit number overflows
        raise Unreadable(f"'{_shown(str(value))}' is beyond {_LIMIT}")
    if not math.isfinite(value):  # before a time format rounds it
        _checked(value, str(value))
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
