"""The office, series, people and meeting dialogs of the window, from a database that started empty."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox

from db_digest import database_digest
from scrutiny_app.core import meetings as core_meetings
from scrutiny_app.core import people as core_people
from scrutiny_app.core.office import get_office, office_entered
from scrutiny_app.core.series import list_series
from scrutiny_app.core.store import open_store
from scrutiny_app.ui.main_window import MainWindow
from scrutiny_app.ui.meeting_dialog import MeetingDialog
from scrutiny_app.ui.people_window import PeopleWindow, PersonDialog
from scrutiny_app.ui.series_dialog import SeriesManager


@pytest.fixture
def empty(tmp_path, settings_dir):
    store = open_store(tmp_path / "empty.sqlite")
    yield store
    store.close()


@pytest.fixture
def shown(qtbot, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: told.append(args[2]))
    return told


def _type(qtbot, field, text):
    field.clear()
    qtbot.keyClicks(field, text)


def _set_up(qtbot, empty, shown):
    window = MainWindow(empty)
    qtbot.addWidget(window)
    dialog = window.office.setup_dialog
    assert dialog is not None and dialog.isVisible()
    _type(qtbot, dialog.name, "Office of the Police and Crime Commissioner for Testshire")
    _type(qtbot, dialog.email, "opcc@testshire.example")
    _type(qtbot, dialog.series_form.venue, "Council Chamber")
    return window, dialog


def test_first_run_refuses_bad_times_then_saves_office_and_series(qtbot, empty, shown):
    window, dialog = _set_up(qtbot, empty, shown)
    _type(qtbot, dialog.series_form.end, "09:00")
    before = database_digest(empty.path)
    dialog.accept()
    assert "not after the start time 10:00" in shown[-1]
    assert database_digest(empty.path) == before and dialog.isVisible()
    _type(qtbot, dialog.series_form.end, "13:00")
    dialog.accept()
    assert not dialog.isVisible()
    assert office_entered(empty) and get_office(empty).email == "opcc@testshire.example"
    assert [(x.name, x.default_venue) for x in list_series(empty)] == [("PCC Accountability Meeting", "Council Chamber")]


def test_first_run_refuses_a_bad_email(qtbot, empty, shown):
    window, dialog = _set_up(qtbot, empty, shown)
    _type(qtbot, dialog.email, "not an address")
    before = database_digest(empty.path)
    dialog.accept()
    assert "not an e-mail address" in shown[-1]
    assert database_digest(empty.path) == before and not office_entered(empty)


@pytest.fixture
def office(qtbot, empty, shown):
    window, dialog = _set_up(qtbot, empty, shown)
    dialog.accept()
    return window


def test_series_manager_refuses_a_duplicate_then_creates_and_retires(qtbot, office, shown):
    manager = SeriesManager(office.store, office)
    qtbot.addWidget(manager)
    manager.new_series()
    _type(qtbot, manager.form.name, "pcc accountability meeting")
    before = database_digest(office.store.path)
    assert not manager.save()
    assert "already a series" in shown[-1] and database_digest(office.store.path) == before
    _type(qtbot, manager.form.name, "Police and Crime Panel")
    assert manager.save()
    assert manager.current() is not None
    manager.toggle_retired()
    assert [x.name for x in list_series(office.store)] == ["PCC Accountability Meeting"]
    assert "(retired)" in manager.list.currentItem().text()


def _meeting(office, day=dt.date(2026, 3, 4)):
    series_id = list_series(office.store)[0].id
    opened = core_meetings.open_or_create_meeting(office.store, series_id, day)
    office.context.list_meetings(opened.id)
    return opened.id


def test_new_meeting_opens_the_one_already_there(qtbot, office, monkeypatch):
    from scrutiny_app.ui.new_meeting_dialog import NewMeetingDialog

    meeting_id = _meeting(office)
    monkeypatch.setattr(NewMeetingDialog, "exec", lambda self: True)
    monkeypatch.setattr(NewMeetingDialog, "chosen", lambda self: (self.series_box.currentData(), dt.date(2026, 3, 4)))
    office.agenda_editor.new_meeting()
    assert office.record.meeting.id == meeting_id
    assert len(core_meetings.meeting_rows(office.store)) == 1


def test_meeting_details_refuse_a_bad_date_then_move_and_cancel(qtbot, office, shown):
    meeting_id = _meeting(office)
    dialog = MeetingDialog(office.context)
    qtbot.addWidget(dialog)
    _type(qtbot, dialog.date, "4 March")
    before = database_digest(office.store.path)
    dialog.accept()
    assert "is not a date" in shown[-1] and database_digest(office.store.path) == before
    _type(qtbot, dialog.date, "2026-03-11")
    _type(qtbot, dialog.start, "14:00")
    _type(qtbot, dialog.end, "13:00")
    dialog.accept()
    assert "not after the start" in shown[-1] and database_digest(office.store.path) == before
    _type(qtbot, dialog.end, "16:00")
    dialog.accept()
    assert office.record.meeting.date == dt.date(2026, 3, 11) and office.record.meeting.start_time == dt.time(14)
    MeetingDialog(office.context).toggle_cancelled()
    assert office.record.meeting.status == "cancelled" and office.record.meeting.id == meeting_id
    assert office.picker.currentText().endswith("(cancelled)")


def test_deleting_an_empty_meeting_is_undone_by_ctrl_z(qtbot, office, shown):
    meeting_id = _meeting(office)
    MeetingDialog(office.context).delete()
    assert core_meetings.meeting_rows(office.store) == [] and office.record is None
    assert office.undo_stack.undoText() == "Delete meeting"
    office.show()
    qtbot.waitExposed(office)
    office.activateWindow()
    qtbot.waitUntil(office.isActiveWindow, timeout=1000)
    office.picker.setFocus()
    qtbot.keyClick(office.focusWidget() or office, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: office.record is not None)
    assert office.record.meeting.id == meeting_id
    assert len(office.record.agenda) == 11


def test_people_add_refuses_a_bad_email_then_merges_and_retires(qtbot, office, shown):
    people = PeopleWindow(office.context)
    qtbot.addWidget(people)
    form = PersonDialog(office.context, None, people)
    _type(qtbot, form.name, "Simon Megicks")
    _type(qtbot, form.email, "dcc at norfolk")
    before = database_digest(office.store.path)
    form.accept()
    assert "e-mail" in shown[-1].lower() and database_digest(office.store.path) == before
    _type(qtbot, form.email, "dcc@norfolk.example")
    _type(qtbot, form.short_name, "DCC Megicks")
    form.accept()
    core_people.add_person(office.store, core_people.PersonDetails("The DCC"))
    core_people.add_person(office.store, core_people.PersonDetails("Giles Orpen-Smellie", "PCC"))
    people.fill()
    assert people.table.rowCount() == 3
    _type(qtbot, people.filter, "dcc")
    assert sum(not people.table.isRowHidden(r) for r in range(3)) == 2
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (r for r in range(3) if not people.table.isRowHidden(r)):
        people.table.selectionModel().select(people.table.model().index(row, 0), flags)
    monkey_answers = []
    QMessageBox.question, saved_q = (lambda *a: monkey_answers.append(a[2]) or QMessageBox.StandardButton.Yes), QMessageBox.question
    QMessageBox.information, saved_i = (lambda *a: monkey_answers.append(a[2])), QMessageBox.information
    try:
        people.merge()
    finally:
        QMessageBox.question, QMessageBox.information = saved_q, saved_i
    assert "moves to" in monkey_answers[0] and "moved" in monkey_answers[1]
    names = [x.details.name for x in core_people.list_people(office.store)]
    assert len(names) == 2 and "Giles Orpen-Smellie" in names
    people.table.clearSelection()
    people.table.selectRow(0)
    chosen = people.selected()[0]
    people.toggle_retired()
    assert not core_people.get_person(office.store, chosen.id).details.active


def test_a_name_not_in_the_directory_is_offered_once_and_added(qtbot, office, monkeypatch):
    from scrutiny_app.ui.directory_picker import directory_completer, person_named

    core_people.add_person(office.store, core_people.PersonDetails("Simon Megicks", short_name="DCC Megicks"))
    completer = directory_completer(office.store, office)
    completer.setCompletionPrefix("megi")
    assert sorted(completer.completionModel().index(r, 0).data() for r in range(completer.completionCount())) == [
        "DCC Megicks", "Simon Megicks"]
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.No)
    assert person_named(office, office.store, "dcc megicks").details.name == "Simon Megicks" and not asked
    before = database_digest(office.store.path)
    assert person_named(office, office.store, "The DCC") is None
    assert "“The DCC” is not in the people directory" in asked[0] and database_digest(office.store.path) == before
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    added = person_named(office, office.store, "The DCC")
    assert core_people.match_person(office.store, "the dcc").id == added.id


@pytest.mark.parametrize("good", [False, True])
def test_import_people_previews_problems_by_row_before_saving(qtbot, office, tmp_path, monkeypatch, good):
    from PySide6.QtWidgets import QFileDialog

    from scrutiny_app.ui.people_window import PeoplePreview

    path = tmp_path / "people.csv"
    header = "Name,Role,E-mail" if good else "Who,Role,E-mail"
    path.write_text(f"{header}\nSimon Megicks,DCC,dcc@norfolk.example\nGiles Orpen-Smellie,PCC,pcc@norfolk.example\n",
                    encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kw: (str(path), ""))
    previews = []
    monkeypatch.setattr(PeoplePreview, "exec", lambda self: previews.append(self) or self.import_button.isEnabled())
    people = PeopleWindow(office.context)
    qtbot.addWidget(people)
    before = database_digest(office.store.path)
    people.import_people()
    qtbot.waitUntil(lambda: bool(previews), timeout=10000)
    preview = previews[0]
    if good:
        assert "2 to add" in preview.summary.text() and "row 2: add Simon Megicks" in preview.text.toPlainText()
        assert people.table.rowCount() == 2
    else:
        assert "problem" in preview.summary.text() and "Name" in preview.text.toPlainText()
        assert not preview.import_button.isEnabled() and database_digest(office.store.path) == before


def test_series_manager_offers_to_save_edits_before_leaving_them(qtbot, office, monkeypatch):
    manager = SeriesManager(office.store, office)
    qtbot.addWidget(manager)
    _type(qtbot, manager.form.venue, "County Hall")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.Save)
    manager.reject()
    assert asked == ["Save the changes to this series?"] and not manager.isVisible()
    assert list_series(office.store)[0].default_venue == "County Hall"
    again = SeriesManager(office.store, office)
    qtbot.addWidget(again)
    again.reject()  # nothing edited: nothing asked
    assert len(asked) == 1
