"""Importing the people directory from a spreadsheet (.xlsx) or CSV file, checked before anything is saved.

Columns are recognised by their header (Name, Role, Organisation, E-mail, Short
name, and Title for "Dr"; in any order and case, "Email" and "Organization" too); the
first row holding a Name header is the header row. Each row is matched to the
directory by e-mail, then by name: a match is updated with what the row gives
(a blank cell leaves the stored value), anyone else is added. Importing the
same file again changes nothing. Problems are listed by row; while there are
any, nothing is saved.

The file is read through ``indicators.sheets.read_sheets``: measured against the
import limits (``bounds``) before it is parsed, UTF-8 or Windows-1252 CSV alike.

Layer: imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from scrutiny_app.core.people import DirectoryEntry, PersonDetails, check_person, directory, save_person
from scrutiny_app.core.store import Store
from scrutiny_app.errors import UserError
from scrutiny_app.imports.indicators.sheets import Sheet, read_sheets

# Header (lower case, letters only) -> PersonDetails field.
HEADERS = {
    "name": "name", "fullname": "name",
    "role": "role", "jobtitle": "role",
    "organisation": "organisation", "organization": "organisation",
    "email": "email", "emailaddress": "email",
    "shortname": "short_name", "shortform": "short_name",
    "title": "honorific", "honorific": "honorific",
}
_HEADER_ROWS = 10  # how far down a header row is looked for (a title or a blank line may come first)
_COMPARED = ("name", "role", "organisation", "email", "short_name", "honorific")


@dataclass(frozen=True)
class Problem:
    row: int | None  # None: the file as a whole
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}" if self.row else self.message


@dataclass
class Change:
    """A row that adds someone (``person_id`` None) or changes what the directory holds of them."""

    row: int
    person_id: int | None
    details: PersonDetails
    changed: tuple[str, ...] = ()  # the fields an update changes

    def __str__(self) -> str:
        who = self.details.label + (f" <{self.details.email}>" if self.details.email else "")
        if self.person_id is None:
            return f"row {self.row}: add {who}"
        return f"row {self.row}: update {who}: {', '.join(x.replace('_', ' ') for x in self.changed)}"


@dataclass
class PeoplePlan:
    path: Path
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)


def _header(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _columns(sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    """(header row number, {field: column index}) of the first row that has a Name header, if any."""
    for r, row in enumerate(sheet.rows[:_HEADER_ROWS], start=1):
        found: dict[str, int] = {}
        for i, cell in enumerate(row):
            name = HEADERS.get(_header(cell.text))
            if name and name not in found:
                found[name] = i
        if "name" in found:
            return r, found
    return None


def _text(value) -> str:
    return "" if value is None else " ".join(str(value).split())


class _Matcher:
    """Finds the directory entry a row means, and remembers what earlier rows of the file claimed."""

    def __init__(self, entries: list[DirectoryEntry]):
        self.by_email = {e.details.email.lower(): e for e in entries if e.details.email}
        self.by_name: dict[str, list[DirectoryEntry]] = {}
        for e in entries:
            self.by_name.setdefault(e.details.name.lower(), []).append(e)
        self.seen_email: dict[str, int] = {}
        self.seen_name: dict[str, int] = {}

    def match(self, row: int, details: PersonDetails) -> DirectoryEntry | None:
        """The entry meant, or None for someone new; a UserError for a row that repeats or is ambiguous."""
        email, name = details.email.lower(), details.name.lower()
        if email and email in self.seen_email:
            raise UserError(f"the e-mail {details.email} is also on row {self.seen_email[email]}")
        if name in self.seen_name and not email:
            raise UserError(f"{details.name} is also on row {self.seen_name[name]}; give each an e-mail to tell them apart")
        if email:
            self.seen_email[email] = row
        self.seen_name[name] = row
        if email and email in self.by_email:
            return self.by_email[email]
        named = self.by_name.get(name, [])
        if len(named) > 1:
            raise UserError(f"the directory has {len(named)} people called {details.name}; "
                            "give their e-mail to say which, or merge them first")
        if named and email and named[0].details.email and named[0].details.email.lower() != email:
            raise UserError(f"{details.name} is in the directory with the e-mail {named[0].details.email}, "
                            f"not {details.email}; correct one of them")
        return named[0] if named else None


def read_people(store: Store, path: Path | str) -> PeoplePlan:
    """Check a people file against the directory; nothing is written. Unreadable files raise a UserError."""
    path = Path(path)
    plan = PeoplePlan(path)
    sheets = [x for x in read_sheets(path) if not x.hidden]
    found = next(((sheet, cols) for sheet in sheets if (cols := _columns(sheet)) is not None), None)
    if found is None:
        plan.problems.append(Problem(None, f"{path.name} has no Name column: the first row should name the columns "
                                           "(Name, Role, Organisation, E-mail, Short name)."))
        return plan
    sheet, (header_row, col) = found
    with store.session() as s:
        matcher = _Matcher(directory(s))
    for r, cells in enumerate(sheet.rows[header_row:], start=header_row + 1):
        values = {name: _text(cells[i].value) for name, i in col.items()}
        if not any(values.values()):
            continue
        try:
            details = check_person(PersonDetails(**values))
            entry = matcher.match(r, details)
        except UserError as exc:
            plan.problems.append(Problem(r, str(exc) if values.get("name") else "it has no name"))
            continue
        if entry is None:
            plan.changes.append(Change(r, None, details))
            continue
        merged = replace(entry.details, **{k: v for k, v in vars(details).items() if k in values and v})
        changed = tuple(k for k in _COMPARED if getattr(merged, k) != getattr(entry.details, k))
        if changed:
            plan.changes.append(Change(r, entry.id, merged, changed))
        else:
            plan.unchanged += 1
    return plan


def apply_people(store: Store, plan: PeoplePlan) -> int:
    """Save every change of a plan without problems in one transaction; returns how many people were saved."""
    if plan.problems:
        raise UserError(f"{len(plan.problems)} problem(s) in {plan.path.name}; nothing was imported.")
    with store.session() as s:
        for change in plan.changes:
            try:
                save_person(s, change.person_id, change.details)
            except UserError as exc:
                raise UserError(f"{plan.path.name}, row {change.row}: {exc} Nothing was imported.") from exc
    return len(plan.changes)

