"""Indicator charts as images: drawn offscreen, placed under each table in Excel and after each report in the pack."""

from __future__ import annotations

import re

import openpyxl
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog
from pypdf import PdfReader

from indicator_workbooks import fixture_copy
from pdfs import page_texts
from demo_days import JULY
from scrutiny_app.cli import main
from scrutiny_app.core import models as m
from scrutiny_app.core.indicators import load_tables
from scrutiny_app.core.queries import find_meeting
from scrutiny_app.exports.indicators_xlsx import export_indicators_xlsx
from scrutiny_app.imports.indicators import import_indicators
from scrutiny_app.pack.builder import build_pack
from scrutiny_app.ui.chart_images import render_chart_images
from scrutiny_app.ui.main_window import MainWindow


@pytest.fixture
def charts(qapp, demo_store, july):
    return render_chart_images(load_tables(demo_store, july))


def _first_page_with(texts: list[str], marker: str) -> int:
    return next(n for n, text in enumerate(texts, start=1) if marker in text)


def test_every_table_is_drawn_as_a_png_at_print_size(charts, demo_store, july):
    images = [QImage.fromData(png) for png in charts.values()]
    assert len(charts) == len(load_tables(demo_store, july))
    assert {(image.width(), image.height()) for image in images} == {(1800, 900)}


def test_excel_export_puts_each_chart_two_rows_under_its_table(charts, demo_store, july, tmp_path):
    export_indicators_xlsx(demo_store, july, tmp_path / "ind.xlsx", charts)
    ws = openpyxl.load_workbook(tmp_path / "ind.xlsx")["Table 1"]
    anchors = [image.anchor._from.row + 1 for image in ws._images]  # 0-based in the drawing
    assert anchors == [ws.max_row + 2]


def test_excel_export_without_charts_has_no_images(demo_store, july, tmp_path):
    export_indicators_xlsx(demo_store, july, tmp_path / "ind.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "ind.xlsx")
    assert sum(len(ws._images) for ws in wb.worksheets) == 0


def test_pack_with_charts_still_prints_where_each_paper_starts(charts, demo_store, july, tmp_path):
    out = tmp_path / "pack.pdf"
    result = build_pack(demo_store, july, out, charts=charts)
    texts = page_texts(out)
    starts = {_first_page_with(texts, f"Progress on Police and Crime Plan priority {n}") for n in (1, 2, 3)}
    assert starts <= set(result.item_pages.values())
    assert all(f"Page {page}" in texts[0] for page in result.item_pages.values())


def test_a_reports_charts_follow_its_paper_before_the_next_item(charts, demo_store, july, tmp_path):
    out = tmp_path / "pack.pdf"
    result = build_pack(demo_store, july, out, charts=charts)
    texts = page_texts(out)
    charts_page = _first_page_with(texts, "Indicator charts: Police & Crime Plan 2025-29: Priority 1")
    priority_1, priority_2 = sorted(result.item_pages.values())[1:3]
    assert priority_1 < charts_page < priority_2
    assert "Table 1: National Crime" in texts[charts_page - 1]


def test_the_charts_are_bookmarked_under_their_item(charts, demo_store, july, tmp_path):
    out = tmp_path / "pack.pdf"
    build_pack(demo_store, july, out, charts=charts)
    reader = PdfReader(out)
    children = [entry for entry in reader.outline if isinstance(entry, list)]
    assert [[c.title for c in child] for child in children] == [["Indicator charts"]] * 3


def test_charts_of_tables_with_no_paper_close_the_pack(qapp, store, make_meeting, tmp_path):
    meeting = make_meeting(JULY)
    import_indicators(store, meeting.id, fixture_copy(tmp_path))  # no --report: the tables belong to no paper
    out = tmp_path / "pack.pdf"
    build_pack(store, meeting.id, out, charts=render_chart_images(load_tables(store, meeting.id)))
    texts = page_texts(out)
    assert texts[1].startswith("Indicator charts") and "Table 1:" in texts[1]


def test_a_private_reports_charts_stay_out_of_the_pack(charts, demo_store, july, tmp_path):
    with demo_store.session() as s:
        report = s.get(m.Report, next(v.table.report_id for v in load_tables(demo_store, july) if v.table.label == "Table 6"))
        report.private = True
        s.add(report)
    out = tmp_path / "pack.pdf"
    build_pack(demo_store, july, out, charts=charts)
    assert not any("999 Call Handling" in text for text in page_texts(out))


def test_cli_exports_indicators_with_charts(tmp_path, demo_path, capsys):
    out = tmp_path / "ind.xlsx"
    assert main(["export", "indicators", "--db", str(demo_path), "--meeting", "2025-07-08", "--out", str(out),
                 "--charts"]) == 0
    wb = openpyxl.load_workbook(out)
    assert sum(len(ws._images) for ws in wb.worksheets) == 7


def test_cli_pack_with_charts_lists_the_chart_pages(tmp_path, demo_path, capsys):
    assert main(["pack", "--db", str(demo_path), "--meeting", "2025-07-08", "--out", str(tmp_path / "p.pdf"),
                 "--charts"]) == 0
    listed = re.findall(r"page \d+: .*Indicator charts", capsys.readouterr().out)
    assert len(listed) == 3


def test_window_export_carries_the_charts_unless_turned_off(qtbot, demo_store, tmp_path, monkeypatch):
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.picker.setCurrentIndex(window.picker.findData(find_meeting(demo_store, JULY)))
    counts = []
    for on, name in ((True, "with.xlsx"), (False, "without.xlsx")):
        if window.menus.charts_action.isChecked() != on:
            window.menus.charts_action.trigger()
        out = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
        window.files.export_indicators()
        qtbot.waitUntil(out.exists, timeout=10000)
        counts.append(sum(len(ws._images) for ws in openpyxl.load_workbook(out).worksheets))
    assert counts == [7, 0]
