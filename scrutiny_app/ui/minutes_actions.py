"""The Meeting menu's commands: live mode, checking, agreeing and unlocking minutes, and exporting them.

Layer: ui. :class:`MinutesCommands` works through the window's
:class:`~scrutiny_app.ui.window_context.WindowContext`, and reads from the notes
editor which agenda item live mode opens on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from scrutiny_app.core import live
from scrutiny_app.core.formatting import long_date
from scrutiny_app.core.minutes_check import check_meeting
from scrutiny_app.core.minutes_lock import AGREED_WORDS, mark_agreed, unlock
from scrutiny_app.errors import UserError
from scrutiny_app.exports.minutes_formats import minutes_exporter
from scrutiny_app.ui.file_dialogs import DOCX, PDF, XLSX

if TYPE_CHECKING:
    from scrutiny_app.ui.live.screen import LiveWindow
    from scrutiny_app.ui.notes_editor import NotesEditor
    from scrutiny_app.ui.window_context import WindowContext

# (label, format, public)
EXPORT_CHOICES = [
    ("Word document, public version", "docx", True),
    ("Word document, internal (everything)", "docx", False),
    ("PDF, public version", "pdf", True),
    ("PDF, internal (everything)", "pdf", False),
    ("Excel workbook, public version", "xlsx", True),
    ("Excel workbook, internal (everything)", "xlsx", False),
]
KINDS = {kind.suffix: kind for kind in (DOCX, PDF, XLSX)}


class MinutesCommands:
    def __init__(self, context: WindowContext, notes: NotesEditor):
        self.context, self.notes = context, notes
        self.live: LiveWindow | None = None  # the live-mode window, once opened

    def open_live(self, item_id: int | None = None, *, resuming: bool = False) -> None:
        """Live mode on the meeting shown (F11; a meeting on another day asks first, unless resuming after a
        crash); back in the main window it shows what was captured."""
        ctx = self.context
        if ctx.record is None:
            return
        if self.live is not None and self.live.isVisible():  # already live: bring it to the front
            self.live.activateWindow()
            return
        from scrutiny_app.ui.live.screen import LiveWindow, may_go_live

        if not resuming and not may_go_live(ctx.window, ctx.record):
            return

        ctx.save_open_edits()
        meeting_id = ctx.record.meeting.id
        if item_id is None and self.notes.item is not None:
            item_id = self.notes.item.id
        self.live = LiveWindow(ctx.store, meeting_id, item_id, parent=ctx.window)
        self.live.ended.connect(lambda: ctx.show_meeting(meeting_id))
        self.live.showMaximized()

    def resume_live(self) -> None:
        """After a crash in live mode, go straight back to the meeting and item the officer was on."""
        ctx = self.context
        meeting_id, item_id = live.load_position(ctx.store)
        if meeting_id is None:
            return
        if meeting_id not in ctx.meeting_dates:
            live.clear_position(ctx.store)
            return
        ctx.show_meeting(meeting_id)
        self.open_live(item_id, resuming=True)

    def agree_minutes(self) -> None:
        ctx = self.context
        record = ctx.record
        if record is None:
            return
        day = long_date(record.meeting.date)
        answer = QMessageBox.question(
            ctx.window, "Mark minutes agreed",
            f"Record the minutes of {day} as agreed, {AGREED_WORDS} of the meeting?\n\n"
            "They will be locked: changing them later needs Unlock minutes… and a reason.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            at = mark_agreed(ctx.store, record.meeting.id)
        except UserError as exc:
            ctx.error("Minutes not agreed", str(exc))
            return
        ctx.show_meeting(record.meeting.id)
        ctx.say(f"Minutes of {day} agreed" + (f" at the meeting of {long_date(at.date)}" if at else "") + " and locked")

    def unlock_minutes(self) -> None:
        ctx = self.context
        record = ctx.record
        if record is None:
            return
        reason, ok = QInputDialog.getText(ctx.window, "Unlock agreed minutes",
                                          f"Why do the agreed minutes of {long_date(record.meeting.date)} need "
                                          "changing?\nThe reason is kept in the audit log.",
                                          QLineEdit.EchoMode.Normal, "")
        if not ok:
            return
        try:
            unlock(ctx.store, record.meeting.id, reason)
        except UserError as exc:
            ctx.error("Minutes not unlocked", str(exc))
            return
        ctx.show_meeting(record.meeting.id)
        ctx.say("Minutes unlocked; they are a draft again")

    def check_minutes(self) -> None:
        """Meeting › Check minutes…: what the record still lacks before its minutes can be published."""
        ctx = self.context
        record = ctx.record
        if record is None:
            return
        ctx.save_open_edits()
        problems = check_meeting(ctx.store, record.meeting.id)
        day = long_date(record.meeting.date)
        if not problems:
            QMessageBox.information(ctx.window, "Check minutes",
                                    f"Nothing is missing from the record of {day}: its minutes export as final.")
            return
        listed = "\n".join(f"• {p}" for p in problems)
        QMessageBox.warning(ctx.window, "Check minutes",
                            f"The minutes of {day} are a draft: they print “[not recorded]” until these are put "
                            f"right.\n\n{listed}")

    def export_minutes(self) -> None:
        """Ask Word/PDF/Excel and public/internal, then where; write it off the GUI thread.

        While the readiness check finds gaps the file is a draft, marked DRAFT on every page.
        """
        ctx = self.context
        record = ctx.record
        if record is None:
            return
        labels = [label for label, _, _ in EXPORT_CHOICES]
        label, ok = QInputDialog.getItem(ctx.window, "Export minutes", "Which version of the minutes?", labels, 0, False)
        if not ok:
            return
        _, fmt, public = EXPORT_CHOICES[labels.index(label)]
        kind = "public" if public else "internal"
        ctx.save_open_edits()
        draft = bool(check_meeting(ctx.store, record.meeting.id))
        name = f"Minutes {record.meeting.date.isoformat()} {kind}{' DRAFT' if draft else ''}.{fmt}"
        path = ctx.ask_save_path("Export minutes", name, (KINDS[fmt],))
        if path is None:
            return
        export, store, meeting_id = minutes_exporter(fmt), ctx.store, record.meeting.id
        ctx.export(path, lambda p: export(store, meeting_id, p, public=public, draft=draft))
