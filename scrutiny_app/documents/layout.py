"""The one place Scrutiny lays out PDF pages (the minutes, the pack's own pages, the demo's papers): Typst.

Each document is a template in ``documents/templates`` (after the shared look in
``common.typ``) that reads its content as JSON from ``sys.inputs``: text is never
pasted into Typst markup, so a note holding ``#``, ``*``, ``$``, ``[`` or ``\\``
prints as typed. Typst writes tagged PDF/UA-1: headings, lists, tables with header
cells, figures with their alternative text, the title shown by the viewer, the
language (en-GB) and XMP metadata. Fonts come only from ``resources/fonts`` (Open
Sans, Apache 2.0), so every machine prints the same, and the templates set no
date, so the same content always gives the same bytes.

PDF/UA forbids drawing a character the font has no glyph for, and Typst refuses
the whole document then; so a character Open Sans lacks (an emoji, a Chinese or
Arabic name) is printed as U+FFFD, the replacement character, and control
characters are left out, rather than the export failing.
"""

from __future__ import annotations

import functools
import json
import re
import struct
import tempfile
from pathlib import Path

import typst

from scrutiny_app import paths

TEMPLATES = Path(__file__).resolve().parent / "templates"
STANDARD = "ua-1"
FONT_FILE = "OpenSans-Regular.ttf"  # its bold and italic cover the same characters
REPLACEMENT = "\ufffd"
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


@functools.cache
def _fonts() -> typst.Fonts:
    """The shipped fonts, loaded once per process (and no system or Typst font, so output cannot vary)."""
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                       font_paths=[str(paths.resources_dir() / "fonts")])


@functools.cache
def covered() -> frozenset[int]:
    """The characters the font draws: its Unicode cmap (format 4, the Basic Multilingual Plane) read from the file."""
    data = (paths.resources_dir() / "fonts" / FONT_FILE).read_bytes()
    tables = {data[12 + 16 * i:16 + 16 * i]: struct.unpack_from(">I", data, 20 + 16 * i)[0]
              for i in range(struct.unpack_from(">H", data, 4)[0])}
    cmap = tables[b"cmap"]
    encodings = {struct.unpack_from(">HH", data, cmap + 4 + 8 * i): struct.unpack_from(">I", data, cmap + 8 + 8 * i)[0]
                 for i in range(struct.unpack_from(">H", data, cmap + 2)[0])}
    table = cmap + encodings.get((3, 1), encodings.get((0, 3), 0))
    segments = struct.unpack_from(">H", data, table + 6)[0] // 2
    ends, starts, deltas, offsets = (struct.unpack_from(f">{segments}H", data, table + at * 2 * segments + 14 + 2 * (at > 0))
                                     for at in range(4))
    found = set()
    for n, (start, end, delta, offset) in enumerate(zip(starts, ends, deltas, offsets)):
        for code in range(start, min(end, 0xFFFE) + 1):
            if offset:  # the glyph is looked up in the array that follows this segment's offset
                at = table + 14 + 2 * segments * 3 + 2 + 2 * n + offset + 2 * (code - start)
                glyph = struct.unpack_from(">H", data, at)[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            else:
                glyph = (code + delta) & 0xFFFF
            if glyph:
                found.add(code)
    return frozenset(found)


def printable(text: str) -> str:
    """``text`` as the font can print it: line ends as newlines, control characters left out, and what the
    font has no glyph for as the replacement character."""
    text = _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    glyphs = covered()
    return "".join(c if ord(c) in glyphs or c in "\n\t" else REPLACEMENT for c in text)


def _printable(value):
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {key: _printable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_printable(item) for item in value]
    return value


@functools.cache
def _source(template: str) -> bytes:
    return ((TEMPLATES / "common.typ").read_text(encoding="utf-8")
            + (TEMPLATES / f"{template}.typ").read_text(encoding="utf-8")).encode("utf-8")


def render(template: str, data: dict, *, images: dict[str, bytes] | None = None) -> bytes:
    """Lay out ``data`` with ``templates/<template>.typ`` and return the tagged PDF.

    ``images`` (file name -> bytes) are put beside the document, where the template finds them by name."""
    inputs = {"data": json.dumps(_printable(data), ensure_ascii=False)}
    if not images:
        return typst.compile(_source(template), font_paths=_fonts(), sys_inputs=inputs, pdf_standards=STANDARD)
    with tempfile.TemporaryDirectory(prefix="scrutiny-layout-") as root:
        for name, content in images.items():
            (Path(root) / name).write_bytes(content)
        return typst.compile(_source(template), root=root, font_paths=_fonts(), sys_inputs=inputs,
                             pdf_standards=STANDARD)
