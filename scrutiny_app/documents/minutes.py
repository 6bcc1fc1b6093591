"""The minutes laid out as a tagged PDF: the standalone minutes PDF (exports) and the summary pages of the
agenda pack (pack) both print them with ``templates/minutes.typ``."""

from __future__ import annotations

import dataclasses

from scrutiny_app.core.minutes import DRAFT_NOTE, SIGNATURE_LINE, Minutes, NoteLine
from scrutiny_app.documents.layout import render


def note_blocks(notes: list[NoteLine]) -> list[dict]:
    """The officer's notes: paragraphs as paragraphs, each run of bullet lines as one list."""
    blocks: list[dict] = []
    for line in notes:
        if line.bullet:
            if not blocks or blocks[-1]["kind"] != "list":
                blocks.append({"kind": "list", "items": []})
            blocks[-1]["items"].append(line.text)
        elif line.text:
            blocks.append({"kind": "paragraph", "text": line.text})
    return blocks


def _content(minutes: Minutes) -> dict:
    sections = [dict(dataclasses.asdict(section), notes=note_blocks(section.notes)) for section in minutes.sections]
    return {"title": minutes.title, "heading_lines": minutes.heading_lines, "sections": sections,
            "signatories": minutes.signatories}


def render_minutes(minutes: Minutes, *, title: str, author: str = "", numbered: bool = False) -> bytes:
    """The minutes as a PDF titled ``title``: ``numbered`` prints 'Page N' at each foot (the pack stamps its own),
    and a draft carries its DRAFT line across each head."""
    data = {"title": title, "author": author, "numbered": numbered, "signature_line": SIGNATURE_LINE,
            "minutes": _content(minutes)}
    if minutes.draft:
        data["draft"] = DRAFT_NOTE
    return render("minutes", data)
