"""The largest honest imports an office sends, built at run time: for the memory tests and the benchmark.

A 50-sheet indicator workbook of 200-row tables, and a returned tracker of
10,000 actions, each with an update (the actions are added to the database
first, so every row is recorded).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from sqlalchemy import insert
from sqlmodel import select

from scrutiny_app.core import models as m
from scrutiny_app.core.formats import TRACKER_HEADERS, TRACKER_SHEETS
from scrutiny_app.core.store import open_store

INDICATOR_HEADER = ["Indicator", "Last 12 months", "Previous 12 months", "% difference to previous 12 months"]


def indicator_workbook(path: Path, sheets: int = 50, rows: int = 200) -> Path:
    wb = openpyxl.Workbook(write_only=True)
    for n in range(1, sheets + 1):
        ws = wb.create_sheet(f"Table {n}")
        ws.append(INDICATOR_HEADER)
        for r in range(1, rows + 1):
            this, before = 100 + (r * 7 + n) % 50, 90 + (r * 3 + n) % 40
            ws.append([f"Ward {r}", this, before, round((this - before) / before * 100, 1)])
        ws.append([])
        ws.append([f"Table {n}: {rows} wards, last 12 months against the 12 before."])
    wb.save(path)
    return path


def returned_tracker(db: Path, path: Path, rows: int = 10_000) -> Path:
    """Add ``rows`` new actions to the database ``db`` and write the tracker returned with an update for each."""
    store = open_store(db, backups=False)
    with store.session() as s:
        series = s.exec(select(m.MeetingSeries).order_by(m.MeetingSeries.id)).first()
        first = max(s.exec(select(m.Action.number).where(m.Action.series_id == series.id)).all(), default=0) + 1
        numbers = range(first, first + rows)
        s.execute(insert(m.Action), [{"series_id": series.id, "number": n, "owner": "The CC", "status": "New",
                                      "description": f"The CC is to report on ward {n}."} for n in numbers])
    store.close()
    wb = openpyxl.Workbook(write_only=True)
    open_sheet, closed = (wb.create_sheet(title) for title in TRACKER_SHEETS)
    for ws in (open_sheet, closed):
        ws.append(TRACKER_HEADERS)
    for n in numbers:
        open_sheet.append([n, series.name, None, "The CC", f"The CC is to report on ward {n}.", None, "Ongoing",
                           "New Action.", f"Ward {n}: report sent to the PCC."])
    wb.save(path)
    return path
