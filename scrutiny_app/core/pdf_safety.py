"""Papers are passive and bounded: a PDF from outside is measured before pypdf parses it, checked, and
stripped of everything that could act when the paper (or the published pack) is opened.

The order matters. Sizes and object counts are read from the raw bytes first, because pypdf spends
about ten seconds per million cross-reference entries; an encrypted file is refused before anything
is decrypted (so AES needs no cryptography library); the page tree is walked here, without recursion,
so a tree that contains itself is a refusal rather than a hang; every Flate stream is inflated into a
counter, never into memory, before anything decodes it. Only then are pages read and copied.
"""

from __future__ import annotations

import io
import logging
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from scrutiny_app.core.pdf_active import strip_active
from scrutiny_app.errors import UserError

MB = 1024 * 1024
MAX_PAPER_BYTES = 200 * MB
MAX_OBJECTS = 50_000  # a 300-page report has about 10,000; pypdf parses 2,000 to 20,000 a second
MAX_PAGES = 2_000
MAX_TREE_DEPTH = 64  # page-tree levels; real trees are balanced and a handful deep
MAX_STREAM_BYTES = 64 * MB  # one stream decoded: an A4 colour scan at 300 dpi is 26 MB (scans are mostly JPEG)
MAX_DECODED_BYTES = 256 * MB  # all streams of a paper decoded: inflating is the bulk of the time to refuse a bomb
MAX_PAGE_CONTENT_BYTES = 16 * MB  # one page's drawing instructions decoded
_PAGE_CONTENT_COUNTED = 4 * MAX_PAGE_CONTENT_BYTES  # how far a page over the limit is counted, to give a figure
TEXT_PAGE_BYTES = 256 * 1024  # a page with more drawing than this is a drawing: its text is not read
TEXT_PAPER_BYTES = 4 * MB  # drawing read for text per paper (pypdf reads about 200 KB a second)
PAGE_SIDE = (3, 14_400)  # points: the limits of ISO 32000 for a page side

_XREF_SUBSECTION = re.compile(rb"\s*(\d{1,10})\s+(\d{1,10})[ \t]*\r?\n?")
_XREF_ENTRY_BYTES = 20
_XREF_SIZE = re.compile(rb"/Size\s+(\d{1,12})")
_XREF_INDEX = re.compile(rb"/Index\s*\[([\d\s]{0,4000})\]")
_FLATE = ("/FlateDecode", "/Fl")

# What a file named .pdf often really is, by its first bytes.
_OTHER_FILES = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a Word, Excel or other Office document, or a zip file"),
    (b"\xd0\xcf\x11\xe0", "an old-style Word or Excel document"),
    (b"<", "a web page, perhaps from a download that failed"),
)


@dataclass
class SafePaper:
    """A paper that passed every bound: its pages, and the active content taken off them."""

    reader: object  # pypdf.PdfReader, its objects already stripped
    pages: list
    removed: list[str] = field(default_factory=list)  # what was taken off, in words, no repeats


def _figure(n: int) -> str:
    return f"{n:,}"


def _megabytes(n: int) -> str:
    return f"{n / MB:,.0f} MB" if n >= MB else f"{n / 1024:,.0f} KB"


def check_size(size: int, name: str) -> None:
    """Refuse a file over the size limit, before it is read.

    Messages here say what is wrong with the file; the caller says what was not done because of it."""
    if size > MAX_PAPER_BYTES:
        raise UserError(f"{name} is {_megabytes(size)}; a paper may be at most "
                        f"{_megabytes(MAX_PAPER_BYTES)}.")


def check_bytes(content: bytes, name: str) -> None:
    """Refuse, from the raw bytes alone, what is empty, not a PDF, too large or claims too many objects."""
    if not content:
        raise UserError(f"{name} is empty.")
    check_size(len(content), name)
    head = content[:1024].lstrip()
    if not head.startswith(b"%PDF-"):
        kind = next((what for magic, what in _OTHER_FILES if head.startswith(magic)), None)
        raise UserError(f"{name} is not a PDF file" + (f" (it is {kind}; save it as a PDF and attach that)" if kind else "")
                        + ".")
    claimed = max([_xref_table_entries(content), content.count(b" obj"),  # what a repair would find
                   *(int(n) for n in _XREF_SIZE.findall(content)),
                   *(sum(int(n) for n in index.split()[1::2]) for index in _XREF_INDEX.findall(content))])
    if claimed > MAX_OBJECTS:
        raise UserError(f"{name} has at least {_figure(claimed)} objects; a paper may have at most {_figure(MAX_OBJECTS)}.")


def _xref_table_entries(content: bytes) -> int:
    """The entries of every cross-reference table, from their subsection headers (each entry is 20 bytes),
    counted until past the limit. A regular expression over every entry takes seconds on a large file."""
    total = 0
    at = content.find(b"xref")
    while at != -1 and total <= MAX_OBJECTS:
        pos = at + 4
        while total <= MAX_OBJECTS and (header := _XREF_SUBSECTION.match(content, pos)) is not None:
            entries = int(header[2])
            total += max(entries, 1)  # an empty subsection still costs a step
            pos = header.end() + _XREF_ENTRY_BYTES * entries
        at = content.find(b"xref", at + 4)
    return total


def _inflated_size(data: bytes, cap: int) -> int:
    """How many bytes a Flate stream inflates to, counted in 1 MB pieces and stopped just past ``cap``.

    A damaged stream counts what came out before the damage, as pypdf would read it."""
    inflater = zlib.decompressobj()
    total, pending = 0, data
    try:
        while True:
            out = inflater.decompress(pending, MB)
            total += len(out)
            if total > cap or inflater.eof:
                return total
            pending = inflater.unconsumed_tail
            if not out and not pending:
                return total
    except zlib.error:
        return total


def _decoded_size(stream, cap: int) -> int:
    """A stream's decoded size when it is Flate-encoded first (nearly all are); otherwise its stored size."""
    filters = stream.get("/Filter")
    filters = filters.get_object() if filters is not None else None
    first = filters[0] if isinstance(filters, list) and filters else filters
    data = stream._data  # the encoded bytes as stored; pypdf has no public way to them but get_data, which decodes
    return _inflated_size(data, cap) if first in _FLATE else len(data)


def _objects(reader) -> Iterator[object]:
    """Every object the cross-reference tables list, resolved (parsed) one by one."""
    numbers = {n for table in reader.xref.values() for n in table} | set(reader.xref_objStm)
    for number in sorted(numbers):
        yield reader.get_object(number)


def _check_streams(reader, name: str) -> list[object]:
    """Every object of the file, once each stream's decoded size is known to be within bounds."""
    from pypdf.generic import StreamObject

    total = 0
    objects = list(_objects(reader))
    for obj in objects:
        if isinstance(obj, StreamObject):
            size = _decoded_size(obj, MAX_STREAM_BYTES)
            if size > MAX_STREAM_BYTES:
                raise UserError(f"{name} holds a stream (object {obj.indirect_reference.idnum}) that inflates to "
                                f"more than {_megabytes(MAX_STREAM_BYTES)}, the limit for one stream: it looks built "
                                "to exhaust memory.")
            total += size
            if total > MAX_DECODED_BYTES:
                raise UserError(f"{name} inflates to more than {_megabytes(MAX_DECODED_BYTES)} in all, the limit "
                                "for one paper.")
    return objects


def _box(value) -> list[float] | None:
    value = value.get_object() if value is not None else None
    try:
        numbers = [float(v.get_object()) for v in value]
    except (TypeError, ValueError, AttributeError):
        return None
    return numbers if len(numbers) == 4 else None


def _check_page_box(node, inherited, n: int, name: str) -> None:
    raw = node.get("/MediaBox")
    box = _box(raw) if raw is not None else inherited
    where = f"{name}: page {_figure(n)}"
    if box is None:
        raise UserError(f"{where} has no usable page size (no MediaBox, or not four numbers): "
                        "save it again as a PDF (print it to PDF, for instance).")
    width, height = box[2] - box[0], box[3] - box[1]
    low, high = PAGE_SIDE
    if not (low <= width <= high and low <= height <= high):
        raise UserError(f"{where} is {width:,.0f} × {height:,.0f} points (its MediaBox is {box}); a page side must be "
                        f"between {low} and {_figure(high)} points.")


def page_count(reader, name: str) -> int:
    """Walk the page tree without recursion, refusing loops, absurd depth or size, and unusable page boxes."""
    root = reader.trailer.get("/Root")
    root = root.get_object() if root is not None else None
    pages = root.get("/Pages") if hasattr(root, "get") else None
    if pages is None:
        raise UserError(f"{name} has no pages.")
    claim = pages.get_object().get("/Count") if hasattr(pages.get_object(), "get") else None
    if isinstance(claim, int) and claim > MAX_PAGES:
        raise UserError(f"{name} says it has {_figure(claim)} pages; a paper may have at most "
                        f"{_figure(MAX_PAGES)}.")
    seen: set[tuple[int, int]] = set()
    stack = [(pages, None, 1)]
    count = 0
    while stack:
        ref, inherited, depth = stack.pop()
        key = (ref.idnum, ref.generation) if hasattr(ref, "idnum") else None
        if key is not None:
            if key in seen:
                raise UserError(f"{name} is damaged: its page tree refers back to itself (object {key[0]}).")
            seen.add(key)
        node = ref.get_object()
        if not hasattr(node, "get"):
            continue
        if depth > MAX_TREE_DEPTH:
            raise UserError(f"{name} has a page tree {depth} levels deep; the limit is {MAX_TREE_DEPTH}.")
        kids = node.get("/Kids")
        if node.get("/Type") == "/Pages" or kids is not None:
            media = node.get("/MediaBox")
            here = _box(media) if media is not None else inherited
            kids = kids.get_object() if kids is not None else []
            stack.extend((kid, here, depth + 1) for kid in reversed(list(kids) if isinstance(kids, list) else []))
            continue
        count += 1
        if count > MAX_PAGES:
            raise UserError(f"{name} has more than {_figure(MAX_PAGES)} pages (the limit).")
        _check_page_box(node, inherited, count, name)
    if count == 0:
        raise UserError(f"{name} has no pages.")
    return count


def _check_pages(pages: list, name: str) -> None:
    """Each page (its inherited values in place) turns by a whole number of degrees and holds a bounded drawing."""
    for n, page in enumerate(pages, start=1):
        rotate = page.get("/Rotate", 0)
        if not isinstance(rotate, int):
            raise UserError(f"{name}: page {_figure(n)} is turned by {rotate!r}, which is not a number of degrees.")
        size = content_size(page, _PAGE_CONTENT_COUNTED)
        if size > MAX_PAGE_CONTENT_BYTES:
            figure = f"more than {_megabytes(_PAGE_CONTENT_COUNTED)}" if size > _PAGE_CONTENT_COUNTED else _megabytes(size)
            raise UserError(f"{name}: page {_figure(n)} holds {figure} of drawing instructions; a page may hold at "
                            f"most {_megabytes(MAX_PAGE_CONTENT_BYTES)}.")


def content_size(page, cap: int) -> int:
    """The decoded size of a page's content streams, counted up to just past ``cap``."""
    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    streams = contents if isinstance(contents, list) else [contents] if contents is not None else []
    total = 0
    for stream in streams:
        stream = stream.get_object()
        if hasattr(stream, "_data"):
            total += _decoded_size(stream, cap - total)
        if total > cap:
            break
    return total


def open_safely(content: bytes, name: str, *, measure_streams: bool = True) -> SafePaper:
    """A paper opened within every bound and stripped of active content; a UserError when it cannot be.

    ``measure_streams`` (at attach time) inflates every stream into a counter first and strips every
    object of the file, even those nothing refers to; a paper already stored was measured then, so the
    pack and the search index only check its structure and strip what its pages reach."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError, WrongPasswordError

    check_bytes(content, name)
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair chatter is not the user's concern
    locked = UserError(f"{name} is password-protected (or locked against copying or changes); "
                       "save an unprotected copy and attach that.")
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:  # refused whatever the cipher, even with an empty password: see README
            raise locked
        count = page_count(reader, name)
        objects = _check_streams(reader, name) if measure_streams else []
        if count:
            reader.pages[0]  # noqa: B018 - lays the tree flat, so the count below is the pages found, not /Count
        pages = list(reader.pages)
        if len(pages) != count:
            raise UserError(f"{name} is damaged: its page tree lists {_figure(count)} pages but "
                            f"{_figure(len(pages))} can be read.")
        _check_pages(pages, name)
        removed = strip_active([reader.trailer, *pages, *objects], name)
    except UserError:
        raise
    except (DependencyError, FileNotDecryptedError, WrongPasswordError, NotImplementedError) as exc:
        raise locked from exc
    except RecursionError as exc:
        raise UserError(f"{name} is built of objects nested too deeply to read.") from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, zlib.error) as exc:
        raise UserError(f"{name} cannot be read as a PDF (it may be damaged or cut short: {exc}).") from exc
    return SafePaper(reader, pages, removed)


def passive_copy(paper: SafePaper) -> bytes:
    """The paper's pages alone, written afresh: no catalog-level actions, forms, files or outlines."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for page in paper.pages:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_texts(pages: list) -> tuple[list[str], int]:
    """Each page's text, and how many pages were too heavy to read: a page with more than
    TEXT_PAGE_BYTES of drawing, or past TEXT_PAPER_BYTES read in all, counts as having none."""
    texts, skipped, budget = [], 0, TEXT_PAPER_BYTES
    for page in pages:
        size = content_size(page, TEXT_PAGE_BYTES)
        if size > TEXT_PAGE_BYTES or size > budget:
            texts.append("")
            skipped += 1
            continue
        budget -= size
        texts.append(page.extract_text() or "")
    return texts, skipped
