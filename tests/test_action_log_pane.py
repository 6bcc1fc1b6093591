"""The Action log pane driven like a user would: filters, history, the commands and their dialogs."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlmodel import select

from action_history import history
from background_jobs import settle
from scrutiny_app.core import models as m
from scrutiny_app.core.queries import action_rows
from scrutiny_app.ui import background
from scrutiny_app.ui.action_dialogs import DeleteDialog, NewActionDialog, UpdateDialog
from scrutiny_app.ui.import_preview import ImportPreviewDialog
from scrutiny_app.ui.reminders_dialog import RemindersDialog

TODAY = dt.date.today()


@pytest.fixture
def demo_store(demo_store):
    """The demo with due dates around today, so the window (conftest) opens on them."""
    with demo_store.session() as s:  # 16 overdue, 17 due in three days, 18 due next month
        for action in s.exec(select(m.Action)).all():
            days = {16: -10, 17: 3, 18: 30}.get(action.number)
            action.due_date = TODAY + dt.timedelta(days=days) if days is not None else None
            s.add(action)
    return demo_store


def shown(pane) -> list[int]:
    return [pane.proxy.index(r, 0).data(Qt.ItemDataRole.DisplayRole) for r in range(pane.proxy.rowCount())]


def choose(box, text: str) -> None:
    box.setCurrentIndex(box.findText(text))


def answer(dialog_type, fill):
    """Fill in the next modal dialog of ``dialog_type`` once it opens and has what it reads off the GUI thread,
    then let ``fill`` accept or cancel it."""

    def act():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, dialog_type) or not background.idle():
            QTimer.singleShot(20, act)
            return
        fill(dialog)

    QTimer.singleShot(0, act)


def test_filter_to_open_and_overdue(window):
    pane = window.action_log
    choose(pane.status_box, "Open")
    choose(pane.due_box, "Overdue")
    assert (shown(pane), pane.count.text()) == (["16"], "1 of 8")


def test_the_filtered_proxy_passes_the_model_tester(window, qtmodeltester):
    choose(window.action_log.status_box, "Open")
    qtmodeltester.check(window.action_log.proxy)


def test_filter_to_overdue_or_due_soon(window):
    choose(window.action_log.due_box, "Overdue or due soon")
    assert shown(window.action_log) == ["16", "17"]


def test_filter_by_owner_and_free_text_together(qtbot, window):
    pane = window.action_log
    choose(pane.owner_box, "The CC")
    qtbot.keyClicks(pane.filter, "Neighbourhood")
    assert shown(pane) == ["19"]


def test_filter_by_the_meeting_raised_at(window):
    choose(window.action_log.meeting_box, "Raised 29/01/2025")
    assert shown(window.action_log) == ["12", "13", "14", "15"]


def test_sorting_by_due_date(window):
    pane = window.action_log
    pane.view.sortByColumn([c.header for c in pane.model.columns].index("Due"), Qt.SortOrder.DescendingOrder)
    assert shown(pane)[:3] == ["18", "17", "16"]


def test_overdue_and_due_soon_rows_stand_out(window):
    pane = window.action_log
    colours = {pane.proxy.index(r, 0).data(): pane.proxy.index(r, 0).data(Qt.ItemDataRole.BackgroundRole)
               for r in range(pane.proxy.rowCount())}
    assert (colours["16"].color().name(), colours["17"].color().name(), colours["18"]) == ("#f8d7da", "#fff3cd", None)


def test_selecting_an_action_shows_its_full_history(window, demo_store):
    from scrutiny_app.core.actions import add_update

    pane = window.action_log
    (row,) = [r for r in pane.model.rows if r.action.number == 12]
    add_update(demo_store, row.action.id, "Noted again.", "Closed")
    pane.reload()
    pane.select_action(row.action.id)
    model = pane.history_model
    cells = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert [(c[0], c[2], c[3], c[4]) for c in cells] == [
        ("16/04/2025", "Closed", "The PCC visited the CCR in February 2025 and described it as an excellent visit. "
                                 "Action closed.", "meeting"),
        ("Between meetings", "Closed", "Noted again.", "meeting"),
    ]
    assert "History of action 12" in pane.history_title.text()


def test_status_is_changed_only_through_an_update(window):
    pane = window.action_log
    column = [c.header for c in pane.model.columns].index("Status")
    assert not pane.proxy.index(0, column).flags() & Qt.ItemFlag.ItemIsEditable


def test_new_action_takes_the_next_number_and_is_selected(window, demo_store, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from scrutiny_app.core.people import match_person

    def fill(dialog: NewActionDialog):
        dialog.owner.setCurrentText("The CC")
        dialog.description.setPlainText("The CC is to report on summer policing.")
        dialog.accept()

    asked = []  # "The CC" is not in the directory: adding it is offered
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.Yes)
    answer(NewActionDialog, fill)
    window.action_log.new_command.trigger()
    assert window.action_log.selected().action.number == 20
    assert "not in the people directory" in asked[0]
    assert window.action_log.selected().action.owner_person_id == match_person(demo_store, "The CC").id
    assert history(demo_store, 20) == [("New Action.", "New", "meeting")]


def test_undoing_a_new_action_deletes_it_and_keeps_its_number_taken(window, demo_store):
    def fill(dialog: NewActionDialog):
        dialog.description.setPlainText("Raised by mistake.")
        dialog.accept()

    answer(NewActionDialog, fill)
    window.action_log.new_command.trigger()
    window.undo_stack.undo()
    assert "20" not in shown(window.action_log)
    (row,) = [r for r in action_rows(demo_store, include_deleted=True) if r.action.number == 20]
    assert (row.action.deleted, [u.text for u in row.updates]) == (True, ["New Action.", "Raising undone."])


def test_undoing_an_owner_edit_after_an_update_shows_the_old_owner(window, demo_store):
    from scrutiny_app.core.actions import add_update

    pane = window.action_log
    column = [c.header for c in pane.model.columns].index("Owner")
    (row_index,) = [r for r in range(pane.proxy.rowCount()) if pane.proxy.index(r, 0).data() == "17"]
    pane.proxy.setData(pane.proxy.index(row_index, column), "ACC Dean")
    add_update(demo_store, pane.model.rows[row_index].action.id, "Progress.", "Ongoing")
    pane.reload()
    window.undo_stack.undo()
    assert pane.proxy.index(row_index, column).data() == "DCC Megicks"


def test_close_needs_text_before_it_can_be_confirmed(window):
    pane = window.action_log
    pane.select_action(next(r.action.id for r in pane.model.rows if r.action.number == 17))
    seen = []

    def fill(dialog: UpdateDialog):
        seen.append((dialog.ok.isEnabled(), dialog.status.currentText(), dialog.status.isEnabled()))
        dialog.reject()

    answer(UpdateDialog, fill)
    pane.close_command.trigger()
    assert seen == [(False, "Closed", False)]


def test_closing_records_the_reason_at_the_meeting(window, demo_store):
    pane = window.action_log
    pane.select_action(next(r.action.id for r in pane.model.rows if r.action.number == 17))

    def fill(dialog: UpdateDialog):
        dialog.text.setPlainText("The post was filled in June.")
        dialog.ok.click()

    answer(UpdateDialog, fill)
    pane.close_command.trigger()
    (row,) = [r for r in action_rows(demo_store) if r.action.number == 17]
    assert (row.action.status, row.latest.text, row.latest.meeting_id) == (
        "Closed", "The post was filled in June.", window.record.meeting.id)


def delete(pane, number: int, reason: str) -> None:
    """Select action ``number`` and delete it through the confirmation dialog."""
    pane.select_action(next(r.action.id for r in pane.model.rows if r.action.number == number))

    def fill(dialog: DeleteDialog):
        dialog.reason.setPlainText(reason)
        dialog.ok.click()

    answer(DeleteDialog, fill)
    pane.delete_command.trigger()


def test_delete_asks_and_undo_restores(window, demo_store):
    pane = window.action_log
    delete(pane, 19, "Raised twice.")
    assert "19" not in shown(pane)
    window.undo_stack.undo()
    assert "19" in shown(pane)
    assert [src for _, _, src in history(demo_store, 19)] == ["meeting", "deleted", "restored"]


def test_a_deleted_action_shows_under_deleted_with_its_history(window):
    pane = window.action_log
    delete(pane, 19, "Raised twice.")
    choose(pane.status_box, "Deleted")
    pane.view.setCurrentIndex(pane.proxy.index(0, 0))
    model = pane.history_model
    assert (shown(pane), pane.count.text()) == (["19"], "1")
    assert (model.index(1, 3).data(), model.index(1, 4).data()) == ("Raised twice.", "deleted")
    assert not pane.update_command.isEnabled()


@pytest.fixture
def returned(tracker, tmp_path):
    wb = openpyxl.load_workbook(tracker)
    ws = wb["Open"]
    ws["I2"] = "Road safety communications refreshed."  # action 16
    ws["A5"] = 99  # action 19 renumbered
    wb.save(tmp_path / "returned.xlsx")
    return tmp_path / "returned.xlsx"


def test_import_preview_holds_back_a_file_with_problems_until_valid_rows_only(qtbot, window, demo_store, returned):
    seen = []

    def fill(dialog: ImportPreviewDialog):
        seen.append((dialog.changes.model().rowCount(), dialog.problems.model().rowCount(), dialog.apply.isEnabled()))
        dialog.valid_only.setChecked(True)
        seen.append(dialog.apply.isEnabled())
        dialog.apply.click()

    answer(ImportPreviewDialog, fill)
    window.action_log.import_tracker(returned)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=10000)  # read off the GUI thread, then previewed
    settle(qtbot)  # and recorded off it
    assert seen == [(1, 1, False), True]
    assert history(demo_store, 16)[-1] == ("Road safety communications refreshed.", "New", "import: returned.xlsx")


def test_cancelling_the_preview_changes_nothing(qtbot, window, demo_store, returned):
    shown = []
    answer(ImportPreviewDialog, lambda dialog: shown.append(dialog) or dialog.reject())
    window.action_log.import_tracker(returned)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    settle(qtbot)
    assert history(demo_store, 16) == [("New Action.", "New", "meeting")]


def test_reminders_dialog_lists_each_owners_open_actions(window):
    seen = []

    def fill(dialog: RemindersDialog):
        model = dialog.table.model
        seen.extend((model.index(r, 0).data(), model.index(r, 2).data(), model.index(r, 4).data())
                    for r in range(model.rowCount()))
        dialog.reject()

    answer(RemindersDialog, fill)
    window.action_log.reminders_command.trigger()
    assert seen == [("Paul Sanford", "16", "Overdue"), ("Paul Sanford", "19", "Open"),
                    ("Simon Megicks", "17", "Due within a week"), ("Kirt Wilkinson", "18", "Open")]


def test_the_actions_menu_holds_the_commands_with_shortcuts(window):
    menu = window.actions_menu
    assert [(a.text(), a.shortcut().toString()) for a in menu.actions()] == [
        ("New action…", "Ctrl+Shift+A"), ("Add update…", "Ctrl+U"), ("Close action…", "Ctrl+Shift+C"),
        ("Delete action…", "Ctrl+Del"), ("Import returned tracker…", ""),
        ("Due and overdue by owner…", "Ctrl+Shift+R")]


def test_reminders_dialog_saves_the_drafts_to_the_chosen_folder(qtbot, demo_store, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    # The native folder chooser and the modal notice cannot be driven offscreen: they are stood in for.
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(tmp_path / "out"))
    told = []
    (tmp_path / "out").mkdir()
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(title))
    dialog = RemindersDialog(demo_store, None)
    qtbot.addWidget(dialog)
    dialog.save.click()
    settle(qtbot)  # written off the GUI thread
    written = sorted(p.suffix for p in (tmp_path / "out").iterdir())
    assert (told, written) == (["Reminders saved"], [".eml", ".eml", ".eml", ".xlsx"])
