"""The PDF minutes: searchable text, numbered pages, metadata, and a clean public version."""

from __future__ import annotations

from pypdf import PdfReader

from scrutiny_app.exports.minutes_pdf import export_minutes_pdf


def _export(store, meeting_id, path, public=False) -> PdfReader:
    export_minutes_pdf(store, meeting_id, path, public=public)
    return PdfReader(path)


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_holds_every_section_as_real_text(demo_store, april, tmp_path):
    text = _text(_export(demo_store, april, tmp_path / "m.pdf"))
    for expected in ("Summary of the PCC Accountability Meeting", "Wednesday 16 April 2025", "There were none declared.",
                     "Public Question", "5. Priority 1 – Preventing Crime", "Emerging Operational/Organisational Risks",
                     "Action 17 (16 April 2025): DCC Megicks", "Date of Next Meeting", "Signed"):
        assert expected in text


def test_every_page_carries_its_number(demo_store, april, tmp_path):
    reader = _export(demo_store, april, tmp_path / "m.pdf")
    assert len(reader.pages) > 1
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number}" in page.extract_text()


def test_pdf_declares_title_and_language(demo_store, april, tmp_path):
    reader = _export(demo_store, april, tmp_path / "m.pdf")
    assert reader.metadata.title == "Summary of the PCC Accountability Meeting – Wednesday 16 April 2025"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_the_same_minutes_give_the_same_file(demo_store, april, tmp_path):
    _export(demo_store, april, tmp_path / "a.pdf")
    _export(demo_store, april, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_public_pdf_leaves_out_private_records(demo_store, april, tmp_path, planted_private):
    assert planted_private not in _text(_export(demo_store, april, tmp_path / "p.pdf", public=True))
    assert planted_private in _text(_export(demo_store, april, tmp_path / "i.pdf"))


def test_markup_characters_in_answers_are_printed_not_interpreted(store, make_meeting, tmp_path):
    from scrutiny_app.core import models as m

    meeting = make_meeting()
    with store.session() as s:
        s.add(m.PublicQuestion(meeting_id=meeting.id, number=1, question="Is <b>this</b> & that < 5?", answer="=SUM(A1)"))
    text = _text(_export(store, meeting.id, tmp_path / "m.pdf"))
    assert "Is <b>this</b> & that < 5?" in text
