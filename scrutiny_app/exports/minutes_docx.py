"""The minutes as a Word document (python-docx), laid out like the office's published summary.

Real heading styles and repeating table header rows keep the document navigable
for screen readers and in Word's navigation pane. The styles are set
explicitly (Arial, black, the PDF's sizes) rather than left to Word's blue
theme headings, and the footer numbers the pages with a PAGE field.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from scrutiny_app.core.atomic import atomic_output
from scrutiny_app.core.minutes import DRAFT_NOTE, SIGNATURE_LINE, Minutes, NoteLine, Table, build_minutes
from scrutiny_app.core.queries import load_meeting
from scrutiny_app.core.store import Store

LANGUAGE = "en-GB"
FONT = "Arial"  # the PDF's Helvetica, as Word has it
BLACK = RGBColor(0, 0, 0)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
HEADER_FILL = "1F4E79"  # the PDF's table header blue
# (style, size in points, bold, space before in points): the sizes of the MINUTES_ styles in documents/layout.py.
STYLES = (("Normal", 10.5, False, 0), ("Title", 17, True, 0), ("Heading 1", 12.5, True, 12), ("Heading 2", 11, True, 6),
          ("List Bullet", 10.5, False, 0))
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


def _plain_fonts(run_properties) -> None:
    """Name the font outright: a theme font (asciiTheme…) would take precedence over it."""
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(script), FONT)


def _set_defaults(document) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _plain_fonts(run_defaults)
    lang = run_defaults.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_defaults.append(lang)
    lang.set(qn("w:val"), LANGUAGE)


def _set_styles(document) -> None:
    """Arial in black at fixed sizes: the template's theme fonts and colours would otherwise win."""
    for name, size, bold, before in STYLES:
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = False
        style.font.color.rgb = BLACK
        _plain_fonts(style.element.rPr)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(6)
    title = document.styles["Title"].element.pPr
    border = title.find(qn("w:pBdr"))
    if border is not None:
        title.remove(border)  # the template underlines the title in blue


def _field(paragraph, instruction: str) -> None:
    """A Word field (e.g. PAGE) that Word fills in when it lays the page out."""
    def char(kind: str) -> None:
        run = paragraph.add_run()
        mark = OxmlElement("w:fldChar")
        mark.set(qn("w:fldCharType"), kind)
        run._r.append(mark)

    char("begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    char("separate")
    paragraph.add_run("1")
    char("end")


def _header_and_footer(document, draft: bool) -> None:
    section = document.sections[0]
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE")
    if draft:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        mark = header.add_run(DRAFT_NOTE)
        mark.bold = True


def _add_text(cell_or_doc, text: str) -> None:
    """Paragraph breaks in the text become separate paragraphs."""
    parts = _clean(text).split("\n\n")
    target = cell_or_doc.paragraphs[0] if hasattr(cell_or_doc, "_tc") else cell_or_doc.add_paragraph()
    target.add_run(parts[0])
    for part in parts[1:]:
        cell_or_doc.add_paragraph(part)


def _add_notes(document, notes: list[NoteLine]) -> None:
    for line in notes:
        document.add_paragraph(_clean(line.text), style="List Bullet" if line.bullet else None)


def _add_table(document, table: Table) -> None:
    grid = document.add_table(rows=1, cols=2)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = grid.rows[0]
    _repeat_header(header)
    for cell, text in zip(header.cells, table.headers):
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.color.rgb = WHITE
        shade = OxmlElement("w:shd")
        shade.set(qn("w:val"), "clear")
        shade.set(qn("w:fill"), HEADER_FILL)
        cell._tc.get_or_add_tcPr().append(shade)
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
    _set_defaults(document)
    _set_styles(document)
    _header_and_footer(document, minutes.draft)
    document.core_properties.title = f"{minutes.title} – {minutes.date_line}"
    document.core_properties.language = LANGUAGE
    document.add_heading(minutes.title, level=0).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in minutes.heading_lines:
        document.add_paragraph(_clean(line)).alignment = WD_ALIGN_PARAGRAPH.CENTER
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
        _add_notes(document, section.notes)
    document.add_heading("Signed", level=1)
    for name in minutes.signatories:
        document.add_paragraph(SIGNATURE_LINE)
        document.add_paragraph(_clean(name))
    with atomic_output(path) as tmp:
        document.save(tmp)


def export_minutes_docx(store: Store, meeting_id: int, path: Path | str, *, public: bool = False,
                        draft: bool = False) -> None:
    """Write the summary of meeting ``meeting_id`` to ``path`` (all or nothing); ``draft`` marks every page."""
    render_docx(build_minutes(load_meeting(store, meeting_id), public=public, draft=draft), path)
