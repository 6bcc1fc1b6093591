"""The one place Scrutiny lays out PDF pages (the minutes, the pack's own pages, the demo's papers): Typst.

Each document is a template in ``documents/templates`` (after the shared look in
``common.typ``) that reads its content as JSON from ``sys.inputs``: text is never
pasted into Typst markup, so a note holding ``#``, ``*``, ``$``, ``[`` or ``\\``
prints as typed. Typst writes tagged PDF/UA-1: headings, lists, tables with header
cells, figures with their alternative text, the title shown by the viewer, the
language (en-GB) and XMP metadata. Fonts come only from ``resources/fonts`` (Open
Sans, Apache 2.0), so every machine prints the same, and the templates set no
date, so the same content always gives the same bytes.
"""

from __future__ import annotations

import functools
import json
import tempfile
from pathlib import Path

import typst

from scrutiny_app import paths

TEMPLATES = Path(__file__).resolve().parent / "templates"
STANDARD = "ua-1"


@functools.cache
def _fonts() -> typst.Fonts:
    """The shipped fonts, loaded once per process (and no system or Typst font, so output cannot vary)."""
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                       font_paths=[str(paths.resources_dir() / "fonts")])


@functools.cache
def _source(template: str) -> bytes:
    return ((TEMPLATES / "common.typ").read_text(encoding="utf-8")
            + (TEMPLATES / f"{template}.typ").read_text(encoding="utf-8")).encode("utf-8")


def render(template: str, data: dict, *, images: dict[str, bytes] | None = None) -> bytes:
    """Lay out ``data`` with ``templates/<template>.typ`` and return the tagged PDF.

    ``images`` (file name -> bytes) are put beside the document, where the template finds them by name."""
    inputs = {"data": json.dumps(data, ensure_ascii=False)}
    if not images:
        return typst.compile(_source(template), font_paths=_fonts(), sys_inputs=inputs, pdf_standards=STANDARD)
    with tempfile.TemporaryDirectory(prefix="scrutiny-layout-") as root:
        for name, content in images.items():
            (Path(root) / name).write_bytes(content)
        return typst.compile(_source(template), root=root, font_paths=_fonts(), sys_inputs=inputs,
                             pdf_standards=STANDARD)
