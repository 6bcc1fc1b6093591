"""Attaching report PDFs: readable PDFs are kept in the database (read once: the checked texts feed the
search index), anything else is refused untouched; the cover sheet is read and written here, not by the window."""

from __future__ import annotations

import datetime as dt

import pypdf
import pytest
from pdfs import make_pdf
from sqlmodel import func, select

from scrutiny_app.core import models as m
from scrutiny_app.core.papers import attach_paper, attach_paper_file, cover_of, papers_of, save_cover
from scrutiny_app.core.queries import find_meeting, load_meeting
from scrutiny_app.core.store import open_store
from scrutiny_app.core.search import search
from scrutiny_app.errors import NotFound, UserError


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


@pytest.fixture
def readers(monkeypatch) -> list[int]:
    """How many times pypdf opens a file (each opening parses its cross-reference tables and objects)."""
    opened = []
    real = pypdf.PdfReader.__init__

    def counted(self, *args, **kwargs):
        opened.append(1)
        real(self, *args, **kwargs)

    monkeypatch.setattr(pypdf.PdfReader, "__init__", counted)
    return opened


def test_attaching_a_paper_parses_it_once_and_indexes_every_page(store, item, readers):
    attach_paper(store, item.id, make_pdf("COHESION", pages=3), "p2.pdf")
    assert len(readers) == 1
    hits = search(store, "COHESION")
    assert sorted(hit.place for hit in hits) == [f"Paper: p2.pdf, page {n}" for n in (1, 2, 3)]


def test_a_paper_stored_another_way_is_still_read_for_the_index(store, item, readers):
    """The texts handed over belong to the paper being attached only: any other row is read as before."""
    with store.session() as s:
        report = m.Report(meeting_id=item.meeting_id, agenda_item_id=item.id, title="Priority 1")
        s.add(report)
        s.flush()
        s.add(m.Attachment(report_id=report.id, filename="old.pdf", sha256="-", size=1, content=make_pdf("LEGACY"),
                           added_at=dt.datetime(2025, 1, 6, tzinfo=dt.timezone.utc)))
    assert len(readers) == 1 and [hit.place for hit in search(store, "LEGACY")] == ["Paper: old.pdf, page 1"]


def test_the_cover_of_an_item_without_a_report_is_unsaved_and_titled_like_the_item(store, item):
    cover = cover_of(store, item)
    assert (cover.id, cover.title, cover.originator) == (None, "Priority 1", "")


def test_saving_the_cover_creates_the_report_and_counts_only_what_changed(store, item):
    assert save_cover(store, item.id, {"originator": "ACC Sanford", "summary": "Neighbourhood policing."}) == 2
    assert save_cover(store, item.id, {"originator": "ACC Sanford", "summary": "Neighbourhood policing, updated."}) == 1
    cover = cover_of(store, item)
    assert (cover.title, cover.originator, cover.summary) == ("Priority 1", "ACC Sanford", "Neighbourhood policing, updated.")


def test_saving_the_cover_of_an_item_deleted_meanwhile_is_refused(store, item):
    with store.session() as s:
        s.delete(s.get(m.AgendaItem, item.id))
    with pytest.raises(NotFound, match="no longer exists"):
        save_cover(store, item.id, {"originator": "ACC Sanford"})
