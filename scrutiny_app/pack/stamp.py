"""'Page N' at the foot of every page of the pack, whatever size the paper's pages are.

Each page's own content is left as it is, encoded: a shared ``q`` stream goes
before it and ``Q`` plus the number after it, with the shipped Open Sans added
to the page's fonts (embedded once per pack: PDF/UA wants every font embedded).
The number is marked as an artifact (page furniture), so a tagged page stays
fully tagged and a screen reader does not read it into the text. pypdf's page merge instead decodes, parses and rewrites every paper's
content, which took most of the pack's build time (issue 8).
"""

from __future__ import annotations

from pypdf import PageObject, PdfWriter
from pypdf.generic import (
    ArrayObject, DecodedStreamObject, DictionaryObject, IndirectObject, NameObject, NumberObject, StreamObject,
)

from scrutiny_app import paths
MM = 72 / 25.4
FONT = ("OpenSans-Regular", 9)
FONT_FILE = "OpenSans-Regular.ttf"  # in resources/fonts
BASELINE = 9 * MM
# Open Sans' advance widths (thousandths of the size) of the characters of "Page N", and the metrics its
# font descriptor states (read from the font's hmtx, head and OS/2 tables).
_WIDTHS = {"P": 602, "a": 556, "g": 548, "e": 561, " ": 260, **dict.fromkeys("0123456789", 572)}
_FIRST, _LAST = 32, ord("g")
_DESCRIPTOR = {"/Flags": 32, "/FontBBox": [-550, -271, 1204, 1048], "/ItalicAngle": 0, "/Ascent": 765,
               "/Descent": -240, "/CapHeight": 714, "/StemV": 80}
FONT_KEY = "/ScrutinyPageNumber"  # the stamp's name in each page's /Font resources


def number_pages(writer: PdfWriter) -> None:
    """Stamp every page of ``writer``: the number centred at the foot on a small white patch, so it
    reads over a paper's own footer. A rotated page is turned upright first (its content gets the
    rotation), so the number sits at the foot as the page is read."""
    font = _embedded_font(writer)
    save = _stream(writer, b"q\n")
    for n, page in enumerate(writer.pages, start=1):
        if page.rotation:
            page.transfer_rotation_to_content()
        key = _font_key(page, font)
        page[NameObject("/Contents")] = ArrayObject([save, *_own_contents(writer, page),
                                                     _stream(writer, _number(page, n, key))])


def _embedded_font(writer: PdfWriter) -> IndirectObject:
    """Open Sans as a TrueType font with WinAnsi encoding, its whole program embedded (compressed)."""
    program = (paths.resources_dir() / "fonts" / FONT_FILE).read_bytes()
    file = DecodedStreamObject()
    file.set_data(program)
    file = file.flate_encode()
    file[NameObject("/Length1")] = NumberObject(len(program))
    descriptor = DictionaryObject({NameObject("/Type"): NameObject("/FontDescriptor"),
                                   NameObject("/FontName"): NameObject("/" + FONT[0]),
                                   NameObject("/FontFile2"): writer._add_object(file)})
    for key, value in _DESCRIPTOR.items():
        descriptor[NameObject(key)] = (ArrayObject(NumberObject(v) for v in value) if isinstance(value, list)
                                       else NumberObject(value))
    widths = ArrayObject(NumberObject(_WIDTHS.get(chr(c), 0)) for c in range(_FIRST, _LAST + 1))
    return writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/TrueType"),
        NameObject("/BaseFont"): NameObject("/" + FONT[0]), NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        NameObject("/FirstChar"): NumberObject(_FIRST), NameObject("/LastChar"): NumberObject(_LAST),
        NameObject("/Widths"): widths, NameObject("/FontDescriptor"): writer._add_object(descriptor),
    }))


def _stream(writer: PdfWriter, data: bytes) -> IndirectObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream)


def _own_contents(writer: PdfWriter, page: PageObject) -> list[IndirectObject]:
    """The page's content streams, as references (an array's items, or the one stream)."""
    contents = page.get("/Contents")
    resolved = contents.get_object() if contents is not None else None
    if isinstance(resolved, ArrayObject):
        return list(resolved)
    if isinstance(resolved, StreamObject):
        return [contents if isinstance(contents, IndirectObject) else writer._add_object(resolved)]
    return []


def _number(page: PageObject, n: int, key: str) -> bytes:
    """Restore the page's graphics state, then draw 'Page n' over a white patch, marked as an artifact."""
    left, bottom, right = _visible(page)
    text = f"Page {n}"
    width = sum(_WIDTHS[c] for c in text) * FONT[1] / 1000
    x = left + (right - left - width) / 2
    y = bottom + BASELINE
    patch = _numbers(x - 2 * MM, y - 1.5 * MM, width + 4 * MM, 5 * MM)
    return (f"Q\n/Artifact <</Type /Pagination>> BDC 1 1 1 rg {patch} re f 0 0 0 rg BT {key} {FONT[1]} Tf "
            f"1 0 0 1 {_numbers(x, y)} Tm ({text}) Tj ET EMC\n").encode("ascii")


def _numbers(*values: float) -> str:
    return " ".join(f"{v:.4f}".rstrip("0").rstrip(".") for v in values)


def _visible(page: PageObject) -> tuple[float, float, float]:
    """Left, bottom and right of what a viewer shows of the page: its crop box, within its media box.

    A scanned or re-cut paper may show less than its media box; a number
    placed by the media box would then be cut off."""
    media, crop = page.mediabox, page.cropbox  # pypdf gives the media box when there is no crop box
    return (float(max(media.left, crop.left)), float(max(media.bottom, crop.bottom)),
            float(min(media.right, crop.right)))


def _font_key(page: PageObject, font: IndirectObject) -> str:
    """The stamp font's name in the page's /Font resources, added under a name the paper does not use.

    Resources may be indirect and shared between pages; adding the same font under the same name
    to a shared dictionary is harmless, and the next page finds it there."""
    resources = _dictionary(page, "/Resources")
    fonts = _dictionary(resources, "/Font")
    key, n = FONT_KEY, 1
    while key in fonts and fonts.raw_get(key) != font:
        key, n = f"{FONT_KEY}{n}", n + 1
    fonts[NameObject(key)] = font
    return key


def _dictionary(parent: DictionaryObject, key: str) -> DictionaryObject:
    """``parent[key]`` resolved, made a new empty dictionary when missing or malformed."""
    value = parent.get(key)
    value = value.get_object() if value is not None else None
    if not isinstance(value, DictionaryObject):
        value = DictionaryObject()
        parent[NameObject(key)] = value
    return value
