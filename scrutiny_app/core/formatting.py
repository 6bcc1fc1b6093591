"""How the office writes dates, people and actions in its published papers."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Callable

from scrutiny_app.core.models import Action, Organisation, Person


def long_date(day: dt.date) -> str:
    """'16 April 2025'."""
    return f"{day.day} {day:%B %Y}"


def day_and_date(day: dt.date) -> str:
    """'Wednesday 16 April 2025'."""
    return f"{day:%A} {long_date(day)}"


def clock(t: dt.time | None) -> str:
    """'10:00' (24-hour, as the app shows times); '' when unset."""
    return t.strftime("%H:%M") if t else ""


def local_time(when: dt.datetime) -> dt.datetime:
    """A stored moment in the computer's local time, without zone (SQLite hands back UTC times naive)."""
    aware = when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
    return aware.astimezone().replace(tzinfo=None)


def person_in_full(person: Person, organisation: Organisation | None) -> str:
    """'Deputy Chief Constable Simon Megicks, Norfolk Constabulary', as the minutes list attendees."""
    name = f"{person.honorific} {person.name}" if person.honorific else person.name
    text = f"{person.role} {name}".strip()
    if organisation is not None:
        text += f", {organisation.short_name or organisation.name}"
    return text


def action_heading(action: Action) -> str:
    """'Action 17 (16 April 2025): DCC Megicks is to …', the tracker's first column."""
    raised = f" ({long_date(action.date_raised)})" if action.date_raised else ""
    return f"Action {action.number}{raised}: {action.description}"


def distinct_name(numbered: Callable[[int], str], used: set[str]) -> str:
    """The first of ``numbered(1)``, ``numbered(2)``, … not in ``used`` (compared as casefolded), which it joins.

    For names a file system or Excel tells apart only by more than their case."""
    name = next(name for n in itertools.count(1) if (name := numbered(n)).casefold() not in used)
    used.add(name.casefold())
    return name
