"""The field rules of core.fields, through a real database: each takes its valid values and boundaries,
refuses the rest naming the field and the value, and a refused write leaves the file as it was."""

from __future__ import annotations

import datetime as dt
import math
import re

import pytest

from db_digest import database_digest
from db_rows import add
from scrutiny_app.core import fields, models as m
from scrutiny_app.core.actions import new_action
from scrutiny_app.core.agenda import add_item, create_meeting
from scrutiny_app.core.fields import FIELDS, InvalidValue
from scrutiny_app.core.live import add_person, add_record, create_action
from scrutiny_app.core.queries import update_field
from scrutiny_app.core.store import open_store
from scrutiny_app.errors import UserError

WHEN = dt.datetime(2025, 7, 8, 10, 0, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def _database(tmp_path_factory):
    """One database for the module, with one record of each table with edited fields: table -> id.

    Each test writes only its own field (and a refused write nothing), so they can share it.
    """
    store = open_store(tmp_path_factory.mktemp("rules") / "rules.sqlite")
    series = add(store, m.MeetingSeries(name="PCC Accountability Meeting"))[0]
    meeting, org = add(store, m.Meeting(series_id=series.id, date=dt.date(2025, 4, 16)),
                       m.Organisation(name="Norfolk Constabulary"))
    item, report = add(store, m.AgendaItem(meeting_id=meeting.id, title="Reducing Harm", duration_minutes=30),
                       m.Report(meeting_id=meeting.id, title="Reducing Harm"))
    table = add(store, m.IndicatorTable(meeting_id=meeting.id, report_id=report.id, label="Table 1"))[0]
    made = add(store, m.PublicQuestion(meeting_id=meeting.id, number=1), m.PccQuestion(meeting_id=meeting.id, number=1),
               m.EmergingRisk(meeting_id=meeting.id), m.Declaration(meeting_id=meeting.id),
               m.Action(series_id=series.id, number=1, raised_at_meeting_id=meeting.id, description="Report"),
               m.Person(name="Simon Megicks", organisation_id=org.id),
               m.Indicator(table_id=table.id, name="999 calls", series_key="999 calls"))
    yield store, {type(r): r.id for r in (series, meeting, org, item, report, *made)}
    store.close()


@pytest.fixture
def store(_database):
    return _database[0]


@pytest.fixture
def rows(_database):
    return _database[1]


def _saved(store, cls, row_id, name):
    with store.session() as s:
        return getattr(s.get(cls, row_id), name)


# (table, field, value): each is saved and read back as given.
TAKEN = [
    (m.AgendaItem, "priority", 1), (m.AgendaItem, "priority", 3), (m.AgendaItem, "priority", None),
    (m.AgendaItem, "kind", "verbal"), (m.AgendaItem, "kind", "break"),
    (m.AgendaItem, "duration_minutes", 1), (m.AgendaItem, "duration_minutes", 480),
    (m.AgendaItem, "duration_minutes", None),
    (m.AgendaItem, "page", 1), (m.AgendaItem, "page", 9999),
    (m.AgendaItem, "title", "x" * fields.TITLE_LENGTH),
    (m.AgendaItem, "notes", ""), (m.AgendaItem, "notes_private", True),
    (m.Action, "due_date", dt.date(2000, 1, 1)), (m.Action, "due_date", dt.date(2099, 12, 31)),
    (m.Action, "due_date", None), (m.Action, "owner", "The CC"),
    (m.Meeting, "status", "cancelled"), (m.Meeting, "start_time", dt.time(10, 0)),
    (m.Meeting, "date", dt.date(2025, 7, 8)), (m.Meeting, "risks_none", True),
    (m.PublicQuestion, "number", 999), (m.PccQuestion, "question", None),
    (m.Person, "name", "D" * fields.NAME_LENGTH), (m.Indicator, "target", 90), (m.Indicator, "target", 92.5),
    (m.Indicator, "direction", None), (m.Report, "private", True),
]

# (table, field, value, what the message says besides the field's name)
REFUSED = [
    (m.AgendaItem, "priority", 0, "not one of 1, 2, 3"), (m.AgendaItem, "priority", 4, "the Police and Crime Plan has three"),
    (m.AgendaItem, "priority", "2", "not a whole number"), (m.AgendaItem, "priority", True, "not a whole number"),
    (m.AgendaItem, "kind", "meeting", "not one of Item, Paper, Verbal update, Break"),
    (m.AgendaItem, "kind", "Verbal update", "not one of"),  # the name shown, not the value stored
    (m.AgendaItem, "duration_minutes", 0, "outside 1 to 480"), (m.AgendaItem, "duration_minutes", 481, "outside"),
    (m.AgendaItem, "duration_minutes", -15, "outside"), (m.AgendaItem, "page", 0, "outside"),
    (m.AgendaItem, "page", 10_000, "outside"),
    (m.AgendaItem, "title", "", "cannot be left empty"), (m.AgendaItem, "title", "   ", "cannot be left empty"),
    (m.AgendaItem, "title", "x" * (fields.TITLE_LENGTH + 1), "501 characters is more than the 500"),
    (m.AgendaItem, "notes", None, "cannot be left empty"),
    (m.AgendaItem, "notes", "n" * (fields.NOTES_LENGTH + 1), "more than the 1,000,000"),
    (m.AgendaItem, "notes_private", "yes", "not yes or no"),
    (m.Action, "due_date", dt.date(1999, 12, 31), "31/12/1999 is outside 01/01/2000 to 31/12/2099"),
    (m.Action, "due_date", dt.date(2100, 1, 1), "outside"), (m.Action, "due_date", dt.date(25, 4, 16), "0025"),
    (m.Action, "due_date", dt.datetime(2025, 4, 16, 9), "not a date"),
    (m.Action, "due_date", "16/04/2025", "not a date"),
    (m.Action, "description", " ", "an action needs a description"),
    (m.Meeting, "status", "postponed", "not one of Planned, Held, Cancelled"),
    (m.Meeting, "date", None, "cannot be left empty"), (m.Meeting, "start_time", "10:00", "not a time"),
    (m.PublicQuestion, "number", 0, "outside"), (m.PublicQuestion, "number", 1000, "outside"),
    (m.Person, "name", "", "cannot be left empty"), (m.Organisation, "name", " ", "cannot be left empty"),
    (m.Indicator, "target", math.nan, "not a number"), (m.Indicator, "target", math.inf, "not a number"),
    (m.Indicator, "direction", "up", "not one of higher, lower"),
    (m.Indicator, "series_key", "", "needs a series name"),
]


@pytest.mark.parametrize(("cls", "name", "value"), TAKEN, ids=lambda x: str(x)[:20])
def test_a_value_the_field_takes_is_saved(store, rows, cls, name, value):
    update_field(store, cls, rows[cls], name, value)
    assert _saved(store, cls, rows[cls], name) == value


@pytest.mark.parametrize(("cls", "name", "value", "why"), REFUSED, ids=lambda x: str(x)[:20])
def test_a_value_the_field_does_not_take_is_refused_and_nothing_changes(store, rows, cls, name, value, why):
    before = database_digest(store.path)
    with pytest.raises(InvalidValue) as refused:
        update_field(store, cls, rows[cls], name, value)
    message = str(refused.value)
    assert message.startswith(FIELDS[cls, name].label) and why in message
    assert database_digest(store.path) == before


def test_the_message_quotes_the_value(store, rows):
    with pytest.raises(InvalidValue, match=r"^Kind: 'meeting' is not one of Item, Paper, Verbal update, Break\.$"):
        update_field(store, m.AgendaItem, rows[m.AgendaItem], "kind", "meeting")
    with pytest.raises(InvalidValue, match=r"^Priority: 4 is not one of 1, 2, 3; the Police and Crime Plan has three\.$"):
        update_field(store, m.AgendaItem, rows[m.AgendaItem], "priority", 4)


def test_a_field_with_no_rule_is_not_written_on_its_own(store, rows):
    """An action's status changes with an update saying why; its number and deletion by their own rules."""
    before = database_digest(store.path)
    for name, value in (("status", "Closed"), ("number", 7), ("deleted", True)):
        with pytest.raises(LookupError, match=f"Action.{name} is not a field edited on its own"):
            update_field(store, m.Action, rows[m.Action], name, value)
    assert database_digest(store.path) == before


def test_every_rule_names_a_column_of_its_table():
    for cls, name in FIELDS:
        assert name in cls.model_fields, f"{cls.__name__}.{name}"


# -- typed text, as the screens pass it ----------------------------------------------
@pytest.mark.parametrize(("cls", "name", "text", "value"), [
    (m.AgendaItem, "kind", "Verbal update", "verbal"), (m.AgendaItem, "kind", " paper ", "paper"),
    (m.AgendaItem, "kind", "v", "verbal"), (m.AgendaItem, "priority", "2", 2), (m.AgendaItem, "priority", "", None),
    (m.AgendaItem, "duration_minutes", " 15 ", 15), (m.Action, "due_date", "16/04/2025", dt.date(2025, 4, 16)),
    (m.Action, "due_date", "2025-04-16", dt.date(2025, 4, 16)), (m.Action, "due_date", "16 April 2025", dt.date(2025, 4, 16)),
    (m.Action, "due_date", "", None), (m.Indicator, "direction", "h", "higher"), (m.Indicator, "direction", "", None),
    (m.Indicator, "target", "90%", 90.0), (m.Indicator, "series_key", "  999  Calls ", "999 calls"),
    (m.AgendaItem, "title", "  Welcome", "  Welcome"),
])
def test_typed_text_is_read_as_the_field_takes_it(cls, name, text, value):
    assert FIELDS[cls, name].parse(text) == value


@pytest.mark.parametrize(("cls", "name", "text", "message"), [
    (m.AgendaItem, "duration_minutes", "a quarter", "Duration: 'a quarter' is not a whole number"),
    (m.AgendaItem, "priority", "4", "Priority: '4' is not one of 1, 2, 3"),
    (m.AgendaItem, "kind", "x", "Kind: 'x' is not one of"),
    (m.AgendaItem, "kind", "", "Kind cannot be left empty"),
    (m.Action, "due_date", "16/04/25", "Due date: '16/04/25' is not a date like 16/04/2025"),
    (m.Action, "due_date", "31/02/2025", "Due date: '31/02/2025' is not a date like 16/04/2025"),
    (m.Indicator, "target", "ninety", "Target: 'ninety' is not a number"),
])
def test_typed_text_the_field_does_not_take_is_refused(cls, name, text, message):
    with pytest.raises(InvalidValue, match=f"^{message}"):
        FIELDS[cls, name].parse(text)


def test_a_long_value_is_quoted_shortened():
    with pytest.raises(InvalidValue, match=r"^Meeting status: 'p{40}…' is not one of"):
        fields.check(m.Meeting, "status", "p" * 100)


# -- the functions that create records check the same rules ------------------------------
def test_a_new_action_with_a_due_date_out_of_range_is_refused(store, rows):
    before = database_digest(store.path)
    with pytest.raises(InvalidValue, match="Due date: 16/04/0025"):
        new_action(store, rows[m.Meeting], "The CC", "Report back", dt.date(25, 4, 16))
    with pytest.raises(InvalidValue, match="an action needs a description"):
        create_action(store, rows[m.Meeting], "", "  ")
    assert database_digest(store.path) == before


def test_a_new_agenda_item_of_an_unknown_kind_is_refused(store, rows):
    before = database_digest(store.path)
    with pytest.raises(InvalidValue, match="Kind: 'lunch'"):
        add_item(store, rows[m.Meeting], 0, "Lunch", kind="lunch")
    with pytest.raises(InvalidValue, match="Duration: 0 is outside"):
        add_item(store, rows[m.Meeting], 0, "Lunch", kind="break", duration_minutes=0)
    assert database_digest(store.path) == before
    assert add_item(store, rows[m.Meeting], 0, "Lunch", kind="break", duration_minutes=30)


def test_a_record_added_live_is_checked_before_it_is_saved(store, rows):
    before = database_digest(store.path)
    with pytest.raises(InvalidValue, match="Question number: 0 is outside"):
        add_record(store, m.PublicQuestion(meeting_id=rows[m.Meeting], number=0))
    assert database_digest(store.path) == before


def test_a_person_needs_a_name_and_a_meeting_a_date_in_range(store, rows):
    before = database_digest(store.path)
    with pytest.raises(UserError, match="Name cannot be left empty"):
        add_person(store, "  ", "Chief Constable")
    with pytest.raises(InvalidValue, match="Date: 01/01/2100 is outside"):
        create_meeting(store, rows[m.MeetingSeries], dt.date(2100, 1, 1))
    assert database_digest(store.path) == before


# -- every rule, through the database ------------------------------------------------------
_SAMPLE = {str: "Sample text", int: 1, float: 1.5, bool: True, dt.date: dt.date(2025, 9, 30), dt.time: dt.time(10, 30)}
_WRONG_KIND = {str: 5, int: "five", float: "1.5", bool: "yes", dt.date: "30/09/2025", dt.time: "10:30"}


def _valid(field_rule):
    if field_rule.choices:
        return next(iter(field_rule.choices))
    if field_rule.pattern is not None:
        return "officer@example.org"
    return field_rule.low if field_rule.low is not None else _SAMPLE[field_rule.kind]


@pytest.mark.parametrize(("cls", "name"), list(FIELDS), ids=lambda x: getattr(x, "__name__", x))
def test_every_rule_takes_a_value_of_its_kind_refuses_another_and_holds_its_bounds(store, rows, cls, name):
    field_rule = FIELDS[cls, name]
    row_id = rows[cls]
    update_field(store, cls, row_id, name, _valid(field_rule))
    assert _saved(store, cls, row_id, name) == _valid(field_rule)
    refused = [_WRONG_KIND[field_rule.kind]]
    if field_rule.max_length is not None:
        tail = "@example.org" if field_rule.pattern is not None else ""
        update_field(store, cls, row_id, name, "x" * (field_rule.max_length - len(tail)) + tail)  # the longest it holds
        refused.append("x" * (field_rule.max_length + 1 - len(tail)) + tail)
    if field_rule.high is not None and not field_rule.choices:
        update_field(store, cls, row_id, name, field_rule.high)
        refused += [field_rule.high + (dt.timedelta(days=1) if field_rule.kind is dt.date else 1),
                    field_rule.low - (dt.timedelta(days=1) if field_rule.kind is dt.date else 1)]
    if not field_rule.optional or field_rule.required:
        refused.append(None)
    before = database_digest(store.path)
    for value in refused:
        with pytest.raises(InvalidValue, match=f"^{re.escape(field_rule.label)}"):
            update_field(store, cls, row_id, name, value)
    assert database_digest(store.path) == before


@pytest.mark.parametrize("email", ["simon.megicks@norfolk.police.uk", "a@b.co", "", None])
def test_an_email_address_that_looks_like_one_is_taken(store, rows, email):
    update_field(store, m.Person, rows[m.Person], "email", email)
    assert _saved(store, m.Person, rows[m.Person], "email") == email


@pytest.mark.parametrize("email", ["simon megicks@norfolk.police.uk", "no-at-sign.org", "a@b", "a@@b.org", "@b.org"])
def test_an_email_address_that_does_not_look_like_one_is_refused(store, rows, email):
    with pytest.raises(InvalidValue, match="E-mail: .* is not an e-mail address like name@example.org"):
        update_field(store, m.Person, rows[m.Person], "email", email)
