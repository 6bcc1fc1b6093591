"""Small real PDFs for tests, made with reportlab (each page carries findable text), and their text read back."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas


def text_pdf(*pages: str, size=A4) -> bytes:
    """A real PDF with one line of text per page (the same bytes each time)."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=size, invariant=1)
    for line in pages:
        canvas.setFont("Helvetica", 14)
        canvas.drawString(72, size[1] - 96, line)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def make_pdf(marker: str, pages: int = 1, size=A4) -> bytes:
    """A PDF of ``pages`` pages, each saying "``marker`` sheet N of ``pages``"."""
    return text_pdf(*(f"{marker} sheet {n} of {pages}" for n in range(1, pages + 1)), size=size)


def page_texts(path) -> list[str]:
    """The text pypdf extracts from each page of the PDF file at ``path``."""
    return [page.extract_text() for page in PdfReader(path).pages]
