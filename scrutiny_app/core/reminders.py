"""Due and overdue by owner: each owner's open actions, for the reminders the office sends.

Private actions stay in the office, so they are left out here as in the tracker.
An owner typed by hand is one owner however its letters are cased or spaced
("The CC", "the  CC"), and its name is kept on one line: it goes into an
e-mail header, where a line break would end the header.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlmodel import select

from scrutiny_app.core import models as m
from scrutiny_app.core.actions import DUE_SOON, OVERDUE, due_state, is_open
from scrutiny_app.core.queries import ActionRow, action_rows
from scrutiny_app.core.store import Store

_STATE_ORDER = {OVERDUE: 0, DUE_SOON: 1, None: 2}


@dataclass
class OwnerReminder:
    owner: str
    email: str | None
    actions: list[tuple[ActionRow, str | None]] = field(default_factory=list)  # with due_state, most urgent first

    def count(self, state: str) -> int:
        return sum(1 for _, s in self.actions if s == state)


def one_line(text: str | None) -> str:
    """``text`` with every run of spaces, tabs and line breaks as one space."""
    return " ".join((text or "").split())


def reminders_by_owner(store: Store, today: dt.date, series_id: int | None = None) -> list[OwnerReminder]:
    """One entry per owner with open actions, the owners with overdue work first."""
    rows = [r for r in action_rows(store, series_id) if is_open(r.action) and not r.action.private]
    with store.session() as s:
        people = {p.id: p for p in s.exec(select(m.Person)).all()}
    owners: dict[object, OwnerReminder] = {}
    for row in rows:
        # Grouped by the person where the directory knows them, else by the owner as printed.
        person = people.get(row.action.owner_person_id)
        name = one_line(person.name if person else row.action.owner) or "No owner named"
        key = ("person", person.id) if person else ("text", name.casefold())
        entry = owners.setdefault(key, OwnerReminder(name, one_line(person.email) if person else None))
        entry.actions.append((row, due_state(row.action, today)))
    for entry in owners.values():
        entry.actions.sort(key=lambda pair: (_STATE_ORDER[pair[1]], pair[0].action.due_date or dt.date.max,
                                             pair[0].action.number))
    return sorted(owners.values(), key=lambda e: (-e.count(OVERDUE), -e.count(DUE_SOON), e.owner.lower()))
