"""Search results exported to .xlsx and read back."""

from __future__ import annotations

import datetime as dt

import openpyxl

from scrutiny_app.core import models as m
from scrutiny_app.core.search import search
from scrutiny_app.exports.search_xlsx import export_search_xlsx


def test_the_demo_hits_are_written_best_first_with_their_meeting(demo_store, tmp_path):
    out = tmp_path / "hits.xlsx"
    export_search_xlsx("DA Matters", search(demo_store, "DA Matters"), out)
    rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("Meeting date", "Series", "Kind", "Where", "Private", "Snippet")
    assert rows[1][:4] == (dt.datetime(2025, 4, 16), "PCC Accountability Meeting", "Action", "Action 18")
    assert "[DA Matters] Training" in rows[1][5]


def test_a_snippet_starting_with_an_equals_sign_stays_text(store, make_meeting, tmp_path):
    meeting = make_meeting()
    with store.session() as s:
        s.add(m.EmergingRisk(meeting_id=meeting.id, text="=HYPERLINK(\"http://x\") overtime"))
    out = tmp_path / "hits.xlsx"
    export_search_xlsx("overtime", search(store, "overtime"), out)
    cell = openpyxl.load_workbook(out).worksheets[0]["F2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
