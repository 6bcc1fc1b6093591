"""Shared fixtures: every test gets its own database file and its own settings folder."""

from __future__ import annotations

import datetime as dt
import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import pytest
from sqlalchemy import event
from sqlmodel import select

from demo_days import APRIL, JULY
from scrutiny_app import paths
from scrutiny_app.core import models as m
from scrutiny_app.core.queries import find_meeting
from scrutiny_app.core.store import open_store
from scrutiny_app.demo.build import build_demo
from scrutiny_app.exports.actions_xlsx import export_actions_xlsx


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Point the user data folder and Qt's settings at the test's own folder."""
    monkeypatch.delenv("SCRUTINY_DB", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    paths.configure(tmp_path / "userdata")
    yield
    paths.configure(tmp_path / "userdata")


@pytest.fixture
def store(tmp_path):
    """A new, empty Scrutiny database."""
    s = open_store(tmp_path / "test.sqlite")
    yield s
    s.close()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory):
    target = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    build_demo(target).close()
    return target


@pytest.fixture
def demo_path(_demo_template, tmp_path):
    """A private copy of the demo database file (built once per test run)."""
    target = tmp_path / "demo.sqlite"
    shutil.copy2(_demo_template, target)
    return target


@pytest.fixture
def demo_store(demo_path):
    s = open_store(demo_path)
    yield s
    s.close()


@pytest.fixture
def april(demo_store) -> int:
    """Id of the demo's 16 April 2025 meeting: minutes recorded, actions 16 to 19 raised."""
    return find_meeting(demo_store, APRIL)


@pytest.fixture
def july(demo_store) -> int:
    """Id of the demo's 8 July 2025 meeting: agenda, papers and indicator tables 1 to 7 prepared."""
    return find_meeting(demo_store, JULY)


@pytest.fixture
def make_meeting(store):
    """Factory: a meeting (and its series) in the empty test database."""

    def make(day=dt.date(2025, 4, 16), series="PCC Accountability Meeting", **fields) -> m.Meeting:
        with store.session() as s:
            ser = s.exec(select(m.MeetingSeries).where(m.MeetingSeries.name == series)).first()
            if ser is None:
                ser = m.MeetingSeries(name=series)
                s.add(ser)
                s.flush()
            meeting = m.Meeting(series_id=ser.id, date=day, **fields)
            s.add(meeting)
        return meeting

    return make


@pytest.fixture
def planted_private(demo_store, april) -> str:
    """Mark a public question, a new risk and action 18 of the April 2025 demo meeting private.

    Returns the marker text planted in each, for tests that search outputs for it.
    """
    secret = "PLANTED-PRIVATE-7731"
    with demo_store.session() as s:
        question = s.exec(select(m.PublicQuestion).where(m.PublicQuestion.meeting_id == april)).first()
        question.private, question.answer = True, f"{secret} answer"
        s.add(m.EmergingRisk(meeting_id=april, raised_by="The CC", text=f"{secret} risk", private=True))
        action = s.exec(select(m.Action).where(m.Action.number == 18)).one()
        action.private, action.description = True, f"{secret} action"
    return secret


@pytest.fixture
def tracker(demo_store, tmp_path):
    """The demo's action tracker, exported as the office sends it to the Constabulary."""
    path = tmp_path / "tracker.xlsx"
    export_actions_xlsx(demo_store, path)
    return path


@pytest.fixture
def settings_dir(tmp_path):
    """Qt's settings (QSettings) in the test's own folder."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    return tmp_path / "settings"


@pytest.fixture
def window(qtbot, demo_store, settings_dir):
    """The main window, shown, on a copy of the demo database."""
    from scrutiny_app.ui.main_window import MainWindow

    w = MainWindow(demo_store, demo=True)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def live_window(qtbot, demo_store, july, settings_dir):
    """Live mode on the July 2025 demo meeting, active and ready for keys."""
    from live_keyboard import open_live

    return open_live(qtbot, demo_store, july)


def _cap(dbapi_connection, _record) -> None:
    pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
    dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")


@pytest.fixture
def full_disk(demo_store):
    """The demo database can grow no further until ``free()`` is called.

    SQLite itself makes it "full" (``PRAGMA max_page_count`` at its current size),
    failing writes with the same SQLITE_FULL error a full disk gives.
    """
    demo_store.engine.dispose()  # new connections get the cap
    event.listen(demo_store.engine, "connect", _cap)

    def free() -> None:
        event.remove(demo_store.engine, "connect", _cap)
        demo_store.engine.dispose()

    yield free
    if event.contains(demo_store.engine, "connect", _cap):
        free()


@pytest.fixture
def new_office_db(tmp_path):
    """A database with one record, never yet backed up (a new file takes no backup)."""
    path = tmp_path / "office.sqlite"
    store = open_store(path)
    with store.session() as s:
        s.add(m.MeetingSeries(name="Police and Crime Panel"))
    store.close()
    return path


@pytest.fixture
def office_db(new_office_db):
    """A database with one record that has been opened (and so backed up) once since it was made."""
    open_store(new_office_db).close()
    return new_office_db
