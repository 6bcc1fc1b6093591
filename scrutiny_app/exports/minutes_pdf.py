"""The minutes as a PDF (reportlab): real, searchable text, numbered pages, a title and language.

The pages themselves are laid out by ``documents.minutes``, which the agenda pack's summary shares.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.platypus import SimpleDocTemplate

from scrutiny_app.core.atomic import atomic_output
from scrutiny_app.core.office import get_office
from scrutiny_app.core.minutes import DRAFT_NOTE, Minutes, build_minutes
from scrutiny_app.core.queries import load_meeting
from scrutiny_app.core.store import Store
from scrutiny_app.documents.layout import MARGIN
from scrutiny_app.documents.minutes import minutes_flowables

LANGUAGE = "en-GB"
DRAFT_RED = colors.HexColor("#a00000")


def _number_page(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 9)
    canvas.drawCentredString(A4[0] / 2, 1.1 * cm, f"Page {doc.page}")
    canvas.restoreState()


def _mark_draft(canvas, doc) -> None:
    """A draft's page: numbered, with the DRAFT line across its head."""
    _number_page(canvas, doc)
    canvas.saveState()
    canvas.setFont("Helvetica-Bold", 10)
    canvas.setFillColor(DRAFT_RED)
    canvas.drawCentredString(A4[0] / 2, A4[1] - 1.2 * cm, DRAFT_NOTE)
    canvas.restoreState()


def render_pdf(minutes: Minutes, path: Path | str, author: str = "") -> None:
    """Write ``minutes`` to ``path``; ``author`` (the office's name) goes into the PDF's properties."""
    with atomic_output(path) as tmp:
        doc = SimpleDocTemplate(
            str(tmp),
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=f"{minutes.title} – {minutes.date_line}",
            author=author,
            lang=LANGUAGE,
            invariant=1,  # the same minutes give the same bytes
        )
        on_page = _mark_draft if minutes.draft else _number_page
        doc.build(minutes_flowables(minutes, doc.width), onFirstPage=on_page, onLaterPages=on_page)


def export_minutes_pdf(store: Store, meeting_id: int, path: Path | str, *, public: bool = False,
                       draft: bool = False) -> None:
    """Write the summary of meeting ``meeting_id`` to ``path`` as a PDF (all or nothing); ``draft`` marks every page."""
    render_pdf(build_minutes(load_meeting(store, meeting_id), public=public, draft=draft), path, get_office(store).name)
