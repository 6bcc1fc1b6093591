"""The page numbers stamped on awkward papers, read back with pypdf: where each text is drawn, in which font."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pdfs import make_pdf
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, RectangleObject

from scrutiny_app.core import models as m
from scrutiny_app.core.papers import attach_paper
from scrutiny_app.pack.builder import build_pack
from scrutiny_app.pack.stamp import BASELINE, FONT_KEY


def _stream(writer: PdfWriter, data: bytes):
    stream = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream)


def awkward_paper() -> bytes:
    """Three pages in Times-Roman under the stamp's own font name, their resources inherited from the
    page tree, their content two streams that scale the drawing by half and leave it so: a plain
    page, one turned a quarter, and one whose media box does not start at the origin."""
    writer = PdfWriter()
    for n, box in enumerate(([0, 0, 595, 842], [0, 0, 595, 842], [-50, -80, 545, 762]), start=1):
        page = writer.add_blank_page(595, 842)
        page.mediabox = RectangleObject(box)
        page[NameObject("/Contents")] = ArrayObject([
            _stream(writer, b"0.5 0 0 0.5 0 0 cm BT /%s 28 Tf 144 1400 Td" % FONT_KEY[1:].encode()),
            _stream(writer, b"(AWKWARD sheet %d) Tj ET" % n),
        ])
        page.pop("/Resources", None)
    writer.pages[1].rotate(90)
    times = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                              NameObject("/BaseFont"): NameObject("/Times-Roman")})
    fonts = DictionaryObject({NameObject(FONT_KEY): writer._add_object(times)})
    writer.root_object["/Pages"].get_object()[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): fonts})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def drawn_texts(page) -> list[tuple[str, str, float, float]]:
    """(text, font, x, y) of each text the page draws, in default user space."""
    found = []

    def visit(text, cm, tm, font, _size):
        if text.strip():
            x, y = tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text.strip(), font["/BaseFont"], x, y))

    page.extract_text(visitor_text=visit)
    return found


def transformation_at_number(page) -> tuple:
    """The transformation in force where 'Page N' is drawn, tracked as a renderer does (pypdf's text
    extraction forgives a Q without its q, which a renderer ignores)."""
    ctm, saved = Transformation(), []
    for operands, operator in page.get_contents().operations:
        if operator == b"q":
            saved.append(ctm)
        elif operator == b"Q" and saved:
            ctm = saved.pop()
        elif operator == b"cm":
            ctm = Transformation(tuple(float(v) for v in operands)).transform(ctm)
        elif operator == b"Tj" and str(operands[0]).startswith("Page "):
            return ctm.ctm
    raise AssertionError("no page number drawn")


@pytest.fixture
def pack(store, make_meeting, tmp_path) -> PdfReader:
    meeting = make_meeting(dt.date(2025, 7, 8))
    with store.session() as s:
        item = m.AgendaItem(meeting_id=meeting.id, position=0, number=1, title="Awkward paper", kind="paper")
        s.add(item)
    attach_paper(store, item.id, awkward_paper(), "awkward.pdf")
    build_pack(store, meeting.id, tmp_path / "pack.pdf")
    return PdfReader(tmp_path / "pack.pdf")


def test_each_paper_page_keeps_its_own_text_and_font(pack):
    for n, page in enumerate(pack.pages[1:], start=1):
        assert [(text, font) for text, font, _x, _y in drawn_texts(page)] == [
            (f"AWKWARD sheet {n}", "/Times-Roman"), (f"Page {n + 1}", "/OpenSans-Regular")]


def _width(text: str, font, size: float) -> float:
    """The width of ``text`` by the font dictionary's own /Widths (what a viewer lays it out by)."""
    first, widths = int(font["/FirstChar"]), font["/Widths"]
    return sum(float(widths[ord(c) - first]) for c in text) * size / 1000


def _stamp_font(page):
    fonts = (f.get_object() for f in page["/Resources"]["/Font"].values())
    return next(f for f in fonts if f["/BaseFont"] == "/OpenSans-Regular")


def test_the_stamp_font_is_embedded(pack):
    font = _stamp_font(pack.pages[1])
    assert font["/Subtype"] == "/TrueType" and len(font["/FontDescriptor"]["/FontFile2"].get_data()) > 50_000


def test_the_papers_leftover_drawing_state_does_not_move_the_number(pack):
    assert [transformation_at_number(page) for page in pack.pages[1:]] == [(1, 0, 0, 1, 0, 0)] * 3


@pytest.mark.parametrize("n", [1, 2, 3])
def test_the_number_is_centred_at_the_foot_of_the_page_as_read(pack, n):
    page = pack.pages[n]
    box = page.mediabox
    assert page.rotation == 0
    _text, _font, x, y = drawn_texts(page)[-1]
    assert x + _width(f"Page {n + 1}", _stamp_font(page), 9) / 2 == pytest.approx(float(box.left) + float(box.width) / 2, abs=0.1)
    assert y == pytest.approx(float(box.bottom) + BASELINE, abs=0.1)


def test_the_quarter_turned_page_is_laid_landscape_with_its_text_turned(pack):
    text, _font, x, y = drawn_texts(pack.pages[2])[0]
    assert (float(pack.pages[2].mediabox.width), float(pack.pages[2].mediabox.height)) == (842, 595)
    assert text == "AWKWARD sheet 2" and (x, y) == pytest.approx((700, 595 - 72))


def test_a_pack_attached_as_a_paper_is_numbered_afresh_over_the_old_numbers(store, make_meeting, tmp_path):
    meeting = make_meeting(dt.date(2025, 7, 8))
    with store.session() as s:
        item = m.AgendaItem(meeting_id=meeting.id, position=0, number=1, title="Old pack", kind="paper")
        s.add(item)
    attach_paper(store, item.id, make_pdf("OLD-PACK", pages=1), "old.pdf")
    build_pack(store, meeting.id, tmp_path / "old.pdf")
    attach_paper(store, item.id, (tmp_path / "old.pdf").read_bytes(), "old pack.pdf")
    build_pack(store, meeting.id, tmp_path / "pack.pdf")
    texts = [text for text, *_ in drawn_texts(PdfReader(tmp_path / "pack.pdf").pages[2])]
    assert texts == ["OLD-PACK sheet 1 of 1", "Page 2", "Page 3"]  # the new number drawn last, over the old



def test_the_number_sits_inside_a_crop_box_smaller_than_the_page(store, make_meeting, tmp_path):
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    page.cropbox = RectangleObject([60, 120, 500, 780])  # a paper cut down to its printed area
    page[NameObject("/Contents")] = _stream(writer, b"")
    paper = io.BytesIO()
    writer.write(paper)
    meeting = make_meeting(dt.date(2025, 7, 8))
    with store.session() as s:
        item = m.AgendaItem(meeting_id=meeting.id, position=0, number=1, title="Cut-down paper", kind="paper")
        s.add(item)
    attach_paper(store, item.id, paper.getvalue(), "cut.pdf")
    build_pack(store, meeting.id, tmp_path / "pack.pdf")
    page = PdfReader(tmp_path / "pack.pdf").pages[1]
    text, _font, x, y = drawn_texts(page)[-1]
    assert text == "Page 2"
    assert x + _width("Page 2", _stamp_font(page), 9) / 2 == pytest.approx((60 + 500) / 2, abs=0.1)
    assert y == pytest.approx(120 + BASELINE, abs=0.1)
