"""The agenda pack, read back with pypdf: page references, bookmarks, numbering, metadata, privacy."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pdfs import make_pdf, page_texts
from pypdf import PdfReader
from sqlmodel import select

from demo_days import JULY
from scrutiny_app.cli import main
from scrutiny_app.core import models as m
from scrutiny_app.core.papers import attach_paper
from scrutiny_app.core.queries import find_meeting, load_meeting
from scrutiny_app.pack.builder import BuildCancelled, build_pack


def _page_of(texts: list[str], marker: str) -> int:
    pages = [n for n, text in enumerate(texts, start=1) if marker in text]
    assert pages, f"{marker} is nowhere in the pack"
    return pages[0]


@pytest.fixture
def meeting(store, make_meeting):
    """A meeting with three short-titled items: ALPHA and GAMMA have papers, BETA is verbal."""
    meeting = make_meeting(dt.date(2025, 7, 8), start_time=dt.time(10), end_time=dt.time(12))
    with store.session() as s:
        items = [m.AgendaItem(meeting_id=meeting.id, position=i, number=i + 1, title=title, kind=kind)
                 for i, (title, kind) in enumerate([("ALPHA item", "paper"), ("BETA item", "verbal"),
                                                    ("GAMMA item", "paper")])]
        s.add_all(items)
    attach_paper(store, items[0].id, make_pdf("ALPHA-PAPER", pages=2), "alpha.pdf")
    attach_paper(store, items[2].id, make_pdf("GAMMA-PAPER", pages=3), "gamma.pdf")
    return meeting, items


def _printed_page(front: str, title: str) -> int:
    found = re.search(rf"{title}\s+Page (\d+)", front)
    assert found, f"no page printed for {title}"
    return int(found.group(1))


def test_agenda_page_references_are_where_each_paper_starts(store, meeting, tmp_path):
    out = tmp_path / "pack.pdf"
    build_pack(store, meeting[0].id, out)
    texts = page_texts(out)
    for title, marker in (("ALPHA item", "ALPHA-PAPER sheet 1"), ("GAMMA item", "GAMMA-PAPER sheet 1")):
        assert _printed_page(texts[0], title) == _page_of(texts, marker)


def test_page_references_hold_when_the_front_sheet_runs_over_one_page(store, make_meeting, tmp_path):
    meeting = make_meeting(JULY)
    with store.session() as s:
        items = [m.AgendaItem(meeting_id=meeting.id, position=i, number=i + 1, title=f"ITEM{i + 1:02d} of a long agenda",
                              kind="paper") for i in range(45)]
        s.add_all(items)
    for item in (items[0], items[-1]):
        attach_paper(store, item.id, make_pdf(f"{item.title.split()[0]}-PAPER", pages=2), "paper.pdf")
    out = tmp_path / "pack.pdf"
    result = build_pack(store, meeting.id, out)
    texts = page_texts(out)
    front = "".join(texts[:result.item_pages[items[0].id] - 1])
    assert "ITEM45" not in texts[0] and "ITEM45" in front
    for title, marker in (("ITEM01 of a long agenda", "ITEM01-PAPER sheet 1"), ("ITEM45 of a long agenda",
                                                                                 "ITEM45-PAPER sheet 1")):
        assert _printed_page(front, title) == _page_of(texts, marker)


def test_demo_pack_agenda_pages_match_where_each_july_paper_starts(demo_store, tmp_path):
    out = tmp_path / "pack.pdf"
    result = build_pack(demo_store, find_meeting(demo_store, JULY), out)
    texts = page_texts(out)
    starts = {_page_of(texts, f"Progress on Police and Crime Plan priority {n}") for n in (1, 2, 3)}
    starts.add(_page_of(texts, "Summary of the PCC Accountability Meeting"))
    assert sorted(result.item_pages.values()) == sorted(starts)
    assert all(f"Page {page}" in texts[0] for page in starts)


def test_one_bookmark_per_item_with_a_paper(demo_store, tmp_path):
    out = tmp_path / "pack.pdf"
    build_pack(demo_store, find_meeting(demo_store, JULY), out)
    reader = PdfReader(out)
    marks = [(item.title, reader.get_destination_page_number(item) + 1) for item in reader.outline]
    assert [title.split(".")[0] for title, _ in marks] == ["3", "5", "6", "8"]


def test_every_page_carries_its_number(store, meeting, tmp_path):
    out = tmp_path / "pack.pdf"
    build_pack(store, meeting[0].id, out)
    texts = page_texts(out)
    assert all(f"Page {n}" in text for n, text in enumerate(texts, start=1))


def test_title_and_language_are_in_the_metadata(store, meeting, tmp_path):
    out = tmp_path / "pack.pdf"
    build_pack(store, meeting[0].id, out)
    reader = PdfReader(out)
    assert reader.metadata.title == "PCC Accountability Meeting, Tuesday 8 July 2025: agenda pack"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_building_twice_gives_the_same_file(store, meeting, tmp_path):
    build_pack(store, meeting[0].id, tmp_path / "a.pdf")
    build_pack(store, meeting[0].id, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_a_replaced_paper_repaginates_the_pack(store, meeting, tmp_path):
    meeting_row, items = meeting
    build_pack(store, meeting_row.id, tmp_path / "first.pdf")
    attach_paper(store, items[0].id, make_pdf("ALPHA-LATE", pages=5), "alpha v2.pdf")
    out = tmp_path / "second.pdf"
    build_pack(store, meeting_row.id, out)
    texts = page_texts(out)
    assert _printed_page(texts[0], "GAMMA item") == _page_of(texts, "GAMMA-PAPER sheet 1") == 7
    assert "ALPHA-PAPER" not in "".join(texts)


def test_page_numbers_are_written_back_to_the_agenda(store, meeting, tmp_path):
    build_pack(store, meeting[0].id, tmp_path / "pack.pdf")
    assert [x.page for x in load_meeting(store, meeting[0].id).agenda] == [2, None, 4]


def test_a_cancelled_build_writes_nothing(store, meeting, tmp_path):
    out = tmp_path / "pack.pdf"
    with pytest.raises(BuildCancelled):
        build_pack(store, meeting[0].id, out, cancelled=lambda: True)
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob(".*.tmp")) == []


def test_progress_reaches_the_last_step(store, meeting, tmp_path):
    steps = []
    build_pack(store, meeting[0].id, tmp_path / "pack.pdf", progress=lambda n, total, _text: steps.append((n, total)))
    assert steps[-1][0] == steps[-1][1]


def test_a_private_report_is_left_out(store, meeting, tmp_path):
    with store.session() as s:
        report = s.exec(select(m.Report).where(m.Report.agenda_item_id == meeting[1][2].id)).one()
        report.private = True
        s.add(report)
    out = tmp_path / "pack.pdf"
    build_pack(store, meeting[0].id, out)
    assert "GAMMA-PAPER" not in "".join(page_texts(out))


def test_summary_never_names_the_askers_of_public_questions(demo_store, tmp_path):
    april = find_meeting(demo_store, dt.date(2025, 4, 16))
    with demo_store.session() as s:
        for q in s.exec(select(m.PublicQuestion).where(m.PublicQuestion.meeting_id == april)).all():
            q.asker_name, q.asker_contact = "Zebedee Quartermaine", "zq@example.invalid"
            s.add(q)
    out = tmp_path / "pack.pdf"
    build_pack(demo_store, find_meeting(demo_store, JULY), out)
    text = "".join(page_texts(out))
    assert "Quartermaine" not in text and "zq@example" not in text


def test_summary_leaves_out_private_risks(demo_store, tmp_path):
    april = find_meeting(demo_store, dt.date(2025, 4, 16))
    with demo_store.session() as s:
        s.add(m.EmergingRisk(meeting_id=april, position=9, raised_by="The CC", text="UNPUBLISHABLE-RISK", private=True))
    out = tmp_path / "pack.pdf"
    build_pack(demo_store, find_meeting(demo_store, JULY), out)
    assert "UNPUBLISHABLE-RISK" not in "".join(page_texts(out))


def test_summary_has_the_actions_table_with_updates(demo_store, tmp_path):
    out = tmp_path / "pack.pdf"
    build_pack(demo_store, find_meeting(demo_store, JULY), out)
    text = " ".join(page_texts(out))
    assert "Action 17 (16 April 2025)" in text and "Action 12 (29 January 2025)" in text


def test_cli_builds_the_demo_pack(tmp_path, capsys):
    out = tmp_path / "pack.pdf"
    assert main(["pack", "--demo", "--meeting", "2025-07-08", "--out", str(out)]) == 0
    assert "page 2: 3. To confirm the minutes" in capsys.readouterr().out  # after a one-page front sheet
    assert len(PdfReader(out).pages) > 10


def test_cli_names_a_missing_meeting(tmp_path, capsys):
    assert main(["pack", "--demo", "--meeting", "2025-07-09", "--out", str(tmp_path / "p.pdf")]) == 2
    assert "No meeting on 2025-07-09" in capsys.readouterr().err
