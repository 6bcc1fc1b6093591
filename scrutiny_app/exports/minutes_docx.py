"""The minutes as a Word document (python-docx), laid out like the office's published summary.

Real heading styles and repeating table header rows keep the document navigable
for screen readers and in Word's navigation pane.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from scrutiny_app.core.minutes import SIGNATURE_LINE, Minutes, Table, build_minutes
from scrutiny_app.core.queries import load_meeting
from scrutiny_app.core.store import Store
from scrutiny_app.exports.atomic import atomic_output

LANGUAGE = "en-GB"
COLUMN_WIDTHS = (Cm(7), Cm(9))  # the 16 cm between A4 margins: question, answer
# Characters XML 1.0 cannot hold; pasted text sometimes carries them.
_CONTROL = {c: None for c in range(32) if c not in (9, 10, 13)}


def _clean(text: str) -> str:
    return text.translate(_CONTROL)


def _repeat_header(row) -> None:
    """Mark a table row as a header row, repeated on each page and announced as headers."""
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _set_language(document) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_defaults.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_defaults.append(lang)
    lang.set(qn("w:val"), LANGUAGE)


def _add_text(cell_or_doc, text: str) -> None:
    """Paragraph breaks in the text become separate paragraphs."""
    parts = _clean(text).split("\n\n")
    target = cell_or_doc.paragraphs[0] if hasattr(cell_or_doc, "_tc") else cell_or_doc.add_paragraph()
    target.add_run(parts[0])
    for part in parts[1:]:
        cell_or_doc.add_paragraph(part)


def _add_table(document, table: Table) -> None:
    grid = document.add_table(rows=1, cols=2)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = grid.rows[0]
    _repeat_header(header)
    for cell, text in zip(header.cells, table.headers):
        cell.paragraphs[0].add_run(text).bold = True
    for left, right in table.rows:
        cells = grid.add_row().cells
        _add_text(cells[0], left)
        _add_text(cells[1], right)
    grid.autofit = False
    for column, width in zip(grid.columns, COLUMN_WIDTHS):
        column.width = width
        for cell in column.cells:
            cell.width = width


def render_docx(minutes: Minutes, path: Path | str) -> None:
    document = Document()
    _set_language(document)
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    document.core_properties.title = f"{minutes.title} – {minutes.date_line}"
    document.core_properties.language = LANGUAGE
    document.add_heading(minutes.title, level=0)
    document.add_paragraph(minutes.date_line).runs[0].bold = True
    if minutes.venue_line:
        document.add_paragraph(_clean(minutes.venue_line))
    for section in minutes.sections:
        document.add_heading(_clean(section.heading), level=1)
        for text in section.paragraphs:
            _add_text(document, text)
        for text in section.bullets:
            document.add_paragraph(_clean(text), style="List Bullet")
        if section.subheading:
            document.add_heading(section.subheading, level=2)
            for text in section.sub_bullets:
                document.add_paragraph(_clean(text), style="List Bullet")
        if section.table is not None and section.table.rows:
            _add_table(document, section.table)
    document.add_heading("Signed", level=1)
    for name in minutes.signatories:
        document.add_paragraph(SIGNATURE_LINE)
        document.add_paragraph(_clean(name))
    with atomic_output(path) as tmp:
        document.save(tmp)


def export_minutes_docx(store: Store, meeting_id: int, path: Path | str, *, public: bool = False) -> None:
    """Write the summary of meeting ``meeting_id`` to ``path`` (all or nothing)."""
    render_docx(build_minutes(load_meeting(store, meeting_id), public=public), path)
