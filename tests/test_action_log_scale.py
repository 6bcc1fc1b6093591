"""The Action log stays linear in its rows: each filter change counts once and visits each row once.

Counted, not timed: the log used to refresh its count on every run of rows the proxy
signalled (hundreds per change on a long log), each refresh walking all rows, so a
change on 4,000 actions took seconds. benchmarks/run.py times it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import insert

from scrutiny_app.core import actions as rules
from scrutiny_app.core import models as m
from scrutiny_app.core.actions import ActionFilter
from scrutiny_app.core.queries import action_rows
from scrutiny_app.ui.action_log import ActionLogPane
from scrutiny_app.ui.main_window import MainWindow
from scrutiny_app.ui.record_model import RecordTableModel

ACTIONS = 600
TODAY = dt.date.today()
OWNERS = ("The PCC", "The CC", "The DCC", "ACO Hunt")


@pytest.fixture
def long_log(store):
    """One series of 600 actions whose statuses, owners and due dates alternate row by row."""
    meetings = [{"id": i, "series_id": 1, "date": dt.date(2024, 1, 1) + dt.timedelta(days=30 * i),
                 "status": "held", "minutes_status": "draft", "hybrid": False, "previous_minutes_agreed": True}
                for i in range(1, 7)]
    actions = [{"id": n, "series_id": 1, "number": n, "raised_at_meeting_id": meetings[n % 6]["id"],
                "date_raised": meetings[n % 6]["date"], "owner": OWNERS[n % 4], "description": f"Report back on {n}",
                "due_date": TODAY + dt.timedelta(days=(-10, 3, 40, -1, 5)[n % 5]) if n % 7 else None,
                "status": ("New", "Ongoing", "Closed")[n % 3], "private": False, "deleted": n % 50 == 0}
               for n in range(1, ACTIONS + 1)]
    with store.engine.begin() as c:
        c.execute(insert(m.MeetingSeries.__table__), [{"id": 1, "name": "PCC Accountability Meeting",
                                                       "agenda_template": []}])
        c.execute(insert(m.Meeting.__table__), meetings)
        c.execute(insert(m.Action.__table__), actions)
        c.execute(insert(m.ActionUpdate.__table__), [
            {"action_id": a["id"], "meeting_id": a["raised_at_meeting_id"], "text": "New Action.", "status": "New",
             "recorded_at": dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc), "source": "meeting"} for a in actions])
    return store


class Counts:
    """What one filter change cost: count refreshes, rows whose filter values or text were worked out,
    and the proxy's signals."""

    def __init__(self, monkeypatch):
        self.calls = Counter()
        counted = self.calls
        total_rows, facts_of, shown_texts = ActionLogPane.total_rows, rules.facts_of, RecordTableModel.shown_texts

        def count(name, fn):
            def wrapper(*args):
                counted[name] += 1
                return fn(*args)
            return wrapper

        monkeypatch.setattr(ActionLogPane, "total_rows", count("refreshes", total_rows))
        monkeypatch.setattr(rules, "facts_of", count("facts", facts_of))
        monkeypatch.setattr(RecordTableModel, "shown_texts", count("texts", shown_texts))

    def watch(self, proxy) -> None:
        for name in ("rowsInserted", "rowsRemoved", "layoutChanged", "modelReset"):
            getattr(proxy, name).connect(lambda *_, n=name: self.calls.update([n]))

    def take(self) -> Counter:
        taken = Counter(self.calls)
        self.calls.clear()
        return taken


@pytest.fixture
def counts(monkeypatch):
    return Counts(monkeypatch)


@pytest.fixture
def pane(qtbot, long_log, settings_dir, counts):
    window = MainWindow(long_log)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    counts.watch(window.action_log.proxy)
    return window.action_log


def expected(store, **criteria) -> int:
    rows = action_rows(store, include_deleted=True)
    return sum(1 for r in rows if ActionFilter(**criteria).matches(r, TODAY))


def test_each_filter_change_counts_once_and_works_out_each_row_once(pane, long_log, counts):
    assert pane.model.rowCount() == ACTIONS
    assert counts.take()["facts"] == ACTIONS  # each action's filter values read once, as the log was loaded
    changes = [(pane.status_box, "Open"), (pane.due_box, "Overdue or due soon"), (pane.owner_box, "The CC"),
               (pane.meeting_box, pane.meeting_box.itemText(2)), (pane.status_box, "Closed"),
               (pane.due_box, "Any due date"), (pane.owner_box, "All owners"), (pane.status_box, "All statuses")]
    costs = []
    for box, text in changes:
        box.setCurrentIndex(box.findText(text))
        costs.append(counts.take())
    # One layout change and one or two count refreshes per change, not one per run of rows.
    assert all(c["rowsInserted"] + c["rowsRemoved"] == 0 and c["layoutChanged"] == 1 and c["refreshes"] <= 2
               for c in costs), costs
    assert sum(c["facts"] for c in costs) == 0


def test_each_keystroke_counts_once_and_matches_the_text_worked_out_once(qtbot, pane, counts):
    qtbot.waitUntil(lambda: pane.proxy._texts is not None and len(pane.proxy._texts) == ACTIONS)
    assert counts.take()["texts"] == ACTIONS  # worked out ahead, while nobody typed
    costs = []
    for key in "report back on 12":
        qtbot.keyClicks(pane.filter, key)
        costs.append(counts.take())
    assert all(c["rowsInserted"] + c["rowsRemoved"] == 0 and c["layoutChanged"] == 1 and c["refreshes"] <= 2
               and c["texts"] == 0 for c in costs), costs
    # 12 and 120-129 (not the deleted 150), as Qt's own case-blind match of the shown text found them.
    assert (pane.proxy.rowCount(), pane.count.text()) == (11, f"11 of {ACTIONS - ACTIONS // 50}")


def test_the_count_and_rows_shown_follow_the_filters(pane, long_log):
    pane.status_box.setCurrentIndex(pane.status_box.findText("Open"))
    pane.due_box.setCurrentIndex(pane.due_box.findText("Overdue"))
    shown = expected(long_log, statuses=rules.OPEN_STATUSES, due=(rules.OVERDUE,))
    assert pane.count.text() == f"{shown} of {ACTIONS - ACTIONS // 50}" and pane.proxy.rowCount() == shown
    pane.status_box.setCurrentIndex(pane.status_box.findText("Deleted"))
    pane.due_box.setCurrentIndex(0)
    assert pane.count.text() == str(ACTIONS // 50)


def test_an_edit_works_out_only_its_own_row_again(pane, counts):
    pane.owner_box.setCurrentIndex(pane.owner_box.findText("The CC"))
    before = pane.proxy.rowCount()
    counts.take()
    column = [c.header for c in pane.model.columns].index("Owner")
    assert pane.proxy.setData(pane.proxy.index(0, column), "The PCC")
    cost = counts.take()
    # The edited action no longer belongs to The CC: it leaves the filtered rows at once.
    assert (cost["facts"], pane.proxy.rowCount(), pane.count.text()) == (1, before - 1,
                                                                         f"{before - 1} of {ACTIONS - ACTIONS // 50}")
