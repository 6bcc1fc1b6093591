"""What a main window's panes and commands share, handed to each of them: the window context.

Layer: ui. The panes, editors and command classes of a window receive one
:class:`WindowContext` rather than the window itself, and use only what it
declares here: the store and the meeting on show (with signals when they
change), messages, work off the GUI thread, and the file dialogs. What only
the window can do (list the meetings in its picker, show one, save the notes
being typed) they ask for through its request signals, which the window
answers. The module imports no database code, so the window's frame can build
it before the database layer has loaded.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from scrutiny_app.errors import UserError
from scrutiny_app.ui import settings
from scrutiny_app.ui.background import Operation, Progress, Runner
from scrutiny_app.ui.file_dialogs import FileKind, ask_open_path, ask_save_path
from scrutiny_app.ui.settings import Setting

if TYPE_CHECKING:
    from scrutiny_app.core.queries import MeetingRecord
    from scrutiny_app.core.store import Store

SAY_MS = 8000  # how long a message stays in the status bar
WARN_MS = 15000  # a warning, longer


class WindowContext(QObject):
    """One main window's store, meeting, messages, background work and file dialogs."""

    # what changed
    store_changed = Signal(object)  # the Store now open in the window
    meeting_changed = Signal(object)  # the MeetingRecord now on show, or None
    # what the window is asked to do
    edits_wanted = Signal()  # save what is typed and not saved yet (the notes), before reading or leaving
    meeting_wanted = Signal(int)  # show this meeting, read again from the database
    meetings_wanted = Signal(object)  # list the meetings again (one was added), showing this id (None: as on opening)

    def __init__(self, window: QMainWindow, *, demo: bool = False):
        super().__init__(window)
        self.window = window  # the parent of every dialog; its status bar carries the messages
        self.runner = Runner(window)  # the one way this window's work leaves the GUI thread
        self.demo = demo  # a throwaway copy of the demo data: no backups, the remembered meeting not used
        self.store: Store | None = None
        self.record: MeetingRecord | None = None
        self.meeting_dates: dict[int, dt.date] = {}  # every meeting's date, as the window last listed them
        self.undo_stack = QUndoStack(self)  # every undoable edit made in the window and its panes

    # -- the store and the meeting ----------------------------------------
    def use_store(self, store: Store, *, demo: bool = False) -> None:
        """Work on ``store`` from now on (the caller closes the one before)."""
        self.store, self.demo = store, demo
        self.store_changed.emit(store)

    def set_meeting(self, record: MeetingRecord | None) -> None:
        """The window shows ``record`` now."""
        self.record = record
        self.meeting_changed.emit(record)

    def save_open_edits(self) -> None:
        self.edits_wanted.emit()

    def show_meeting(self, meeting_id: int) -> None:
        """Ask the window to show ``meeting_id``, read again (after a change the panes must see)."""
        self.meeting_wanted.emit(meeting_id)

    def list_meetings(self, select_id: int | None = None) -> None:
        """Ask the window to list the meetings again and show ``select_id`` (after one was added)."""
        self.meetings_wanted.emit(select_id)

    # -- messages ----------------------------------------------------------
    def say(self, text: str) -> None:
        """Something done, told in the status bar."""
        self.window.statusBar().showMessage(text, SAY_MS)

    def announce(self, text: str) -> None:
        """Say which slow step is under way, painted at once: the step holds the event loop."""
        self.window.statusBar().showMessage(text)
        self.window.statusBar().repaint()

    def warn(self, text: str) -> None:
        """Something refused that needs no answer: told longer, with a beep."""
        self.window.statusBar().showMessage(text, WARN_MS)
        QApplication.beep()

    def error(self, title: str, text: str) -> None:
        """Something the user must read (a failure, a warning about what was done), in a box they close."""
        QMessageBox.warning(self.window, title, text)

    # -- work off the GUI thread -------------------------------------------
    def run(self, title: str, work: Callable[[Progress], Any], on_success: Callable[[Any], None],
            on_failure: Callable[[UserError], None]) -> Operation:
        """Run ``work`` on the window's runner with a progress dialog titled ``title`` (see ui/background.py)."""
        return self.runner.run(title, work, on_success, on_user_error=on_failure)

    def export(self, path: Path, write: Callable[[Path], object]) -> Operation:
        """Write ``path`` with ``write`` off the GUI thread, once the open edits are saved; say how it went."""
        self.save_open_edits()
        self.say(f"Exporting {path.name}…")
        return self.run(f"Exporting {path.name}", lambda progress: write(path),
                        lambda _: self.say(f"Exported {path}"), lambda exc: self.error("Export failed", str(exc)))

    # -- file dialogs --------------------------------------------------------
    def ask_save_path(self, title: str, name: str, kinds: tuple[FileKind, ...],
                      folder: Setting[Path] | Path = settings.export_folder) -> Path | None:
        """Where to write ``name`` (see :func:`~scrutiny_app.ui.file_dialogs.ask_save_path`)."""
        return ask_save_path(self.window, title, folder, name, kinds)

    def ask_open_path(self, title: str, filters: str, folder: Setting[Path] | Path) -> Path | None:
        """Which file to read (see :func:`~scrutiny_app.ui.file_dialogs.ask_open_path`)."""
        return ask_open_path(self.window, title, folder, filters)
