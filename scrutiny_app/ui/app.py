"""Starting the application: the real window, or an offscreen rendering of it."""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import os
import sqlite3
import sys
import threading
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from scrutiny_app import APP_NAME, paths

if TYPE_CHECKING:
    from scrutiny_app.core.store import Store

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
    from PySide6.QtWidgets import QMessageBox

    log_file = paths.data_home() / "scrutiny.log"

    def hook(kind, value, tb):
        text = "".join(traceback.format_exception(kind, value, tb))
        try:
            log_file.parent.mkdir(parents=True, exist_ok=True)
            with log_file.open("a", encoding="utf-8") as fh:
                fh.write(f"--- {dt.datetime.now().isoformat()}\n{text}\n")
        except OSError:
            pass
        box = QMessageBox(QMessageBox.Icon.Critical, f"{APP_NAME} has hit a bug",
                          "Something went wrong inside Scrutiny. Your saved work is safe in the database.\n"
                          f"Details were written to {log_file}.", parent=window)
        box.setDetailedText(text)
        box.exec()

    sys.excepthook = hook


def run_window(path: Path | None, *, demo: bool = False) -> int:
    """Show the window, then open the database at ``path`` in it (explaining any refusal) and run it.

    The window's frame paints first, before the database layer is even imported;
    the panes fill in the event-loop turn after. With ``path`` None (and ``demo``)
    a throwaway copy of the demo data is built then. A file that cannot be opened
    ends the run with 2 once its dialog is answered.
    """
    from scrutiny_app.core.inspection import inspect_early

    if path is not None:
        inspect_early(path)  # the integrity check runs while Qt and the database layer load
    app = _application()
    from scrutiny_app.ui.background import busy_cursor
    from scrutiny_app.ui.database_dialogs import open_with_dialogs
    from scrutiny_app.ui.main_window import MainWindow

    window = MainWindow(demo=demo)
    window.statusBar().showMessage(f"Opening {path}…" if path else "Building the demo data…")
    _install_crash_dialog(window)
    window.show()
    backup: threading.Thread | None = None

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
        backup.join()  # a copy cut short at exit would leave only a .partial file, but finish it
    if window.store is not None:
        window.store.close()
    return code


def _backup_in_background(store: Store, delay_s: float = 2.0) -> threading.Thread | None:
    """Take the backup due on open on a thread, ``delay_s`` after the window shows.

    Copying ten years of meetings need not delay the window, nor share the
    machine with its first paint; closing the window sooner still waits for it.
    """
    if not store.backup_due:
        return None
    from scrutiny_app.core.backups import take_backup

    def copy() -> None:
        try:
            take_backup(store.path, "open")
        except (OSError, sqlite3.Error) as exc:  # the user's disk: say so in the log, keep working
            log.warning("The backup on opening %s failed: %s", store.path, exc)

    thread = threading.Timer(delay_s, copy)
    thread.name = "backup-on-open"
    thread.start()
    store.backup_due = False
    return thread


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
