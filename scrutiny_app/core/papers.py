"""Report papers: PDFs checked on the way in and kept inside the database.

A file is read in full and opened with pypdf before anything is stored, so a
file that is not a readable PDF is refused with a message and the database is
left as it was. Attaching to an item that already has a paper replaces it (a
late version); the next pack build picks the new one up.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import select

from scrutiny_app.core import models as m
from scrutiny_app.core.store import Store
from scrutiny_app.errors import NotFound, UserError

MAX_PAPER_BYTES = 200 * 1024 * 1024
# What a file named .pdf often really is, by its first bytes.
_OTHER_FILES = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a Word, Excel or other Office document, or a zip file"),
    (b"\xd0\xcf\x11\xe0", "an old-style Word or Excel document"),
    (b"<", "a web page, perhaps from a download that failed"),
)


@dataclass
class Attached:
    """A paper just stored, with what its check found."""

    attachment: m.Attachment
    pages: int
    text_pages: int  # pages with any text to extract

    @property
    def note(self) -> str | None:
        """A warning for the officer when the paper has no text at all: a scan cannot be searched or read aloud."""
        if self.text_pages:
            return None
        return (f"{self.attachment.filename} has no text, only images (a scan?): it was attached, but it cannot be "
                "searched, and screen readers cannot read it. Ask the author for a PDF saved from the document.")


@dataclass
class Paper:
    report: m.Report
    attachment: m.Attachment | None  # None: cover fields but no PDF yet


def check_pdf(content: bytes, name: str) -> tuple[int, int]:
    """The pages of a readable PDF and how many of them have text; otherwise a UserError saying what is wrong."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not content:
        raise UserError(f"{name} is empty; it was not attached.")
    if not content.lstrip()[:5] == b"%PDF-":
        kind = next((what for magic, what in _OTHER_FILES if content.lstrip().startswith(magic)), None)
        raise UserError(f"{name} is not a PDF file" + (f" (it is {kind}; save it as a PDF and attach that)" if kind else "")
                        + "; it was not attached.")
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair chatter is not the user's concern
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise UserError(f"{name} is password-protected; save an unprotected copy and attach that.")
        pages = len(reader.pages)
        # Reading every content stream shows damage now rather than in the pack, and finds scans.
        text_pages = sum(1 for page in reader.pages if page.extract_text().strip())
    except UserError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise UserError(f"{name} cannot be read as a PDF (it may be damaged or cut short: {exc}); "
                        "it was not attached.") from exc
    if pages == 0:
        raise UserError(f"{name} has no pages; it was not attached.")
    return pages, text_pages


def read_paper_file(path: Path | str) -> bytes:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_PAPER_BYTES:
            raise UserError(f"{path.name} is larger than {MAX_PAPER_BYTES // (1024 * 1024)} MB; it was not attached.")
        return path.read_bytes()
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


def attach_paper(store: Store, item_id: int, content: bytes, filename: str,
                 now: dt.datetime | None = None) -> Attached:
    """Store ``content`` as the paper of an agenda item, replacing any earlier version."""
    pages, text_pages = check_pdf(content, filename)
    with store.session() as s:
        item = s.get(m.AgendaItem, item_id)
        if item is None:
            raise NotFound("That agenda item no longer exists.")
        report = report_for_item(s, item)
        for old in s.exec(select(m.Attachment).where(m.Attachment.report_id == report.id)).all():
            s.delete(old)
        attachment = m.Attachment(
            report_id=report.id,
            filename=filename,
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
            added_at=now or dt.datetime.now(dt.timezone.utc),
            content=content,
        )
        s.add(attachment)
        if item.kind != "paper":
            item.kind = "paper"
            s.add(item)
    return Attached(attachment, pages, text_pages)


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
