"""Attaching report PDFs: readable PDFs are kept in the database, anything else is refused untouched."""

from __future__ import annotations

import datetime as dt

import pytest
from pdfs import make_pdf
from sqlmodel import func, select

from scrutiny_app.core import models as m
from scrutiny_app.core.papers import attach_paper, attach_paper_file, papers_of
from scrutiny_app.core.queries import find_meeting, load_meeting
from scrutiny_app.core.store import open_store
from scrutiny_app.errors import UserError


@pytest.fixture
def item(store, make_meeting) -> m.AgendaItem:
    meeting = make_meeting()
    with store.session() as s:
        row = m.AgendaItem(meeting_id=meeting.id, title="Priority 1", kind="item", number=1)
        s.add(row)
    return row


def _attachments(store) -> int:
    with store.session() as s:
        return s.exec(select(func.count()).select_from(m.Attachment)).one()


def test_a_pdf_is_stored_inside_the_database_with_its_hash(store, item):
    content = make_pdf("PRIORITY-ONE", pages=2)
    attached = attach_paper(store, item.id, content, "p1.pdf")
    paper = papers_of(store, item.meeting_id)[item.id]
    assert (paper.attachment.content, paper.attachment.size, paper.attachment.sha256) == (
        content, len(content), attached.attachment.sha256)
    assert (attached.pages, attached.text_pages, attached.note) == (2, 2, None)  # text: no warning


def test_attaching_creates_the_report_with_the_item_title_and_makes_it_a_paper(store, item):
    attach_paper(store, item.id, make_pdf("X"), "x.pdf")
    paper = papers_of(store, item.meeting_id)[item.id]
    assert paper.report.title == "Priority 1"
    assert load_meeting(store, item.meeting_id).agenda[0].kind == "paper"


def test_the_time_added_is_timezone_aware(store, item):
    attach_paper(store, item.id, make_pdf("X"), "x.pdf")
    assert papers_of(store, item.meeting_id)[item.id].attachment.added_at.utcoffset() == dt.timedelta(0)


def test_replacing_a_paper_keeps_only_the_new_version(store, item):
    attach_paper(store, item.id, make_pdf("OLD"), "old.pdf")
    new = make_pdf("NEW", pages=3)
    attach_paper(store, item.id, new, "new.pdf")
    assert _attachments(store) == 1
    assert papers_of(store, item.meeting_id)[item.id].attachment.content == new


def test_copying_the_database_file_copies_its_papers(store, item, tmp_path):
    content = make_pdf("CARRIED")
    attach_paper(store, item.id, content, "c.pdf")
    store.close()
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes((tmp_path / "test.sqlite").read_bytes())
    other = open_store(copy)
    try:
        assert papers_of(other, item.meeting_id)[item.id].attachment.content == content
    finally:
        other.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"PK\x03\x04 this is a Word document", "is not a PDF"),
        (make_pdf("CUT", pages=3)[:400], "cannot be read as a PDF"),
    ],
    ids=["empty", "not-a-pdf", "truncated"],
)
def test_a_file_that_is_not_a_readable_pdf_is_refused_and_nothing_stored(store, item, content, message):
    with pytest.raises(UserError, match=message):
        attach_paper(store, item.id, content, "bad.pdf")
    assert _attachments(store) == 0


def test_a_password_protected_pdf_is_refused(store, item):
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf("SECRET"))))
    writer.encrypt("open-sesame")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(UserError, match="password-protected"):
        attach_paper(store, item.id, out.getvalue(), "locked.pdf")
    assert _attachments(store) == 0


def test_a_pdf_with_no_pages_is_refused(store, item):
    import io

    from pypdf import PdfWriter

    out = io.BytesIO()
    PdfWriter().write(out)
    with pytest.raises(UserError, match="has no pages"):
        attach_paper(store, item.id, out.getvalue(), "empty.pdf")


def test_a_missing_file_is_refused_with_its_name(store, item, tmp_path):
    with pytest.raises(UserError, match="gone.pdf"):
        attach_paper_file(store, item.id, tmp_path / "gone.pdf")


def test_the_demo_has_a_paper_for_each_july_report(demo_store):
    papers = papers_of(demo_store, find_meeting(demo_store, dt.date(2025, 7, 8)))
    assert sorted(p.report.title.split(" - ")[-1] for p in papers.values() if p.attachment) == [
        "'Cohesive Communities'", "'Preventing Crime'", "'Reducing Harm'"]
