"""The minutes laid out as reportlab flowables: the standalone minutes PDF (exports) and the summary pages of
the agenda pack (pack) both draw them."""

from __future__ import annotations

from reportlab.platypus import ListFlowable, ListItem, Spacer, Table, TableStyle

from scrutiny_app.core.minutes import SIGNATURE_LINE, Minutes, NoteLine
from scrutiny_app.documents.layout import (
    HEADER_BLUE, MINUTES_CELL, MINUTES_HEAD_CELL, MINUTES_HEADING, MINUTES_RULE, MINUTES_SUBHEADING, MINUTES_SUBTITLE,
    MINUTES_TITLE, para,
)


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
    data = [[para(h, MINUTES_HEAD_CELL) for h in headers]]
    data += [[para(a, MINUTES_CELL), para(b, MINUTES_CELL)] for a, b in rows]
    table = Table(data, colWidths=[width * 0.42, width * 0.58], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_BLUE),
                ("GRID", (0, 0), (-1, -1), 0.5, MINUTES_RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def minutes_flowables(minutes: Minutes, width: float) -> list:
    story = [para(minutes.title, MINUTES_TITLE)] + [para(line, MINUTES_SUBTITLE) for line in minutes.heading_lines]
    for section in minutes.sections:
        story.append(para(section.heading, MINUTES_HEADING))
        story += [para(text) for text in section.paragraphs]
        if section.bullets:
            story.append(_bullets(section.bullets))
        if section.subheading:
            story.append(para(section.subheading, MINUTES_SUBHEADING))
            story.append(_bullets(section.sub_bullets))
        if section.table is not None and section.table.rows:
            story.append(_table(section.table.headers, section.table.rows, width))
        story += _notes(section.notes)
    story.append(para("Signed", MINUTES_HEADING))
    for name in minutes.signatories:
        story += [Spacer(1, 18), para(SIGNATURE_LINE), para(name)]
    return story
