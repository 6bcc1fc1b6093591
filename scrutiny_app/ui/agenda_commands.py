"""Undoable changes to the order and contents of an agenda, on the window's undo stack.

The editor makes each change first (so a refusal is shown before anything is
pushed) and then pushes a command that already holds what undo needs; the
command's first redo only refreshes the pane.
"""

from __future__ import annotations

from typing import Callable, Protocol

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QUndoCommand

from scrutiny_app.core.agenda import rearrange, remove_item, restore_item
from scrutiny_app.core.store import Store
from scrutiny_app.ui.record_model import SAVE_ERRORS, RecordTableModel


class AgendaModel(RecordTableModel):
    """The agenda's rows can be dragged (to reorder them; the drop is handled by the editor)."""

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else flags

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction


class Editor(Protocol):
    store: Store

    def reload(self, select_id: int | None) -> None: ...

    def refused(self, text: str) -> None: ...


class _Done(QUndoCommand):
    """A change already made: redo and undo re-apply it, reporting a failure rather than raising."""

    def __init__(self, editor: Editor, text: str):
        super().__init__(text)
        self.editor = editor
        self._first = True

    def _run(self, change: Callable[[], int | None]) -> None:
        try:
            select_id = change()
        except SAVE_ERRORS as exc:
            self.editor.refused(f"Could not {self.text()}: {exc}")
            return
        self.editor.reload(select_id)

    def redo(self) -> None:
        if self._first:
            self._first = False
            self.editor.reload(self.selected_after())
            return
        self._run(self.do)

    def undo(self) -> None:
        self._run(self.undo_change)

    def selected_after(self) -> int | None:
        return None

    def do(self) -> int | None:
        raise NotImplementedError

    def undo_change(self) -> int | None:
        raise NotImplementedError


class AddedItem(_Done):
    def __init__(self, editor: Editor, item_id: int, title: str):
        super().__init__(editor, f"add “{title}”")
        self.item_id = item_id
        self.removed: tuple[dict, list[int]] | None = None

    def selected_after(self) -> int | None:
        return self.item_id

    def do(self) -> int | None:
        restore_item(self.editor.store, *self.removed)
        return self.item_id

    def undo_change(self) -> int | None:
        self.removed = remove_item(self.editor.store, self.item_id)
        return None


class RemovedItem(_Done):
    def __init__(self, editor: Editor, removed: tuple[dict, list[int]]):
        super().__init__(editor, f"remove “{removed[0]['title']}”")
        self.removed = removed

    def do(self) -> int | None:
        self.removed = remove_item(self.editor.store, self.removed[0]["id"])
        return None

    def undo_change(self) -> int | None:
        restore_item(self.editor.store, *self.removed)
        return self.removed[0]["id"]


class MovedItem(_Done):
    def __init__(self, editor: Editor, meeting_id: int, before: list[int], after: list[int], moved: int, title: str):
        super().__init__(editor, f"move “{title}”")
        self.meeting_id, self.before, self.after, self.moved = meeting_id, before, after, moved

    def selected_after(self) -> int | None:
        return self.moved

    def do(self) -> int | None:
        rearrange(self.editor.store, self.meeting_id, self.after)
        return self.moved

    def undo_change(self) -> int | None:
        rearrange(self.editor.store, self.meeting_id, self.before)
        return self.moved
