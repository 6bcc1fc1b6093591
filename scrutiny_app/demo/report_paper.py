"""A report paper drawn from its cover-sheet fields and indicator tables: the demo's stand-in for the
PDFs the Constabulary sends (a real paper is attached as the file it arrives as)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Table, TableStyle

from scrutiny_app.core import models as m
from scrutiny_app.core.indicators import TableView
from scrutiny_app.documents.layout import (
    BODY, CELL, CELL_BOLD, HEADING, RULE, SMALL, SUBHEADING, TITLE, grid, para, render, text_width,
)

_PLACEHOLDER = (
    "This section stands in for the Constabulary's narrative on the objective: what was done in the "
    "quarter, what the figures show and what comes next. The demonstration pack carries placeholder text "
    "here so that the pages, the page references and the bookmarks can be tried out."
)


def _cover(report: m.Report) -> list:
    fields = [("Originator", report.originator), ("Reason for submission", report.reason_for_submission),
              ("Submitted to", report.submitted_to), ("Subject", report.subject), ("Summary", report.summary),
              ("Recommendation", report.recommendation)]
    table = Table([[para(label, CELL_BOLD), para(value, CELL)] for label, value in fields if value],
                  colWidths=[45 * mm, text_width() - 45 * mm])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [para("Original: not protectively marked", SMALL), para(report.title, TITLE), table]


def _cells(view: TableView) -> list[list]:
    """Indicators down, periods across; a monthly table is turned round (a row per month) to fit."""
    periods = view.table.periods

    def name(row) -> str:
        return f"{row.indicator.group}: {row.indicator.name}" if row.indicator.group else row.indicator.name

    def shown(row, key: str) -> str:
        return row.values[key].as_printed if key in row.values else ""

    if len(periods) > 6:
        return [["Month"] + [name(r) for r in view.rows]] + [
            [p.get("label", p["key"])] + [shown(r, p["key"]) for r in view.rows] for p in periods]
    return [["Indicator"] + [p.get("label", p["key"]) for p in periods]] + [
        [name(r)] + [shown(r, p["key"]) for p in periods] for r in view.rows]


def _indicator_table(view: TableView) -> list:
    cells = _cells(view)
    rows = [[para(text, CELL_BOLD) for text in cells[0]]] + [[para(text, CELL) for text in row] for row in cells[1:]]
    first = text_width() * 0.30
    rest = (text_width() - first) / max(1, len(cells[0]) - 1)
    caption = f"{view.table.label}: {view.table.caption}".strip(": ")
    story = [para(caption, SUBHEADING), grid(rows, [first] + [rest] * (len(cells[0]) - 1))]
    if view.table.date_range_note:
        story.append(para(view.table.date_range_note, SMALL))
    return story


def render_report_paper(report: m.Report, tables: list[TableView]) -> bytes:
    story = _cover(report) + [PageBreak(), para("1. Introduction", HEADING), para(report.summary or _PLACEHOLDER, BODY)]
    for n, view in enumerate(tables, start=2):
        story += [para(f"{n}. {view.table.objective or view.table.caption}", HEADING), para(_PLACEHOLDER, BODY)]
        story += _indicator_table(view)
    story += [para(f"{len(tables) + 2}. Recommendation", HEADING), para(report.recommendation, BODY)]
    return render(story, title=report.title, author=report.originator)
