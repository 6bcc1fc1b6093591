"""``import indicators`` and ``export indicators`` from the command line."""

from __future__ import annotations

import openpyxl

from indicator_workbooks import annual_report, annual_rows_with_differences, edited_fixture, fixture_copy
from scrutiny_app.cli import main


def test_import_fixture_into_the_demo_reports_9_tables_84_rows_0_problems(tmp_path, capsys):
    assert main(["import", "indicators", str(fixture_copy(tmp_path)), "--meeting", "2025-07-08", "--demo"]) == 0
    assert "9 tables, 84 rows, 0 problems" in capsys.readouterr().out


def test_problems_give_status_3_and_a_line_each_with_sheet_and_cell(tmp_path, capsys):
    code = main(["import", "indicators", str(annual_report(tmp_path)), "--meeting", "2025-07-08", "--demo"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 3
    assert [line.split(":")[0] for line in lines[:3]] == [
        "Sheet 'Annual 2019-20', cell C12", "Sheet 'Annual 2019-20', cell H8", "Sheet 'Annual 2019-20', cell H9"]


def test_unknown_report_is_a_user_error(tmp_path, capsys):
    code = main(["import", "indicators", str(fixture_copy(tmp_path)), "--meeting", "2025-07-08", "--demo",
                 "--report", "no such report"])
    assert code == 2 and "No report" in capsys.readouterr().err


def test_missing_file_is_a_user_error(tmp_path, capsys):
    code = main(["import", "indicators", str(tmp_path / "nope.xlsx"), "--meeting", "2025-07-08", "--demo"])
    assert code == 2 and "no such file" in capsys.readouterr().err


def test_export_writes_printed_and_recomputed_differences_and_flags(tmp_path, demo_path):
    edited = edited_fixture(tmp_path, "Table 1", "F4", 15.3)
    assert main(["import", "indicators", str(edited), "--meeting", "2025-07-08", "--db", str(demo_path)]) == 3
    out = tmp_path / "indicators.xlsx"
    assert main(["export", "indicators", "--meeting", "2025-07-08", "--db", str(demo_path), "--out", str(out)]) == 0
    sheet = openpyxl.load_workbook(out)["Table 1"]
    gbh = [row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == "GBH"][0]
    assert (gbh[5], gbh[6]) == ("15.3%", 13.3) and "recomputed 13.3%" in gbh[-1]


def test_export_lists_the_flags_of_a_difference_column_in_a_table_of_years(tmp_path, demo_path):
    yearly = annual_rows_with_differences(tmp_path)
    assert main(["import", "indicators", str(yearly), "--meeting", "2025-07-08", "--db", str(demo_path)]) == 3
    out = tmp_path / "indicators.xlsx"
    assert main(["export", "indicators", "--meeting", "2025-07-08", "--db", str(demo_path), "--out", str(out)]) == 0
    rows = {row[1]: row for row in openpyxl.load_workbook(out)["Table 9"].iter_rows(min_row=2, values_only=True)}
    assert rows["Difference (Crimes recorded)"][-1] == "2017/18: printed 3,312, recomputed 3,132 from 70112 and 66980"
