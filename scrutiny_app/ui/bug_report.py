"""A bug reported to the officer: logged with its traceback, and shown in a dialog that says their work is safe.

Layer: ui. Used by the background runner for a bug in work off the GUI thread,
and by the crash hook (``sys.excepthook``) for one on it: one report for both.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from scrutiny_app import APP_NAME, paths

log = logging.getLogger("scrutiny")


def report_bug(parent: QWidget | None, exc: BaseException, *, wait: bool = False) -> QMessageBox:
    """Log ``exc`` with its traceback and show it; ``wait`` blocks until the dialog is closed (the crash hook)."""
    text = "".join(traceback.format_exception(exc))
    log.error("A bug: %s", exc, exc_info=exc)
    log_file = paths.data_home() / "scrutiny.log"
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        with log_file.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {dt.datetime.now().isoformat()}\n{text}\n")
    except OSError:
        pass  # a full disk must not hide the report itself
    box = QMessageBox(QMessageBox.Icon.Critical, f"{APP_NAME} has hit a bug",
                      "Something went wrong inside Scrutiny. Your saved work is safe in the database.\n"
                      f"Details were written to {log_file}.", parent=parent)
    box.setObjectName("bugReport")
    box.setDetailedText(text)
    if wait:
        box.exec()
    else:
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.open()
    return box
