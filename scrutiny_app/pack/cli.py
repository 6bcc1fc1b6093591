"""``scrutiny-app pack``: build the pack and say where each paper starts.

Layer: pack (it prints, but imports nothing above pack; ``cli.py`` calls it)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Callable

from scrutiny_app.core.queries import find_meeting
from scrutiny_app.core.store import Store
from scrutiny_app.pack.builder import build_pack
from scrutiny_app.pack.summary import summary_warnings


def pack_command(store: Store, day: dt.date, out: Path,
                 draw_charts: Callable[[Store, int], dict[int, bytes]] | None = None, series: str | None = None) -> None:
    """Build the pack of the meeting on ``day`` (of ``series``, when two meet that day); ``draw_charts``
    (store, meeting id -> PNG by table id) adds the indicator charts."""
    meeting_id = find_meeting(store, day, series)
    result = build_pack(store, meeting_id, out, charts=draw_charts(store, meeting_id) if draw_charts else None)
    print(f"Written {out}: {result.pages} pages")
    for title, page in result.bookmarks:
        print(f"  page {page}: {title}")
    for note in result.notes:
        print(f"Note: {note}", file=sys.stderr)
    for warning in summary_warnings(store, meeting_id):
        print(f"Warning: {warning}", file=sys.stderr)
