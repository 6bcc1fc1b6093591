"""Pages of indicator charts for the agenda pack: a report's tables charted, after its paper.

The images are drawn by the UI (ui/chart_images.py) and arrive here as PNG
bytes, so the pack stays free of Qt. Each carries alternative text stating its
figures (``documents.chart_text``), laid out by ``documents/templates/charts.typ``.
"""

from __future__ import annotations

from scrutiny_app.core.indicators import TableView
from scrutiny_app.documents.chart_text import chart_alt_text, chart_title
from scrutiny_app.documents.layout import render


def render_chart_pages(heading: str, charts: list[tuple[TableView, bytes]], author: str = "") -> bytes:
    """One PDF: ``heading``, then each table's caption, chart and date ranges, kept together."""
    images = {f"chart-{n}.png": png for n, (_, png) in enumerate(charts)}
    entries = [{"caption": chart_title(view), "image": f"chart-{n}.png", "alt": chart_alt_text(view),
                "note": view.table.date_range_note or ""} for n, (view, _) in enumerate(charts)]
    return render("charts", {"title": heading, "author": author, "heading": heading, "charts": entries},
                  images=images)
