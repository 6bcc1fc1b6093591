"""Build the agenda pack: front sheet, the previous meeting's summary and every paper, as one PDF.

Page references are computed from the final layout: the parts after the front
sheet are laid out first, then the front sheet is drawn with the pages they
would start on after a one-page front sheet, and drawn again only while its
own length moves them (a long agenda, or more digits, takes more pages). The
numbers are then written back to the agenda so the Agenda pane shows what the
pack prints.

Given chart images (table id -> PNG, drawn by the UI), a report's indicator
charts follow its paper as part of its item; charts of tables whose report
has no paper in the pack close the pack.
"""

from __future__ import annotations

import io
import logging
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pikepdf
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from scrutiny_app.core import models as m
from scrutiny_app.core.atomic import atomic_output
from scrutiny_app.core.formatting import day_and_date
from scrutiny_app.core.indicators import TableView, public_tables
from scrutiny_app.core.office import load_office
from scrutiny_app.core.papers import papers_of
from scrutiny_app.core.pdf_safety import open_safely
from scrutiny_app.core.queries import load_meeting
from scrutiny_app.core.store import Store
from scrutiny_app.errors import UserError
from scrutiny_app.pack.chart_pages import render_chart_pages
from scrutiny_app.pack.front_sheet import render_front_sheet
from scrutiny_app.pack.stamp import number_pages
from scrutiny_app.pack.structure import TaggedPart, declare_accessible, graft_structure
from scrutiny_app.pack.summary import render_summary

Progress = Callable[[int, int, str], None]  # (step, of steps, what is happening)
MAX_LAYOUT_ROUNDS = 5
CHARTS_BOOKMARK = "Indicator charts"


class BuildCancelled(Exception):
    """The user stopped the build; nothing was written."""


@dataclass
class Part:
    item: m.AgendaItem | None  # None: the closing pages of charts that belong to no paper
    first: int  # where its pages start in the writer, counting from 0 before the front sheet
    pages: int  # the paper's pages
    chart_pages: int = 0  # the report's indicator charts, after its paper
    content: bytes = b""  # the paper's (or the pages') PDF, whose tags the pack carries over
    paper: str = ""  # an attached paper, in words ("item 5 (x.pdf)"); empty for pages laid out here
    charts: bytes = b""  # the chart pages' PDF

    @property
    def bookmark(self) -> str:
        if self.item is None:
            return CHARTS_BOOKMARK
        return f"{self.item.number}. {self.item.title}" if self.item.number is not None else self.item.title


@dataclass
class PackResult:
    path: Path
    pages: int
    item_pages: dict[int, int]  # agenda item id -> the page its paper starts on
    bookmarks: list[tuple[str, int]] = field(default_factory=list)  # (title, page), in pack order
    notes: list[str] = field(default_factory=list)  # things the officer should know (missing papers)
    untagged: list[str] = field(default_factory=list)  # papers a screen reader cannot follow ("item 5 (x.pdf)")


def is_previous_minutes(item: m.AgendaItem) -> bool:
    """The item that takes the previous meeting's summary."""
    title = item.title.lower()
    return "minutes" in title and "previous meeting" in title


def _append(writer: PdfWriter, content: bytes) -> int:
    """Add the PDF's pages (our own, rendered here) to the end of the pack; how many there were.

    The reader is closed as soon as its pages are in: that breaks its reference
    cycles, so its parsed objects are freed at once instead of piling up for
    Python's full garbage collections (about 90 ms each, issue 8)."""
    with PdfReader(io.BytesIO(content), strict=False) as reader:
        for page in reader.pages:
            writer.add_page(page)
        return len(reader.pages)


def _append_paper(writer: PdfWriter, content: bytes, name: str) -> tuple[int, list[str]]:
    """Add a stored paper's pages, within the attach-time bounds and stripped of active content again:
    a paper stored before papers were stripped must not carry its JavaScript into a public pack.
    Returns the pages added and what was removed, in words."""
    paper = open_safely(content, name, measure_streams=False)
    with paper.reader:
        for page in paper.pages:
            writer.add_page(page)
    return len(paper.pages), paper.removed


def _start_pages(parts: list[Part], front_pages: int) -> dict[int, int]:
    return {part.item.id: front_pages + part.first + 1 for part in parts if part.item is not None}


def _charts_by_report(store: Store, meeting_id: int, charts: dict[int, bytes]) -> dict[int | None, list]:
    """The published tables that have a chart image, grouped by their report (None: no report)."""
    found: dict[int | None, list[tuple[TableView, bytes]]] = {}
    for view in public_tables(store, meeting_id):
        if view.table.id in charts:
            found.setdefault(view.table.report_id, []).append((view, charts[view.table.id]))
    return found


def build_pack(store: Store, meeting_id: int, out: Path | str, *, progress: Progress | None = None,
               cancelled: Callable[[], bool] | None = None, charts: dict[int, bytes] | None = None) -> PackResult:
    """Write the meeting's agenda pack to ``out`` (atomically) and return where each paper starts.

    ``charts`` (PNG by indicator table id) adds pages of indicator charts."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    out = Path(out)
    record = load_meeting(store, meeting_id)
    papers = papers_of(store, meeting_id)
    total = len(record.agenda) + 3 + bool(charts)
    step = 0

    def advance(text: str) -> None:
        nonlocal step
        if cancelled is not None and cancelled():
            raise BuildCancelled("The agenda pack was not built: cancelled.")
        step += 1
        if progress is not None:
            progress(step, total, text)

    with store.session() as s:
        office = load_office(s)
    title = f"{record.title}, {day_and_date(record.meeting.date)}: agenda pack"
    writer = PdfWriter()  # the parts go in first, the front sheet in front of them once laid out
    writer.add_metadata({"/Title": title, "/Author": office.name or "Scrutiny", "/Subject": "Agenda pack",
                         "/Creator": "Scrutiny", "/Producer": "Scrutiny (Typst, pypdf, pikepdf)"})
    writer.root_object[NameObject("/Lang")] = TextStringObject("en-GB")
    parts: list[Part] = []
    notes: list[str] = []
    by_report = _charts_by_report(store, meeting_id, charts) if charts else {}
    for item in record.agenda:
        short = item.title if len(item.title) <= 60 else item.title[:58] + "…"
        advance(f"Adding item {item.number}: {short}" if item.number is not None else f"Adding “{short}”")
        paper = papers.get(item.id)
        first = len(writer.pages)
        if is_previous_minutes(item) and record.previous is not None:
            previous = load_meeting(store, record.previous.id)
            summary = render_summary(store, previous, office.name)
            parts.append(Part(item, first, _append(writer, summary), content=summary))
        elif paper is not None and paper.attachment is not None and not paper.report.private:
            name = paper.attachment.filename
            try:
                pages, removed = _append_paper(writer, paper.attachment.content, name)
            except Exception as exc:  # noqa: BLE001 - a damaged stored file is the user's problem to fix
                raise UserError(f"The paper for item {item.number} ({name}) cannot be read: {exc}") from exc
            parts.append(Part(item, first, pages, content=paper.attachment.content,
                              paper=f"item {item.number} ({name})"))
            if removed:
                notes.append(f"The paper for item {item.number} ({name}) held {', '.join(removed)}; "
                             "the pack carries none of it. Attach the paper again to store it without them.")
            if paper.report.id in by_report:
                parts[-1].charts = render_chart_pages(f"Indicator charts: {paper.report.title}",
                                                      by_report.pop(paper.report.id), office.name)
                parts[-1].chart_pages = _append(writer, parts[-1].charts)
        elif item.kind == "paper":
            notes.append(f"Item {item.number} ({item.title}) is a paper but has no PDF attached; "
                         "the pack prints no page for it.")

    if charts:
        advance("Drawing the remaining indicator charts")
        left = sorted((chart for group in by_report.values() for chart in group), key=lambda c: c[0].table.position)
        if left:
            first = len(writer.pages)
            content = render_chart_pages(CHARTS_BOOKMARK, left, office.name)
            parts.append(Part(None, first, _append(writer, content), content=content))

    advance("Laying out the agenda")
    pages = _start_pages(parts, 1)  # as if the front sheet takes one page: mostly right at once
    for _ in range(MAX_LAYOUT_ROUNDS):
        with store.session() as s:
            front_sheet = render_front_sheet(s, record, pages)
        front = PdfReader(io.BytesIO(front_sheet)).pages
        fresh = _start_pages(parts, len(front))
        if fresh == pages:
            break
        pages = fresh
    else:
        raise UserError("The agenda's page numbers would not settle; please report this.")

    advance("Numbering the pages and writing the PDF")
    for at, page in enumerate(front):
        writer.insert_page(page, at)
    bookmarks = []
    for part in parts:
        first = len(front) + part.first
        mark = writer.add_outline_item(title=part.bookmark, page_number=first)
        bookmarks.append((part.bookmark, first + 1))
        if part.chart_pages:
            at = first + part.pages
            writer.add_outline_item(title=CHARTS_BOOKMARK, page_number=at, parent=mark)
            bookmarks.append((f"{part.bookmark}: {CHARTS_BOOKMARK}", at + 1))
    number_pages(writer)
    writer.page_mode = "/UseOutlines"

    advance("Saving")
    merged = io.BytesIO()
    writer.write(merged)
    with pikepdf.open(merged) as pack:
        left_out = graft_structure(pack, [TaggedPart(front_sheet, 0, len(front))] + _tagged_parts(parts, len(front)))
        untagged = [part.name for part in left_out]
        declare_accessible(pack, title, fully_tagged=not untagged)
        with atomic_output(out) as tmp, warnings.catch_warnings():
            # A paper's form fields come over as plain widgets without its /AcroForm, as pypdf always merged them.
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
            # Streams as pypdf wrote them: recompressing every paper's content doubled the build's time.
            pack.save(tmp, deterministic_id=True, compress_streams=False)
    _save_page_numbers(store, record.agenda, pages)
    if untagged:
        notes.append(f"The pack is not fully accessible: {'; '.join(untagged)} arrived untagged (no structure "
                     "for a screen reader). Ask the author for a tagged PDF, or publish an accessible version beside it.")
    return PackResult(out, len(writer.pages), pages, bookmarks, notes, untagged)


def _tagged_parts(parts: list[Part], front_pages: int) -> list[TaggedPart]:
    """Each part's pages (and its chart pages) where they sit in the pack, for their tags to follow them."""
    found = []
    for part in parts:
        first = front_pages + part.first
        found.append(TaggedPart(part.content, first, part.pages, part.paper))
        if part.chart_pages:
            found.append(TaggedPart(part.charts, first + part.pages, part.chart_pages))
    return found


def _save_page_numbers(store: Store, agenda: list[m.AgendaItem], pages: dict[int, int]) -> None:
    with store.session() as s:
        for item in agenda:
            row = s.get(m.AgendaItem, item.id)
            if row is not None and row.page != pages.get(item.id):
                row.page = pages.get(item.id)
                s.add(row)
            item.page = pages.get(item.id)
