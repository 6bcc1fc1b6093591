"""The people directory: who attends, presents, owns actions and declares interests, with their e-mail.

"The DCC" and "DCC Megicks" become one person when the officer merges them:
every attendance, presenter, action owner, declaration and risk of the one
merged away follows to the one kept. Someone who has left is kept for the
record and offered no more.

Layer: core.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, update
from sqlmodel import Session, select

from scrutiny_app.core import fields, models as m
from scrutiny_app.core.fields import EMAIL_ADDRESS
from scrutiny_app.core.minutes_lock import ensure_editable
from scrutiny_app.core.store import Store
from scrutiny_app.errors import NotFound, UserError



@dataclass
class PersonDetails:
    """What the directory holds of someone, as the officer enters it (organisation by name)."""

    name: str
    role: str = ""  # "Deputy Chief Constable"
    organisation: str = ""  # "Norfolk Constabulary" (made in the directory the first time it is named)
    email: str = ""
    short_name: str = ""  # "DCC Megicks", as actions name them
    active: bool = True  # False: has left
    honorific: str = ""  # "Dr", printed before the name in the list of those present

    @property
    def label(self) -> str:
        """How lists and messages name them: "DCC Megicks (Simon Megicks)"."""
        return f"{self.short_name} ({self.name})" if self.short_name and self.short_name != self.name else self.name


@dataclass
class DirectoryEntry:
    """A person with the organisation's name, as the directory window and ``people list`` show them."""

    id: int
    details: PersonDetails


@dataclass
class Merged:
    """What a merge moved from one entry to the other (the window says so; nothing here can be undone but by hand)."""

    kept: int
    removed_name: str
    attendances: int = 0
    presenters: int = 0
    actions: int = 0
    declarations: int = 0
    risks: int = 0


def check_person(details: PersonDetails) -> PersonDetails:
    """The details with their spacing tidied, or a :class:`UserError` for a blank name or a malformed e-mail."""
    name = " ".join(details.name.split())
    email = details.email.strip()
    if email and not EMAIL_ADDRESS.fullmatch(email):
        raise UserError(f"“{email}” (for {name}) is not an e-mail address.")
    clean = PersonDetails(name, " ".join(details.role.split()), " ".join(details.organisation.split()), email,
                          " ".join(details.short_name.split()), bool(details.active), " ".join(details.honorific.split()))
    for field, value in (("name", clean.name), ("role", clean.role), ("email", clean.email),
                         ("short_form", clean.short_name), ("honorific", clean.honorific)):
        fields.check(m.Person, field, value)  # the lengths every editor of these fields keeps to
    if clean.organisation:
        fields.check(m.Organisation, "name", clean.organisation)
    return clean


def _organisation_id(session: Session, name: str) -> int | None:
    """The organisation called (or short-named) ``name``, added to the directory if new; None for no name."""
    if not name:
        return None
    found = session.exec(select(m.Organisation).where(or_(func.lower(m.Organisation.name) == name.lower(),
                                                          func.lower(m.Organisation.short_name) == name.lower()))).first()
    if found is None:
        found = m.Organisation(name=name)
        session.add(found)
        session.flush()
    return found.id


def add_organisation(store: Store, name: str, short_name: str = "") -> int:
    """An organisation people belong to ("Norfolk Constabulary"), with the short name lists print ("OPCCN").

    One already called ``name`` gets the short name; people name it by either afterwards.
    """
    name, short_name = " ".join(name.split()), " ".join(short_name.split())
    if not name:
        raise UserError("Give the organisation's name.")
    with store.session() as s:
        org = s.get(m.Organisation, _organisation_id(s, name))
        org.short_name = short_name or org.short_name
        s.add(org)
        return org.id


def list_organisations(store: Store) -> list[str]:
    """The organisations' names as people are shown with them (short name where there is one), for choosing."""
    with store.session() as s:
        return sorted({o.short_name or o.name for o in s.exec(select(m.Organisation)).all()}, key=str.lower)


def _check_email_free(session: Session, email: str, person_id: int | None) -> None:
    if not email:
        return
    other = session.exec(select(m.Person).where(func.lower(m.Person.email) == email.lower(),
                                                m.Person.id != (person_id or -1))).first()
    if other is not None:
        raise UserError(f"{email} is already the e-mail of {other.name} in the directory; "
                        "merge the two if they are one person.")


def _apply(session: Session, person: m.Person, details: PersonDetails) -> None:
    person.name, person.role, person.short_form = details.name, details.role, details.short_name
    person.email = details.email or None
    person.active = details.active
    person.honorific = details.honorific or None
    person.organisation_id = _organisation_id(session, details.organisation)


def _person(session: Session, person_id: int) -> m.Person:
    person = session.get(m.Person, person_id)
    if person is None:
        raise NotFound(f"Person {person_id} is no longer in the directory.")
    return person


def save_person(session: Session, person_id: int | None, details: PersonDetails) -> int:
    """Add (``person_id`` None) or update someone inside an open session, checked; returns their id.

    For a change of several people in one transaction (an import); the window uses the functions below.
    """
    clean = check_person(details)
    _check_email_free(session, clean.email, person_id)
    person = m.Person(name=clean.name) if person_id is None else _person(session, person_id)
    _apply(session, person, clean)
    session.add(person)
    session.flush()
    return person.id


def add_person(store: Store, details: PersonDetails) -> int:
    """Add someone to the directory; refused for a blank name, a malformed e-mail or one already someone else's."""
    with store.session() as s:
        return save_person(s, None, details)


def edit_person(store: Store, person_id: int, details: PersonDetails) -> None:
    """Save edited details (checked as for :func:`add_person`)."""
    with store.session() as s:
        save_person(s, person_id, details)


def retire_person(store: Store, person_id: int, left: bool = True) -> None:
    """Mark someone as having left (kept on every record, offered no more), or back with ``left=False``."""
    with store.session() as s:
        person = _person(s, person_id)
        person.active = not left
        s.add(person)


def _entries(session: Session, *where) -> list[DirectoryEntry]:
    rows = session.exec(
        select(m.Person, m.Organisation)
        .join(m.Organisation, m.Person.organisation_id == m.Organisation.id, isouter=True)
        .where(*where)
        .order_by(func.lower(m.Person.name), m.Person.id)
    ).all()
    return [DirectoryEntry(p.id, PersonDetails(p.name, p.role, (o.short_name or o.name) if o else "", p.email or "",
                                               p.short_form, p.active, p.honorific or "")) for p, o in rows]


def directory(session: Session, include_left: bool = True) -> list[DirectoryEntry]:
    """The directory by name, read inside an open session; those who have left only with ``include_left``."""
    return _entries(session, *(() if include_left else (m.Person.active == True,)))  # noqa: E712


def list_people(store: Store, include_left: bool = True) -> list[DirectoryEntry]:
    """The directory by name; those who have left only with ``include_left``."""
    with store.session() as s:
        return directory(s, include_left)


def get_person(store: Store, person_id: int) -> DirectoryEntry:
    with store.session() as s:
        _person(s, person_id)
        return _entries(s, m.Person.id == person_id)[0]


def match_person(store: Store, typed: str) -> DirectoryEntry | None:
    """The one person ``typed`` names exactly (name, short name or e-mail, case ignored), else None.

    None is the window's cue to offer to add ``typed`` to the directory (or to
    pick among :func:`people_like`); two entries with that name also give None.
    """
    text = " ".join(typed.split()).lower()
    if not text:
        return None
    with store.session() as s:
        found = _entries(s, or_(func.lower(m.Person.name) == text, func.lower(m.Person.short_form) == text,
                                func.lower(m.Person.email) == text))
    active = [x for x in found if x.details.active] or found
    return active[0] if len(active) == 1 else None


def people_like(store: Store, typed: str, limit: int = 10) -> list[DirectoryEntry]:
    """Active people whose name, short name or role contains ``typed``: the choices offered as one types."""
    text = " ".join(typed.split()).lower()
    like = f"%{text}%"
    with store.session() as s:
        return _entries(s, m.Person.active == True,  # noqa: E712
                        or_(func.lower(m.Person.name).like(like), func.lower(m.Person.short_form).like(like),
                            func.lower(m.Person.role).like(like)))[:limit]


def _moved(session: Session, column, merge_id: int, keep_id: int, *also) -> int:
    table = column.table
    return session.connection().execute(update(table).where(column == merge_id, *also).values({column.name: keep_id})).rowcount


def merge_people(store: Store, keep_id: int, merge_id: int) -> Merged:
    """Make two directory entries one: ``merge_id``'s records go to ``keep_id``, whose blank fields it fills; then it goes.

    Where both attended one meeting, the kept entry's attendance stays. An
    action owner or presenter printed under the merged entry's name or short
    name is printed under the kept one's, and one typed with that name but never linked is linked to it: so
    the reminders of "The DCC" go to the kept entry's e-mail.
    """
    if keep_id == merge_id:
        raise UserError("A person cannot be merged into themselves; choose two different entries.")
    with store.session() as s:
        keep, gone = _person(s, keep_id), _person(s, merge_id)
        result = Merged(keep_id, gone.name)
        both = select(m.Attendance.meeting_id).where(m.Attendance.person_id == keep_id)
        s.connection().execute(m.Attendance.__table__.delete().where(
            m.Attendance.person_id == merge_id, m.Attendance.meeting_id.in_(both)))
        result.attendances = _moved(s, m.Attendance.person_id, merge_id, keep_id)
        result.declarations = _moved(s, m.Declaration.person_id, merge_id, keep_id)
        result.risks = _moved(s, m.EmergingRisk.raised_by_person_id, merge_id, keep_id)
        printed_as = [x for x in {gone.name, gone.short_form} if x]
        shown = keep.short_form or keep.name
        for column, text, count in ((m.Action.owner_person_id, m.Action.owner, "actions"),
                                    (m.AgendaItem.presenter_person_id, m.AgendaItem.presenter, "presenters")):
            # Printed under the merged entry's name, linked to it or typed and never linked: now the kept one's.
            renamed = s.connection().execute(
                update(column.table).where(or_(column == merge_id, column.is_(None)), text.in_(printed_as))
                .values({text.name: shown, column.name: keep_id})).rowcount
            setattr(result, count, renamed + _moved(s, column, merge_id, keep_id))
        keep.role = keep.role or gone.role
        keep.short_form = keep.short_form or gone.short_form
        keep.organisation_id = keep.organisation_id or gone.organisation_id
        keep.honorific = keep.honorific or gone.honorific
        keep.phone = keep.phone or gone.phone
        email = keep.email or gone.email
        s.delete(gone)
        s.flush()
        keep.email = email  # only now: the e-mail may have been the merged entry's
        keep.active = keep.active or gone.active
        s.add(keep)
        return result


def set_presenter(store: Store, item_id: int, person_id: int | None, printed: str | None = None) -> None:
    """Make someone from the directory (or nobody) an agenda item's presenter.

    ``printed`` is how the agenda shows them; by default their short name, else their name.
    Refused while the meeting's minutes are agreed.
    """
    with store.session() as s:
        item = s.get(m.AgendaItem, item_id)
        if item is None:
            raise NotFound("That agenda item no longer exists.")
        ensure_editable(s, item.meeting_id)
        person = _person(s, person_id) if person_id is not None else None
        item.presenter_person_id = person_id
        item.presenter = printed if printed is not None else (person.short_form or person.name) if person else None
        s.add(item)
