"""The command line: each command, and one clear line with status 2 for every user error."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import openpyxl
import pytest

from scrutiny_app.cli import main


def _run(*args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrutiny_app", *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


def test_make_demo_writes_a_database_that_opens(tmp_path, capsys):
    out = tmp_path / "demo.sqlite"
    assert main(["make-demo", "--out", str(out)]) == 0
    assert main(["export", "actions", "--db", str(out), "--out", str(tmp_path / "a.xlsx")]) == 0
    wb = openpyxl.load_workbook(tmp_path / "a.xlsx")
    numbers = [row[0] for name in ("Open", "Closed") for row in wb[name].iter_rows(min_row=2, values_only=True)]
    assert sorted(numbers) == list(range(12, 20))


def test_make_demo_will_not_overwrite(tmp_path, capsys):
    out = tmp_path / "mine.sqlite"
    out.write_bytes(b"keep me")
    assert main(["make-demo", "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_bytes() == b"keep me"


def test_export_minutes_of_the_demo(tmp_path):
    out = tmp_path / "minutes.xlsx"
    assert main(["export", "minutes", "--demo", "--meeting", "2025-04-16", "--out", str(out)]) == 0
    assert "Public questions" in openpyxl.load_workbook(out).sheetnames


def test_unknown_meeting_is_one_line_and_status_2(tmp_path, capsys):
    code = main(["export", "minutes", "--demo", "--meeting", "2031-01-01", "--out", str(tmp_path / "m.xlsx")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "No meeting on 2031-01-01" in err
    assert not (tmp_path / "m.xlsx").exists()


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path, capsys):
    db = tmp_path / "agenda.docx"
    db.write_bytes(b"PK\x03\x04 not a database")
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    assert main(["export", "actions", "--db", str(db), "--out", str(tmp_path / "a.xlsx")]) == 2
    assert "not a Scrutiny database" in capsys.readouterr().err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_an_output_folder_that_does_not_exist_is_reported(tmp_path, capsys):
    assert main(["export", "actions", "--demo", "--out", str(tmp_path / "nowhere" / "a.xlsx")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_scrutiny_db_variable_chooses_the_database(tmp_path, monkeypatch):
    db = tmp_path / "office.sqlite"
    assert main(["make-demo", "--out", str(db)]) == 0
    monkeypatch.setenv("SCRUTINY_DB", str(db))
    assert main(["export", "minutes", "--meeting", "2025-04-16", "--out", str(tmp_path / "m.xlsx")]) == 0


def test_without_options_the_database_is_in_the_user_data_folder(tmp_path):
    assert main(["export", "actions", "--out", str(tmp_path / "a.xlsx")]) == 0
    assert (tmp_path / "userdata" / "scrutiny.sqlite").exists()


def test_a_bad_date_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "minutes", "--demo", "--meeting", "16/04/2025", "--out", "x.xlsx"])
    assert exit_info.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_python_dash_m_and_screenshot_work_in_a_real_process(tmp_path):
    out = tmp_path / "shot.png"
    result = _run("screenshot", "--demo", "--out", out, "--size", "1280x800", env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_demo_never_touches_the_users_database(tmp_path):
    assert main(["export", "actions", "--demo", "--out", str(tmp_path / "a.xlsx")]) == 0
    assert not (tmp_path / "userdata").exists()


def test_export_minutes_as_word_by_extension(tmp_path):
    from docx import Document

    out = tmp_path / "summary.docx"
    assert main(["export", "minutes", "--demo", "--meeting", "2025-04-16", "--out", str(out), "--public"]) == 0
    assert Document(out).paragraphs[0].text == "Summary of the PCC Accountability Meeting"


def test_export_minutes_with_an_unknown_extension_asks_for_a_format(tmp_path, capsys):
    assert main(["export", "minutes", "--demo", "--meeting", "2025-04-16", "--out", str(tmp_path / "m.txt")]) == 2
    assert "give --format" in capsys.readouterr().err
