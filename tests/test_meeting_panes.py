"""The main window's panes for a meeting's own records (PCC questions, attendance, declarations, risks),
on the demo's 16 April 2025 meeting: shown, edited by keystrokes, undone, locked, reached from search."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from scrutiny_app.core import models as m
from scrutiny_app.core.minutes_lock import mark_agreed
from scrutiny_app.core.search import search

APRIL = dt.date(2025, 4, 16)


@pytest.fixture
def april_window(window, april):
    assert window.select_meeting(APRIL)
    return window


def _column(pane, header: str) -> int:
    return [c.header for c in pane.model.columns].index(header)


def _type_into(qtbot, pane, row: int, header: str, text: str) -> None:
    view = pane.view
    view.setFocus()
    view.setCurrentIndex(pane.proxy.index(row, _column(pane, header)))
    QTest.keyClick(view, Qt.Key.Key_F2)
    editor = view.focusWidget()
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Tab)


def test_each_pane_shows_the_meetings_records(april_window):
    records = april_window.records
    assert records.pcc.proxy.rowCount() == 10
    assert len(records.attendance.model.status) == 17
    assert records.risks.proxy.rowCount() == 3
    assert records.declarations.proxy.rowCount() == len(april_window.record.declarations)
    sections = {records.pcc.proxy.index(r, _column(records.pcc, "Section")).data() for r in range(10)}
    assert all(sections) and len(sections) > 1  # grouped under their Police and Crime Plan sections


def test_a_typed_answer_is_saved_and_undone_with_ctrl_z(qtbot, april_window, demo_store):
    pane = april_window.records.pcc
    question = pane.model.rows[0]
    before = question.answer
    _type_into(qtbot, pane, 0, "Answer", "Answered in full in writing.")

    def answer() -> str:
        with demo_store.session() as s:
            return s.get(m.PccQuestion, question.id).answer

    qtbot.waitUntil(lambda: answer() == "Answered in full in writing.", timeout=2000)
    pane.view.setFocus()
    QTest.keyClick(april_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: answer() == before, timeout=2000)


def test_agreed_minutes_refuse_an_edit(qtbot, window, april, demo_store):
    mark_agreed(demo_store, april)
    assert window.select_meeting(APRIL)
    assert "locked" in window.minutes_state.text().lower() or "agreed" in window.minutes_state.text().lower()
    pane = window.records.risks
    risk = pane.model.rows[0]
    before = risk.text
    pane.model.setData(pane.proxy.mapToSource(pane.proxy.index(0, _column(pane, "Emerging risk"))), "Changed after")
    with demo_store.session() as s:
        assert s.get(m.EmergingRisk, risk.id).text == before
    assert "agreed" in window.statusBar().currentMessage().lower() or "lock" in window.statusBar().currentMessage().lower()


@pytest.mark.parametrize("kind", ["pcc-question", "risk", "agenda", "public-question", "action"])
def test_a_search_hit_opens_its_record_selected(window, april, demo_store, kind):
    hit = next(h for h in search(demo_store, "the", kinds=[kind]) if h.meeting_id == april) \
        if kind not in ("action",) else next(iter(search(demo_store, "the", kinds=[kind])))
    window.open_hit(hit)
    pane = {"pcc-question": window.records.pcc, "risk": window.records.risks, "agenda": window.agenda,
            "public-question": window.questions, "action": window.action_log}[kind]
    current = pane.view.currentIndex()
    assert current.isValid()
    assert pane.model.record_of(pane.model.rows[pane.proxy.mapToSource(current).row()]).id == hit.record_id


@pytest.mark.parametrize("name", ["pcc", "declarations", "risks"])
def test_the_panes_models_pass_the_model_tester(qtmodeltester, april_window, name):
    qtmodeltester.check(getattr(april_window.records, name).model)


def test_the_attendance_model_passes_the_model_tester(qtmodeltester, april_window):
    qtmodeltester.check(april_window.records.attendance.model)


def test_ticked_attendance_rows_keep_dark_text_on_their_pale_colour(april_window):
    model = april_window.records.attendance.model
    ticked = next(r for r, (person, _org) in enumerate(model.people) if person.id in model.status)
    index = model.index(ticked, 0)
    text = index.data(Qt.ItemDataRole.ForegroundRole).color()
    back = index.data(Qt.ItemDataRole.BackgroundRole).color()
    assert back.lightness() - text.lightness() > 150  # whatever the palette's own text colour


def _attendance_of(store, meeting_id: int) -> dict[int, str]:
    from scrutiny_app.core.live import attendance_of

    return attendance_of(store, meeting_id)


def test_a_keyed_attendance_is_saved_and_undone(qtbot, april_window, april, demo_store):
    page = april_window.records.attendance
    row, person = next((r, p) for r, (p, _org) in enumerate(page.model.people) if page.model.status.get(p.id) == "present")
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(row, 0))
    QTest.keyClick(page.view, Qt.Key.Key_A)
    assert _attendance_of(demo_store, april)[person.id] == "apologies"
    QTest.keyClick(april_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _attendance_of(demo_store, april)[person.id] == "present"


def test_agreed_minutes_refuse_an_attendance_change(window, april, demo_store):
    mark_agreed(demo_store, april)
    assert window.select_meeting(APRIL)
    page = window.records.attendance
    row, person = next((r, p) for r, (p, _org) in enumerate(page.model.people) if page.model.status.get(p.id) == "present")
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(row, 0))
    QTest.keyClick(page.view, Qt.Key.Key_A)
    assert _attendance_of(demo_store, april)[person.id] == "present"
    assert page.model.status[person.id] == "present"
    assert "Not saved" in window.statusBar().currentMessage()
