"""Import the Constabulary's indicator tables from a workbook or CSV, checking every printed difference.

``read_indicator_file`` reads and checks without touching the database (the
preview and ``--dry-run``); ``save_tables`` writes what was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scrutiny_app.errors import UserError
from scrutiny_app.imports.indicators.model import ColumnRole, ParsedTable, Problem
from scrutiny_app.imports.indicators.sheets import read_sheets
from scrutiny_app.imports.indicators.tables import parse_sheet


@dataclass
class FileReading:
    path: Path
    tables: list[ParsedTable]
    skipped_sheets: list[str] = field(default_factory=list)
    hidden_sheets: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how the file was read: hidden sheets, its encoding

    @property
    def problems(self) -> list[Problem]:
        return [p for t in self.tables for p in t.problems]

    @property
    def has_errors(self) -> bool:
        return any(t.errors for t in self.tables)

    @property
    def rows(self) -> int:
        return sum(len(t.data_rows) for t in self.tables)


def read_indicator_file(path: Path | str, corrections: dict[str, dict[int, ColumnRole]] | None = None) -> FileReading:
    """Every table in the file, checked; ``corrections`` are column roles per sheet name."""
    reading = FileReading(Path(path), [])
    for sheet in read_sheets(path):
        if sheet.note:
            reading.notes.append(sheet.note)
        if sheet.hidden:
            reading.hidden_sheets.append(sheet.name)
            reading.notes.append(f"Sheet '{sheet.name}' is hidden and was not read; unhide it in Excel to import it.")
            continue
        table = parse_sheet(sheet, (corrections or {}).get(sheet.name))
        if table is None:
            reading.skipped_sheets.append(sheet.name)
        else:
            reading.tables.append(table)
    if not reading.tables:
        raise UserError(" ".join([f"No indicator table was found in {reading.path.name}: a table needs a header "
                                  "row and at least one row of figures. Nothing was imported."] + reading.notes))
    return reading


@dataclass
class ImportReport:
    reading: FileReading
    imported: bool
    added: int = 0
    replaced: int = 0
    smaller: list[str] = field(default_factory=list)  # held tables the file has fewer figures, rows or columns for

    @property
    def refused_smaller(self) -> bool:
        """Nothing imported because it would have replaced held tables with smaller ones."""
        return bool(self.smaller) and not self.imported

    def lines(self) -> list[str]:
        """The report as printed: one line per problem, then the counts."""
        r = self.reading
        lines = r.notes + [p.line() for p in r.problems]
        verb = "Replaced with fewer figures" if self.imported else "Would replace with fewer figures"
        lines += [f"{verb}: {line}" for line in self.smaller]
        flags = sum(len(t.flags) for t in r.tables)
        errors = sum(len(t.errors) for t in r.tables)
        lines.append(f"{len(r.tables)} tables, {r.rows} rows, {len(r.problems)} problems "
                     f"({flags} flagged differences, {errors} unreadable cells)")
        if self.imported:
            lines.append(f"Imported: {self.added} new tables, {self.replaced} replaced.")
        elif self.smaller and not r.has_errors:
            lines.append("Nothing imported: the file would replace stored tables with fewer figures. Check it is "
                         "the whole file; to replace them anyway, import again with --replace-smaller.")
        elif r.has_errors:
            lines.append("Nothing imported: fix the unreadable cells, or import the readable rows only.")
        else:
            lines.append("Nothing imported (dry run).")
        return lines


def import_indicators(store, meeting_id: int, path: Path | str, *, report_id: int | None = None,
                      dry_run: bool = False, readable_only: bool = False, replace_smaller: bool = False,
                      corrections: dict[str, dict[int, ColumnRole]] | None = None) -> ImportReport:
    """Read, check and save, unless a dry run, unreadable cells without ``readable_only``, or held tables that
    would be replaced with fewer figures, rows or columns without ``replace_smaller``."""
    from scrutiny_app.imports.indicators.saving import save_tables, smaller_tables

    reading = read_indicator_file(path, corrections)
    if reading.has_errors and not readable_only:
        return ImportReport(reading, imported=False)
    tables = [t for t in (t.readable() for t in reading.tables) if t.indicators]
    smaller = smaller_tables(store, meeting_id, tables)
    if dry_run or (smaller and not replace_smaller):
        return ImportReport(reading, imported=False, smaller=smaller)
    saved = save_tables(store, meeting_id, tables, report_id)
    return ImportReport(reading, imported=True, added=saved.added, replaced=saved.replaced, smaller=smaller)
