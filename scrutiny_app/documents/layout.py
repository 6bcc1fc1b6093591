"""The look of every PDF page Scrutiny generates (the pack's pages, the minutes, the demo's papers): A4,
margins, fonts, paragraph and table styles, in this one module.

Documents are built with reportlab's invariant mode, so the same content always
gives the same bytes (no creation date, no random document id).
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

PAGE = A4
MARGIN = 20 * mm
FOOTER_ROOM = 22 * mm  # the page number is stamped in here (see pack/stamp.py)
RULE = colors.HexColor("#7a7a7a")
SHADE = colors.HexColor("#e8ecf2")

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10.5, leading=14, spaceAfter=5)
LINE = ParagraphStyle("line", parent=BODY, spaceAfter=1)  # one of a list of short lines
SMALL = ParagraphStyle("small", parent=BODY, fontSize=9, leading=11.5, spaceAfter=0)
CELL = ParagraphStyle("cell", parent=BODY, fontSize=9.5, leading=12, spaceAfter=0)
CELL_BOLD = ParagraphStyle("cellbold", parent=CELL, fontName="Helvetica-Bold")
TITLE = ParagraphStyle("title", parent=BODY, fontName="Helvetica-Bold", fontSize=20, leading=25,
                       alignment=TA_CENTER, spaceAfter=6)
SUBTITLE = ParagraphStyle("subtitle", parent=BODY, fontName="Helvetica-Oblique", alignment=TA_CENTER, spaceAfter=12)
HEADING = ParagraphStyle("heading", parent=BODY, fontName="Helvetica-Bold", fontSize=13, leading=17,
                         spaceBefore=10, spaceAfter=6, keepWithNext=1)
SUBHEADING = ParagraphStyle("subheading", parent=BODY, fontName="Helvetica-Bold", fontSize=11, leading=14,
                            spaceBefore=6, spaceAfter=3, keepWithNext=1)

# The minutes' own styles (the minutes PDF and the pack's summary pages; exports/minutes_docx.py matches their
# sizes): on reportlab's sample sheet, with a blue table header. The pack's pages are numbered through the
# summary, so these are kept as they are rather than folded into the styles above.
_SAMPLE = getSampleStyleSheet()
MINUTES_BODY = ParagraphStyle("Body", parent=_SAMPLE["BodyText"], fontName="Helvetica", fontSize=10.5, leading=14)
MINUTES_CELL = ParagraphStyle("Cell", parent=MINUTES_BODY, fontSize=9.5, leading=12.5)
MINUTES_HEAD_CELL = ParagraphStyle("HeadCell", parent=MINUTES_CELL, fontName="Helvetica-Bold", textColor=colors.white)
MINUTES_TITLE = ParagraphStyle("Title", parent=_SAMPLE["Title"], fontName="Helvetica-Bold", fontSize=17, leading=22)
MINUTES_SUBTITLE = ParagraphStyle("Subtitle", parent=MINUTES_BODY, alignment=TA_CENTER)
MINUTES_HEADING = ParagraphStyle("Heading", parent=_SAMPLE["Heading2"], fontName="Helvetica-Bold", fontSize=12.5,
                                 spaceBefore=12, keepWithNext=1)
MINUTES_SUBHEADING = ParagraphStyle("Subheading", parent=_SAMPLE["Heading3"], fontName="Helvetica-Bold", fontSize=11)
HEADER_BLUE = colors.HexColor("#1f4e79")
MINUTES_RULE = colors.HexColor("#8a8a8a")


def para(text: str | None, style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph of plain text: markup characters are escaped, line breaks kept."""
    return Paragraph(escape(text or "").replace("\n", "<br/>"), style)


def bold_para(label: str, text: str | None, style: ParagraphStyle = BODY) -> Paragraph:
    """'<b>Label</b> text', both escaped."""
    return Paragraph(f"<b>{escape(label)}</b> {escape(text or '')}".replace("\n", "<br/>"), style)


def grid(rows: list[list], widths: list[float], *, header: bool = True) -> Table:
    """A ruled table; the first row is a shaded header repeated on each page."""
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    table.setStyle(TableStyle(commands))
    return table


def text_width() -> float:
    return PAGE[0] - 2 * MARGIN


def render(story: list, *, title: str, author: str = "") -> bytes:
    """Lay ``story`` out on A4 pages and return the PDF."""
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=FOOTER_ROOM, title=title, author=author, lang="en-GB", invariant=1)
    doc.build(story)
    return out.getvalue()
