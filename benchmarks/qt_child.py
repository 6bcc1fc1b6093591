"""The Qt side of the benchmarks, run by run.py in a fresh process per measurement.

    python benchmarks/qt_child.py startup-ours DB   the app as started from the command line
    python benchmarks/qt_child.py startup-bare      a bare window: a table view and a pyqtgraph plot
    python benchmarks/qt_child.py startup-storage   the same, after importing our SQLModel tables (a reference)
    python benchmarks/qt_child.py pauses DB OUT     the GUI thread's longest pause during export and pack
    python benchmarks/qt_child.py action-log DB     an action-log filter change and filter keystroke, painted

The last line printed is JSON: ``painted`` (time.monotonic() when the window had
first painted, comparable with the parent's clock), ``shown`` (when it had
painted with its meeting on show), ``peak_mb`` (peak resident memory)
and, for ``pauses``, the longest gap of a 5 ms heartbeat in ms for each job;
``action-log`` reports the median ms of a filter change and of a filter keystroke.
The parent points XDG_CONFIG_HOME and XDG_DATA_HOME at a temporary folder, so
saved settings and backups never touch the user's own.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QEvent, QObject, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402

HEARTBEAT_MS = 5


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


class PaintWatch(QObject):
    """Notes when the first main window has painted, and when it has painted with a meeting on show.

    Each moment is the event-loop turn after the paint. A window without a
    ``record`` attribute (the bare baselines) has nothing more to show.
    """

    def __init__(self, app: QApplication, then):
        super().__init__()
        self.painted: float | None = None
        self.shown: float | None = None
        self.then = then
        app.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow) and self.shown is None:
            if self.painted is None:
                self.painted = 0.0
                QTimer.singleShot(0, self._painted)
            if getattr(watched, "record", True) is not None:
                self.shown = 0.0
                QTimer.singleShot(0, self._shown)
        return False

    def _painted(self) -> None:
        self.painted = time.monotonic()

    def _shown(self) -> None:
        self.shown = time.monotonic()
        self.then()


def startup_ours(db: str) -> dict:
    app = QApplication(sys.argv[:1])
    watch = PaintWatch(app, app.quit)
    from scrutiny_app import cli

    cli.main(["--db", db])  # returns when the watch quits the event loop
    return {"painted": watch.painted, "shown": watch.shown, "peak_mb": peak_mb()}


def startup_bare(storage: bool = False) -> dict:
    app = QApplication(sys.argv[:1])
    watch = PaintWatch(app, app.quit)
    if storage:  # what any window on our database must load first: SQLAlchemy, pydantic, SQLModel, the tables
        import scrutiny_app.core.models  # noqa: F401
    import pyqtgraph as pg
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QDockWidget, QTableView

    window = QMainWindow()
    model = QStandardItemModel(20, 4)
    for r in range(20):
        for c in range(4):
            model.setItem(r, c, QStandardItem(f"{r}, {c}"))
    table = QTableView()
    table.setModel(model)
    window.setCentralWidget(table)
    plot = pg.PlotWidget()
    plot.plot(list(range(12)), [x * x for x in range(12)])
    dock = QDockWidget("Plot", window)
    dock.setWidget(plot)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resize(1600, 1000)
    window.show()
    app.exec()
    return {"painted": watch.painted, "peak_mb": peak_mb()}


class Heartbeat(QObject):
    """A 5 ms timer on the GUI thread; the longest gap between its ticks is the longest pause."""

    def __init__(self):
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._tick)
        self.last = self.longest = 0.0

    def start(self) -> None:
        self.last, self.longest = time.monotonic(), 0.0
        self.timer.start()

    def _tick(self) -> None:
        now = time.monotonic()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def stop_ms(self) -> float:
        self.timer.stop()
        self._tick()
        return self.longest * 1000


def _run_until(app: QApplication, done, timeout_s: float = 300) -> None:
    give_up = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > give_up:
            raise TimeoutError("the job did not finish")
        app.processEvents()
        time.sleep(0.001)


def _settle(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    _run_until(app, lambda: time.monotonic() > end)


def pauses(db: str, out: str) -> dict:
    from scrutiny_app import paths
    from scrutiny_app.core.store import open_store
    from scrutiny_app.exports.actions_xlsx import export_actions_xlsx
    from scrutiny_app.ui import agenda_editor
    from scrutiny_app.ui.app import _application
    from scrutiny_app.ui.main_window import MainWindow

    paths.configure()
    app = _application()
    store = open_store(Path(db), backups=False)
    window = MainWindow(store)
    window.show()
    _settle(app, 0.5)
    out_dir = Path(out)
    beat = Heartbeat()
    found = {}

    # The tracker of every series, exported the way File > Export action tracker does it.
    xlsx = out_dir / "tracker.xlsx"
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    beat.start()
    QTimer.singleShot(0, lambda: window._run_export(xlsx, lambda p: export_actions_xlsx(store, p)))
    _run_until(app, lambda: any(m.startswith("Exported") for m in messages))
    _settle(app, 0.2)
    found["export"] = beat.stop_ms()

    # The pack of the meeting on show, built the way File > Build agenda pack does it.
    pdf = out_dir / "pack.pdf"
    agenda_editor.QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(pdf), "PDF files (*.pdf)"))
    messages.clear()
    beat.start()
    QTimer.singleShot(0, window.agenda_editor.build_pack)
    _run_until(app, lambda: any(m.startswith("Agenda pack written") for m in messages))
    _settle(app, 0.2)
    found["pack"] = beat.stop_ms()
    window.close()
    store.close()
    return {"pause_ms": found, "peak_mb": peak_mb()}


def action_log(db: str) -> dict:
    """The Action log of a one-series database in a 1366×768 window: each step is timed until it has painted."""
    from PySide6.QtTest import QTest

    from scrutiny_app import paths
    from scrutiny_app.core.store import open_store
    from scrutiny_app.ui.app import _application
    from scrutiny_app.ui.main_window import MainWindow

    paths.configure()
    app = _application()
    store = open_store(Path(db), backups=False)
    window = MainWindow(store)
    window.resize(1366, 768)
    window.show()
    _settle(app, 2)  # as long as an officer takes to reach for a filter; the panes work ahead meanwhile
    pane = window.action_log

    def timed(step) -> float:
        started = time.perf_counter()
        step()
        pane.repaint()  # a paint of what the change left on show
        app.processEvents()
        return (time.perf_counter() - started) * 1000

    filters = [timed(lambda i=i: pane.status_box.setCurrentIndex(i)) for i in (1, 0, 4, 0, 2, 0)]
    filters += [timed(lambda i=i: pane.due_box.setCurrentIndex(i)) for i in (1, 0, 3, 0)]
    pane.filter.setFocus()
    keys = [timed(lambda c=c: QTest.keyClicks(pane.filter, c)) for c in "knife"]
    keys += [timed(lambda: QTest.keyClick(pane.filter, Qt.Key.Key_Backspace)) for _ in range(5)]
    window.close()
    store.close()
    return {"filter_ms": statistics.median(filters), "keystroke_ms": statistics.median(keys),
            "slowest_ms": max(filters + keys), "rows": pane.model.rowCount(), "peak_mb": peak_mb()}


def main(argv: list[str]) -> int:
    mode = argv[0]
    if mode == "startup-ours":
        result = startup_ours(argv[1])
    elif mode == "startup-bare":
        result = startup_bare()
    elif mode == "startup-storage":
        result = startup_bare(storage=True)
    elif mode == "pauses":
        result = pauses(argv[1], argv[2])
    elif mode == "action-log":
        result = action_log(argv[1])
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
