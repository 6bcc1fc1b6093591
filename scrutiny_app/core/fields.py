"""The rules every field the officer edits obeys: kinds, priorities, statuses, dates, required text, lengths.

Layer: core. Every writer of a single field (``queries.update_field``, the
in-place edits and live notes) and the core functions that create records
check values here, so a wrong value is refused with the same message whatever
screen or command typed it. The UI keeps only presentation (headers, widths,
editors) and parses what is typed through :meth:`FieldRule.parse`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from scrutiny_app.core import models as m
from scrutiny_app.errors import UserError

FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2099, 12, 31)  # "16/04/25" read as the year 25 is a slip
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y")
NAME_LENGTH = 200  # a person, an owner, a venue, a presenter
TITLE_LENGTH = 500  # a title, a caption, a one-line heading
TEXT_LENGTH = 100_000  # a question, an answer, a description: pages of typing
NOTES_LENGTH = 1_000_000  # the notes of an item typed through a whole meeting, with room to spare


class InvalidValue(UserError):
    """A value a field does not take; the message names the field as the officer sees it and the value."""


# One plain address (no display name, no second address): what an e-mail field may hold.
EMAIL_ADDRESS = re.compile(r"[^\s<>@,;:\"()\[\]\\]+@[^\s<>@,;:\"()\[\]\\]+\.[^\s<>@,;:\"()\[\]\\]+")


def shown(value: Any) -> str:
    """A refused value as the message quotes it: text in quotes, a date as the officer types it."""
    if isinstance(value, dt.date):
        return f"{value.day:02}/{value.month:02}/{value.year:04}"
    if isinstance(value, str):
        return f"'{value[:40]}…'" if len(value) > 40 else f"'{value}'"
    return repr(value)


@dataclass(frozen=True)
class FieldRule:
    """What one field takes. ``check`` refuses a wrong value; ``parse`` reads typed text into one."""

    label: str  # the field as the officer knows it: "Priority", "Due date"
    kind: type  # str, int, float, bool, dt.date or dt.time
    optional: bool = True  # None (a blank) is allowed
    required: bool = False  # text that may not be blank
    choices: dict[Any, str] = field(default_factory=dict)  # allowed value -> its name on screen
    low: Any = None  # the smallest number or earliest date taken
    high: Any = None
    max_length: int | None = None
    why: str = ""  # the reason given when a value is out of range or not a choice
    tidy: Callable[[str], str] | None = None  # how typed text is normalised before it is checked
    pattern: re.Pattern | None = None  # the shape text that is not blank must have
    shape: str = ""  # that shape in words, for the message

    def refuse(self, value: Any, problem: str) -> InvalidValue:
        return InvalidValue(f"{self.label}: {shown(value)} {problem}" + (f"; {self.why}" if self.why else "") + ".")

    def check(self, value: Any) -> Any:
        """``value`` itself when the field takes it, else :class:`InvalidValue`."""
        if value is None:
            if self.optional and not self.required:
                return None
            raise InvalidValue(f"{self.label} cannot be left empty" + (f"; {self.why}" if self.why else "") + ".")
        if not self._of_kind(value):
            raise self.refuse(value, f"is not {_KIND_WORDS[self.kind]}")
        if self.choices and value not in self.choices:
            raise self.refuse(value, f"is not one of {', '.join(self.choices.values())}")
        if self.kind is float and not math.isfinite(value):
            raise self.refuse(value, "is not a number")
        if self.low is not None and value < self.low or self.high is not None and value > self.high:
            raise self.refuse(value, f"is outside {shown(self.low)} to {shown(self.high)}")
        if self.kind is str:
            if self.required and not value.strip():
                raise InvalidValue(f"{self.label} cannot be left empty" + (f"; {self.why}" if self.why else "") + ".")
            if self.pattern is not None and value.strip() and not self.pattern.fullmatch(value.strip()):
                raise self.refuse(value, f"is not {self.shape}")
            if self.max_length is not None and len(value) > self.max_length:
                raise InvalidValue(f"{self.label}: {len(value):,} characters is more than the {self.max_length:,} "
                                   "this field holds.")
        return value

    def _of_kind(self, value: Any) -> bool:
        if self.kind is float:
            return isinstance(value, (int, float)) and not isinstance(value, bool)
        if self.kind is int:
            return isinstance(value, int) and not isinstance(value, bool)
        if self.kind is dt.date:
            return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
        return isinstance(value, self.kind)

    def parse(self, text: str) -> Any:
        """The value typed as ``text`` (blank: None, or '' for text), checked."""
        if self.kind is str and not self.choices:
            return self.check(self.tidy(text) if self.tidy else text)
        text = text.strip()
        if not text:
            return self.check(None)
        if self.choices:
            return self.check(self._choice(text))
        try:
            if self.kind is int:
                value = int(text)
            elif self.kind is float:
                value = float(text.rstrip("%").strip())
            elif self.kind is dt.date:
                value = _date(text)
            elif self.kind is dt.time:
                value = dt.time.fromisoformat(text)
            else:
                raise ValueError(text)
        except ValueError:
            raise self.refuse(text, f"is not {_KIND_WORDS[self.kind]}") from None
        return self.check(value)

    def _choice(self, text: str) -> Any:
        """The choice typed by its value or its name, or the one choice they begin with ('v': verbal update)."""
        typed = text.lower()
        exact = [v for v, name in self.choices.items() if typed in (str(v).lower(), name.lower())]
        starts = [v for v, name in self.choices.items() if str(v).lower().startswith(typed) or name.lower().startswith(typed)]
        if exact or len(starts) == 1:
            return (exact or starts)[0]
        raise self.refuse(text, f"is not one of {', '.join(self.choices.values())}")

    def name_of(self, value: Any) -> str:
        """How a stored value is shown: a choice by its name, a blank as ''."""
        if value is None:
            return ""
        return self.choices.get(value, str(value))


_KIND_WORDS = {str: "text", int: "a whole number", float: "a number", bool: "yes or no",
               dt.date: "a date like 16/04/2025", dt.time: "a time like 10:30"}


def _date(text: str) -> dt.date:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _series_key(text: str) -> str:
    return " ".join(text.split()).lower()


def _text(label: str, length: int = NAME_LENGTH, **rule) -> FieldRule:
    return FieldRule(label, str, max_length=length, **rule)


def _yes_no(label: str) -> FieldRule:
    return FieldRule(label, bool, optional=False)


def _date_rule(label: str, **rule) -> FieldRule:
    return FieldRule(label, dt.date, low=FIRST_DAY, high=LAST_DAY, **rule)


def _number(label: str, **rule) -> FieldRule:
    return FieldRule(label, int, optional=False, low=1, high=999, **rule)


KINDS = FieldRule("Kind", str, optional=False,
                  choices={"item": "Item", "paper": "Paper", "verbal": "Verbal update", "break": "Break"})
assert set(KINDS.choices) == set(m.ITEM_KINDS)
DUE_DATE = _date_rule("Due date")
PRIVATE = _yes_no("Not for publication")

# The fields the officer edits one at a time, by table and column. Anything else (ids, numbers given by
# the rules, an action's status or deletion (core.actions), attendance (core.live), agreed minutes
# (core.minutes_lock)) changes only through its own function, which checks it there.
FIELDS: dict[tuple[type, str], FieldRule] = {
    (m.AgendaItem, "title"): _text("Title", TITLE_LENGTH, required=True, why="an agenda item needs a title"),
    (m.AgendaItem, "kind"): KINDS,
    (m.AgendaItem, "duration_minutes"): FieldRule("Duration", int, low=1, high=480,
                                                  why="minutes from 1 to 8 hours, or blank to share the slot before"),
    (m.AgendaItem, "presenter"): _text("Presenter"),
    (m.AgendaItem, "page"): FieldRule("Page", int, low=1, high=9999),
    (m.AgendaItem, "priority"): FieldRule("Priority", int, choices={1: "1", 2: "2", 3: "3"},
                                          why="the Police and Crime Plan has three"),
    (m.AgendaItem, "notes"): _text("Notes", NOTES_LENGTH, optional=False),
    (m.AgendaItem, "notes_private"): _yes_no("Notes not for publication"),
    (m.PublicQuestion, "number"): _number("Question number"),
    (m.PublicQuestion, "received_date"): _date_rule("Received"),
    (m.PublicQuestion, "asker_name"): _text("Asked by"),
    (m.PublicQuestion, "asker_contact"): _text("Asker's contact"),
    (m.PublicQuestion, "question"): _text("Question", TEXT_LENGTH, optional=False),
    (m.PublicQuestion, "answer"): _text("Answer", TEXT_LENGTH, optional=False),
    (m.PublicQuestion, "answered_by"): _text("Answered by", optional=False),
    (m.PublicQuestion, "private"): PRIVATE,
    (m.PccQuestion, "number"): _number("Question number"),
    (m.PccQuestion, "question"): _text("PCC question", TEXT_LENGTH),
    (m.PccQuestion, "answer"): _text("Answer", TEXT_LENGTH, optional=False),
    (m.PccQuestion, "follow_up"): _text("Follow-up", TEXT_LENGTH),
    (m.PccQuestion, "private"): PRIVATE,
    (m.EmergingRisk, "raised_by"): _text("Raised by", optional=False),
    (m.EmergingRisk, "text"): _text("Emerging risk", TEXT_LENGTH, optional=False),
    (m.EmergingRisk, "private"): PRIVATE,
    (m.Declaration, "text"): _text("Declaration", TEXT_LENGTH, optional=False),
    (m.Action, "owner"): _text("Owner", optional=False),
    (m.Action, "description"): _text("Description", TEXT_LENGTH, optional=False, required=True,
                                     why="an action needs a description of what is to be done"),
    (m.Action, "due_date"): DUE_DATE,
    (m.Action, "private"): PRIVATE,
    (m.Meeting, "title"): _text("Title", TITLE_LENGTH),
    (m.Meeting, "date"): _date_rule("Date", optional=False),
    (m.Meeting, "start_time"): FieldRule("Start time", dt.time),
    (m.Meeting, "end_time"): FieldRule("End time", dt.time),
    (m.Meeting, "venue"): _text("Venue"),
    (m.Meeting, "hybrid"): _yes_no("Hybrid"),
    (m.Meeting, "online_platform"): _text("Online platform"),
    (m.Meeting, "purpose"): _text("Purpose", TEXT_LENGTH),
    (m.Meeting, "status"): FieldRule("Meeting status", str, optional=False,
                                     choices={s: s.capitalize() for s in m.MEETING_STATUSES}),
    (m.Meeting, "previous_minutes_agreed"): _yes_no("Previous minutes agreed"),
    (m.Meeting, "declarations_none"): _yes_no("No declarations"),
    (m.Meeting, "public_questions_none"): _yes_no("No public questions"),
    (m.Meeting, "risks_none"): _yes_no("No emerging risks"),
    (m.MeetingSeries, "name"): _text("Series name", required=True, optional=False),
    (m.MeetingSeries, "purpose"): _text("Purpose", TEXT_LENGTH),
    (m.MeetingSeries, "default_venue"): _text("Usual venue"),
    (m.MeetingSeries, "default_start"): FieldRule("Usual start time", dt.time),
    (m.MeetingSeries, "default_end"): FieldRule("Usual end time", dt.time),
    (m.Person, "name"): _text("Name", required=True, optional=False),
    (m.Person, "honorific"): _text("Honorific"),
    (m.Person, "role"): _text("Role", optional=False),
    (m.Person, "short_form"): _text("Short form", optional=False),
    (m.Person, "email"): _text("E-mail", pattern=EMAIL_ADDRESS,
                               shape="an e-mail address like name@example.org"),
    (m.Person, "phone"): _text("Phone"),
    (m.Organisation, "name"): _text("Organisation", required=True, optional=False),
    (m.Organisation, "short_name"): _text("Short name", optional=False),
    **{(m.Report, name): _text(label, TEXT_LENGTH, optional=False) for name, label in (
        ("title", "Title"), ("originator", "Originator"), ("reason_for_submission", "Reason for submission"),
        ("submitted_to", "Submitted to"), ("subject", "Subject"), ("summary", "Summary"),
        ("recommendation", "Recommendation"))},
    (m.Report, "private"): PRIVATE,
    (m.Indicator, "direction"): FieldRule("Better", str, choices={"higher": "higher", "lower": "lower"},
                                          why="which way is better, or blank"),
    (m.Indicator, "target"): FieldRule("Target", float),
    (m.Indicator, "series_key"): _text("Series", TITLE_LENGTH, optional=False, required=True, tidy=_series_key,
                                       why="an indicator needs a series name to be matched across meetings"),
}


def rule(cls: type, name: str) -> FieldRule:
    """The rule of ``cls.name``; LookupError (a bug, not the user's) for a field not edited on its own."""
    try:
        return FIELDS[cls, name]
    except KeyError:
        raise LookupError(f"{cls.__name__}.{name} is not a field edited on its own") from None


def check(cls: type, name: str, value: Any) -> Any:
    """``value`` when ``cls.name`` takes it, else :class:`InvalidValue` naming the field and the value."""
    return rule(cls, name).check(value)


def check_record(record) -> None:
    """Every ruled field of a new ``record`` (before it is inserted)."""
    for (cls, name), field_rule in FIELDS.items():
        if cls is type(record):
            field_rule.check(getattr(record, name))
