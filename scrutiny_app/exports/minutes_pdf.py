"""The minutes as a tagged PDF (PDF/UA-1, through Typst): real, searchable text, headings, lists and tables
a screen reader can follow, numbered pages, a title and language.

The pages themselves are laid out by ``documents.minutes``, which the agenda pack's summary shares.
"""

from __future__ import annotations

from pathlib import Path

from scrutiny_app.core.atomic import atomic_output
from scrutiny_app.core.minutes import Minutes, build_minutes
from scrutiny_app.core.office import get_office
from scrutiny_app.core.queries import load_meeting
from scrutiny_app.core.store import Store
from scrutiny_app.documents.minutes import render_minutes

def render_pdf(minutes: Minutes, path: Path | str, author: str = "") -> None:
    """Write ``minutes`` to ``path``; ``author`` (the office's name) goes into the PDF's properties."""
    content = render_minutes(minutes, title=f"{minutes.title} – {minutes.date_line}", author=author, numbered=True)
    with atomic_output(path) as tmp:
        Path(tmp).write_bytes(content)


def export_minutes_pdf(store: Store, meeting_id: int, path: Path | str, *, public: bool = False,
                       draft: bool = False) -> None:
    """Write the summary of meeting ``meeting_id`` to ``path`` as a PDF (all or nothing); ``draft`` marks every page."""
    render_pdf(build_minutes(load_meeting(store, meeting_id), public=public, draft=draft), path, get_office(store).name)
