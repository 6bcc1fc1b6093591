"""The minutes as a PDF (reportlab): real, searchable text, numbered pages, a title and language.

:func:`minutes_flowables` is the layout of the summary on its own, so a larger
document (the agenda pack) can include it.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import ListFlowable, ListItem, SimpleDocTemplate, Spacer, Table, TableStyle

from scrutiny_app.core.atomic import atomic_output
from scrutiny_app.core.minutes import DRAFT_NOTE, SIGNATURE_LINE, Minutes, NoteLine, build_minutes
from scrutiny_app.core.queries import load_meeting
from scrutiny_app.core.store import Store
from scrutiny_app.pack.layout import MARGIN, para

LANGUAGE = "en-GB"
_styles = getSampleStyleSheet()
BODY = ParagraphStyle("Body", parent=_styles["BodyText"], fontName="Helvetica", fontSize=10.5, leading=14)
CELL = ParagraphStyle("Cell", parent=BODY, fontSize=9.5, leading=12.5)
HEAD_CELL = ParagraphStyle("HeadCell", parent=CELL, fontName="Helvetica-Bold", textColor=colors.white)
TITLE = ParagraphStyle("Title", parent=_styles["Title"], fontName="Helvetica-Bold", fontSize=17, leading=22)
SUBTITLE = ParagraphStyle("Subtitle", parent=BODY, alignment=TA_CENTER)
HEADING = ParagraphStyle("Heading", parent=_styles["Heading2"], fontName="Helvetica-Bold", fontSize=12.5, spaceBefore=12,
                         keepWithNext=1)
SUBHEADING = ParagraphStyle("Subheading", parent=_styles["Heading3"], fontName="Helvetica-Bold", fontSize=11)
HEADER_BLUE = colors.HexColor("#1f4e79")
DRAFT_RED = colors.HexColor("#a00000")


def _bullets(items: list[str]) -> ListFlowable:
    return ListFlowable([ListItem(para(t), leftIndent=12) for t in items], bulletType="bullet", start="•", leftIndent=12)


def _notes(notes: list[NoteLine]) -> list:
    """The officer's notes: paragraphs as paragraphs, each run of bullet lines as one list."""
    story, run = [], []
    for line in notes + [NoteLine("")]:  # the empty last line ends a final list
        if line.bullet:
            run.append(line.text)
            continue
        if run:
            story.append(_bullets(run))
            run = []
        if line.text:
            story.append(para(line.text))
    return story


def _table(headers: tuple[str, str], rows: list[tuple[str, str]], width: float) -> Table:
    data = [[para(h, HEAD_CELL) for h in headers]] + [[para(a, CELL), para(b, CELL)] for a, b in rows]
    table = Table(data, colWidths=[width * 0.42, width * 0.58], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_BLUE),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#8a8a8a")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def minutes_flowables(minutes: Minutes, width: float) -> list:
    story = [para(minutes.title, TITLE)] + [para(line, SUBTITLE) for line in minutes.heading_lines]
    for section in minutes.sections:
        story.append(para(section.heading, HEADING))
        story += [para(text) for text in section.paragraphs]
        if section.bullets:
            story.append(_bullets(section.bullets))
        if section.subheading:
            story.append(para(section.subheading, SUBHEADING))
            story.append(_bullets(section.sub_bullets))
        if section.table is not None and section.table.rows:
            story.append(_table(section.table.headers, section.table.rows, width))
        story += _notes(section.notes)
    story.append(para("Signed", HEADING))
    for name in minutes.signatories:
        story += [Spacer(1, 18), para(SIGNATURE_LINE), para(name)]
    return story


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


def render_pdf(minutes: Minutes, path: Path | str) -> None:
    with atomic_output(path) as tmp:
        doc = SimpleDocTemplate(
            str(tmp),
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=f"{minutes.title} – {minutes.date_line}",
            author="Office of the Police and Crime Commissioner",
            lang=LANGUAGE,
            invariant=1,  # the same minutes give the same bytes
        )
        on_page = _mark_draft if minutes.draft else _number_page
        doc.build(minutes_flowables(minutes, doc.width), onFirstPage=on_page, onLaterPages=on_page)


def export_minutes_pdf(store: Store, meeting_id: int, path: Path | str, *, public: bool = False,
                       draft: bool = False) -> None:
    """Write the summary of meeting ``meeting_id`` to ``path`` as a PDF (all or nothing); ``draft`` marks every page."""
    render_pdf(build_minutes(load_meeting(store, meeting_id), public=public, draft=draft), path)
