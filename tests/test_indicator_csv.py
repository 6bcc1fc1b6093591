"""Indicator tables from CSV files: the encodings Excel saves in, and files that are not CSV text."""

from __future__ import annotations

import pytest

from indicator_workbooks import CSV_ROWS, FIXTURE, csv_table
from scrutiny_app.cli import main
from scrutiny_app.errors import UserError
from scrutiny_app.imports.indicators import read_indicator_file


def test_windows_1252_csv_keeps_its_pound_signs_accents_and_dashes(tmp_path):
    table = read_indicator_file(csv_table(tmp_path, "cp1252")).tables[0]
    assert table.caption == "Proceeds of Crime Act – cash seized and forfeited (£)"
    assert [i.name for i in table.indicators][::2] == ["Cash seized (£)", "Seizures at café and bar premises"]


def test_utf8_csv_with_a_byte_order_mark_reads_its_header(tmp_path):
    table = read_indicator_file(csv_table(tmp_path, "utf-8-sig")).tables[0]
    assert [p["key"] for p in table.periods] == ["last_12_months", "previous_12_months", "pct_diff_previous"]


def test_csv_figures_are_read_and_every_difference_agrees(tmp_path):
    reading = read_indicator_file(csv_table(tmp_path, "cp1252"))
    seized = reading.tables[0].indicators[0].values
    assert reading.problems == [] and (seized["last_12_months"].figure.value, reading.rows) == (412650, 4)


def test_csv_disagreement_is_flagged_with_the_file_and_cell(tmp_path):
    rows = [list(r) for r in CSV_ROWS]
    rows[6][3] = "-2.8pp"  # 48.1% against 51.9% is -3.8 points
    reading = read_indicator_file(csv_table(tmp_path, "cp1252", rows=rows))
    assert [p.line()[:27] for p in reading.problems] == ["Sheet 'poca', cell D7: % of"]


def test_csv_unreadable_figure_is_an_error_with_its_cell(tmp_path):
    rows = [list(r) for r in CSV_ROWS]
    rows[4][2] = ",201750"
    reading = read_indicator_file(csv_table(tmp_path, "utf-8-sig", rows=rows))
    assert [(p.kind, p.cell) for p in reading.problems] == [("error", "C5")]


def test_a_workbook_saved_under_a_csv_name_is_refused_clearly(tmp_path):
    disguised = tmp_path / "tables.csv"
    disguised.write_bytes(FIXTURE.read_bytes())
    with pytest.raises(UserError, match="binary data, not text"):
        read_indicator_file(disguised)


def test_bytes_of_no_known_encoding_are_refused_naming_the_line(tmp_path):
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"Measure,Last 12 months\r\nCrimes,10\r\nCash \x81,12\r\n")
    with pytest.raises(UserError, match=r"line 3 is neither UTF-8 nor Windows-1252 text \(byte 0x81\)"):
        read_indicator_file(broken)


def test_cli_reports_an_unreadable_csv_in_one_line_with_status_2(tmp_path, capsys):
    disguised = tmp_path / "tables.csv"
    disguised.write_bytes(FIXTURE.read_bytes())
    assert main(["import", "indicators", str(disguised), "--meeting", "2025-07-08", "--demo"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
