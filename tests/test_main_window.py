"""The main window driven like a user would, on a copy of the demo database."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from scrutiny_app.core import models as m
from scrutiny_app.ui.main_window import MainWindow
from scrutiny_app.ui.notes_editor import SAVE_DELAY_MS


def _cell(pane, row: int, header: str):
    column = [c.header for c in pane.model.columns].index(header)
    return pane.proxy.index(row, column)


def test_opens_on_the_july_2025_meeting_with_all_four_panes(window):
    assert window.record.meeting.date == dt.date(2025, 7, 8)
    assert window.agenda.proxy.rowCount() == 12
    assert window.action_log.proxy.rowCount() == 8
    assert window.indicators.picker.count() == 7
    assert all(dock.isVisible() for dock in (window.agenda_dock, window.questions_dock, window.action_log_dock,
                                             window.indicators_dock))


def test_picking_april_shows_its_public_questions(window):
    assert window.select_meeting(dt.date(2025, 4, 16))
    assert window.questions.proxy.rowCount() == 6
    assert "April 2025" in window.windowTitle()


def test_editing_a_cell_in_the_view_saves_it(qtbot, window, demo_store):
    view = window.agenda.view
    index = _cell(window.agenda, 0, "Presenter")
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Sharon Lister")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    item_id = window.agenda.model.rows[0].id

    def saved() -> bool:  # the delegate commits on the next turn of the event loop
        with demo_store.session() as s:
            return s.get(m.AgendaItem, item_id).presenter == "Sharon Lister"

    qtbot.waitUntil(saved, timeout=2000)
    assert "Saved" in window.statusBar().currentMessage()


def test_typed_notes_are_saved_after_a_short_pause(qtbot, window, demo_store):
    window.agenda.view.setCurrentIndex(_cell(window.agenda, 4, "Title"))
    item = window.notes.item
    assert item.number == 5
    qtbot.keyClicks(window.notes.editor, "- GBH up 13.3%: ask why")

    def saved() -> bool:
        with demo_store.session() as s:
            return s.get(m.AgendaItem, item.id).notes == "- GBH up 13.3%: ask why"

    qtbot.waitUntil(saved, timeout=SAVE_DELAY_MS + 1000)  # the pause, and a margin for a busy machine


def test_notes_are_saved_when_moving_to_another_item(qtbot, window, demo_store):
    window.agenda.view.setCurrentIndex(_cell(window.agenda, 0, "Title"))
    item = window.notes.item
    qtbot.keyClicks(window.notes.editor, "Apologies from ACC Dean")
    window.agenda.view.setCurrentIndex(_cell(window.agenda, 1, "Title"))
    with demo_store.session() as s:
        assert s.get(m.AgendaItem, item.id).notes == "Apologies from ACC Dean"


def test_filter_narrows_the_action_log(qtbot, window):
    qtbot.keyClicks(window.action_log.filter, "DA Matters")
    assert window.action_log.proxy.rowCount() == 1
    assert window.action_log.count.text() == "1 of 8"


def test_table_chart_draws_three_bars_per_compared_indicator(window):
    chart = window.indicators.chart
    assert chart.currentWidget() is chart.bar_plot
    heights = [list(bar.opts["height"]) for bar in chart.bars[:3]]
    assert heights[0] == [7697, 708, 5434]  # number of crimes: violence with injury, GBH, ABH
    assert all(len(h) == 3 for h in heights)


def test_monthly_999_table_is_a_line_with_its_target(window):
    picker = window.indicators.picker
    picker.setCurrentIndex(next(i for i in range(picker.count()) if picker.itemText(i).startswith("Table 6")))
    chart = window.indicators.chart
    assert chart.currentWidget() is chart.line_plot
    xs, ys = chart.line.getData()
    assert len(xs) == 12 and ys[0] == pytest.approx(90.4)
    assert chart.target.isVisible() and chart.target.value() == 90


def test_window_size_and_layout_come_back_next_time(qtbot, demo_store, settings_dir):
    first = MainWindow(demo_store, demo=True)
    qtbot.addWidget(first)
    first.resize(760, 560)  # within the offscreen screen (800x800)
    first.show()
    first.indicators_dock.hide()
    first.close()
    second = MainWindow(demo_store, demo=True)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (760, 560)
    assert not second.indicators_dock.isVisible()


def test_screenshot_writes_a_picture_of_the_window(tmp_path, demo_store, settings_dir):
    from PySide6.QtGui import QImage

    from scrutiny_app.ui.app import screenshot

    out = tmp_path / "shot.png"
    screenshot(demo_store, out, (1280, 800), dt.date(2025, 4, 16))
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    QApplication.processEvents()


def test_export_minutes_from_the_file_menu(qtbot, window, tmp_path, monkeypatch):
    import openpyxl
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    out = tmp_path / "minutes"  # the extension is added
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Excel workbook, internal (everything)", True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))  # the native dialog
    window.select_meeting(dt.date(2025, 4, 16))
    assert window.menus.export_minutes_action in window.file_menu.actions()
    window.menus.export_minutes_action.trigger()
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(), timeout=5000)
    workbook = openpyxl.load_workbook(tmp_path / "minutes.xlsx")
    assert workbook["Public questions"].max_row == 7
    assert "Exported" in window.statusBar().currentMessage()


def test_opening_a_foreign_file_warns_and_keeps_the_current_database(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    foreign = tmp_path / "budget.sqlite"
    foreign.write_text("not a database")
    warnings = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(foreign), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    before = window.store
    window.files.open_database()
    assert len(warnings) == 1 and "not a Scrutiny database" in warnings[0]
    assert window.store is before and window.agenda.proxy.rowCount() == 12
    assert foreign.read_text() == "not a database"


def test_a_refused_edit_is_explained_in_the_status_bar(window):
    minutes = [c.header for c in window.agenda.model.columns].index("Min.")
    window.agenda.model.setData(window.agenda.model.index(0, minutes), "a quarter of an hour")
    assert "is not a whole number" in window.statusBar().currentMessage()


def test_no_two_window_wide_commands_share_a_shortcut(window):
    from collections import Counter

    from PySide6.QtGui import QAction

    keys = [
        action.shortcut().toString()
        for action in window.findChildren(QAction)
        if not action.shortcut().isEmpty() and action.shortcutContext() == Qt.ShortcutContext.WindowShortcut
    ]
    assert [key for key, n in Counter(keys).items() if n > 1] == []


def test_a_squeezed_action_log_keeps_whole_dates(qtbot, demo_store):
    from scrutiny_app.core.queries import action_rows
    from scrutiny_app.ui.columns import ACTION_COLUMNS, DATE_WIDTH
    from scrutiny_app.ui.record_model import RecordTableModel
    from scrutiny_app.ui.table_pane import TablePane

    model = RecordTableModel(demo_store, ACTION_COLUMNS, record_of=lambda row: row.action)
    model.set_rows(action_rows(demo_store))
    pane = TablePane(model)
    qtbot.addWidget(pane)
    pane.resize(520, 300)
    pane.show()
    qtbot.waitExposed(pane)
    raised = [c.header for c in model.columns].index("Raised")
    assert pane.view.columnWidth(raised) >= DATE_WIDTH
