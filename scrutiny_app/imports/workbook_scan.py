"""Measuring an .xlsx before it is parsed: its zip read with a byte cap, its cells counted, its real extent found.

Each part is inflated with a cap on it and on the whole, never trusting the
sizes the zip claims; cells and tags are counted at C speed; then one pass over
each sheet finds the rows and columns that really hold a value, and refuses the
internals openpyxl would trip over (a shared string that is not there, a number
or date that is not one), naming the sheet and cell.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from xml.parsers import expat

from scrutiny_app.imports.bounds import (DAMAGED, MAX_CELLS, MAX_CSV_BYTES, MAX_INFLATED_BYTES, MAX_MERGED, MAX_PART_BYTES,
                                         MAX_PARTS, MAX_RATIO, MAX_SHEETS, MAX_TAGS, MAX_WORKBOOK_BYTES, MB, RATIO_FROM,
                                         Extent, check_extent, check_file_size, column_letter, column_number, refused)

_CHUNK = 1 << 20
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_STRING_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
_COORD = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,9})")


# -- the zip -------------------------------------------------------------------------------------------------


class _Parts:
    """The members of a workbook's zip, read with a cap on each and on all of them together."""

    def __init__(self, path: Path, z: zipfile.ZipFile):
        self.file, self.z = path.name, z
        self.inflated = 0
        infos = z.infolist()
        if len(infos) > MAX_PARTS:
            raise refused(f"{self.file} holds {len(infos):,} parts; a workbook an import reads holds at most "
                          f"{MAX_PARTS:,}.")
        seen = set()
        for info in infos:
            if info.filename in seen:
                raise refused(f"{self.file} is damaged: it holds two parts named {info.filename}.")
            seen.add(info.filename)
            if info.file_size > MAX_PART_BYTES:  # an honest header says so at once; a lying one is caught below
                self._too_big(info.filename)
        self.names = seen

    def _too_big(self, name: str) -> None:
        raise refused(f"{self.file} is damaged or hostile: its part {name} would inflate to more than "
                      f"{MAX_PART_BYTES // MB} MB; an import reads parts of at most {MAX_PART_BYTES // MB} MB.")

    def chunks(self, name: str):
        """The bytes of part ``name``, a chunk at a time, refused as soon as a cap is passed."""
        info = self.z.getinfo(name)
        size = 0
        with self.z.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                size += len(chunk)
                self.inflated += len(chunk)
                if size > MAX_PART_BYTES:
                    self._too_big(name)
                if size > RATIO_FROM and size > MAX_RATIO * max(info.compress_size, 1):
                    raise refused(f"{self.file} is damaged or hostile: its part {name} inflates more than "
                                  f"{MAX_RATIO} times (from {info.compress_size:,} bytes); an import refuses "
                                  "such a compression bomb.")
                if self.inflated > MAX_INFLATED_BYTES:
                    raise refused(f"{self.file} is damaged or hostile: its parts would inflate to more than "
                                  f"{MAX_INFLATED_BYTES // MB} MB; an import reads at most "
                                  f"{MAX_INFLATED_BYTES // MB} MB in all.")
                yield chunk

    def tally(self, name: str, tag: re.Pattern) -> tuple[int, int]:
        """How many elements ``tag`` matches in part ``name``, and how many tags it holds in all (at C speed).

        A chunk is cut after its last '>', and the rest carried to the next, so no tag is counted in halves.
        """
        found = tags = 0
        carry = b""
        for chunk in self.chunks(name):
            data = carry + chunk
            cut = data.rfind(b">") + 1
            if cut == 0 and len(data) < _CHUNK:
                carry = data
                continue
            cut = cut or len(data)
            found += len(tag.findall(data, 0, cut))
            tags += data.count(b"<", 0, cut)
            carry = data[cut:]
        return found + len(tag.findall(carry)), tags + carry.count(b"<")

    def parse(self, name: str, parser) -> None:
        for chunk in self.chunks(name):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)


def _sheet_parts(parts: _Parts) -> list[tuple[str, str]]:
    """(sheet name, part name) for each sheet the workbook lists, as openpyxl finds them."""
    targets: dict[str, str] = {}
    sheets: list[tuple[str, str]] = []

    def on_rel(name, attrs):
        if name == f"{_PKG_REL}}}Relationship" and attrs.get("Id") and attrs.get("Target"):
            target = attrs["Target"]
            targets[attrs["Id"]] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join("xl", target))

    def on_sheet(name, attrs):
        if name == f"{_MAIN}}}sheet":
            sheets.append((attrs.get("name", "?"), attrs.get(f"{_REL}}}id", "")))

    for part, handler in (("xl/_rels/workbook.xml.rels", on_rel), ("xl/workbook.xml", on_sheet)):
        if part in parts.names:
            parser = expat.ParserCreate(namespace_separator="}")
            parser.StartElementHandler = handler
            try:
                parts.parse(part, parser)
            except expat.ExpatError:
                pass  # openpyxl says the file is damaged, in the importer's own words
    return [(name, targets[rid]) for name, rid in sheets if targets.get(rid) in parts.names]


def _cell_styles(parts: _Parts) -> int:
    """How many cell formats xl/styles.xml holds (openpyxl's path; without it openpyxl has one)."""
    if "xl/styles.xml" not in parts.names:
        return 1
    found = {"in": False, "xfs": 0}

    def start(name, _attrs):
        if name == f"{_MAIN}}}cellXfs":
            found["in"] = True
        elif name == f"{_MAIN}}}xf" and found["in"]:
            found["xfs"] += 1

    def end(name):
        if name == f"{_MAIN}}}cellXfs":
            found["in"] = False

    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler, parser.EndElementHandler = start, end
    try:
        parts.parse("xl/styles.xml", parser)
    except expat.ExpatError:
        pass  # openpyxl says the file is damaged, in the importer's own words
    return found["xfs"]


# -- the cells of a sheet ----------------------------------------------------------------------------------------


class _SheetScan:
    """Walks a sheet's XML once, as openpyxl places its cells, keeping the extent of the cells holding a value.

    Stops at the first value beyond the limits, and at the first value openpyxl
    could not read, naming the cell.
    """

    def __init__(self, file: str, sheet: str, strings: int, styles: int, merged_before: int):
        self.file, self.strings, self.styles, self.merged_before = file, strings, styles, merged_before
        self.extent = Extent(sheet)
        self.row = self.col = 0
        self.cell: tuple[int, int, str] | None = None  # (row, col, type) of the cell being read
        self.in_value = False  # just inside a <v>: the next text is its value
        self.parser = expat.ParserCreate(namespace_separator="}")
        # Text comes whole, in one call, and no end-tag handler: a third fewer calls into Python per cell.
        self.parser.buffer_text = True
        self.parser.StartElementHandler = self.start
        self.parser.CharacterDataHandler = self.characters

    def _where(self, row: int, col: int) -> str:
        return f"Sheet '{self.extent.name}' of {self.file}, cell {column_letter(col)}{row}"

    def start(self, name: str, attrs: dict) -> None:
        tag = name[len(_MAIN) + 1:] if name.startswith(_MAIN) else ""
        self.in_value = tag == "v"
        if tag == "c":
            ref = attrs.get("r")
            if ref:
                place = _COORD.fullmatch(ref)
                if place is None:
                    raise refused(f"Sheet '{self.extent.name}' of {self.file} is damaged: '{ref[:20]}' is not a "
                                  "cell reference.")
                self.col, row = column_number(place[1]), int(place[2])
            else:
                self.col += 1
                row = self.row
            self.cell = (row, self.col, attrs.get("t", "n"))
            style = attrs.get("s")
            if style and not (style.isascii() and style.isdigit() and int(style) < self.styles):
                raise refused(f"{self._where(row, self.col)} is damaged: it points at cell format {style[:20]}, "
                              f"and the file holds {self.styles:,}.")
        elif tag == "row":
            number = attrs.get("r", "").strip()
            if number and not (number.isascii() and number.isdigit() and len(number) < 10):
                raise refused(f"Sheet '{self.extent.name}' of {self.file} is damaged: '{number[:20]}' is not a "
                              "row number.")
            self.row = int(number) if number else self.row + 1
            self.col = 0
        elif tag in ("v", "f", "is") and self.cell:
            row, col, _ = self.cell
            e = self.extent
            if row > e.rows or col > e.columns:
                check_extent(self.file, e.name, max(row, e.rows), max(col, e.columns))
                e.rows, e.columns = max(row, e.rows), max(col, e.columns)
            e.formulas = e.formulas or tag == "f"
        elif tag == "mergeCell" and attrs.get("ref"):
            self._merged(attrs["ref"])

    def _merged(self, ref: str) -> None:
        e = self.extent
        corners = [_COORD.fullmatch(x) for x in ref.split(":")]
        if len(corners) > 2 or None in corners:
            raise refused(f"Sheet '{e.name}' of {self.file} is damaged: '{ref[:40]}' is not a range of cells.")
        first, last = corners[0], corners[-1]
        e.merged += 1
        e.merged_cells += (abs(int(last[2]) - int(first[2])) + 1) * (abs(column_number(last[1]) - column_number(first[1])) + 1)
        if e.merged > MAX_MERGED or self.merged_before + e.merged_cells > MAX_CELLS:
            before = f" (and the sheets before it {self.merged_before:,})" if self.merged_before else ""
            raise refused(f"Sheet '{e.name}' of {self.file} merges {e.merged_cells:,} cells{before} in {e.merged:,} "
                          f"range(s), the last {ref}; an import reads at most {MAX_CELLS:,} merged cells, and "
                          f"{MAX_MERGED:,} ranges per sheet.")

    def characters(self, data: str) -> None:
        if self.in_value and self.cell and data.strip():
            self.in_value = False
            self._check_value(data)

    def _check_value(self, value: str) -> None:
        """Refuse what openpyxl would raise on reading: the value a cell's type says it holds, and is not."""
        row, col, kind = self.cell
        try:
            if kind == "n":
                float(value) if any(x in value for x in ".eE") else int(value)
            elif kind == "b":
                int(value)
            elif kind == "d":
                from openpyxl.utils.datetime import from_ISO8601

                from_ISO8601(value)
            elif kind == "s" and not 0 <= int(value) < self.strings:
                raise refused(f"{self._where(row, col)} is damaged: it points at shared string {value.strip()}, "
                              f"and the file holds {self.strings:,}.")
        except (ValueError, TypeError):
            what = {"n": "a number", "b": "a true/false value", "d": "a date", "s": "a shared-string number"}
            raise refused(f"{self._where(row, col)} is damaged: it holds '{value[:40]}' where the file says "
                          f"it holds {what.get(kind, 'a value')}.") from None


def measure_file(path: Path) -> None:
    """Refuse a workbook or CSV over a limit before anything else is done with it (the command line does this
    before opening the database); what cannot be measured at all is left for the importer to describe.
    """
    try:
        if path.suffix.lower() == ".csv":
            check_file_size(path, MAX_CSV_BYTES)  # its lines are counted when it is read
        else:
            measure_workbook(path)
    except OSError:
        pass
    except DAMAGED as exc:
        if zipfile.is_zipfile(path):  # a zip, damaged inside: say so now, without measuring it again
            raise refused(f"{path.name} is damaged ({type(exc).__name__}: {str(exc)[:200]}).") from exc


def measure_workbook(path: Path) -> dict[str, Extent]:
    """The extent of every sheet of the workbook ``path``, by sheet name; refuses a file over a limit.

    Raises ``zipfile.BadZipFile`` for what is not a zip at all, so each importer
    says so in its own words. The same unchanged file is measured once.
    """
    check_file_size(path, MAX_WORKBOOK_BYTES)
    stat = path.stat()
    return _measured(path.resolve(), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=4)
def _measured(path: Path, _size: int, _mtime_ns: int) -> dict[str, Extent]:
    file = path.name
    with zipfile.ZipFile(path) as z:
        parts = _Parts(path, z)
        sheets = _sheet_parts(parts)
        if len(sheets) > MAX_SHEETS:
            raise refused(f"{file} holds {len(sheets):,} sheets; an import reads at most {MAX_SHEETS}.")
        sheet_parts = {part for _, part in sheets}
        cells = strings = tags = 0
        for name in sorted(parts.names):
            is_strings = name.lower().endswith("sharedstrings.xml")
            is_sheet = name in sheet_parts or "worksheets/" in name
            found, in_part = parts.tally(name, _STRING_TAG if is_strings else _CELL_TAG)
            tags += in_part
            strings += found if is_strings else 0
            cells += found if is_sheet else 0
            if cells > MAX_CELLS or strings > MAX_CELLS:
                what = f"{cells:,} cells" if cells > MAX_CELLS else f"{strings:,} shared strings"
                raise refused(f"{file} holds {what} (counted as far as its part {name}); an import reads at "
                              f"most {MAX_CELLS:,}.")
            if tags > MAX_TAGS:
                raise refused(f"{file} holds more than {MAX_TAGS:,} XML tags (counted as far as its part {name}); "
                              f"an import reads at most {MAX_TAGS:,}, enough for {MAX_CELLS:,} cells.")
        extents: dict[str, Extent] = {}
        read = merged = 0
        styles = _cell_styles(parts)
        for sheet, part in sheets:
            scan = _SheetScan(file, sheet, strings, styles, merged)
            try:
                parts.parse(part, scan.parser)
            except expat.ExpatError:
                pass  # not XML: openpyxl refuses it, in the importer's own words
            extent = extents[sheet] = scan.extent
            read = check_extent(file, sheet, extent.rows, extent.columns, read)
            merged += extent.merged_cells
    return extents
