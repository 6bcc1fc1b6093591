"""The minutes PDF as Scrutiny laid it out with reportlab before issue 19 (untagged): the baseline of the
tagged Typst minutes in run.py, kept here while reportlab is installed (the test extras)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm, mm
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from scrutiny_app.core.minutes import SIGNATURE_LINE, Minutes, NoteLine

_SAMPLE = getSampleStyleSheet()
BODY = ParagraphStyle("Body", parent=_SAMPLE["BodyText"], fontName="Helvetica", fontSize=10.5, leading=14)
CELL = ParagraphStyle("Cell", parent=BODY, fontSize=9.5, leading=12.5)
HEAD_CELL = ParagraphStyle("HeadCell", parent=CELL, fontName="Helvetica-Bold", textColor=colors.white)
TITLE = ParagraphStyle("Title", parent=_SAMPLE["Title"], fontName="Helvetica-Bold", fontSize=17, leading=22)
SUBTITLE = ParagraphStyle("Subtitle", parent=BODY, alignment=TA_CENTER)
HEADING = ParagraphStyle("Heading", parent=_SAMPLE["Heading2"], fontName="Helvetica-Bold", fontSize=12.5,
                         spaceBefore=12, keepWithNext=1)
SUBHEADING = ParagraphStyle("Subheading", parent=_SAMPLE["Heading3"], fontName="Helvetica-Bold", fontSize=11)


def _para(text: str | None, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(escape(text or "").replace("\n", "<br/>"), style)


def _bullets(items: list[str]) -> ListFlowable:
    return ListFlowable([ListItem(_para(t), leftIndent=12) for t in items], bulletType="bullet", start="•",
                        leftIndent=12)


def _notes(notes: list[NoteLine]) -> list:
    story, run = [], []
    for line in notes + [NoteLine("")]:
        if line.bullet:
            run.append(line.text)
            continue
        if run:
            story.append(_bullets(run))
            run = []
        if line.text:
            story.append(_para(line.text))
    return story


def _table(headers, rows, width: float) -> Table:
    data = [[_para(h, HEAD_CELL) for h in headers]] + [[_para(a, CELL), _para(b, CELL)] for a, b in rows]
    table = Table(data, colWidths=[width * 0.42, width * 0.58], repeatRows=1)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f4e79")),
                               ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#8a8a8a")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 4),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    return table


def _story(minutes: Minutes, width: float) -> list:
    story = [_para(minutes.title, TITLE)] + [_para(line, SUBTITLE) for line in minutes.heading_lines]
    for section in minutes.sections:
        story.append(_para(section.heading, HEADING))
        story += [_para(text) for text in section.paragraphs]
        if section.bullets:
            story.append(_bullets(section.bullets))
        if section.subheading:
            story += [_para(section.subheading, SUBHEADING), _bullets(section.sub_bullets)]
        if section.table is not None and section.table.rows:
            story.append(_table(section.table.headers, section.table.rows, width))
        story += _notes(section.notes)
    story.append(_para("Signed", HEADING))
    for name in minutes.signatories:
        story += [Spacer(1, 18), _para(SIGNATURE_LINE), _para(name)]
    return story


def _number_page(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 9)
    canvas.drawCentredString(A4[0] / 2, 1.1 * cm, f"Page {doc.page}")
    canvas.restoreState()


def write_reportlab_minutes(minutes: Minutes, path) -> None:
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm,
                            bottomMargin=20 * mm, title=f"{minutes.title} – {minutes.date_line}", lang="en-GB",
                            invariant=1)
    doc.build(_story(minutes, doc.width), onFirstPage=_number_page, onLaterPages=_number_page)
