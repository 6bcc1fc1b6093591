"""Recognising what a column header means, whatever words the analyst used.

"Last 12 months", "Latest 12 months" and "Rolling 12 months" are the same
period; "% difference to previous 12 months", "Change vs prev. 12m" and
"Difference" are all difference columns. Periods with dates (financial years,
date ranges, months) get keys and start/end dates from the text itself.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

CURRENT, PREVIOUS, LTA = "last_12_months", "previous_12_months", "long_term_average"
NAMED_PERIODS = {CURRENT: "Last 12 months", PREVIOUS: "Previous 12 months", LTA: "Long-term average"}

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9

_CURRENT = re.compile(r"\b(last|latest|current|rolling|most recent|this)\s*(12|twelve)\s*-?\s*m(onths?|ths?)?\b|\bl12m\b")
_PREVIOUS = re.compile(r"\b(previous|prev|prior|preceding)\.?\s*(12|twelve)\s*-?\s*m(onths?|ths?)?\b|\bp12m\b")
_PREVIOUS_LOOSE = re.compile(r"\b(previous|prev|prior|preceding|last)\.?\s*(year|period|quarter)\b|\bprevious\b")
_LTA = re.compile(r"\blong\s*-?\s*term\b|\blta\b|\b\d+\s*-?\s*y(ea)?r\.?\s*average\b|\baverage\b")
_DIFFERENCE = re.compile(r"\b(difference|diff|change|variance|var|increase|decrease)\b|\+\s*/\s*-|±|\bvs\.?\b|\bagainst\b")
_FY = re.compile(r"\b(?:fy\s*)?((?:19|20)\d\d)\s*[/-]\s*(\d\d)\b")
_DATE = r"(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})"
_RANGE = re.compile(_DATE + r"\s*(?:-|–|to)\s*" + _DATE)
_MONTH_YEAR = re.compile(r"\b([a-z]{3,9})\.?[\s'-]*((?:19|20)?\d\d)\b")
_GROUP = re.compile(r"\b(group|district|area|category|crime type|offence type|type|section|force|division)\b")
_NAME = re.compile(r"\b(indicator|measure|metric|description|name|item|team)\b")
_SPACES = re.compile(r"\s+")
_ROW_PERIOD = re.compile(r"^(month|period|year|financial year|date|quarter)s?$")


def normal(text: str) -> str:
    return _SPACES.sub(" ", str(text or "").replace("–", "-").replace("—", "-").lower()).strip()


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    start: dt.date | None = None
    end: dt.date | None = None


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def financial_year(text: str) -> Period | None:
    if m := _FY.search(normal(text)):
        first = int(m[1])
        if (first + 1) % 100 != int(m[2]):
            return None
        return Period(f"fy_{first}_{m[2]}", f"{first}/{m[2]}", dt.date(first, 4, 1), dt.date(first + 1, 3, 31))
    return None


def date_range(text: str) -> Period | None:
    if m := _RANGE.search(normal(text)):
        try:
            start = dt.date(_year(m[3]), int(m[2]), int(m[1]))
            end = dt.date(_year(m[6]), int(m[5]), int(m[4]))
        except ValueError:
            return None
        return Period(f"{start.isoformat()}_{end.isoformat()}", f"{start:%d/%m/%Y} - {end:%d/%m/%Y}", start, end)
    return None


def month(value) -> Period | None:
    """A calendar month, from "April 2024", "Apr-24" or a date cell."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        day = value.replace(day=1)
    else:
        m = _MONTH_YEAR.search(normal(value))
        if not m or m[1] not in _MONTHS:
            return None
        day = dt.date(_year(m[2]), _MONTHS[m[1]], 1)
    last = calendar.monthrange(day.year, day.month)[1]
    return Period(f"{day:%Y-%m}", f"{day:%B %Y}", day, day.replace(day=last))


def named_period(text: str) -> Period | None:
    """The period a header or note names, if it names one."""
    t = normal(text)
    for pattern, key in ((_CURRENT, CURRENT), (_PREVIOUS, PREVIOUS), (_LTA, LTA)):
        if pattern.search(t):
            return Period(key, NAMED_PERIODS[key])
    return date_range(t) or financial_year(t) or month(t)


def is_difference(text: str) -> bool:
    return bool(_DIFFERENCE.search(normal(text)))


def mentioned_periods(text: str, known: list[str]) -> list[str]:
    """The keys among ``known`` that a difference header refers to, in the order written."""
    t = normal(text)
    found: list[tuple[int, str]] = []
    for pattern, key in ((_CURRENT, CURRENT), (_PREVIOUS, PREVIOUS), (_LTA, LTA)):
        if key in known and (m := pattern.search(t)):
            found.append((m.start(), key))
    if PREVIOUS in known and not any(k == PREVIOUS for _, k in found) and (m := _PREVIOUS_LOOSE.search(t)):
        found.append((m.start(), PREVIOUS))
    for m in _FY.finditer(t):
        if (p := financial_year(m[0])) and p.key in known:
            found.append((m.start(), p.key))
    for m in _MONTH_YEAR.finditer(t):
        if (p := month(m[0])) and p.key in known:
            found.append((m.start(), p.key))
    return [k for _, k in sorted(found)]


def is_group_header(text: str) -> bool:
    return bool(_GROUP.search(normal(text)))


def is_name_header(text: str) -> bool:
    return bool(_NAME.search(normal(text)))


def is_row_period_header(text: str) -> bool:
    return bool(_ROW_PERIOD.match(normal(text)))


def row_period(value) -> Period | None:
    """The period a row label names in a table with a row per month or year."""
    if isinstance(value, (dt.date, dt.datetime)):
        return month(value)
    text = normal(value)
    if not text:
        return None
    return financial_year(text) or month(text)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", normal(text)).strip("_") or "value"
