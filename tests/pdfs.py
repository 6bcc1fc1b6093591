"""Small real PDFs for tests, made with reportlab: each page carries a findable marker."""

from __future__ import annotations

import io

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
