"""Slow work off the GUI thread, with progress, cancel, success and failure callbacks.

The work is a plain function ``work(progress) -> result`` from the Qt-free core;
``progress(done, total, text)`` reports and returns False once the user has
pressed Cancel, so the work can stop at its next step. The callbacks run on the
GUI thread. A :class:`~scrutiny_app.errors.UserError` goes to ``on_failure``;
anything else is a bug and is re-raised on the GUI thread (the crash dialog).
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QProgressDialog, QWidget

from scrutiny_app.errors import UserError

Progress = Callable[[int, int, str], bool]
_pausing = threading.Lock()
_jobs_running = 0
_collector_was_on = True


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


class _Signals(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], signals: _Signals, cancelled: threading.Event):
        super().__init__()
        self.work, self.signals, self.cancelled = work, signals, cancelled

    def _progress(self, done: int, total: int, text: str = "") -> bool:
        self.signals.progressed.emit(done, total, text)
        return not self.cancelled.is_set()

    def run(self) -> None:
        try:
            with collector_paused():
                result = self.work(self._progress)
        except BaseException as exc:  # handed to the GUI thread, which decides what it is
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)


def _hand_over(exc: BaseException, on_failure: Callable[[UserError], None]) -> None:
    """A user error to ``on_failure``; anything else is a bug, raised on the GUI thread (the crash dialog)."""
    if not isinstance(exc, UserError):
        raise exc
    on_failure(exc)


class BackgroundTask(QObject):
    """One run of ``work`` on the thread pool, with a progress dialog over ``parent``."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget,
        title: str,
        work: Callable[[Progress], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[UserError], None],
        *,
        show_after_ms: int = 400,
    ):
        super().__init__(parent)
        self.cancelled = threading.Event()
        self.on_success, self.on_failure = on_success, on_failure
        self.dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(show_after_ms)  # quick work never flashes a dialog
        self.dialog.canceled.connect(self.cancelled.set)
        self.signals = _Signals()
        self.signals.progressed.connect(self._progressed)
        self.signals.succeeded.connect(self._succeeded)
        self.signals.failed.connect(self._failed)
        self.job = _Job(work, self.signals, self.cancelled)
        self.job.setAutoDelete(False)

    def start(self) -> "BackgroundTask":
        QThreadPool.globalInstance().start(self.job)
        return self

    def _progressed(self, done: int, total: int, text: str) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        if text:
            self.dialog.setLabelText(text)

    def _close(self) -> None:
        self.dialog.reset()
        self.dialog.close()
        self.finished.emit()

    def _succeeded(self, result) -> None:
        self._close()
        self.on_success(result)

    def _failed(self, exc: BaseException) -> None:
        self._close()
        _hand_over(exc, self.on_failure)


class QuietTask(QObject):
    """One run of ``work`` on the thread pool with no dialog, for work that follows typing (the search).

    The job is held until its work is done, even if the task's parent goes first
    (a Python object the thread pool still has to run must not be freed).
    """

    _held: set[_Job] = set()

    def __init__(self, parent: QObject, work: Callable[[], Any], on_success: Callable[[Any], None],
                 on_failure: Callable[[UserError], None]):
        super().__init__(parent)
        self.on_success, self.on_failure = on_success, on_failure
        self.signals = _Signals()
        self.signals.succeeded.connect(self._succeeded)
        self.signals.failed.connect(self._failed)
        self.job = job = _Job(lambda _progress: QuietTask._run(work, job), self.signals, threading.Event())
        job.setAutoDelete(False)
        self._held.add(job)
        QThreadPool.globalInstance().start(job)

    @classmethod
    def _run(cls, work: Callable[[], Any], job: _Job) -> Any:
        try:
            return work()
        finally:
            cls._held.discard(job)  # the running job's own frame keeps it alive from here

    def _succeeded(self, result) -> None:
        self.deleteLater()
        self.on_success(result)

    def _failed(self, exc: BaseException) -> None:
        self.deleteLater()
        _hand_over(exc, self.on_failure)


def run_in_background(parent: QWidget, title: str, work, on_success, on_failure) -> BackgroundTask:
    """Start ``work`` off the GUI thread; see the module docstring."""
    return BackgroundTask(parent, title, work, on_success, on_failure).start()
