"""The table model behind the panes, checked without a window."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QUndoStack

from db_digest import database_digest
from demo_days import JULY
from scrutiny_app.core import models as m
from scrutiny_app.core.queries import action_rows, find_meeting, load_meeting
from scrutiny_app.ui.columns import ACTION_COLUMNS, AGENDA_COLUMNS, action_background
from scrutiny_app.ui.record_model import ROW_ROLE, SORT_ROLE, RecordTableModel


@pytest.fixture
def agenda_model(qapp, demo_store):
    model = RecordTableModel(demo_store, AGENDA_COLUMNS, undo_stack=QUndoStack())
    model.set_rows(load_meeting(demo_store, find_meeting(demo_store, JULY)).agenda)
    return model


def _column(model, header):
    return [c.header for c in model.columns].index(header)


def _saved_item(store, item_id) -> m.AgendaItem:
    with store.session() as s:
        return s.get(m.AgendaItem, item_id)


def test_agenda_model_passes_the_model_tester(qtmodeltester, agenda_model):
    qtmodeltester.check(agenda_model)


def test_action_model_passes_the_model_tester(qtmodeltester, demo_store):
    model = RecordTableModel(demo_store, ACTION_COLUMNS, record_of=lambda r: r.action, background=action_background)
    model.set_rows(action_rows(demo_store))
    qtmodeltester.check(model)


def test_edit_is_saved_to_the_database_at_once(agenda_model, demo_store):
    index = agenda_model.index(0, _column(agenda_model, "Presenter"))
    assert agenda_model.setData(index, "Police and Crime Commissioner Sarah Taylor")
    item = index.data(ROW_ROLE)
    assert _saved_item(demo_store, item.id).presenter == "Police and Crime Commissioner Sarah Taylor"


def test_a_bad_duration_is_refused_with_a_message_and_nothing_saved(qtbot, agenda_model, demo_store):
    index = agenda_model.index(0, _column(agenda_model, "Min."))
    item = index.data(ROW_ROLE)
    with qtbot.waitSignal(agenda_model.failed) as blocker:
        assert not agenda_model.setData(index, "a quarter")
    assert "is not a whole number" in blocker.args[0]
    assert _saved_item(demo_store, item.id).duration_minutes == 15


def test_undo_and_redo_reach_the_database(agenda_model, demo_store):
    index = agenda_model.index(1, _column(agenda_model, "Title"))
    item = index.data(ROW_ROLE)
    original = item.title
    agenda_model.setData(index, "Declarations of interest")
    agenda_model.undo_stack.undo()
    assert _saved_item(demo_store, item.id).title == original
    assert index.data() == original
    agenda_model.undo_stack.redo()
    assert _saved_item(demo_store, item.id).title == "Declarations of interest"


def test_sorting_uses_raw_values_not_display_text(agenda_model):
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(agenda_model)
    proxy.setSortRole(SORT_ROLE)
    page = _column(agenda_model, "Page")
    proxy.sort(page, Qt.SortOrder.DescendingOrder)
    shown = [proxy.index(r, page).data() for r in range(proxy.rowCount())]
    assert shown[:5] == ["42", "39", "30", "18", "3"]  # as text "3" would sort above "18"


def test_overdue_and_due_soon_actions_stand_out(demo_store):
    row = action_rows(demo_store)[-1]  # action 19, New
    today = dt.date(2025, 7, 1)
    row.action.due_date = dt.date(2025, 6, 30)
    assert action_background(row, today) == "#f8d7da"
    row.action.due_date = dt.date(2025, 7, 5)
    assert action_background(row, today) == "#fff3cd"
    row.action.status = "Closed"
    assert action_background(row, today) is None


def test_kind_is_chosen_by_its_shown_name_and_saved_as_its_key(agenda_model, demo_store):
    index = agenda_model.index(0, _column(agenda_model, "Kind"))
    assert agenda_model.setData(index, "Verbal update")
    assert _saved_item(demo_store, index.data(ROW_ROLE).id).kind == "verbal"


def test_a_public_question_can_be_marked_not_for_publication(qapp, demo_store):
    from scrutiny_app.ui.columns import PUBLIC_QUESTION_COLUMNS

    model = RecordTableModel(demo_store, PUBLIC_QUESTION_COLUMNS)
    model.set_rows(load_meeting(demo_store, find_meeting(demo_store, dt.date(2025, 4, 16))).public_questions)
    assert model.setData(model.index(0, _column(model, "Private")), "Not for publication")
    with demo_store.session() as s:
        assert s.get(m.PublicQuestion, model.rows[0].id).private is True


def _field_column(model, name):
    return [c.field for c in model.columns].index(name)


@pytest.mark.parametrize(("field", "typed", "message"), [
    ("priority", "4", "Priority: '4' is not one of 1, 2, 3; the Police and Crime Plan has three."),
    ("duration_minutes", "0", "Duration: 0 is outside 1 to 480"),
    ("title", "   ", "Title cannot be left empty; an agenda item needs a title."),
])
def test_a_cell_refused_by_cores_rule_says_so_in_cores_words_and_saves_nothing(qtbot, agenda_model, demo_store,
                                                                               demo_path, field, typed, message):
    before = database_digest(demo_path)
    with qtbot.waitSignal(agenda_model.failed) as blocker:
        assert not agenda_model.setData(agenda_model.index(0, _field_column(agenda_model, field)), typed)
    assert blocker.args[0].startswith(message)
    assert database_digest(demo_path) == before



def test_every_editable_column_is_checked_by_a_rule_of_core():
    from scrutiny_app.core.fields import FIELDS
    from scrutiny_app.ui.columns import PUBLIC_QUESTION_COLUMNS
    from scrutiny_app.ui.indicators_pane import SETTINGS_COLUMNS
    from scrutiny_app.ui import record_columns

    tables = [(AGENDA_COLUMNS, m.AgendaItem), (PUBLIC_QUESTION_COLUMNS, m.PublicQuestion), (ACTION_COLUMNS, m.Action),
              (SETTINGS_COLUMNS, m.Indicator), (record_columns.DECLARATION_COLUMNS, m.Declaration),
              (record_columns.LIVE_PUBLIC_COLUMNS, m.PublicQuestion), (record_columns.PCC_COLUMNS, m.PccQuestion),
              (record_columns.RISK_COLUMNS, m.EmergingRisk), (record_columns.LIVE_ACTION_COLUMNS, m.Action)]
    unruled = [f"{cls.__name__}.{c.field}" for columns, cls in tables for c in columns
               if c.field and (cls, c.field) not in FIELDS]
    assert not unruled
