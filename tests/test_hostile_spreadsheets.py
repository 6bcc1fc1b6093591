"""Hostile and damaged spreadsheets and CSVs, through the whole command (issue 16: bounds before work).

Each file is imported with ``scrutiny-app import`` in a child process on a copy
of the demo database: a hostile file is refused in under 5 s and 300 MB with a
message naming the limit and the figure found (or the sheet and cell of the
damage), exit 2, the database unchanged; a file whose ``<dimension>`` lies is
read in full. Small files are in the corpus (tests/data/make_bad_corpus.py,
``hostile_sheet_*``); large ones (zip bombs, hundreds of MB) are made here.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest

from db_digest import database_digest
from large_imports import indicator_workbook, returned_tracker
from measured_run import run_measured
from scrutiny_app.imports.bounds import MAX_CELLS, MAX_ROWS, MAX_TAGS

BAD = Path(__file__).parent / "data" / "bad"
PREFIX = "hostile_sheet_"
FIXTURE = Path(__file__).parent / "data" / "constabulary-tables.xlsx"
SHEET = "xl/worksheets/sheet1.xml"
MAIN = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
END = b"</sheetData></worksheet>"
# The bound is on the command's own processor time: on a machine shared with other jobs its wall-clock time
# can be several times that, so the wall clock is held only to a looser bound.
SECONDS, WALL_SECONDS, PEAK_MB = 5, 20, 300

# Corpus file: (importer, exit code, what the output must say).
CORPUS = {
    "hostile_sheet_far_corner.xlsx": ("indicators", 2, "Sheet 'Table 3' of hostile_sheet_far_corner.xlsx has values "
                                      "as far as cell XFD1048576 (row 1,048,576, column 16,384); an import reads at "
                                      f"most {MAX_ROWS:,} rows and 1,000 columns per sheet"),
    "hostile_sheet_far_row.xlsx": ("indicators", 2, "has values as far as cell F1048576 (row 1,048,576, column 6)"),
    "hostile_sheet_twenty_thousand_columns.xlsx": ("indicators", 2, "as far as cell ALM1 (row 1, column 1,001)"),
    "hostile_sheet_merged_everything.xlsx": ("indicators", 2, "Sheet 'Table 3' of hostile_sheet_merged_everything.xlsx "
                                             "merges 17,179,869,184 cells in 1 range(s), the last A1:XFD1048576; an "
                                             f"import reads at most {MAX_CELLS:,} merged cells, and 10,000 ranges"),
    "hostile_sheet_duplicate_parts.xlsx": ("indicators", 2, "hostile_sheet_duplicate_parts.xlsx is damaged: it holds "
                                           "two parts named xl/worksheets/sheet1.xml"),
    "hostile_sheet_nan_number.xlsx": ("indicators", 2, "Sheet 'Table 3' of hostile_sheet_nan_number.xlsx, cell C3 is "
                                      "damaged: it holds 'NaN' where the file says it holds a number"),
    "hostile_sheet_junk_date.xlsx": ("indicators", 2, "cell D4 is damaged: it holds '31st March' where the file says "
                                     "it holds a date"),
    "hostile_sheet_missing_shared_string.xlsx": ("indicators", 2, "cell B2 is damaged: it points at shared string 7, "
                                                 "and the file holds 0"),
    "hostile_sheet_bad_style.xlsx": ("indicators", 2, "Sheet 'Table 3' of hostile_sheet_bad_style.xlsx, cell B2 is "
                                     "damaged: it points at cell format 999, and the file holds 1."),
    "hostile_sheet_tracker_claims_whole_sheet.xlsx": ("action-updates", 2, "Sheet 'Open' of hostile_sheet_tracker_claims"
                                                      "_whole_sheet.xlsx has values as far as cell I1048576"),
    "hostile_sheet_tracker_nan_number.xlsx": ("action-updates", 2, "Sheet 'Open' of hostile_sheet_tracker_nan_number"
                                              ".xlsx, cell A3 is damaged: it holds 'NaN'"),
    "hostile_sheet_tracker_missing_shared_string.xlsx": ("action-updates", 2, "cell I2 is damaged: it points at "
                                                         "shared string 4000, and the file holds 0"),
    # <dimension> says A1:I2 (or the whole sheet) and is not believed: every row is read, fast.
    "hostile_sheet_tracker_dimension_hides_rows.xlsx": ("action-updates", 0, "Recorded 4 update(s)"),
    "hostile_sheet_tracker_far_blank_row.xlsx": ("action-updates", 0, "Recorded 1 update(s)"),
}


def _run(kind: str, path: Path, db: Path, tmp_path: Path, meeting: str = "2025-07-08"):
    args = ("import", kind, path, *(("--meeting", meeting) if kind == "indicators" else ()), "--db", db)
    return run_measured(*args, home=tmp_path / "home")


def _refused(kind: str, path: Path, db: Path, tmp_path: Path, message: str) -> None:
    """The file is refused with ``message``, fast and small, and the database is left as it was."""
    before = database_digest(db)
    result = _run(kind, path, db, tmp_path)
    assert (result.code, result.out) == (2, ""), result.err
    assert result.err.startswith("scrutiny-app: ") and message in result.err, result.err
    assert "Traceback" not in result.err
    assert result.cpu_seconds < SECONDS and result.seconds < WALL_SECONDS and result.peak_mb < PEAK_MB, result
    assert database_digest(db) == before


def test_the_corpus_holds_exactly_the_hostile_spreadsheets_tested_here():
    assert {p.name for p in BAD.glob(f"{PREFIX}*")} == set(CORPUS)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_a_hostile_corpus_spreadsheet_is_refused_or_read_in_full(demo_path, tmp_path, name):
    kind, code, message = CORPUS[name]
    if code == 2:
        _refused(kind, BAD / name, demo_path, tmp_path, message)
        return
    result = _run(kind, BAD / name, demo_path, tmp_path)
    assert (result.code, result.err) == (0, "") and message in result.out, result.err
    assert result.cpu_seconds < SECONDS and result.seconds < WALL_SECONDS and result.peak_mb < PEAK_MB, result


# -- files too large for the corpus, made here -------------------------------------------------------------------


def _with_part(base: Path, out: Path, part: str, data: bytes, method: int = zipfile.ZIP_DEFLATED,
               extra: int = 0) -> Path:
    """``base`` with its ``part`` replaced by ``data`` (added when absent), and ``extra`` one-byte parts added."""
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info in source.infolist():
            if info.filename != part:
                target.writestr(info.filename, source.read(info))
        target.writestr(zipfile.ZipInfo(part), data, compress_type=method)
        for n in range(extra):
            target.writestr(f"xl/media/image{n}.bin", b"x")
    return out


def _bomb(base: Path, out: Path, part: str, inflated_mib: int, claimed: int | None = None) -> Path:
    """``base`` with ``part`` a sheet of ``inflated_mib`` MiB of blanks, deflated to about 1/1000 of that.

    The zip is written by hand, with the size its header claims (``claimed``,
    the truth by default); nothing reads a bomb to its end, so its CRC is left 0.
    """
    def deflated(data: bytes, last: bool = False) -> bytes:
        z = zlib.compressobj(9, zlib.DEFLATED, -15)
        return z.compress(data) + z.flush(zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH)

    members = []
    with zipfile.ZipFile(base) as source:
        for info in source.infolist():
            if info.filename != part:
                data = source.read(info)
                members.append((info.filename, deflated(data, last=True), zlib.crc32(data), len(data)))
    filler = b" " * (1 << 20)
    body = deflated(MAIN) + deflated(filler) * inflated_mib + deflated(END, last=True)
    members.append((part, body, 0, claimed or len(MAIN) + len(filler) * inflated_mib + len(END)))
    files, directory = bytearray(), bytearray()
    for name, data, crc, size in members:
        encoded = name.encode()
        directory += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 33, crc, len(data), size,
                                 len(encoded), 0, 0, 0, 0, 0, len(files)) + encoded
        files += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 33, crc, len(data), size, len(encoded), 0)
        files += encoded + data
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), len(files), 0)
    out.write_bytes(bytes(files + directory + end))
    return out


@pytest.mark.parametrize("kind", ["indicators", "action-updates"])
def test_a_two_gigabyte_zip_bomb_is_refused_from_its_header(demo_path, tmp_path, kind):
    base = FIXTURE if kind == "indicators" else BAD / "hostile_sheet_tracker_far_blank_row.xlsx"
    bomb = _bomb(base, tmp_path / "bomb.xlsx", SHEET, 2048)
    assert bomb.stat().st_size < 3_000_000
    _refused(kind, bomb, demo_path, tmp_path,
             "bomb.xlsx is damaged or hostile: its part xl/worksheets/sheet1.xml would inflate to more than 50 MB")


@pytest.mark.parametrize(("kind", "claimed"), [("indicators", 40_000_000), ("action-updates", 1000)])
def test_a_bomb_whose_header_claims_less_is_read_no_further_than_it_claims(demo_path, tmp_path, kind, claimed):
    base = FIXTURE if kind == "indicators" else BAD / "hostile_sheet_tracker_far_blank_row.xlsx"
    bomb = _bomb(base, tmp_path / "bomb.xlsx", SHEET, 2048, claimed=claimed)
    _refused(kind, bomb, demo_path, tmp_path, "bomb.xlsx is damaged (BadZipFile: Bad CRC-32 for file 'xl/worksheets/sheet1.xml')")


@pytest.mark.parametrize("kind", ["indicators", "action-updates"])
def test_a_part_whose_deflated_bytes_are_corrupt_is_refused_as_damaged(demo_path, tmp_path, kind):
    path = tmp_path / "corrupt.xlsx"
    path.write_bytes((FIXTURE if kind == "indicators" else BAD / "hostile_sheet_tracker_far_blank_row.xlsx").read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(SHEET)
    with path.open("r+b") as fh:
        fh.seek(info.header_offset + 26)
        name_length, extra_length = struct.unpack("<2H", fh.read(4))
        fh.seek(info.header_offset + 30 + name_length + extra_length + info.compress_size // 2)
        fh.write(b"\xff" * 16)
    _refused(kind, path, demo_path, tmp_path, "corrupt.xlsx is damaged (")


def test_a_million_row_workbook_is_refused_by_its_cell_count(demo_path, tmp_path):
    rows = MAIN + b'<row><c t="n"><v>490</v></c></row>' * 1_000_000 + END
    path = _with_part(FIXTURE, tmp_path / "million.xlsx", SHEET, rows)
    _refused("indicators", path, demo_path, tmp_path,
             f"million.xlsx holds 1,000,000 cells (counted as far as its part {SHEET}); an import reads at most "
             f"{MAX_CELLS:,}")


def test_a_tracker_of_three_hundred_thousand_rows_is_refused_at_the_row_limit(demo_path, tmp_path):
    rows = MAIN + b'<row><c t="n"><v>16</v></c></row>' * 300_000 + END
    path = _with_part(BAD / "hostile_sheet_tracker_far_blank_row.xlsx", tmp_path / "long.xlsx", SHEET, rows)
    _refused("action-updates", path, demo_path, tmp_path,
             f"has values as far as cell A{MAX_ROWS + 1} (row {MAX_ROWS + 1:,}, column 1)")


def test_a_stored_sheet_part_of_forty_megabytes_is_refused_by_its_cell_count(demo_path, tmp_path):
    cells = MAIN + b'<row r="1">' + b'<c t="n"><v>1</v></c>' * 2_000_000 + b"</row>" + END
    path = _with_part(FIXTURE, tmp_path / "stored.xlsx", SHEET, cells, method=zipfile.ZIP_STORED)
    assert path.stat().st_size > 40_000_000
    _refused("indicators", path, demo_path, tmp_path, "stored.xlsx holds 2,000,000 cells")


def test_a_workbook_of_ten_thousand_parts_is_refused(demo_path, tmp_path):
    path = _with_part(FIXTURE, tmp_path / "parts.xlsx", "docProps/app.xml", b"<Properties/>", extra=10_000)
    _refused("indicators", path, demo_path, tmp_path, "parts.xlsx holds 10,0")
    assert "parts; a workbook an import reads holds at most 1,000" in run_measured(
        "import", "action-updates", path, "--db", demo_path, home=tmp_path / "home").err


def test_a_shared_strings_part_of_a_million_strings_is_refused(demo_path, tmp_path):
    strings = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + \
        b"<si><t>x</t></si>" * 1_000_000 + b"</sst>"
    path = _with_part(BAD / "hostile_sheet_tracker_far_blank_row.xlsx", tmp_path / "strings.xlsx",
                      "xl/sharedStrings.xml", strings)
    _refused("action-updates", path, demo_path, tmp_path, "strings.xlsx holds 1,000,000 shared strings")


def test_a_sheet_flooded_with_empty_tags_is_refused(demo_path, tmp_path):
    tags = b"".join(b"<x%d/>" % n for n in range(MAX_TAGS))  # all different, so no bomb by its ratio
    path = _with_part(FIXTURE, tmp_path / "tags.xlsx", SHEET, MAIN + tags + END)
    _refused("indicators", path, demo_path, tmp_path, f"tags.xlsx holds more than {MAX_TAGS:,} XML tags")


def test_a_workbook_of_five_hundred_sheets_is_refused(demo_path, tmp_path):
    wb = openpyxl.Workbook(write_only=True)
    for n in range(500):
        wb.create_sheet(f"Table {n}").append(["Indicator"])
    wb.save(tmp_path / "sheets.xlsx")
    _refused("indicators", tmp_path / "sheets.xlsx", demo_path, tmp_path,
             "sheets.xlsx holds 500 sheets; an import reads at most 200")


def test_a_csv_of_two_hundred_megabytes_is_refused_by_its_size(demo_path, tmp_path):
    path = tmp_path / "huge.csv"
    block = b"Ward,490,457,7.2\r\n" * 60_000
    with path.open("wb") as fh:
        fh.write(b"Indicator,Last 12 months,Previous 12 months,% difference to previous 12 months\r\n")
        while fh.tell() < 200_000_000:
            fh.write(block)
    _refused("indicators", path, demo_path, tmp_path,
             f"huge.csv is {path.stat().st_size / 1e6:.1f} MB; an import reads files of at most 10 MB")


def test_a_csv_whose_one_line_holds_millions_of_cells_is_refused(demo_path, tmp_path):
    path = tmp_path / "line.csv"
    path.write_bytes(b"1," * 4_500_000 + b"1\r\n")
    _refused("indicators", path, demo_path, tmp_path,
             "Sheet 'line' of line.csv has values as far as cell IUZTY1 (row 1, column 4,500,001)")


def test_a_csv_of_ten_million_empty_lines_is_refused_before_it_is_parsed(demo_path, tmp_path):
    path = tmp_path / "blank.csv"
    path.write_bytes(b"\n" * 10_000_000)
    _refused("indicators", path, demo_path, tmp_path,
             f"blank.csv holds 10,000,000 lines; an import reads at most {MAX_ROWS:,} rows")


def test_a_csv_as_long_as_an_import_reads_and_as_wide_as_it_may_be_is_refused_by_its_cells(demo_path, tmp_path):
    path = tmp_path / "wide.csv"
    path.write_bytes(b"Indicator,Last 12 months\r\n" + (b"," * 999 + b"1\r\n") * 600)
    _refused("indicators", path, demo_path, tmp_path, "Sheet 'wide' of wide.csv spreads its values over 501 rows "
             f"× 1,000 columns; with the sheets before it that is 501,000 cells, and an import reads at most {MAX_CELLS:,}")


# -- the largest honest imports stay small ---------------------------------------------------------------------------


def test_fifty_sheets_of_two_hundred_rows_import_under_300_mb(demo_path, tmp_path):
    path = indicator_workbook(tmp_path / "fifty.xlsx")
    result = _run("indicators", path, demo_path, tmp_path, meeting="2025-04-16")  # a meeting with no tables yet
    assert result.code == 0, result.err
    assert "50 tables, 10000 rows, 0 problems" in result.out and "Imported: " in result.out
    assert result.peak_mb < PEAK_MB, result.peak_mb


def test_a_ten_thousand_row_tracker_imports_under_300_mb(demo_path, tmp_path):
    path = returned_tracker(demo_path, tmp_path / "tracker.xlsx")
    result = _run("action-updates", path, demo_path, tmp_path)
    assert result.code == 0, result.err
    assert "Recorded 10000 update(s) from tracker.xlsx" in result.out
    assert result.peak_mb < PEAK_MB, result.peak_mb
