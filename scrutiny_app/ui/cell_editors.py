"""Cell editors that save as the officer types, so nothing typed in a table cell is lost.

An open cell editor saves its text after a short pause and at least every
MAX_UNSAVED_MS of steady typing (the notes' SaveWhileTyping), and at once when it closes
for any reason: Tab, Enter, clicking away, Escape (undo takes text back), or
the window moving on (:func:`commit_open_editor`). The saves of one editor
merge into one undo step, so Ctrl+Z gives back the text from before the edit.
Values that are parsed (numbers, dates, the Private word) are saved only when
the editor closes, since half-typed they are not values yet.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QSortFilterProxyModel, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
)

from scrutiny_app.ui.notes_editor import SaveWhileTyping

EDIT_SESSION = "editSession"  # the editor's property naming its run of saves (RecordTableModel merges them)
_sessions = itertools.count(1)


def _source(index):
    """The model behind a view's index, and the index in it."""
    model = index.model()
    while isinstance(model, QSortFilterProxyModel):
        index = model.mapToSource(index)
        model = model.sourceModel()
    return model, index


def editor_text(editor) -> str | None:
    if isinstance(editor, QPlainTextEdit):
        return editor.toPlainText()
    if isinstance(editor, QLineEdit):
        return editor.text()
    return None


class TypingDelegate(QStyledItemDelegate):
    """The default cell editor (a line edit for text), saving as typed and on Escape."""

    def createEditor(self, parent, option, index):
        editor = self.make_editor(parent, option, index)
        editor.setProperty(EDIT_SESSION, next(_sessions))
        model, source = _source(index)
        columns = getattr(model, "columns", None)
        free_text = columns is not None and columns[source.column()].parse is None
        if free_text and editor_text(editor) is not None:
            autosave = SaveWhileTyping(editor, lambda: self.commitData.emit(editor))
            signal = editor.textChanged if isinstance(editor, QPlainTextEdit) else editor.textEdited
            signal.connect(autosave.typed)
        return editor

    def make_editor(self, parent, option, index):
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor, index) -> None:
        if editor_text(editor) != str(index.data(Qt.ItemDataRole.EditRole) or ""):  # not a save repainting its cell
            self.load(editor, index)

    def load(self, editor, index) -> None:
        super().setEditorData(editor, index)

    def destroyEditor(self, editor, index) -> None:
        for autosave in editor.findChildren(SaveWhileTyping):  # closed: it has been saved, and is no longer the view's
            autosave.stop()
        super().destroyEditor(editor, index)

    def setModelData(self, editor, model, index) -> None:
        text = editor_text(editor)
        source, _ = _source(index)
        if text is not None and text == str(index.data(Qt.ItemDataRole.EditRole) or "") \
                and not getattr(source, "unsaved", None):  # (what a refused cell shows is not saved: try again)
            return  # nothing typed since the last save
        if not hasattr(source, "edit_session"):
            super().setModelData(editor, model, index)
            return
        source.edit_session = editor.property(EDIT_SESSION)
        try:
            self.write(editor, model, index)
        finally:
            source.edit_session = None

    def write(self, editor, model, index) -> None:
        super().setModelData(editor, model, index)

    def eventFilter(self, editor, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            # Escape leaves the cell keeping what was typed; undo is the way to take it back.
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(editor, event)


class TextDelegate(TypingDelegate):
    """Long text is edited in a text box; Tab or clicking away saves and goes on."""

    def make_editor(self, parent, option, index):
        editor = QPlainTextEdit(parent)
        editor.setTabChangesFocus(True)
        return editor

    def load(self, editor: QPlainTextEdit, index) -> None:
        editor.setPlainText(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.moveCursor(QTextCursor.MoveOperation.End)

    def write(self, editor: QPlainTextEdit, model, index) -> None:
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def destroyEditor(self, editor, index) -> None:
        # Qt unhooks only the view's default delegate from a closed editor; without this a
        # closed editor still waiting for deletion would commit again when it loses focus.
        editor.removeEventFilter(self)
        super().destroyEditor(editor, index)

    def eventFilter(self, editor, event) -> bool:
        # A text box would treat Tab as a focus change and leave the table; here it saves and
        # goes on to the next cell, as in the one-line cells.
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.commitData.emit(editor)
            hint = (QAbstractItemDelegate.EndEditHint.EditPreviousItem if event.key() == Qt.Key.Key_Backtab
                    else QAbstractItemDelegate.EndEditHint.EditNextItem)
            self.closeEditor.emit(editor, hint)
            return True
        return super().eventFilter(editor, event)

    def updateEditorGeometry(self, editor, option, index) -> None:
        rect = option.rect
        rect.setHeight(max(rect.height(), 120))
        editor.setGeometry(rect)


def commit_open_editor(view: QAbstractItemView):
    """Save the cell being typed in ``view`` now and close its editor (before the rows change
    under it, or the window moves on); the index that was being edited, or None."""
    index = view.currentIndex()
    editor = view.indexWidget(index) if index.isValid() else None
    if editor is None:
        return None
    delegate = view.itemDelegateForIndex(index)
    delegate.commitData.emit(editor)
    delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
    return index


def commit_open_editors(window) -> None:
    """Save every cell being typed in a window's tables (on closing)."""
    for view in window.findChildren(QAbstractItemView):
        commit_open_editor(view)


def open_editor_at_end(view: QAbstractItemView, index) -> None:
    """Start typing in a cell with the cursor after its text (a line edit opens with it all selected)."""
    view.setFocus()
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    if isinstance(editor, QLineEdit):
        editor.deselect()
        editor.end(False)
    elif isinstance(editor, QPlainTextEdit):
        editor.moveCursor(QTextCursor.MoveOperation.End)
