"""The notes of the current item in live mode: saved as typed, undone in bursts on the shared stack."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QCheckBox, QLabel

from scrutiny_app.core.models import AgendaItem
from scrutiny_app.core.queries import update_field
from scrutiny_app.core.store import Store
from scrutiny_app.ui.live.bullets import BULLET, BulletEdit
from scrutiny_app.ui.live.commands import Step
from scrutiny_app.ui.notes_editor import NotesEditor
from scrutiny_app.ui.record_model import SAVE_ERRORS


class LiveNotes(NotesEditor):
    """Each save (after a pause, or every 0.7 s of steady typing) is one step on the undo stack."""

    def __init__(self, undo_stack: QUndoStack, parent=None):
        super().__init__(parent, editor=BulletEdit())
        self.undo_stack = undo_stack
        self.editor.setPlaceholderText("Notes for this item, saved as you type. Tab starts a bullet list.")
        self.private = QCheckBox("Notes not for publication", self)
        self.private.setToolTip("Leave these notes out of public versions")
        self.private.clicked.connect(self._private_clicked)
        self.layout().insertWidget(2, self.private)
        hint = QLabel("Select text or put the cursor on a line, then: Ctrl+Shift+R a risk · Ctrl+Shift+Q the answer "
                      "to the current PCC question · Ctrl+Shift+A a new action", self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        self.layout().addWidget(hint)

    def show_item(self, store: Store | None, item: AgendaItem | None) -> None:
        super().show_item(store, item)
        if not hasattr(self, "private"):  # the base class shows "no item" before the box exists
            return
        self.private.setEnabled(item is not None)
        self.private.setChecked(bool(item and item.notes_private))

    def selected_text(self) -> str:
        """The selection, its lines' bullets taken off ('' when nothing is selected)."""
        text = self.editor.textCursor().selectedText().replace("\u2029", "\n")  # Qt's paragraph separator
        return "\n".join(BULLET.sub("", line).strip() for line in text.splitlines() if line.strip())

    def line_or_selection(self) -> str:
        """What a key turns into a record: the selection, else the line the cursor is on."""
        return self.selected_text() or BULLET.sub("", self.editor.textCursor().block().text()).strip()

    def save(self) -> None:
        item = self.item
        before = item.notes if item else None
        super().save()
        if item is not None and item.notes != before:
            after = item.notes
            self.undo_stack.push(Step("typing in the notes", lambda: self._put(item, "notes", after),
                                      lambda: self._put(item, "notes", before), done=True))

    def _private_clicked(self, checked: bool) -> None:
        item = self.item
        if item is not None:
            self.undo_stack.push(Step("not for publication", lambda: self._put(item, "notes_private", checked),
                                      lambda: self._put(item, "notes_private", not checked)))

    def _put(self, item: AgendaItem, name: str, value) -> None:
        """Write one field of an item (undo, redo, the tick box) and show it if the item is on screen."""
        try:
            update_field(self.store, AgendaItem, item.id, name, value)
        except SAVE_ERRORS as exc:
            self.failed.emit(f"Not saved: {exc}")
            self.show_item(self.store, self.item)
            return
        setattr(item, name, value)
        if self.item is not None and self.item.id == item.id:
            self.item = item
            self.editor.blockSignals(True)
            self.editor.setPlainText(item.notes)
            self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
            self.editor.blockSignals(False)
            self.private.setChecked(item.notes_private)
