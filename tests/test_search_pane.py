"""The Search pane in the main window: typing, ranked hits, Enter opens the record, export."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from background_jobs import settle
from scrutiny_app.ui.record_model import ROW_ROLE
from scrutiny_app.ui.search_pane import DEBOUNCE_MS


def _type(qtbot, window, text: str) -> None:
    qtbot.keyClicks(window.search.query, text)
    qtbot.waitUntil(lambda: not window.search.timer.isActive() and not window.search.searching, timeout=DEBOUNCE_MS * 10)


def _places(window) -> list[str]:
    return [hit.place for hit in window.search.hits]


def test_ctrl_k_shows_the_search_with_the_cursor_in_it(qtbot, window):
    assert not window.search_dock.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search_dock.isVisible()
    assert window.search.query.hasFocus()


def test_ctrl_f_in_a_table_focuses_its_filter(qtbot, window):
    window.action_log.view.setFocus()
    qtbot.keyClick(window.action_log.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.action_log.filter.hasFocus()


def test_ctrl_f_again_from_the_filter_opens_the_search(qtbot, window):
    window.action_log.filter.setFocus()
    qtbot.keyClick(window.action_log.filter, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_dock.isVisible() and window.search.query.hasFocus()


def test_results_follow_typing_best_first(qtbot, window):
    window.show_search()
    _type(qtbot, window, "DA Matters")
    assert _places(window) == ["Action 18", "PCC question 1 on item 8"]
    assert window.search.count.text().startswith("2 matches")


def test_a_kind_filter_narrows_the_results(qtbot, window):
    window.show_search()
    window.search.kind.setCurrentIndex(window.search.kind.findData("pcc-question"))
    _type(qtbot, window, "DA Matters")
    assert _places(window) == ["PCC question 1 on item 8"]


def test_a_date_filter_narrows_the_results(qtbot, window):
    window.show_search()
    window.search.since.setDate(dt.date(2025, 5, 1))
    _type(qtbot, window, "DA Matters")
    assert window.search.hits == [] and window.search.count.text().startswith("No matches")


def test_a_malformed_query_is_explained_under_the_results(qtbot, window):
    window.show_search()
    _type(qtbot, window, '"DA Matters')
    assert window.search.hits == []
    assert "never closed" in window.search.count.text()


def test_enter_opens_an_action_in_the_action_log_of_its_meeting(qtbot, window):
    window.show_search()
    _type(qtbot, window, "DA Matters")
    qtbot.keyClick(window.search.query, Qt.Key.Key_Return)
    assert window.record.meeting.date == dt.date(2025, 4, 16)
    row = window.action_log.view.currentIndex().row()
    assert window.action_log.proxy.index(row, 0).data() == "18"
    assert window.action_log.view.hasFocus()


def test_opening_a_pcc_answer_shows_its_agenda_item_and_notes(qtbot, window):
    window.show_search()
    _type(qtbot, window, "DA Matters")
    qtbot.keyClick(window.search.query, Qt.Key.Key_Down)
    qtbot.keyClick(window.search.view, Qt.Key.Key_Down)
    qtbot.keyClick(window.search.view, Qt.Key.Key_Return)
    assert window.record.meeting.date == dt.date(2025, 4, 16)
    assert window.notes.item.number == 8
    pcc = window.records.pcc  # and the question itself, selected in the PCC questions pane
    assert pcc.view.currentIndex().data(ROW_ROLE).id == window.search.hits[window.search.view.currentIndex().row()].record_id
    assert pcc.view.hasFocus()


def test_opening_a_public_question_selects_it_in_its_pane(qtbot, window):
    window.show_search()
    window.search.kind.setCurrentIndex(window.search.kind.findData("public-question"))
    _type(qtbot, window, "fraud")
    qtbot.keyClick(window.search.query, Qt.Key.Key_Return)
    assert window.questions.view.currentIndex().data(ROW_ROLE).id == window.search.hits[0].record_id
    assert window.questions.view.hasFocus()


def test_notes_typed_before_searching_are_found(qtbot, window):
    window.notes.editor.setPlainText("Superintendent mentioned Operation Nightjar")
    window.show_search()
    _type(qtbot, window, "nightjar")
    assert _places(window) == ["Agenda item 1"]


def test_the_results_model_passes_qt_model_checks(qtbot, qtmodeltester, window):
    window.show_search()
    _type(qtbot, window, "training")
    qtmodeltester.check(window.search.model)


def test_results_export_to_xlsx(qtbot, window, tmp_path, monkeypatch):
    out = tmp_path / "found.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))  # no one to click here
    window.show_search()
    _type(qtbot, window, "DA Matters")
    qtbot.mouseClick(window.search.export, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(out.exists)  # the export may run off the GUI thread
    rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(min_row=2, values_only=True))
    assert [r[3] for r in rows] == ["Action 18", "PCC question 1 on item 8"]


@pytest.mark.parametrize("text", ["", "   "])
def test_an_empty_search_box_invites_typing(qtbot, window, text):
    window.show_search()
    window.search.query.setText(text)
    window.search.run()
    assert window.search.hits == [] and window.search.count.text() == "Type to search every meeting."


def test_changing_a_filter_waits_like_typing(qtbot, window):
    window.show_search()
    window.search.query.setText("training")
    window.search.run()
    window.search.kind.setCurrentIndex(3)
    assert window.search.timer.interval() == DEBOUNCE_MS and window.search.timer.isActive()


def test_an_answer_to_an_older_query_never_overwrites_the_newer_one(qtbot, window):
    window.show_search()
    window.search.query.setText("DA Matters")
    window.search.run()
    window.search.query.setText("fraud")
    window.search.run()
    settle(qtbot)  # both answers handed over, in whichever order they came
    assert window.search.hits and all("fraud" in hit.marked_snippet().lower() for hit in window.search.hits)
    assert "Action 18" not in _places(window)


def test_a_query_over_the_term_limit_is_refused_under_the_results(qtbot, window):
    window.show_search()
    window.search.query.setText(" OR ".join(f"word{i}" for i in range(60)))
    window.search.run()
    qtbot.waitUntil(lambda: not window.search.searching, timeout=5000)
    assert window.search.hits == []
    assert window.search.count.text() == "The search has 60 terms; the limit is 50. Search for fewer words at a time."
