"""The office's own details: its name, how to get in touch, the "other formats and languages" note.

Everything an export or pack prints about the office comes from here, so a
database that started empty prints its own office and nothing of Norfolk's.
Kept as ``office.*`` rows of the Setting table (the keys the demo and earlier
versions wrote), so no database needs migrating for them.

Layer: core.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from sqlmodel import Session, select

from scrutiny_app.core import models as m
from scrutiny_app.core.fields import EMAIL_ADDRESS
from scrutiny_app.core.store import Store
from scrutiny_app.errors import UserError

_PREFIX = "office."


@dataclass
class Office:
    """What the office prints about itself; every field may be blank until it is entered."""

    name: str = ""
    short_name: str = ""  # "OPCCN"
    address: str = ""
    telephone: str = ""
    telephone_label: str = ""  # "Direct Dial"; blank prints "Telephone"
    email: str = ""
    formats_note: str = ""  # "If you need this document in another format … please contact …"
    languages: list[str] = field(default_factory=list)  # "Available on request in: …"

    @property
    def entered(self) -> bool:
        """The office has been set up (a database with no name yet opens on the set-up page)."""
        return bool(self.name.strip())

    @property
    def contact_lines(self) -> list[tuple[str, str]]:
        """("", address), ("Telephone", number), ("Email", address): the "Enquiries to" block, blanks left out."""
        lines = [("", self.address), (self.telephone_label or "Telephone", self.telephone), ("Email", self.email)]
        return [(label, value) for label, value in lines if value]


def _values(session: Session) -> dict[str, str]:
    rows = session.exec(select(m.Setting).where(m.Setting.key.like(f"{_PREFIX}%"))).all()
    return {row.key.removeprefix(_PREFIX): row.value for row in rows}


def _json(text: str | None, default):
    try:
        return json.loads(text) if text else default
    except ValueError:
        return default


def load_office(session: Session) -> Office:
    """The office as stored, read inside an open session (the pack reads it with the meeting)."""
    values = _values(session)
    enquiries = _json(values.get("enquiries"), {})
    enquiries = enquiries if isinstance(enquiries, dict) else {}
    languages = _json(values.get("languages"), [])
    return Office(
        name=values.get("name", ""),
        short_name=values.get("short_name", ""),
        address=str(enquiries.get("address") or ""),
        telephone=str(enquiries.get("telephone") or ""),
        telephone_label=str(enquiries.get("telephone_label") or ""),
        email=str(enquiries.get("email") or ""),
        formats_note=values.get("alternative_formats_note", ""),
        languages=[str(x) for x in languages] if isinstance(languages, list) else [],
    )


def get_office(store: Store) -> Office:
    """The office's details (blank fields when nothing was entered yet)."""
    with store.session() as s:
        return load_office(s)


def office_entered(store: Store) -> bool:
    """Whether the office has been set up; the window opens on the set-up page until it has."""
    return get_office(store).entered


def check_office(office: Office) -> Office:
    """The office with its text trimmed, or a :class:`UserError` naming the field that is wrong."""
    clean = Office(**{k: v.strip() if isinstance(v, str) else v for k, v in asdict(office).items()})
    clean.languages = [x.strip() for x in office.languages if x.strip()]
    if not clean.name:
        raise UserError("Give the office's name (e.g. Office of the Police and Crime Commissioner for Norfolk).")
    if clean.email and not EMAIL_ADDRESS.fullmatch(clean.email):
        raise UserError(f"The office's e-mail “{clean.email}” is not an e-mail address.")
    return clean


def set_office(store: Store, office: Office) -> Office:
    """Save the office's details (checked first: nothing is saved when a field is wrong); returns what was saved."""
    clean = check_office(office)
    enquiries = {"address": clean.address, "telephone": clean.telephone,
                 "telephone_label": clean.telephone_label, "email": clean.email}
    rows = {
        "name": clean.name,
        "short_name": clean.short_name,
        "enquiries": json.dumps(enquiries, ensure_ascii=False),
        "alternative_formats_note": clean.formats_note,
        "languages": json.dumps(clean.languages, ensure_ascii=False),
    }
    with store.session() as s:
        for key, value in rows.items():
            s.merge(m.Setting(key=_PREFIX + key, value=value))
    return clean
