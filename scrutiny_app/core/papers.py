"""Report papers: PDFs checked on the way in and kept inside the database.

A file is measured, read in full and opened with pypdf before anything is
stored (see :mod:`scrutiny_app.core.pdf_safety`), so a file that is not a
readable PDF, or is beyond a bound, is refused with a message and the database
is left as it was. A paper holding JavaScript, actions, embedded files or
forms is stored without them, and the officer is told what went. Attaching
to an item that already has a paper replaces it (a late version); the next
pack build picks the new one up.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import select

from scrutiny_app.core import models as m
from scrutiny_app.core.pdf_safety import (
    MB, TEXT_PAGE_BYTES, TEXT_PAPER_BYTES, check_size, open_safely, page_texts, passive_copy,
)
from scrutiny_app.core.pdf_text import texts_known
from scrutiny_app.core.store import Store
from scrutiny_app.errors import NotFound, UserError


@dataclass
class Attached:
    """A paper just stored, with what its check found."""

    attachment: m.Attachment
    pages: int
    text_pages: int  # pages with any text to extract
    removed: list[str] = field(default_factory=list)  # active content taken off before storing, in words
    unread_pages: int = 0  # pages too heavy with drawing to read for text

    @property
    def note(self) -> str | None:
        """What the officer should know: active content removed, pages not searchable, or no text at all (a scan)."""
        name = self.attachment.filename
        lines = []
        if self.removed:
            lines.append(f"{name} held {', '.join(self.removed)}; it was attached without them, so neither the stored "
                         "paper nor the pack can run or carry anything. Its pages are unchanged.")
        if self.unread_pages:
            lines.append(f"{self.unread_pages:,} of the {self.pages:,} pages of {name} hold too much drawing to read for text "
                         f"(over {TEXT_PAGE_BYTES // 1024} KB a page, or {TEXT_PAPER_BYTES // MB} MB a paper): "
                         "those pages cannot be searched.")
        elif not self.text_pages:
            lines.append(f"{name} has no text, only images (a scan?): it was attached, but it cannot be searched, "
                         "and screen readers cannot read it. Ask the author for a PDF saved from the document.")
        return "\n\n".join(lines) or None


@dataclass
class Paper:
    report: m.Report
    attachment: m.Attachment | None  # None: cover fields but no PDF yet


@dataclass
class CheckedPaper:
    """A paper that passed every check: the bytes to store (stripped when need be) and what was found."""

    content: bytes
    texts: list[str]  # each page's text, "" where there is none or it was too heavy to read
    unread_pages: int
    removed: list[str]

    @property
    def pages(self) -> int:
        return len(self.texts)

    @property
    def text_pages(self) -> int:
        return sum(1 for text in self.texts if text.strip())


def check_pdf(content: bytes, name: str) -> CheckedPaper:
    """A readable, bounded PDF stripped of active content; otherwise a UserError saying what is wrong.

    Reading every content stream now shows damage here rather than in the pack, and finds scans.
    The file is stored as it came unless something had to be removed."""
    try:
        paper = open_safely(content, name)
    except UserError as exc:
        raise UserError(f"{exc} It was not attached.") from exc
    texts, unread = page_texts(paper.pages)
    stored = passive_copy(paper) if paper.removed else content
    return CheckedPaper(stored, texts, unread, paper.removed)


def read_paper_file(path: Path | str) -> bytes:
    """The file's bytes, refused before reading when it is over the size limit."""
    path = Path(path)
    try:
        check_size(path.stat().st_size, path.name)
        return path.read_bytes()
    except UserError as exc:
        raise UserError(f"{exc} It was not attached.") from exc
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror or exc}") from exc


def report_for_item(session, item: m.AgendaItem) -> m.Report:
    """The item's report, created with the item's title when it has none yet."""
    report = session.exec(select(m.Report).where(m.Report.agenda_item_id == item.id)).first()
    if report is None:
        report = m.Report(meeting_id=item.meeting_id, agenda_item_id=item.id, title=item.title)
        session.add(report)
        session.flush()
    return report


def cover_of(store: Store, item: m.AgendaItem) -> m.Report:
    """The item's report (its cover-sheet fields), or an unsaved one titled like the item."""
    with store.session() as s:
        report = s.exec(select(m.Report).where(m.Report.agenda_item_id == item.id)).first()
    return report or m.Report(meeting_id=item.meeting_id, agenda_item_id=item.id, title=item.title)


def save_cover(store: Store, item_id: int, values: dict) -> int:
    """Write the cover-sheet fields that changed (creating the report if need be); returns how many changed."""
    with store.session() as s:
        item = s.get(m.AgendaItem, item_id)
        if item is None:
            raise NotFound("That agenda item no longer exists.")
        report = report_for_item(s, item)
        changed = {k: v for k, v in values.items() if getattr(report, k) != v}
        for name, value in changed.items():
            setattr(report, name, value)
        s.add(report)
    return len(changed)


def attach_paper(store: Store, item_id: int, content: bytes, filename: str,
                 now: dt.datetime | None = None) -> Attached:
    """Store ``content`` as the paper of an agenda item, replacing any earlier version.

    The PDF is parsed once: the texts read for the check go to the search index."""
    checked = check_pdf(content, filename)
    with texts_known(checked.content, checked.texts), store.session() as s:
        item = s.get(m.AgendaItem, item_id)
        if item is None:
            raise NotFound("That agenda item no longer exists.")
        report = report_for_item(s, item)
        for old in s.exec(select(m.Attachment).where(m.Attachment.report_id == report.id)).all():
            s.delete(old)
        attachment = m.Attachment(
            report_id=report.id,
            filename=filename,
            sha256=hashlib.sha256(checked.content).hexdigest(),
            size=len(checked.content),
            added_at=now or dt.datetime.now(dt.timezone.utc),
            content=checked.content,
        )
        s.add(attachment)
        if item.kind != "paper":
            item.kind = "paper"
            s.add(item)
    return Attached(attachment, checked.pages, checked.text_pages, checked.removed, checked.unread_pages)


def attach_paper_file(store: Store, item_id: int, path: Path | str) -> Attached:
    path = Path(path)
    return attach_paper(store, item_id, read_paper_file(path), path.name)


def papers_of(store: Store, meeting_id: int) -> dict[int, Paper]:
    """Each agenda item's report and its current PDF, by agenda item id."""
    with store.session() as s:
        reports = s.exec(
            select(m.Report).where(m.Report.meeting_id == meeting_id, m.Report.agenda_item_id.is_not(None))
        ).all()
        ids = [r.id for r in reports]
        attachments = s.exec(
            select(m.Attachment).where(m.Attachment.report_id.in_(ids)).order_by(m.Attachment.added_at, m.Attachment.id)
        ).all() if ids else []
    latest = {a.report_id: a for a in attachments}  # the newest wins
    return {r.agenda_item_id: Paper(r, latest.get(r.id)) for r in reports}
