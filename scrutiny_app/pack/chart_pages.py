"""Pages of indicator charts for the agenda pack: a report's tables charted, after its paper.

The images are drawn by the UI (ui/chart_images.py) and arrive here as PNG
bytes, so the pack stays free of Qt.
"""

from __future__ import annotations

import io

from reportlab.platypus import Image, KeepTogether

from scrutiny_app.core.indicators import TableView
from scrutiny_app.documents.layout import HEADING, SMALL, SUBHEADING, para, render, text_width

ASPECT = 0.5  # height / width of the chart images


def chart_caption(view: TableView) -> str:
    return f"{view.table.label}: {view.table.caption}".strip(": ")


def render_chart_pages(heading: str, charts: list[tuple[TableView, bytes]], author: str = "") -> bytes:
    """One PDF: ``heading``, then each table's caption, chart and date ranges, kept together."""
    width = text_width()
    story = [para(heading, HEADING)]
    for view, png in charts:
        block = [para(chart_caption(view), SUBHEADING), Image(io.BytesIO(png), width=width, height=width * ASPECT)]
        if view.table.date_range_note:
            block.append(para(view.table.date_range_note, SMALL))
        story.append(KeepTogether(block))
    return render(story, title=heading, author=author)
