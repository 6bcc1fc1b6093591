"""Building the agenda pack on the background runner, with a progress dialog that can cancel it.

Layer: ui. The builder (pypdf, Typst) is imported on the worker the first
time: on the GUI thread the import froze the window for about 250 ms.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from scrutiny_app.core.store import SAVE_ERRORS, Store
from scrutiny_app.errors import UserError
from scrutiny_app.ui import settings
from scrutiny_app.ui.background import Cancelled, Operation, Progress, Runner
from scrutiny_app.ui.chart_images import published_chart_images


def start_pack_build(runner: Runner, store: Store, meeting_id: int, out: Path,
                     on_built: Callable[[object], None], on_cancelled: Callable[[], None]) -> Operation:
    """Start the build; ``on_built`` gets the ``pack.builder.PackResult``.

    The dialog shows at once and is modal, so the meeting cannot be changed
    under the build, while the window keeps painting. The indicator charts
    (unless turned off) are drawn under it before the work starts: Qt draws
    only on the GUI thread.
    """
    charts: dict[int, bytes] | None = None

    def build(progress: Progress):
        from scrutiny_app.pack.builder import BuildCancelled, build_pack

        try:
            return build_pack(store, meeting_id, out, progress=progress, cancelled=progress.cancelled, charts=charts)
        except BuildCancelled as exc:
            raise Cancelled(str(exc)) from exc
        except SAVE_ERRORS as exc:  # the disk or the share, as when saving: a message, not a bug
            raise UserError(str(exc)) from exc

    operation = runner.run("Building the agenda pack", build, on_built, on_cancelled=on_cancelled,
                           user_error_title="Agenda pack not built", show_after_ms=0, start=False)
    if settings.charts_in_exports.get():
        charts = published_chart_images(store, meeting_id)
    return operation.start()
