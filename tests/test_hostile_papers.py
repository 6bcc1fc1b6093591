"""Hostile papers (issue 16): attached PDFs are passive and bounded.

Papers that act (JavaScript, launch actions, embedded files, forms, multimedia) are stored without it
and the pack never carries it, even for a paper stored before stripping; papers that are encrypted,
unlayable, looping, nested without end or built to exhaust memory are refused naming the file and
what is wrong, with the database untouched, within 5 s and 300 MB.
"""

from __future__ import annotations

import io
import sys
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, NameObject
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).parent / "data"))  # the corpus generator's PDF builders

from db_digest import database_digest  # noqa: E402
from make_bad_corpus import hostile_paper, pdf_stream, raw_pdf  # noqa: E402
from measured_run import run_measured  # noqa: E402
from demo_days import JULY
from scrutiny_app.core.papers import attach_paper, attach_paper_file, check_pdf, papers_of  # noqa: E402
from scrutiny_app.core.pdf_safety import MAX_OBJECTS, TEXT_PAGE_BYTES  # noqa: E402
from scrutiny_app.core.pdf_text import pdf_pages  # noqa: E402
from scrutiny_app.core.queries import find_meeting  # noqa: E402
from scrutiny_app.errors import UserError  # noqa: E402
from scrutiny_app.pack.builder import build_pack  # noqa: E402

BAD = Path(__file__).parent / "data" / "bad"
TEXT = "Report to the PCC: hostile paper"
FORBIDDEN = {"/JavaScript", "/JS", "/Launch", "/OpenAction", "/AA", "/EmbeddedFiles", "/EmbeddedFile", "/EF",
             "/RichMedia", "/RichMediaContent", "/3D", "/3DD", "/XFA", "/SubmitForm", "/ImportData", "/ResetForm",
             "/GoToR", "/GoToE", "/FileAttachment", "/Rendition", "/Screen", "/AcroForm"}
ENCRYPTED = "is password-protected (or locked against copying or changes); save an unprotected copy and attach that"

# Attached without their active content: what the officer is told was removed.
STRIPPED = {
    "hostile_pdf_javascript_launch_exe.pdf": ["JavaScript", "actions that start programs or open files",
                                              "embedded files", "an action that runs when the paper is opened",
                                              "actions that run when a page, field or annotation is opened"],
    "hostile_pdf_annotation_javascript.pdf": ["JavaScript", "actions that start programs or open files"],
    "hostile_pdf_goto_embedded.pdf": ["embedded files", "links into embedded files", "links into other files"],
    "hostile_pdf_form_actions.pdf": ["JavaScript", "form actions", "form fields"],  # the XFA went with them
    "hostile_pdf_rich_media.pdf": ["multimedia or 3D content"],
    "hostile_pdf_links.pdf": ["links to addresses other than web pages and e-mail"],
    "hostile_pdf_orphan_javascript.pdf": ["JavaScript", "embedded files"],
}
# Refused: what the message says after the file's name.
REFUSED = {
    "hostile_pdf_aes256.pdf": f" {ENCRYPTED}",
    "hostile_pdf_aes128.pdf": f" {ENCRYPTED}",
    "hostile_pdf_no_mediabox.pdf": ": page 1 has no usable page size (no MediaBox, or not four numbers): save it again",
    "hostile_pdf_box_of_words.pdf": ": page 1 has no usable page size (no MediaBox, or not four numbers)",
    "hostile_pdf_zero_area_box.pdf": ": page 1 is 0 × 842 points (its MediaBox is [0.0, 0.0, 0.0, 842.0]); "
                                     "a page side must be between 3 and 14,400 points",
    "hostile_pdf_inverted_box.pdf": ": page 1 is -595 × -842 points",
    "hostile_pdf_absurd_box.pdf": ": page 1 is 1,000,000,000 × 842 points",
    "hostile_pdf_zero_pages.pdf": " has no pages",
    "hostile_pdf_rotated_by_words.pdf": ": page 1 is turned by 'a quarter', which is not a number of degrees",
    "hostile_pdf_pages_loop.pdf": " is damaged: its page tree refers back to itself (object 2)",
    "hostile_pdf_pages_loop_deeper.pdf": " is damaged: its page tree refers back to itself (object 6)",
    "hostile_pdf_deep_page_tree.pdf": " has a page tree 65 levels deep; the limit is 64",
    "hostile_pdf_deep_nesting.pdf": " is built of objects nested too deeply to read",
    "hostile_pdf_nested_200_deep.pdf": " holds arrays or dictionaries nested more than 100 deep (the limit)",
    "hostile_pdf_claims_50000_pages.pdf": " says it has 50,000 pages; a paper may have at most 2,000",
    "hostile_pdf_content_bomb.pdf": ": page 1 holds 40 MB of drawing instructions; a page may hold at most 16 MB",
    "hostile_pdf_zip_renamed.pdf": " is not a PDF file (it is a Word, Excel or other Office document, or a zip file",
}


def test_the_corpus_holds_exactly_the_hostile_papers_tested_here():
    assert {p.name for p in BAD.glob("hostile_pdf_*")} == set(STRIPPED) | set(REFUSED)


def active_names(content: bytes) -> set[str]:
    """Every forbidden key or name value in every object the file lists, referred to or not."""
    reader = PdfReader(io.BytesIO(content))
    found: set[str] = set()
    numbers = {n for table in reader.xref.values() for n in table} | set(reader.xref_objStm)
    stack = [reader.trailer, *(reader.get_object(n) for n in numbers)]
    while stack:
        obj = stack.pop()
        if isinstance(obj, DictionaryObject):
            found.update(k for k in obj if k in FORBIDDEN)
            stack.extend(v for v in obj.values() if not hasattr(v, "idnum"))
        elif isinstance(obj, ArrayObject):
            stack.extend(v for v in obj if not hasattr(v, "idnum"))
        elif isinstance(obj, NameObject) and obj in FORBIDDEN:
            found.add(str(obj))
    return found


def text_of(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def july_item(demo_store, july):
    """The first July agenda item with a published paper, and the paper."""
    papers = papers_of(demo_store, july)
    item_id, paper = next((i, p) for i, p in papers.items() if p.attachment is not None and not p.report.private)
    return item_id, paper


def plant(store, item_id: int, content: bytes) -> None:
    """Put ``content`` in as the item's paper straight through SQL, as a paper stored before this check was."""
    paper = papers_of(store, find_meeting(store, JULY))[item_id]
    with store.session() as s:
        s.execute(text("UPDATE attachment SET content = :c WHERE id = :id"), {"c": content, "id": paper.attachment.id})


def test_the_hostile_files_really_hold_what_is_forbidden():
    """Guard against a corpus that tests nothing: each stripped file carries forbidden content as made."""
    for name in STRIPPED:
        assert active_names((BAD / name).read_bytes()) - {"/AcroForm"} or name == "hostile_pdf_links.pdf", name


@pytest.mark.parametrize("name", sorted(STRIPPED))
def test_an_active_paper_is_stored_and_packed_without_its_active_content(demo_store, july_item, tmp_path, name):
    item_id, _ = july_item
    attached = attach_paper_file(demo_store, item_id, BAD / name)
    assert attached.note.startswith(f"{name} held ") and "it was attached without them" in attached.note
    for what in STRIPPED[name]:
        assert what in attached.note
    stored = papers_of(demo_store, find_meeting(demo_store, JULY))[item_id].attachment.content
    assert active_names(stored) == set() and TEXT in text_of(stored)
    result = build_pack(demo_store, find_meeting(demo_store, JULY), tmp_path / "pack.pdf")
    packed = (tmp_path / "pack.pdf").read_bytes()
    assert active_names(packed) == set() and TEXT in text_of(packed)
    assert not [note for note in result.notes if "held" in note]  # stripped once, at attach time


def test_web_links_are_kept_as_passive():
    stored = check_pdf((BAD / "hostile_pdf_links.pdf").read_bytes(), "links.pdf").content
    links = [a.get_object()["/A"]["/URI"] for a in PdfReader(io.BytesIO(stored)).pages[0]["/Annots"]
             if "/A" in a.get_object()]
    assert links == ["https://www.norfolk-pcc.gov.uk/"]


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_hostile_paper_is_refused_naming_the_file_and_what_is_wrong(demo_store, demo_path, july_item, name):
    before = database_digest(demo_path)
    started = time.perf_counter()
    with pytest.raises(UserError) as refused:
        attach_paper_file(demo_store, july_item[0], BAD / name)
    assert time.perf_counter() - started < 5
    assert f"{name}{REFUSED[name]}" in str(refused.value) and str(refused.value).endswith(" It was not attached.")
    assert database_digest(demo_path) == before


def _rc4_with_empty_password() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BAD / "hostile_pdf_links.pdf"))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_every_kind_of_encryption_gets_the_same_message_even_an_empty_password(demo_store, demo_path, july_item):
    """Refused from the encryption dictionary, before any decryption: AES needs no cryptography library, and
    a paper its author locked is not republished unlocked behind their back."""
    content = _rc4_with_empty_password()
    assert PdfReader(io.BytesIO(content)).pages[0].extract_text()  # pypdf itself could open it
    before = database_digest(demo_path)
    messages = set()
    for name, data in [("rc4-empty.pdf", content), *((n, (BAD / n).read_bytes()) for n in
                                                     ("hostile_pdf_aes128.pdf", "hostile_pdf_aes256.pdf",
                                                      "paper_encrypted.pdf"))]:
        with pytest.raises(UserError) as refused:
            attach_paper(demo_store, july_item[0], data, name)
        messages.add(str(refused.value).replace(name, "NAME"))
    assert messages == {f"NAME {ENCRYPTED}. It was not attached."}
    assert database_digest(demo_path) == before


def _bounded_attach(store, item_id: int, path: Path, trace: bool = True) -> tuple[str, float, float]:
    """The refusal, the seconds and the peak traced megabytes of attaching ``path`` (traced unless not
    ``trace``: tracing triples the time of parsing many small objects)."""
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(UserError) as refused:
            attach_paper_file(store, item_id, path)
        return (str(refused.value), time.perf_counter() - started,
                tracemalloc.get_traced_memory()[1] / 2**20 if trace else 0)
    finally:
        tracemalloc.stop()


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(demo_store, demo_path, july_item, tmp_path):
    big = tmp_path / "huge scan.pdf"
    with big.open("wb") as fh:  # sparse: 201 MB on paper, nothing on disc
        fh.write(b"%PDF-1.7\n")
        fh.truncate(201 * 2**20)
    before = database_digest(demo_path)
    message, seconds, peak = _bounded_attach(demo_store, july_item[0], big)
    assert "huge scan.pdf is 201 MB; a paper may be at most 200 MB. It was not attached." in message
    assert seconds < 1 and peak < 5  # never read
    assert database_digest(demo_path) == before


@pytest.mark.parametrize(("one_subsection", "figure"), [(True, "250,000"), (False, f"{MAX_OBJECTS + 1:,}")],
                         ids=["one-subsection", "a-subsection-per-entry-under-a-small-size"])
def test_a_paper_with_too_many_objects_is_refused_before_pypdf_parses_it(demo_store, demo_path, july_item, tmp_path,
                                                                         one_subsection, figure):
    """pypdf takes about ten seconds to read a million cross-reference entries: they are counted first."""
    n = 250_000  # 5 MB
    body = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    entry = b"0000000009 00000 n \n"
    entries = b"0 %d\n" % n + entry * n if one_subsection else b"".join(b"%d 1\n" % i + entry for i in range(n))
    size = n if one_subsection else 2
    path = tmp_path / "many objects.pdf"
    path.write_bytes(body + b"xref\n" + entries
                     + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, len(body)))
    before = database_digest(demo_path)
    message, seconds, peak = _bounded_attach(demo_store, july_item[0], path)
    assert f"many objects.pdf has at least {figure} objects; a paper may have at most {MAX_OBJECTS:,}." in message
    assert seconds < 5 and peak < 300
    assert database_digest(demo_path) == before


def _real_pages(count: int) -> bytes:
    """``count`` real pages sharing one content stream, under a /Count that claims only one."""
    kids = b" ".join(b"%d 0 R" % (n + 4) for n in range(count))
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"] * count
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count 1 >>",
                     pdf_stream(b"BT ET"), *pages])


def test_real_pages_past_the_limit_under_a_small_count_are_refused_at_the_limit(demo_store, demo_path,
                                                                                 july_item, tmp_path):
    path = tmp_path / "endless.pdf"
    path.write_bytes(_real_pages(2_500))
    before = database_digest(demo_path)
    message, seconds, _ = _bounded_attach(demo_store, july_item[0], path, trace=False)
    assert "endless.pdf has more than 2,000 pages (the limit). It was not attached." in message
    assert seconds < 5
    assert database_digest(demo_path) == before


@pytest.fixture(scope="module")
def gigabyte_bomb() -> bytes:
    """A one-page paper whose 1 MB content stream inflates to 1 GiB."""
    squeeze, spaces = zlib.compressobj(9), b" " * 2**20
    head = squeeze.compress(spaces) + squeeze.flush(zlib.Z_FULL_FLUSH)
    unit = squeeze.compress(spaces) + squeeze.flush(zlib.Z_FULL_FLUSH)  # the same bytes after every full flush
    packed = head + unit * 1023  # its checksum is never reached
    return hostile_paper(more=(pdf_stream(packed, b"/Filter /FlateDecode "),),
                         page=b"/Contents [4 0 R 6 0 R] ").replace(b"/Contents 4 0 R ", b"")


def test_a_content_stream_inflating_to_a_gigabyte_is_refused_in_bounds(demo_store, demo_path, july_item, tmp_path,
                                                                      gigabyte_bomb):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(gigabyte_bomb)
    before = database_digest(demo_path)
    message, seconds, peak = _bounded_attach(demo_store, july_item[0], path)
    assert ("bomb.pdf holds a stream (object 6) that inflates to more than 64 MB, the limit for one stream"
            in message)
    assert seconds < 5 and peak < 300
    assert database_digest(demo_path) == before


def test_a_planted_active_paper_is_stripped_when_the_pack_is_built(demo_store, july_item, tmp_path):
    item_id, paper = july_item
    plant(demo_store, item_id, (BAD / "hostile_pdf_javascript_launch_exe.pdf").read_bytes())
    result = build_pack(demo_store, find_meeting(demo_store, JULY), tmp_path / "pack.pdf")
    packed = (tmp_path / "pack.pdf").read_bytes()
    assert active_names(packed) == set() and TEXT in text_of(packed)
    assert any(f"({paper.attachment.filename}) held " in note and "JavaScript" in note and "embedded files" in note
               and "the pack carries none of it" in note for note in result.notes)


def test_the_pack_command_on_a_demo_with_a_planted_hostile_paper_is_clean(demo_store, demo_path, july_item, tmp_path):
    plant(demo_store, july_item[0], (BAD / "hostile_pdf_javascript_launch_exe.pdf").read_bytes())
    demo_store.close()
    out = tmp_path / "X.pdf"
    run = run_measured("pack", "--meeting", "2025-07-08", "--out", out, "--db", demo_path, home=tmp_path / "home")
    assert run.code == 0, run.err
    assert "the pack carries none of it" in run.err
    packed = out.read_bytes()
    assert active_names(packed) == set() and TEXT in text_of(packed)
    assert run.seconds < 30 and run.peak_mb < 300, (run.seconds, run.peak_mb)


def test_the_pack_command_refuses_a_planted_gigabyte_bomb_in_bounds(demo_store, demo_path, july_item, tmp_path,
                                                                   gigabyte_bomb):
    """Planting runs the search index's text extraction too: it must come back, bounded, with no text."""
    started = time.perf_counter()
    plant(demo_store, july_item[0], gigabyte_bomb)
    assert time.perf_counter() - started < 5
    demo_store.close()
    before = database_digest(demo_path)
    run = run_measured("pack", "--meeting", "2025-07-08", "--out", tmp_path / "X.pdf", "--db", demo_path,
                       home=tmp_path / "home")
    assert run.code == 2 and "Traceback" not in run.err
    assert "holds more than 64 MB of drawing instructions; a page may hold at most 16 MB" in run.err
    # The whole command: start-up and the four items before it too (the refusal alone is timed in-process above),
    # with room for a loaded machine.
    assert run.seconds < 15 and run.peak_mb < 300, (run.seconds, run.peak_mb)
    assert not (tmp_path / "X.pdf").exists()
    assert database_digest(demo_path) == before


def test_the_search_index_reads_text_only_from_pages_light_enough(tmp_path):
    heavy = b"BT /F1 1 Tf " + b"(x) Tj " * (TEXT_PAGE_BYTES // 7 + 1) + b"ET"
    two = raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        pdf_stream(b"BT /F1 14 Tf 72 720 Td (" + TEXT.encode() + b") Tj ET"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 7 0 R >>",
        pdf_stream(heavy),
    ])
    started = time.perf_counter()
    assert pdf_pages(two) == f'["{TEXT}", ""]'
    assert time.perf_counter() - started < 5


def test_a_heavy_page_is_attached_with_a_note_that_it_cannot_be_searched(demo_store, july_item):
    heavy = b"BT /F1 1 Tf " + b"(x) Tj " * (TEXT_PAGE_BYTES // 7 + 1) + b"ET"
    attached = attach_paper(demo_store, july_item[0], hostile_paper(content=heavy), "map.pdf")
    assert (attached.pages, attached.text_pages, attached.unread_pages) == (1, 0, 1)
    assert attached.note == ("1 of the 1 pages of map.pdf hold too much drawing to read for text (over 256 KB a page, "
                             "or 4 MB a paper): those pages cannot be searched.")
