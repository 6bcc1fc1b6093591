"""The one way slow work leaves the GUI thread: a :class:`Runner` starting :class:`Operation` s on the thread pool.

Layer: ui. In the style of Anki's ``CollectionOp``/``QueryOp``: the work is a
plain function ``work(progress) -> result``, usually from the Qt-free core,
run on ``QThreadPool``; the window refreshes from what the operation reports
(progress, result, cancelled) on the GUI thread. ``progress(done, total, text)``
returns False once the user has pressed Cancel, ``progress.cancelled()`` asks,
and work that stops for it raises :class:`Cancelled`.

Failures are handled here, in one place: a :class:`~scrutiny_app.errors.UserError`
becomes a message to the user (or goes to the caller's ``on_user_error``, as
search shows it under the results); anything else is a bug, logged and
reported with its traceback (:mod:`scrutiny_app.ui.bug_report`).

Nothing else in the application starts a thread (a test greps for it).
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from functools import partial
from typing import Any, Callable, Iterator

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QProgressBar, QProgressDialog, QWidget
from shiboken6 import isValid

from scrutiny_app.errors import UserError
from scrutiny_app.ui.bug_report import report_bug

_pausing = threading.Lock()
_jobs_running = 0
_collector_was_on = True
_unfinished: set["Operation"] = set()  # started and not yet handed over on the GUI thread


class Cancelled(Exception):
    """Raised by work that stopped because the user pressed Cancel: reported as cancelled, not as a failure."""


class Progress:
    """What the work is handed: call it to report a step; it answers whether to go on."""

    def __init__(self, report: Callable[[int, int, str], None]):
        self._report = report
        self._stop = threading.Event()

    def __call__(self, done: int, total: int, text: str = "") -> bool:
        self._report(done, total, text)
        return not self._stop.is_set()

    def cancelled(self) -> bool:
        return self._stop.is_set()

    def cancel(self) -> None:
        self._stop.set()


@contextmanager
def busy_cursor() -> Iterator[None]:
    """The wait cursor over the application for short work done on the GUI thread."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while slow work runs on a worker thread.

    A full collection walks every live object holding the GIL: with the cells of
    a large export alive each one froze the GUI thread for 80-200 ms
    (benchmarks/run.py). Reference counting still frees almost everything; the
    few cycles wait until the last job ends.
    """
    global _jobs_running, _collector_was_on
    with _pausing:
        if _jobs_running == 0:
            _collector_was_on = gc.isenabled()
            gc.disable()
        _jobs_running += 1
    try:
        yield
    finally:
        with _pausing:
            _jobs_running -= 1
            if _jobs_running == 0 and _collector_was_on:
                gc.enable()


class _Relay(QObject):
    """What the worker holds: it reports through this, never through the operation (a QObject of the GUI
    thread, which must not be freed on the worker)."""

    progressed = Signal(int, int, str)
    ended = Signal()

    def __init__(self):
        super().__init__()
        self.outcome: tuple[str, Any] = ("", None)  # ("result" | "cancelled" | "error", value)
        self.done = threading.Event()


def _work_on(work: Callable[[Progress], Any], progress: Progress, relay: _Relay) -> None:
    """On a worker thread: run the work and report its outcome; never touches a widget."""
    try:
        with collector_paused():
            relay.outcome = ("result", work(progress))
    except Cancelled:
        relay.outcome = ("cancelled", None)
    except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, which decides what it is
        relay.outcome = ("error", exc)
    relay.done.set()
    relay.ended.emit()


class Operation(QObject):
    """One run of ``work`` on the thread pool. Its signals arrive on the GUI thread; ``finished`` comes last.

    It has no Qt parent: it is held until its outcome is handed over, so a job
    whose window was closed meanwhile ends quietly instead of calling into
    deleted widgets.
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    cancelled = Signal()
    failed = Signal(object)  # the UserError
    finished = Signal()

    def __init__(self, owner: QWidget | None, title: str, work: Callable[[Progress], Any], *, collected: bool = False):
        super().__init__()
        self.owner, self.title, self.work = owner, title, work
        self.dialog: QProgressDialog | None = None
        self._relay = _Relay()
        self._relay.progressed.connect(self.progressed)
        self._relay.ended.connect(self._hand_over)
        self.progress = Progress(self._relay.progressed.emit)
        self._started, self._collected = False, collected  # collected: the outcome goes to result(), not signals

    # -- starting and stopping ---------------------------------------------
    def start(self) -> "Operation":
        """Start the work (once; a later call does nothing)."""
        if not self._started:
            self._started = True
            _unfinished.add(self)
            QThreadPool.globalInstance().start(partial(_work_on, self.work, self.progress, self._relay))
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next step."""
        self.progress.cancel()

    def wait(self, timeout_ms: int = -1) -> bool:
        """Block until the work is done (starting it now if it waits on a delay); False on a timeout."""
        self.start()
        return self._relay.done.wait(None if timeout_ms < 0 else timeout_ms / 1000)

    def result(self) -> Any:
        """The work's result, waiting for it, or its exception raised here: for handing over to code that
        cannot wait for a signal (opening a database). What is collected this way is reported nowhere else."""
        self._collected = True
        self.wait()
        kind, value = self._relay.outcome
        if kind == "error":
            raise value
        if kind == "cancelled":
            raise Cancelled(self.title)
        return value

    # -- the outcome, on the GUI thread -------------------------------------
    def _hand_over(self) -> None:
        _unfinished.discard(self)
        if self.owner is not None and not isValid(self.owner):
            return  # its window has gone: nothing left to tell
        if self.dialog is not None:
            self.dialog.canceled.disconnect()
            self.dialog.reset()
            self.dialog.close()
            self.dialog.deleteLater()
        kind, value = self._relay.outcome
        try:
            if self._collected:
                return
            if kind == "result":
                self.succeeded.emit(value)
            elif kind == "cancelled":
                self.cancelled.emit()
            elif isinstance(value, UserError):
                self.failed.emit(value)
            else:
                report_bug(self.owner, value)
        finally:
            self.finished.emit()

    def show_progress(self, show_after_ms: int) -> None:
        """A window-modal progress dialog with Cancel over the parent, shown only if the work takes a while."""
        dialog = self.dialog = QProgressDialog(self.title + "…", "Cancel", 0, 0, self.owner)
        dialog.setWindowTitle(self.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(420)
        # The bar is set directly: the dialog's own setValue runs a nested event loop when modal, which
        # would hand later reports (and the outcome) over in the middle of this one.
        self._bar = QProgressBar(dialog)
        dialog.setBar(self._bar)
        self._bar.setValue(self._bar.minimum())  # so the dialog's timer shows it once the work has taken a while
        dialog.setMinimumDuration(show_after_ms)  # quick work never flashes a dialog
        if show_after_ms == 0:
            dialog.show()
        dialog.canceled.connect(self.cancel)
        self.progressed.connect(self._progressed)

    def _progressed(self, done: int, total: int, text: str) -> None:
        if not isValid(self.dialog):
            return  # closed with its window
        self._bar.setRange(0, total)
        self._bar.setValue(done)
        if text:
            self.dialog.setLabelText(text)


class Runner:
    """Starts operations for the widgets of one window; failures are reported over ``parent``.

    ``run(title, work, on_done)`` is all most callers need: a modal progress
    dialog appears if the work takes more than ``show_after_ms``, ``on_done``
    gets the result on the GUI thread, a user error becomes a message titled
    ``user_error_title`` (or goes to ``on_user_error``), a bug a report.
    ``quiet=True`` shows no dialog (search as you type, the backup on open);
    ``start=False`` leaves the caller to call ``start()`` (or ``wait()``).
    """

    def __init__(self, parent: QWidget | None):
        self.parent = parent

    def run(self, title: str, work: Callable[[Progress], Any], on_done: Callable[[Any], None] | None = None, *,
            on_user_error: Callable[[UserError], None] | None = None, on_cancelled: Callable[[], None] | None = None,
            user_error_title: str | None = None, quiet: bool = False, show_after_ms: int = 400,
            start: bool = True) -> Operation:
        operation = Operation(self.parent, title, work)
        if on_done is not None:
            operation.succeeded.connect(on_done)
        if on_cancelled is not None:
            operation.cancelled.connect(on_cancelled)
        failure_title = user_error_title or title
        operation.failed.connect(on_user_error or (lambda exc: self.tell(failure_title, exc)))
        if not quiet:
            operation.show_progress(show_after_ms)
        return operation.start() if start else operation

    def ask(self, title: str, work: Callable[[Progress], Any]) -> Operation:
        """Start ``work`` whose answer code that cannot wait for a signal collects with ``result()``
        (the opening checks, collected when the database is opened): nothing is reported here."""
        return Operation(self.parent, title, work, collected=True).start()

    def tell(self, title: str, exc: UserError) -> None:
        """A user error as a message: what went wrong and what to do, no traceback."""
        QMessageBox.warning(self.parent, title, str(exc))


def idle() -> bool:
    """Whether every operation started has been handed over on the GUI thread (tests wait for this)."""
    return not _unfinished
