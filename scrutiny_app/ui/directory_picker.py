"""Naming someone from the people directory: a completer over it, and the offer to add a name it lacks.

Layer: ui. Used where a person is typed (an action's owner, an attendee): the
completer offers the directory's names and short forms, and a name that
core.people.match_person does not know is offered for adding in one question,
then added through core.people, so "DCC Megicks" is one person wherever typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QMessageBox, QWidget

from scrutiny_app.core import people as core_people
from scrutiny_app.core.people import DirectoryEntry, PersonDetails
from scrutiny_app.core.store import Store


def directory_completer(store: Store, parent: QWidget) -> QCompleter:
    """Every active person's short form and name, matched anywhere in the text, case aside."""
    words = sorted({text for entry in core_people.list_people(store, include_left=False)
                    for text in (entry.details.short_name, entry.details.name) if text})
    completer = QCompleter(words, parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    return completer


def person_named(parent: QWidget, store: Store, typed: str) -> DirectoryEntry | None:
    """The directory's entry for ``typed``; for a name it lacks, asked once whether to add it (None if not)."""
    typed = typed.strip()
    if not typed:
        return None
    found = core_people.match_person(store, typed)
    if found is not None:
        return found
    answer = QMessageBox.question(parent, "Not in the people directory",
                                  f"“{typed}” is not in the people directory. Add them to it?")
    if answer != QMessageBox.StandardButton.Yes:
        return None
    return core_people.get_person(store, core_people.add_person(store, PersonDetails(typed)))
