"""Small real PDFs for tests, made with reportlab (each page carries findable text), and their text read back."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas


def make_pdf(marker: str, pages: int = 1, size=A4) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=size, invariant=1)
    for n in range(1, pages + 1):
        canvas.setFont("Helvetica", 14)
        canvas.drawString(72, size[1] - 96, f"{marker} sheet {n} of {pages}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def text_pdf(*pages: str) -> bytes:
    """A real PDF with one line of text per page."""
    out = io.BytesIO()
    canvas = Canvas(out)
    for line in pages:
        canvas.drawString(72, 720, line)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def page_texts(path) -> list[str]:
    """The text pypdf extracts from each page of the PDF file at ``path``."""
    return [page.extract_text() for page in PdfReader(path).pages]
