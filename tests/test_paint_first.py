"""The window paints its frame before the database layer loads, then fills its panes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from scrutiny_app.core.store import open_store
from scrutiny_app.ui import app as app_module
from scrutiny_app.ui.main_window import MainWindow
from scrutiny_app.ui.window_context import WindowContext

# The program as started from the command line, watched from inside: what its window
# held when it first painted, and when it painted again with a meeting on show.
CHILD = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    seen = {}

    class Watch(QObject):
        def eventFilter(self, window, event):
            if event.type() == QEvent.Type.Paint and isinstance(window, QMainWindow):
                if "first" not in seen:
                    seen["first"] = {
                        "database layer": [name for name in ("sqlalchemy", "sqlmodel", "pydantic") if name in sys.modules],
                        "waiting panes": sorted(d.windowTitle() for d in window.docks if isinstance(d.widget(), QLabel)),
                        "picker enabled": window.picker.isEnabled(),
                        "status": window.statusBar().currentMessage(),
                    }
                elif window.record is not None and "shown" not in seen:
                    seen["shown"] = {
                        "meeting": window.record.meeting.date.isoformat(),
                        "agenda rows": window.agenda.model.rowCount(),
                        "waiting panes": sorted(d.windowTitle() for d in window.docks if isinstance(d.widget(), QLabel)),
                        "picker enabled": window.picker.isEnabled(),
                    }
                    QTimer.singleShot(0, window.close)
            return False

    watch = Watch()
    app.installEventFilter(watch)
    from scrutiny_app import cli

    code = cli.main(["--db", sys.argv[1]])
    print(json.dumps({"code": code, **seen}))
""")


def test_the_frame_paints_before_the_database_layer_is_imported(demo_path, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-c", CHILD, str(demo_path)], env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    panes = ["Action log", "Agenda", "Attendance", "Declarations", "Emerging risks", "Indicators", "PCC questions",
             "Public questions", "Search"]
    assert seen["first"] == {"database layer": [], "waiting panes": panes, "picker enabled": False,
                             "status": f"Opening {demo_path}…"}
    assert seen["shown"] == {"meeting": "2025-07-08", "agenda rows": 12, "waiting panes": [], "picker enabled": True}
    assert seen["code"] == 0


def _run_window_until_shown(path, monkeypatch, *, demo=False):
    """run_window on ``path``, closing its window once a meeting is on show; its exit code and what it showed."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_window installs its crash dialog
    shown, looks = {}, iter(range(1500))  # 30 s at most, then the run ends with 99 instead of hanging

    def look() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows and windows[0].record is not None:
            shown["title"] = windows[0].windowTitle()
            shown["store"] = windows[0].store
            windows[0].close()
        elif next(looks, None) is None:
            QApplication.exit(99)
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(20, look)
    return app_module.run_window(path, demo=demo), shown


def test_run_window_opens_the_file_after_painting_and_closes_it_at_the_end(qapp, demo_path, settings_dir,
                                                                          monkeypatch):
    code, shown = _run_window_until_shown(demo_path, monkeypatch, demo=True)
    assert code == 0
    assert shown["title"] == "PCC Accountability Meeting, 08 July 2025 — Scrutiny"
    assert shown["store"].path == demo_path
    after = open_store(demo_path, backups=False)  # run_window let the file go when its window closed
    assert not after.read_only
    after.close()


def test_the_demo_copy_is_built_once_the_window_shows(qapp, settings_dir, monkeypatch):
    code, shown = _run_window_until_shown(None, monkeypatch, demo=True)
    assert code == 0
    assert shown["store"].path.name == "demo.sqlite"
    assert shown["title"].startswith("PCC Accountability Meeting")


def test_a_file_that_cannot_be_opened_is_explained_over_the_window_and_ends_the_run(qapp, tmp_path, settings_dir,
                                                                                     monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    junk = tmp_path / "minutes.sqlite"
    junk.write_bytes(b"These are not the minutes you are looking for.\n" * 100)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append((parent, title, text)))
    assert app_module.run_window(junk) == 2
    parent, title, text = warned[0]
    assert isinstance(parent, MainWindow) and parent.store is None
    assert title == "Cannot open the database"
    assert str(junk) in text
    assert junk.read_bytes() == b"These are not the minutes you are looking for.\n" * 100
    parent.close()  # before the panes exist: no question, no error


def menus(window) -> list:
    return [action.menu() for action in window.menuBar().actions()]


def test_the_frame_waits_with_placeholders_and_takes_the_panes_in_the_default_layout(qtbot, demo_path, settings_dir):
    window = MainWindow(demo=True)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    assert all(isinstance(dock.widget(), QLabel) for dock in window.docks)
    assert [menu.isEmpty() for menu in menus(window)] == [True] * 7
    store = open_store(demo_path, backups=False)
    try:
        window.attach(store)

        def fitted() -> bool:  # the layout is fitted again in the turn after the panes arrive
            return (abs(window.agenda_dock.width() - 0.40 * 1280) < 20
                    and abs(window.indicators_dock.width() - 0.34 * 1280) < 20 and window.notes.width() > 250)

        qtbot.waitUntil(fitted, timeout=2000)
        assert window.agenda_dock.widget() is window.agenda
        assert not any(menu.isEmpty() for menu in menus(window))
        assert abs(window.agenda_dock.width() - 0.40 * 1280) < 20
        assert abs(window.indicators_dock.width() - 0.34 * 1280) < 20
        assert window.notes.width() > 250  # the notes keep the middle of the window
    finally:
        window.close()
        store.close()


def test_a_saved_layout_is_kept_when_the_panes_arrive(qtbot, demo_path, settings_dir):
    store = open_store(demo_path, backups=False)
    try:
        first = MainWindow(store, demo=True)
        qtbot.addWidget(first)
        first.resize(760, 700)  # within the offscreen screen, so the saved geometry is restored as it was
        first.show()
        qtbot.waitExposed(first)
        first.resizeDocks([first.agenda_dock], [250], Qt.Orientation.Horizontal)
        qtbot.waitUntil(lambda: first.agenda_dock.width() == 250, timeout=2000)
        assert first.agenda_dock.width() == 250
        first.close()

        again = MainWindow(demo=True)
        qtbot.addWidget(again)
        again.show()
        qtbot.waitExposed(again)
        again.attach(store)
        qtbot.wait(50)  # turns of the event loop for the re-fit queued by attach: a kept layout shows no change to wait on
        assert again.agenda_dock.width() == 250
        again.close()
    finally:
        store.close()


def test_an_old_file_is_upgraded_after_the_paint_with_the_window_saying_so(qapp, tmp_path, settings_dir, monkeypatch):
    old = tmp_path / "office.sqlite"
    shutil.copy2(Path(__file__).parent / "data" / "schemas" / "scrutiny-0001.sqlite", old)
    shown_in_status = []
    real = WindowContext.announce
    monkeypatch.setattr(WindowContext, "announce",
                        lambda ctx, text: real(ctx, text) or shown_in_status.append(ctx.window.statusBar().currentMessage()))
    code, shown = _run_window_until_shown(old, monkeypatch)
    assert code == 0 and shown["title"].endswith("— Scrutiny")
    assert shown_in_status == ["Copying office.sqlite to its backups…",
                               "Updating office.sqlite for this version of Scrutiny; this is done once…"]
