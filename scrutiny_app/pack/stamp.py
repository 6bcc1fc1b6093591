"""'Page N' at the foot of every page of the pack, whatever size the paper's pages are."""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

FONT = ("Helvetica", 9)
BASELINE = 9 * mm


def page_number_overlays(sizes: list[tuple[float, float]], first: int = 1) -> bytes:
    """One overlay page per size: the number centred at the foot on a small white patch, so it reads
    over a paper's own footer."""
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    for n, (width, height) in enumerate(sizes, start=first):
        canvas.setPageSize((width, height))
        text = f"Page {n}"
        text_width = canvas.stringWidth(text, *FONT)
        canvas.setFillColorRGB(1, 1, 1)
        canvas.rect((width - text_width) / 2 - 2 * mm, BASELINE - 1.5 * mm, text_width + 4 * mm, 5 * mm,
                    stroke=0, fill=1)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setFont(*FONT)
        canvas.drawCentredString(width / 2, BASELINE, text)
        canvas.showPage()
    canvas.save()
    return out.getvalue()
