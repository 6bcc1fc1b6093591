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



def annual_rows_with_differences(tmp_path: Path) -> Path:
    """A row per financial year, each figure column followed by its difference from the year before.

    Two printed differences disagree: C7 (crimes rose 3,132 in 2017/18, printed
    3,312) and F8 (the answered rate fell 2.1 points in 2018/19, printed -1.1pp).
    """
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Yearly"
    ws["A1"] = "Table 9: Crime and call answering by financial year"
    ws.append([])
    ws.append(["Year", "Crimes recorded", "Difference", "% change", "% answered within target", "Change"])
    for row in [
        ["2014/15", 61200, None, None, "91.2%", None],
        ["2015/16", 63015, "1,815", "3.0%", "90.8%", "-0.4pp"],
        ["2016/17", 66980, "3,965", "6.3%", "89.9%", "-0.9pp"],
        ["2017/18", 70112, "3,312", "4.7%", "88.1%", "-1.8pp"],
        ["2018/19", 72400, "2,288", "3.3%", "86.0%", "-1.1pp"],
        ["2019/20", 74950, "2,550", "3.5%", "84.5%", "-1.5pp"],
    ]:
        ws.append(row)
    target = tmp_path / "yearly.xlsx"
    wb.save(target)
    return target


def monthly_change_on_last_year(tmp_path: Path) -> Path:
    """Two years of months, the second year's rows printing the % change on the same month a year before."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Monthly calls"
    ws.append(["Month", "999 calls", "% change on last year"])
    for i in range(24):
        day = dt.date(2023 + (3 + i) // 12, (3 + i) % 12 + 1, 1)
        calls = 1000 + 10 * i + (15 if i % 3 == 0 else 0)
        change = None if i < 12 else f"{(calls - ws.cell(i - 10, 2).value) / ws.cell(i - 10, 2).value * 100:.1f}%"
        ws.append([day.strftime("%B %Y"), calls, change])
    target = tmp_path / "monthly.xlsx"
    wb.save(target)
    return target


CSV_ROWS = [
    ["Table 3: Proceeds of Crime Act – cash seized and forfeited (£)"],
    [],
    ["Measure", "Last 12 months", "Previous 12 months", "% difference to previous 12 months"],
    ["Cash seized (£)", "412,650", "389,100", "6.1%"],
    ["Cash forfeited (£)", "198,300", "201,750", "-1.7%"],
    ["Seizures at café and bar premises", "14", "9", "55.6%"],
    ["% of seizures forfeited", "48.1%", "51.9%", "-3.8pp"],
]


def csv_table(tmp_path: Path, encoding: str, name: str = "poca.csv", rows: list[list[str]] = CSV_ROWS) -> Path:
    """A table saved as CSV the way Excel does: 'CSV UTF-8' (utf-8-sig) or plain 'CSV' on Windows (cp1252)."""
    import csv
    import io

    text = io.StringIO(newline="")
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    target = tmp_path / name
    target.write_bytes(text.getvalue().encode(encoding))
    return target
