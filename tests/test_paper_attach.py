"""Attaching a paper reads the PDF once (the checked texts feed the search index), and its cover sheet is
read and written through core, never by the window."""

from __future__ import annotations

import datetime as dt

import pypdf
import pytest
from pdfs import make_pdf

from scrutiny_app.core import models as m
from scrutiny_app.core.papers import attach_paper, cover_of, save_cover
from scrutiny_app.core.search import search
from scrutiny_app.errors import NotFound


@pytest.fixture
def item(store, make_meeting) -> m.AgendaItem:
    meeting = make_meeting()
    with store.session() as s:
        row = m.AgendaItem(meeting_id=meeting.id, title="Priority 2", kind="item", number=2)
        s.add(row)
    return row


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
        report = m.Report(meeting_id=item.meeting_id, agenda_item_id=item.id, title="Priority 2")
        s.add(report)
        s.flush()
        s.add(m.Attachment(report_id=report.id, filename="old.pdf", sha256="-", size=1, content=make_pdf("LEGACY"),
                           added_at=dt.datetime(2025, 1, 6, tzinfo=dt.timezone.utc)))
    assert len(readers) == 1 and [hit.place for hit in search(store, "LEGACY")] == ["Paper: old.pdf, page 1"]


def test_the_cover_of_an_item_without_a_report_is_unsaved_and_titled_like_the_item(store, item):
    cover = cover_of(store, item)
    assert (cover.id, cover.title, cover.originator) == (None, "Priority 2", "")


def test_saving_the_cover_creates_the_report_and_counts_only_what_changed(store, item):
    assert save_cover(store, item.id, {"originator": "ACC Sanford", "summary": "Neighbourhood policing."}) == 2
    assert save_cover(store, item.id, {"originator": "ACC Sanford", "summary": "Neighbourhood policing, updated."}) == 1
    cover = cover_of(store, item)
    assert (cover.title, cover.originator, cover.summary) == ("Priority 2", "ACC Sanford", "Neighbourhood policing, updated.")


def test_saving_the_cover_of_an_item_deleted_meanwhile_is_refused(store, item):
    with store.session() as s:
        s.delete(s.get(m.AgendaItem, item.id))
    with pytest.raises(NotFound, match="no longer exists"):
        save_cover(store, item.id, {"originator": "ACC Sanford"})
