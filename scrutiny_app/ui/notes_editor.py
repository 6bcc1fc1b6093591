"""The central editor: the notes of the selected agenda item, saved as the officer types."""

from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from scrutiny_app.core.models import AgendaItem
from scrutiny_app.core.queries import update_field
from scrutiny_app.core.store import Store
from scrutiny_app.ui.record_model import SAVE_ERRORS, show_time

NOTES_PLACEHOLDER = "Notes for this item. They are saved as you type."
SAVE_DELAY_MS = 400  # a pause in typing this long saves; switching item saves at once
MAX_UNSAVED_MS = 700  # steady typing with no pause still saves this often, so nothing waits a second


class SaveWhileTyping(QObject):
    """When typing is saved: after a pause of SAVE_DELAY_MS, and at least every MAX_UNSAVED_MS of steady typing.

    The notes and every open cell editor (ui/cell_editors.py) call ``typed`` on each change."""

    def __init__(self, parent: QObject, save: Callable[[], None]):
        super().__init__(parent)
        self.pause, self.deadline = QTimer(self), QTimer(self)
        for timer, ms in ((self.pause, SAVE_DELAY_MS), (self.deadline, MAX_UNSAVED_MS)):
            timer.setSingleShot(True)
            timer.setInterval(ms)
            timer.timeout.connect(lambda: (self.stop(), save()))

    def typed(self) -> None:
        self.pause.start()
        if not self.deadline.isActive():
            self.deadline.start()

    def stop(self) -> None:
        self.pause.stop()
        self.deadline.stop()


class NotesEditor(QWidget):
    saved = Signal(str)
    failed = Signal(str)

    def __init__(self, parent=None, editor: QPlainTextEdit | None = None):
        super().__init__(parent)
        self.store: Store | None = None
        self.item: AgendaItem | None = None
        self.unsaved: dict[tuple, str] = {}  # (database, item id) -> notes the database refused
        self.heading = QLabel(self)
        self.heading.setObjectName("notesHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.details = QLabel(self)
        self.details.setStyleSheet("color: #555;")
        self.editor = editor or QPlainTextEdit(self)
        self.editor.setPlaceholderText(NOTES_PLACEHOLDER)
        body = QFont(self.editor.font())
        body.setPointSizeF(body.pointSizeF() * 1.1)
        self.editor.setFont(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.details)
        layout.addWidget(self.editor, 1)
        self.autosave = SaveWhileTyping(self, self.save)
        self.editor.textChanged.connect(self.autosave.typed)
        self.editor.installEventFilter(self)
        self.show_item(None, None)

    def eventFilter(self, watched, event) -> bool:
        """Leaving the notes (or Escape in them) saves at once, not after the pause."""
        if watched is self.editor and (event.type() == QEvent.Type.FocusOut or (
                event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape)):
            self.save()
        return super().eventFilter(watched, event)

    def show_item(self, store: Store | None, item: AgendaItem | None) -> None:
        self.save()
        if self.pending():  # refused (a full disk): kept, and offered again when the item is shown
            self.unsaved[(self.store.path, self.item.id)] = self.editor.toPlainText()
        self.store, self.item = store, item
        kept = self.unsaved.pop((store.path, item.id), None) if store is not None and item is not None else None
        self.editor.blockSignals(True)
        self.editor.setPlainText(kept if kept is not None else item.notes if item else "")
        self.editor.blockSignals(False)
        if kept is not None:
            self.autosave.typed()  # try to save it again shortly
        self.editor.setEnabled(item is not None)
        # Typing that could never be saved would be lost: a read-only database shows its notes, unchangeable.
        read_only = store is not None and store.read_only
        self.editor.setReadOnly(read_only)
        self.editor.setPlaceholderText("No notes. This window is read-only: notes are written in the Scrutiny "
                                       "window that has the database open." if read_only else NOTES_PLACEHOLDER)
        if item is None:
            self.heading.setText("Select an agenda item to see its notes")
            self.details.setText("")
            return
        number = f"{item.number}. " if item.number is not None else ""
        self.heading.setText(f"{number}{item.title}")
        facts = [show_time(item.start_time), item.presenter or "", f"page {item.page}" if item.page else ""]
        self.details.setText("  ·  ".join(f for f in facts if f))

    def pending(self) -> bool:
        """Whether the notes on screen differ from the saved ones (typing not saved yet, or refused)."""
        return self.item is not None and self.store is not None and self.editor.toPlainText() != (self.item.notes or "")

    def unsaved_count(self) -> int:
        """Items whose notes the database has refused so far, the one on screen included."""
        return len(self.unsaved) + self.pending()

    def save(self) -> None:
        """Write the notes now if they changed (called on a pause, a switch and on close)."""
        self.autosave.stop()
        if self.item is None or self.store is None:
            return
        text = self.editor.toPlainText()
        if text == self.item.notes:
            return
        try:
            update_field(self.store, AgendaItem, self.item.id, "notes", text)
        except SAVE_ERRORS as exc:  # the text stays in the editor and is tried again on the next pause
            self.failed.emit(f"Notes not saved: {exc}")
            return
        self.item.notes = text
        self.saved.emit(f"Notes saved at {dt.datetime.now():%H:%M:%S}")
