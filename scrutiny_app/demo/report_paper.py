"""A report paper drawn from its cover-sheet fields and indicator tables: the demo's stand-in for the
PDFs the Constabulary sends (a real paper is attached as the file it arrives as). Laid out as tagged PDF
by ``documents/templates/report_paper.typ``."""

from __future__ import annotations

from scrutiny_app.core import models as m
from scrutiny_app.core.indicators import TableView
from scrutiny_app.documents.layout import render

_PLACEHOLDER = (
    "This section stands in for the Constabulary's narrative on the objective: what was done in the "
    "quarter, what the figures show and what comes next. The demonstration pack carries placeholder text "
    "here so that the pages, the page references and the bookmarks can be tried out."
)


def _cover(report: m.Report) -> list[tuple[str, str]]:
    fields = [("Originator", report.originator), ("Reason for submission", report.reason_for_submission),
              ("Submitted to", report.submitted_to), ("Subject", report.subject), ("Summary", report.summary),
              ("Recommendation", report.recommendation)]
    return [(label, value) for label, value in fields if value]


def _cells(view: TableView) -> list[list[str]]:
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


def _indicator_table(view: TableView) -> dict:
    cells = _cells(view)
    return {"caption": f"{view.table.label}: {view.table.caption}".strip(": "), "head": cells[0], "rows": cells[1:],
            "note": view.table.date_range_note or ""}


def render_report_paper(report: m.Report, tables: list[TableView]) -> bytes:
    sections = [{"heading": "1. Introduction", "text": report.summary or _PLACEHOLDER, "tables": []}]
    sections += [{"heading": f"{n}. {view.table.objective or view.table.caption}", "text": _PLACEHOLDER,
                  "tables": [_indicator_table(view)]} for n, view in enumerate(tables, start=2)]
    sections.append({"heading": f"{len(tables) + 2}. Recommendation", "text": report.recommendation or "",
                     "tables": []})
    return render("report_paper", {"title": report.title, "author": report.originator or "",
                                   "paper": {"title": report.title, "cover": _cover(report), "sections": sections}})
