"""The main window's minutes commands: live mode, agreeing and unlocking minutes, exporting them.

Kept out of main_window.py so that window only wires menu entries to these.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox

from scrutiny_app.core import live
from scrutiny_app.core.formatting import long_date
from scrutiny_app.core.minutes_check import check_meeting
from scrutiny_app.core.minutes_lock import AGREED_WORDS, mark_agreed, unlock
from scrutiny_app.errors import UserError
from scrutiny_app.exports.minutes_formats import minutes_exporter
from scrutiny_app.ui import settings

if TYPE_CHECKING:
    from scrutiny_app.ui.main_window import MainWindow

# (label, format, public)
EXPORT_CHOICES = [
    ("Word document, public version", "docx", True),
    ("Word document, internal (everything)", "docx", False),
    ("PDF, public version", "pdf", True),
    ("PDF, internal (everything)", "pdf", False),
    ("Excel workbook, public version", "xlsx", True),
    ("Excel workbook, internal (everything)", "xlsx", False),
]
FILTERS = {"docx": "Word documents (*.docx)", "pdf": "PDF files (*.pdf)", "xlsx": "Excel workbooks (*.xlsx)"}


def open_live(window: "MainWindow", item_id: int | None = None, *, resuming: bool = False) -> None:
    """Live mode on the meeting shown (F11; a meeting on another day asks first, unless resuming after a
    crash); back in the main window it shows what was captured."""
    if window.record is None:
        return
    current = getattr(window, "live", None)
    if current is not None and current.isVisible():  # already live: bring it to the front
        current.activateWindow()
        return
    from scrutiny_app.ui.live.screen import LiveWindow, may_go_live

    if not resuming and not may_go_live(window, window.record):
        return

    window.notes.save()
    meeting_id = window.record.meeting.id
    if item_id is None and window.notes.item is not None:
        item_id = window.notes.item.id
    window.live = LiveWindow(window.store, meeting_id, item_id, parent=window)
    window.live.ended.connect(lambda: window.show_meeting(meeting_id))
    window.live.showMaximized()


def resume_live(window: "MainWindow") -> None:
    """After a crash in live mode, go straight back to the meeting and item the officer was on."""
    meeting_id, item_id = live.load_position(window.store)
    if meeting_id is None:
        return
    index = window.picker.findData(meeting_id)
    if index < 0:
        live.clear_position(window.store)
        return
    window.picker.setCurrentIndex(index)
    open_live(window, item_id, resuming=True)


def agree_minutes(window: "MainWindow") -> None:
    record = window.record
    if record is None:
        return
    day = long_date(record.meeting.date)
    answer = QMessageBox.question(
        window, "Mark minutes agreed",
        f"Record the minutes of {day} as agreed, {AGREED_WORDS} of the meeting?\n\n"
        "They will be locked: changing them later needs Unlock minutes… and a reason.")
    if answer != QMessageBox.StandardButton.Yes:
        return
    try:
        at = mark_agreed(window.store, record.meeting.id)
    except UserError as exc:
        window._error("Minutes not agreed", str(exc))
        return
    window.show_meeting(record.meeting.id)
    window._say(f"Minutes of {day} agreed" + (f" at the meeting of {long_date(at.date)}" if at else "") + " and locked")


def unlock_minutes(window: "MainWindow") -> None:
    record = window.record
    if record is None:
        return
    reason, ok = QInputDialog.getText(window, "Unlock agreed minutes",
                                      f"Why do the agreed minutes of {long_date(record.meeting.date)} need changing?\n"
                                      "The reason is kept in the audit log.", QLineEdit.EchoMode.Normal, "")
    if not ok:
        return
    try:
        unlock(window.store, record.meeting.id, reason)
    except UserError as exc:
        window._error("Minutes not unlocked", str(exc))
        return
    window.show_meeting(record.meeting.id)
    window._say("Minutes unlocked; they are a draft again")


def check_minutes(window: "MainWindow") -> None:
    """Meeting › Check minutes…: what the record still lacks before its minutes can be published."""
    record = window.record
    if record is None:
        return
    window.notes.save()
    problems = check_meeting(window.store, record.meeting.id)
    day = long_date(record.meeting.date)
    if not problems:
        QMessageBox.information(window, "Check minutes",
                                f"Nothing is missing from the record of {day}: its minutes export as final.")
        return
    listed = "\n".join(f"• {p}" for p in problems)
    QMessageBox.warning(window, "Check minutes",
                        f"The minutes of {day} are a draft: they print “[not recorded]” until these are put right.\n\n"
                        f"{listed}")


def export_minutes(window: "MainWindow") -> None:
    """Ask Word/PDF/Excel and public/internal, then where; write it through the window's export runner.

    While the readiness check finds gaps the file is a draft, marked DRAFT on every page.
    """
    record = window.record
    if record is None:
        return
    labels = [label for label, _, _ in EXPORT_CHOICES]
    label, ok = QInputDialog.getItem(window, "Export minutes", "Which version of the minutes?", labels, 0, False)
    if not ok:
        return
    _, fmt, public = EXPORT_CHOICES[labels.index(label)]
    kind = "public" if public else "internal"
    window.notes.save()
    draft = bool(check_meeting(window.store, record.meeting.id))
    suggested = settings.export_folder.get() / f"Minutes {record.meeting.date.isoformat()} {kind}{' DRAFT' if draft else ''}.{fmt}"
    name, _ = QFileDialog.getSaveFileName(window, "Export minutes", str(suggested), FILTERS[fmt])
    if not name:
        return
    path = Path(name if name.lower().endswith(f".{fmt}") else f"{name}.{fmt}")
    settings.export_folder.set(path.parent)
    export = minutes_exporter(fmt)
    meeting_id = record.meeting.id
    window._run_export(path, lambda p: export(window.store, meeting_id, p, public=public, draft=draft))
