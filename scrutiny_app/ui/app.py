"""Starting the application: the real window, or an offscreen rendering of it."""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import os
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from scrutiny_app import APP_NAME

if TYPE_CHECKING:
    from scrutiny_app.core.store import Store
    from scrutiny_app.ui.background import Operation

log = logging.getLogger("scrutiny")


def _application(offscreen: bool = False):
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName("OPCC")
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationDisplayName(APP_NAME)
    return app


def _install_crash_dialog(window) -> None:
    """A bug gets a dialog with the traceback and a log file, not a silent exit."""
    from scrutiny_app.ui.bug_report import report_bug

    sys.excepthook = lambda _kind, value, _tb: report_bug(window, value, wait=True)


def run_window(path: Path | None, *, demo: bool = False) -> int:
    """Show the window, then open the database at ``path`` in it (explaining any refusal) and run it.

    The window's frame paints first, before the database layer is even imported;
    the panes fill in the event-loop turn after. With ``path`` None (and ``demo``)
    a throwaway copy of the demo data is built then. A file that cannot be opened
    ends the run with 2 once its dialog is answered.
    """
    app = _application()
    if path is not None:
        check_while_loading(path)  # the integrity check runs while the database layer and the window load
    from scrutiny_app.ui.background import busy_cursor
    from scrutiny_app.ui.database_dialogs import open_with_dialogs
    from scrutiny_app.ui.main_window import MainWindow

    window = MainWindow(demo=demo)
    window.statusBar().showMessage(f"Opening {path}…" if path else "Building the demo data…")
    _install_crash_dialog(window)
    window.show()
    backup: Operation | None = None

    def open_database() -> None:
        nonlocal path, backup
        with busy_cursor():
            importlib.import_module("scrutiny_app.core.store")  # the database layer, the slowest import
            if path is None:
                from scrutiny_app.demo.build import throwaway_copy

                path = throwaway_copy()
        store = open_with_dialogs(window, path, backups=not demo, backup_later=True, announce=window.context.announce)
        if store is None:
            app.exit(2)
            return
        with busy_cursor():
            window.attach(store)
        backup = _backup_in_background(store)

    window.when_painted(open_database)
    code = app.exec()
    if backup is not None:
        backup.wait()  # a copy cut short at exit would leave only a .partial file: take it, or finish it
    if window.store is not None:
        window.store.close()
    return code


def check_while_loading(path: Path) -> None:
    """Start the opening checks of ``path`` on the background runner; ``open_store`` collects their answer."""
    from scrutiny_app.core import inspection
    from scrutiny_app.ui.background import Runner

    if inspection.worth_inspecting_early(path):
        check = Runner(None).ask(f"Checking {path.name}", lambda _progress: inspection.inspect_file(path))
        inspection.hand_over(path, check.result)


def _backup_in_background(store: Store, delay_ms: int = 2000) -> Operation | None:
    """Take the backup due on open on the background runner, ``delay_ms`` after the window shows.

    Copying ten years of meetings need not delay the window, nor share the
    machine with its first paint; closing the window sooner still takes it
    (the caller waits for the operation).
    """
    if not store.backup_due:
        return None
    from scrutiny_app.core.backups import take_backup
    from scrutiny_app.ui.background import Runner

    def copy(_progress) -> None:
        try:
            take_backup(store.path, "open")
        except (OSError, sqlite3.Error) as exc:  # the user's disk: say so in the log, keep working
            log.warning("The backup on opening %s failed: %s", store.path, exc)

    from PySide6.QtCore import QTimer

    store.backup_due = False
    backup = Runner(None).run("Backing up", copy, quiet=True, start=False)
    QTimer.singleShot(delay_ms, backup, backup.start)
    return backup


def screenshot(store: Store, out: Path, size: tuple[int, int], meeting: dt.date | None = None) -> None:
    """Render the main window offscreen at ``size`` and save it as a PNG."""
    app = _application(offscreen=True)
    import tempfile

    from scrutiny_app.errors import ExportFailed, NotFound
    from scrutiny_app.ui import settings

    # The picture shows the default layout: the user's saved layout is neither read nor changed.
    settings.keep_in(Path(tempfile.mkdtemp(prefix="scrutiny-shot-")))
    from scrutiny_app.ui.main_window import MainWindow

    window = MainWindow(store, demo=True)
    if meeting is not None and not window.select_meeting(meeting):
        raise NotFound(f"No meeting on {meeting.isoformat()} in {store.path}.")
    window.resize(*size)
    window.show()
    for _ in range(3):
        app.processEvents()
    if not window.grab().save(str(out), "PNG"):
        raise ExportFailed(f"Cannot write {out}.")
    window.close()
