"""Building the agenda pack on a worker thread, with a progress dialog that can cancel it.

The builder (pypdf, reportlab) is imported on the worker the first time: on
the GUI thread the import froze the window for about 250 ms.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from scrutiny_app.core.store import Store
from scrutiny_app.ui import settings
from scrutiny_app.ui.chart_images import published_chart_images
from scrutiny_app.ui.background import collector_paused
from scrutiny_app.ui.record_model import SAVE_ERRORS


class PackThread(QThread):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)  # pack.builder.PackResult
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, store: Store, meeting_id: int, out: Path, parent=None, charts: dict[int, bytes] | None = None):
        super().__init__(parent)
        self.store, self.meeting_id, self.out, self.charts = store, meeting_id, out, charts
        self.stop = threading.Event()

    def run(self) -> None:
        from scrutiny_app.pack.builder import BuildCancelled, build_pack

        try:
            with collector_paused():
                result = build_pack(self.store, self.meeting_id, self.out, progress=self.progressed.emit,
                                    cancelled=self.stop.is_set, charts=self.charts)
        except BuildCancelled:
            self.cancelled.emit()
        except SAVE_ERRORS as exc:
            self.failed.emit(str(exc))
        else:
            self.succeeded.emit(result)


def start_pack_build(parent: QWidget, store: Store, meeting_id: int, out: Path) -> PackThread:
    """Start the build; the caller connects to the thread's outcome signals. The dialog is modal, so
    the meeting cannot be changed under the build, while the window keeps painting. The indicator
    charts (unless turned off) are drawn here first, under the dialog: Qt draws only on the GUI
    thread, and the window's repaint for the dialog happens before the worker competes for the GIL."""
    dialog = QProgressDialog("Preparing the agenda pack…", "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Building the agenda pack")
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)
    dialog.show()
    charts = published_chart_images(store, meeting_id) if settings.charts_in_exports.get() else None
    thread = PackThread(store, meeting_id, out, parent, charts)

    def progressed(step: int, total: int, text: str) -> None:
        dialog.setMaximum(total)
        dialog.setValue(step)
        dialog.setLabelText(text)

    thread.progressed.connect(progressed)
    dialog.canceled.connect(thread.stop.set)
    thread.finished.connect(dialog.close)
    thread.finished.connect(thread.deleteLater)
    thread.start()
    thread.dialog = dialog
    return thread

