"""Workbooks for the importer tests, built with openpyxl as analysts lay them out."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl

FIXTURE = Path(__file__).parent / "data" / "constabulary-tables.xlsx"


def fixture_copy(tmp_path: Path) -> Path:
    target = tmp_path / "tables.xlsx"
    shutil.copy2(FIXTURE, target)
    return target


def edited_fixture(tmp_path: Path, sheet: str, cell: str, value) -> Path:
    """The fixture workbook with one cell changed."""
    wb = openpyxl.load_workbook(FIXTURE)
    wb[sheet][cell] = value
    target = tmp_path / "edited.xlsx"
    wb.save(target)
    return target


def annual_report(tmp_path: Path) -> Path:
    """Another year's annual report: financial years across, times as hh:mm:ss, one mixed "Difference".

    Two printed differences disagree with their figures: H8 (non-emergency
    calls fell 2.9%, printed -3.9%) and H9 (attendance time fell 30 seconds,
    printed 45). C12 (",9536") cannot be read.
    """
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Annual 2019-20"
    ws["A1"] = "Table 8: Contact management, financial years 2014/15 to 2019/20"
    ws.append([])
    ws.append(["Measure", "2014/15", "2015/16", "2016/17", "2017/18", "2018/19", "2019/20", "Difference"])
    rows = [
        ["Emergency calls received", 101234, 104120, 108911, 112001, 118420, 121006, "2,586"],
        ["Average time to answer", dt.time(0, 0, 9), dt.time(0, 0, 8), dt.time(0, 0, 8), "00:00:07", "00:00:10", "00:00:12", "00:00:02"],
        ["Crimes recorded", "61,200", "63,015", "66,980", "70,112", "72,400", "74,950", "3.5%"],
        ["% answered within target", "91.2%", "90.8%", "89.9%", "88.1%", "86.0%", "84.5%", "-1.5pp"],
        ["Non-emergency calls", 301400, 299800, 296100, 290550, 281000, 272900, "-3.9%"],
        ["Average attendance time", "00:12:31", "00:12:50", "00:13:02", "00:13:40", "00:14:05", "00:13:35", "-00:00:45"],
        ["Satisfaction with service", "78.0%", "79.5%", "80.1%", "80.0%", "81.2%", "82.0%", "0.8% points"],
        ["Repeat callers", 4020, 3980, 3875, 3790, 3702, 3650, "-52"],
        ["Calls abandoned", 1200, ",9536", 1100, 1150, 1180, 1210, "2.5%"],
    ]
    for row in rows:
        ws.append(row)
    for r in range(4, 13):
        for c in range(2, 8):
            cell = ws.cell(r, c)
            if isinstance(cell.value, int):
                cell.number_format = "#,##0"
            elif isinstance(cell.value, dt.time):
                cell.number_format = "hh:mm:ss"
    ws.append([])
    ws.append(["Source: Contact and Control Room, annual returns."])
    target = tmp_path / "annual.xlsx"
    wb.save(target)
    return target

