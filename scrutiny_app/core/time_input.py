"""Dates and times as an officer types them ("2025-10-22", "10:00", "10:00-13:00"), checked with a clear message.

Layer: core. The command line and the dialogs both read typed text through here,
so "not a date" and "ends before it starts" are worded the same everywhere. It imports
no storage, so the command line can check its options before loading any.
"""

from __future__ import annotations

import datetime as dt

from scrutiny_app.errors import UserError


def parse_date(text: str, what: str = "date") -> dt.date:
    """``YYYY-MM-DD`` as a date, or a :class:`UserError` naming ``what`` and the text."""
    try:
        return dt.date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise UserError(f"The {what} “{text}” is not a date; give it as YYYY-MM-DD, e.g. 2025-10-22.") from None


def parse_time(text: str, what: str = "time") -> dt.time:
    """``HH:MM`` (24-hour) as a time, or a :class:`UserError` naming ``what`` and the text."""
    try:
        hours, minutes = text.strip().split(":")
        if len(minutes) != 2:
            raise ValueError
        return dt.time(int(hours), int(minutes))
    except (ValueError, AttributeError):
        raise UserError(f"The {what} “{text}” is not a time; give it as HH:MM, e.g. 10:00.") from None


def check_times(start: dt.time | None, end: dt.time | None) -> None:
    """Refuse an end at or before the start (either may be unset)."""
    if start is not None and end is not None and end <= start:
        raise UserError(f"The end time {end:%H:%M} is not after the start time {start:%H:%M}.")


def parse_time_range(text: str) -> tuple[dt.time, dt.time]:
    """``HH:MM-HH:MM`` as (start, end), the end after the start."""
    start_text, dash, end_text = text.partition("-")
    if not dash:
        raise UserError(f"The times “{text}” are not a range; give them as HH:MM-HH:MM, e.g. 10:00-13:00.")
    start, end = parse_time(start_text, "start time"), parse_time(end_text, "end time")
    check_times(start, end)
    return start, end
