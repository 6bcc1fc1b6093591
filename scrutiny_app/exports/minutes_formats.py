"""The file formats the minutes export to, and the writer of each.

Each writer is imported only when used: python-docx, reportlab and XlsxWriter
are not loaded to start the program.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from scrutiny_app.core.store import Store

# (store, meeting id, path, public=..., draft=...): writes the minutes to path, all or nothing.
MinutesExporter = Callable[..., None]


def _docx(store: Store, meeting_id: int, path: Path | str, **options) -> None:
    from scrutiny_app.exports.minutes_docx import export_minutes_docx
    export_minutes_docx(store, meeting_id, path, **options)


def _pdf(store: Store, meeting_id: int, path: Path | str, **options) -> None:
    from scrutiny_app.exports.minutes_pdf import export_minutes_pdf
    export_minutes_pdf(store, meeting_id, path, **options)


def _xlsx(store: Store, meeting_id: int, path: Path | str, **options) -> None:
    from scrutiny_app.exports.minutes_xlsx import export_minutes_xlsx
    export_minutes_xlsx(store, meeting_id, path, **options)


MINUTES_EXPORTERS: dict[str, MinutesExporter] = {"docx": _docx, "pdf": _pdf, "xlsx": _xlsx}
MINUTES_FORMATS = tuple(MINUTES_EXPORTERS)


def minutes_exporter(fmt: str) -> MinutesExporter:
    """The writer of the minutes as ``fmt`` (one of :data:`MINUTES_FORMATS`)."""
    if fmt not in MINUTES_EXPORTERS:
        raise ValueError(fmt)
    return MINUTES_EXPORTERS[fmt]
