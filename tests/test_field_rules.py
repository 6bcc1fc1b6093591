"""The field rules of core.fields, through a real database: each takes its valid values and boundaries,
refuses the rest naming the field and the value, and a refused write leaves the file as it was."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from db_digest import database_digest
from db_rows import add
from scrutiny_app.core import fields, models as m
from scrutiny_app.core.actions import new_action
from scrutiny_app.core.agenda import add_item, create_meeting
from scrutiny_app.core.fields import FIELDS, InvalidValue
from scrutiny_app.core.live import add_person, add_record, create_action
from scrutiny_app.core.queries import update_field
from scrutiny_app.errors import UserError

WHEN = dt.datetime(2025, 7, 8, 10, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def rows(store, make_meeting):
    """One record of each table with edited fields, in the test's own database: table -> id."""
    meeting = make_meeting()
    org = add(store, m.Organisation(name="Norfolk Constabulary"))[0]
    item, report = add(store, m.AgendaItem(meeting_id=meeting.id, title="Reducing Harm", duration_minutes=30),
                       m.Report(meeting_id=meeting.id, title="Reducing Harm"))
    table = add(store, m.IndicatorTable(meeting_id=meeting.id, report_id=report.id, label="Table 1"))[0]
    made = add(store, m.PublicQuestion(meeting_id=meeting.id, number=1), m.PccQuestion(meeting_id=meeting.id, number=1),
               m.EmergingRisk(meeting_id=meeting.id), m.Declaration(meeting_id=meeting.id),
               m.Action(series_id=meeting.series_id, number=1, raised_at_meeting_id=meeting.id, description="Report"),
               m.Person(name="Simon Megicks", organisation_id=org.id),
               m.Indicator(table_id=table.id, name="999 calls", series_key="999 calls"))
    ids = {type(r): r.id for r in (meeting, org, item, report, *made)}
    ids[m.MeetingSeries] = meeting.series_id
    return ids


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
