"""Meetings › Meeting details…: a meeting's date, times, venue, hybrid and purpose; cancel, reinstate, delete.

Layer: ui. Every change is core.meetings', which refuses agreed minutes
(MinutesLocked) and bad times with a message and saves nothing. Deleting a
meeting that holds no records goes on the window's undo stack (Ctrl+Z puts it
back with its agenda).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLineEdit,
                               QMessageBox, QPushButton)

from scrutiny_app.core import meetings as core_meetings
from scrutiny_app.core.formatting import day_and_date
from scrutiny_app.core.time_input import parse_date
from scrutiny_app.errors import UserError
from scrutiny_app.ui.series_dialog import time_text, typed_time
from scrutiny_app.ui.window_context import WindowContext


class DeleteMeeting(QUndoCommand):
    """A deleted meeting, put back by undo (the window lists the meetings again once the undo is done)."""

    def __init__(self, context: WindowContext, deleted: core_meetings.DeletedMeeting, text: str):
        super().__init__(text)
        self.context, self.deleted = context, deleted
        self._done = True  # the delete ran before the command was pushed

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.deleted = core_meetings.delete_meeting(self.context.store, self.deleted.meeting["id"])
        QTimer.singleShot(0, self.context.list_meetings)  # listing clears the undo stack: not inside its undo

    def undo(self) -> None:
        meeting_id = core_meetings.restore_meeting(self.context.store, self.deleted)
        QTimer.singleShot(0, lambda: self.context.list_meetings(meeting_id))


class MeetingDialog(QDialog):
    """The details of the meeting on show, saved together; Cancel/Reinstate and Delete act at once."""

    def __init__(self, context: WindowContext):
        super().__init__(context.window)
        self.context = context
        record = context.record
        meeting = record.meeting
        self.meeting_id = meeting.id
        self.setWindowTitle(f"{record.title}, {day_and_date(meeting.date)}")
        self.date = QLineEdit(meeting.date.isoformat())
        self.date.setPlaceholderText("YYYY-MM-DD")
        self.start, self.end = QLineEdit(time_text(meeting.start_time)), QLineEdit(time_text(meeting.end_time))
        for field in (self.start, self.end):
            field.setPlaceholderText("HH:MM")
        self.venue = QLineEdit(meeting.venue or "")
        self.hybrid = QCheckBox("Hybrid (some attend online)")
        self.hybrid.setChecked(meeting.hybrid)
        self.purpose = QLineEdit(meeting.purpose or "")
        self.purpose.setCursorPosition(0)  # a long purpose shows its beginning
        cancelled = meeting.status == "cancelled"
        self.cancel_button = QPushButton("&Reinstate meeting" if cancelled else "&Cancel meeting")
        self.cancel_button.clicked.connect(self.toggle_cancelled)
        self.delete_button = QPushButton("&Delete meeting")
        self.delete_button.clicked.connect(self.delete)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        times = QHBoxLayout()
        times.addWidget(self.start)
        times.addWidget(self.end)
        acts = QHBoxLayout()
        acts.addWidget(self.cancel_button)
        acts.addWidget(self.delete_button)
        acts.addStretch()
        form = QFormLayout(self)
        form.addRow("&Date:", self.date)
        form.addRow("Times (start, end):", times)
        form.addRow("&Venue:", self.venue)
        form.addRow("", self.hybrid)
        form.addRow("&Purpose:", self.purpose)
        form.addRow(acts)
        form.addRow(buttons)
        self.setMinimumWidth(560)

    def _refused(self, exc: UserError) -> None:
        QMessageBox.warning(self, "Meeting not changed", str(exc))

    def accept(self) -> None:
        """Save the details (a new date moves the meeting); on bad input say why, save nothing, stay open."""
        try:
            core_meetings.edit_meeting(
                self.context.store, self.meeting_id, date=parse_date(self.date.text(), "meeting date"),
                start=typed_time(self.start.text(), "start time"), end=typed_time(self.end.text(), "end time"),
                venue=self.venue.text().strip() or None, hybrid=self.hybrid.isChecked(),
                purpose=self.purpose.text().strip() or None)
        except UserError as exc:
            self._refused(exc)
            return
        self.context.list_meetings(self.meeting_id)
        self.context.say("Meeting details saved.")
        super().accept()

    def toggle_cancelled(self) -> None:
        cancelled = self.context.record.meeting.status == "cancelled"
        try:
            if cancelled:
                core_meetings.reinstate_meeting(self.context.store, self.meeting_id)
            else:
                core_meetings.cancel_meeting(self.context.store, self.meeting_id)
        except UserError as exc:
            self._refused(exc)
            return
        self.context.list_meetings(self.meeting_id)
        self.context.say("Meeting reinstated." if cancelled else "Meeting cancelled; it stays listed, marked cancelled.")
        super().accept()

    def delete(self) -> None:
        """Delete a meeting that holds no records; Ctrl+Z puts it back."""
        try:
            deleted = core_meetings.delete_meeting(self.context.store, self.meeting_id)
        except UserError as exc:
            self._refused(exc)
            return
        self.context.list_meetings()
        self.context.undo_stack.push(DeleteMeeting(self.context, deleted, "Delete meeting"))
        self.context.say("Meeting deleted (Ctrl+Z puts it back).")
        super().accept()
