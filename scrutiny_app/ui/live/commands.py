"""One undo step of live mode, built from a pair of callables."""

from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QUndoCommand


class Step(QUndoCommand):
    """``do`` and ``undo`` write to the database and refresh the screen.

    With ``done=True`` the change has already been made when the step is pushed,
    so the stack's first redo does nothing.
    """

    def __init__(self, text: str, do: Callable[[], None], undo: Callable[[], None], *, done: bool = False):
        super().__init__(text)
        self._do, self._undo, self._skip = do, undo, done

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._do()

    def undo(self) -> None:
        self._undo()
