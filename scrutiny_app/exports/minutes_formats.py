"""The file formats the minutes export to, and the writer of each (imported only when used)."""

from __future__ import annotations

from importlib import import_module
from typing import Callable

MINUTES_FORMATS = ("docx", "pdf", "xlsx")


def minutes_exporter(fmt: str) -> Callable:
    """``export_minutes_<fmt>(store, meeting_id, path, public=..., draft=...)`` from ``exports/minutes_<fmt>.py``."""
    if fmt not in MINUTES_FORMATS:
        raise ValueError(fmt)
    return getattr(import_module(f"scrutiny_app.exports.minutes_{fmt}"), f"export_minutes_{fmt}")
