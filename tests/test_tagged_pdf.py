"""Tagged PDF/UA-1 (issue 19): the minutes and the pack's own pages read back through their structure tree
(headings, table header cells, lists, figure alternative texts), checked by ``pdfua check``, built twice
alike; the merged pack keeps its parts' tags and names the papers that arrive untagged."""

from __future__ import annotations

import dataclasses
import io

import pikepdf
from pdfs import make_pdf
from PIL import Image
from sqlmodel import select
from tagged_pdf import parent_tree_problems, pdfua_findings, structure, tagged

from scrutiny_app.cli import main
from scrutiny_app.core import models as m
from scrutiny_app.core.indicators import load_tables
from scrutiny_app.core.minutes import build_minutes
from scrutiny_app.core.papers import attach_paper, papers_of
from scrutiny_app.core.queries import load_meeting
from scrutiny_app.core.store import open_store
from scrutiny_app.demo.report_paper import render_report_paper
from scrutiny_app.documents.chart_text import chart_alt_text
from scrutiny_app.exports.minutes_pdf import export_minutes_pdf
from scrutiny_app.pack.builder import build_pack
from scrutiny_app.pack.chart_pages import render_chart_pages
from scrutiny_app.pack.front_sheet import render_front_sheet
from scrutiny_app.pack.summary import render_summary


def _words(text: str) -> str:
    return " ".join(text.split())


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (180, 90), "white").save(out, "PNG")
    return out.getvalue()


def test_minutes_pass_the_pdfua_checker_with_title_language_and_xmp(demo_store, april, tmp_path):
    path = tmp_path / "m.pdf"
    export_minutes_pdf(demo_store, april, path, public=True)
    assert pdfua_findings(path) == []
    with pikepdf.open(path) as pdf:
        assert pdf.Root.Lang == "en-GB" and pdf.Root.MarkInfo.Marked
        assert pdf.Root.ViewerPreferences.DisplayDocTitle
        meta = pdf.open_metadata()
        assert meta["pdfuaid:part"] == "1"
        assert meta["dc:title"] == "Summary of the PCC Accountability Meeting – Wednesday 16 April 2025"


def test_minutes_headings_tables_and_lists_are_tagged(demo_store, april, tmp_path):
    path = tmp_path / "m.pdf"
    export_minutes_pdf(demo_store, april, path, public=True)
    minutes = build_minutes(load_meeting(demo_store, april), public=True)
    root = structure(path)
    assert [_words(h.text) for h in tagged(root, "H1")] == [minutes.title]
    assert [_words(h.text) for h in tagged(root, "H2")] == [s.heading for s in minutes.sections] + ["Signed"]
    header_cells = {_words(c.text) for c in tagged(root, "TH")}
    assert {"Public Question", "Constabulary Answer", "Description of Action", "Action Update/Decision"} <= header_cells
    attendance = minutes.sections[0]
    lists = tagged(root, "L")
    assert [len(tagged(lst, "LI")) for lst in lists[:2]] == [len(attendance.bullets), len(attendance.sub_bullets)]
    assert _words(tagged(lists[0], "LBody")[0].text) == attendance.bullets[0]
    assert parent_tree_problems(path) == []


def test_typst_markup_in_notes_and_answers_prints_as_typed(store, make_meeting, tmp_path):
    meeting = make_meeting()
    typed = r"Costs #set text(red) *bold* $x^2$ [a] \ back \n done"
    with store.session() as s:
        s.add(m.AgendaItem(meeting_id=meeting.id, position=0, number=1, title="Item #1 [draft]", kind="item",
                           notes=f"{typed}\n- bullet with ] and # and $\n- second \\ bullet"))
        s.add(m.PublicQuestion(meeting_id=meeting.id, number=1, question="Is = *this* _emph_ ?", answer="`code` <b>"))
    path = tmp_path / "m.pdf"
    export_minutes_pdf(store, meeting.id, path)
    root = structure(path)
    assert "1. Item #1 [draft]" in [_words(h.text) for h in tagged(root, "H2")]
    paragraphs = [_words(p.text) for p in tagged(root, "P")]
    assert _words(typed) in paragraphs
    assert [_words(li.text) for li in tagged(tagged(root, "L")[-1], "LBody")] == [
        "bullet with ] and # and $", "second \\ bullet"]
    cells = [_words(c.text) for c in tagged(root, "TD")]
    assert "Is = *this* _emph_ ?" in cells and "`code` <b>" in cells
    assert pdfua_findings(path) == []


def test_the_packs_own_pages_pass_the_checker(demo_store, april, july, tmp_path):
    record = load_meeting(demo_store, july)
    with demo_store.session() as s:
        report = s.exec(select(m.Report).where(m.Report.meeting_id == july)).first()
        front = render_front_sheet(s, record, {})
    views = load_tables(demo_store, july)
    pages = {
        "front.pdf": (front, "PCC ACCOUNTABILITY MEETING"),
        "summary.pdf": (render_summary(demo_store, load_meeting(demo_store, april)),
                        "Summary of the PCC Accountability Meeting"),
        "charts.pdf": (render_chart_pages("Indicator charts", [(v, _png()) for v in views]), "Indicator charts"),
        "paper.pdf": (render_report_paper(report, [v for v in views if v.table.report_id == report.id]),
                      report.title),
    }
    for name, (content, title) in pages.items():
        (tmp_path / name).write_bytes(content)
        assert pdfua_findings(tmp_path / name) == [], name
        assert [_words(h.text) for h in tagged(structure(tmp_path / name), "H1")] == [title], name
    front_tree = structure(tmp_path / "front.pdf")
    assert [_words(c.text) for c in tagged(front_tree, "TH")] == ["No.", "Time", "Item", "Presenter", "Page"]
    figures = tagged(structure(tmp_path / "charts.pdf"), "Figure")
    assert [f.alt for f in figures] == [chart_alt_text(v) for v in views]


def test_chart_alternative_text_states_the_figures(demo_store, july):
    views = {v.table.label: v for v in load_tables(demo_store, july)}
    bars = chart_alt_text(views["Table 1"])
    assert bars.startswith("Bar chart, Table 1: National Crime and Policing Measure for 'Serious Violence'")
    assert ("Violence with injury, Number of crimes: 7,697 in the last 12 months, 6.1% fewer than the previous "
            "12 months (8,198), 8.2% fewer than the long-term average (8,386)") in bars
    assert "GBH, Number of crimes: 708 in the last 12 months, 13.3% more than the previous 12 months (625)" in bars
    assert "%DA" not in bars  # the chart draws the counts, not the percentages beside them
    line = chart_alt_text(views["Table 6"])
    assert line.startswith("Line chart, Table 6:")
    assert "% 999 calls answered in under 10 seconds: April 2024 90.4%; May 2024 90.4%; June 2024 88.5%" in line
    assert line.endswith("; aim 90%.")


def test_the_pack_keeps_every_parts_tags(demo_store, july, tmp_path):
    out = tmp_path / "pack.pdf"
    result = build_pack(demo_store, july, out, charts={v.table.id: _png() for v in load_tables(demo_store, july)})
    assert result.untagged == []
    assert pdfua_findings(out) == []
    assert parent_tree_problems(out) == []
    root = structure(out)
    parts = tagged(root, "Part")
    assert len(parts) == 1 + 1 + 3 * 2  # front sheet, summary, three papers each with its chart pages
    assert _words(tagged(parts[0], "H1")[0].text) == "PCC ACCOUNTABILITY MEETING"
    assert _words(tagged(parts[1], "H1")[0].text) == "Summary of the PCC Accountability Meeting"
    assert all(f.alt and f.alt.startswith(("Bar chart, Table", "Line chart, Table")) for f in tagged(root, "Figure"))
    with pikepdf.open(out) as pdf:
        assert pdf.Root.MarkInfo.Marked and pdf.open_metadata()["pdfuaid:part"] == "1"
        assert all("/StructParents" in page.obj for page in pdf.pages)


def test_an_untagged_paper_is_named_and_the_pack_is_not_claimed_accessible(store, make_meeting, tmp_path):
    meeting = make_meeting()
    with store.session() as s:
        item = m.AgendaItem(meeting_id=meeting.id, position=0, number=1, title="Finance report", kind="paper")
        s.add(item)
    attach_paper(store, item.id, make_pdf("UNTAGGED", pages=2), "finance.pdf")
    out = tmp_path / "pack.pdf"
    result = build_pack(store, meeting.id, out)
    assert result.untagged == ["item 1 (finance.pdf)"]
    assert any("not fully accessible" in note and "finance.pdf" in note for note in result.notes)
    with pikepdf.open(out) as pdf:
        assert not pdf.Root.MarkInfo.Marked and "pdfuaid:part" not in pdf.open_metadata()
    front = tagged(structure(out), "Part")[0]  # the front sheet's own tags are still there
    assert [_words(c.text) for c in tagged(front, "TH")] == ["No.", "Time", "Item", "Presenter", "Page"]


def test_cli_says_which_papers_keep_the_pack_from_being_accessible(demo_path, tmp_path, capsys):
    store = open_store(demo_path)
    with store.session() as s:
        item = s.exec(select(m.AgendaItem).where(m.AgendaItem.title.contains("Appendix 1"))).first()
    attach_paper(store, item.id, make_pdf("APPENDIX"), "appendix.pdf")
    store.close()
    assert main(["pack", "--db", str(demo_path), "--meeting", "2025-07-08", "--out", str(tmp_path / "p.pdf")]) == 0
    assert f"The pack is not fully accessible: item {item.number} (appendix.pdf) arrived untagged" in capsys.readouterr().err


def test_the_same_content_gives_the_same_bytes(demo_store, july):
    views = load_tables(demo_store, july)
    charts = [(v, _png()) for v in views]
    assert render_chart_pages("Charts", charts) == render_chart_pages("Charts", charts)
    record = load_meeting(demo_store, july)
    with demo_store.session() as s:
        assert render_front_sheet(s, record, {}) == render_front_sheet(s, dataclasses.replace(record), {})


def test_characters_the_font_lacks_print_as_the_replacement_character(store, make_meeting, tmp_path):
    """PDF/UA forbids a character drawn without a glyph, and Typst then refuses the whole document."""
    meeting = make_meeting()
    with store.session() as s:
        s.add(m.PublicQuestion(meeting_id=meeting.id, number=1, question="From Zoë 王 about 😀\x00 noise\x0c",
                               answer="Ελένη and Ольга\r\nreplied"))
    path = tmp_path / "m.pdf"
    export_minutes_pdf(store, meeting.id, path)
    cells = [_words(c.text) for c in tagged(structure(path), "TD")]
    assert "From Zoë \ufffd about \ufffd noise" in cells and "Ελένη and Ольга replied" in cells
    assert pdfua_findings(path) == []


def test_a_stored_papers_tags_bring_nothing_active_into_the_pack(demo_store, july, tmp_path):
    """A paper stored before papers were stripped: its pages are stripped on the way into the pack, and its
    structure elements carry only structure keys and plain attributes across."""
    from sqlalchemy import text
    from test_hostile_papers import active_names

    item_id, paper = next((i, p) for i, p in papers_of(demo_store, july).items() if p.attachment is not None)
    with pikepdf.open(io.BytesIO(paper.attachment.content)) as pdf:
        script = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")))
        heading = next(k for k in pdf.Root.StructTreeRoot.K[0].K if k.get("/S") == "/H1")
        heading.AA = pikepdf.Dictionary(O=script)
        heading.Foo = script
        heading.A = pikepdf.Array([pikepdf.Dictionary(O=pikepdf.Name.Layout, Action=script)])
        hostile = io.BytesIO()
        pdf.save(hostile)
    assert {"/JavaScript", "/AA"} <= active_names(hostile.getvalue())
    with demo_store.session() as s:
        s.execute(text("UPDATE attachment SET content = :c WHERE id = :id"),
                  {"c": hostile.getvalue(), "id": paper.attachment.id})
    out = tmp_path / "pack.pdf"
    build_pack(demo_store, july, out)
    assert active_names(out.read_bytes()) & {"/JavaScript", "/JS", "/AA"} == set()
    assert paper.report.title in [_words(h.text) for h in tagged(structure(out), "H1")]  # its tags are kept
    assert pdfua_findings(out) == []
