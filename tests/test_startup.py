"""Start-up work that grows with the years of meetings in the file."""

from __future__ import annotations

from scrutiny_app.core import queries
from scrutiny_app.core.queries import action_rows
from scrutiny_app.ui import main_window


def test_the_window_loads_its_opening_meeting_once(qtbot, demo_store, settings_dir, monkeypatch):
    loaded = []
    real = queries.load_meeting
    monkeypatch.setattr(queries, "load_meeting", lambda store, mid: loaded.append(mid) or real(store, mid))
    window = main_window.MainWindow(demo_store, demo=True)
    qtbot.addWidget(window)
    assert len(loaded) == 1


def test_actions_at_a_meeting_are_those_raised_or_updated_there(demo_store):
    every = action_rows(demo_store)
    meeting_id = every[-1].action.raised_at_meeting_id
    expected = [r.action.id for r in every if r.action.raised_at_meeting_id == meeting_id
                or any(u.meeting_id == meeting_id for u in r.updates)]
    assert [r.action.id for r in action_rows(demo_store, at_meeting=meeting_id)] == expected
