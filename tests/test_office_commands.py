"""From an empty file to minutes and a pack through the commands only, and every refusal changing nothing.

The outputs are read back with independent readers (python-docx, pypdf, openpyxl).
"""

from __future__ import annotations

import openpyxl
import pytest
from docx import Document
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from db_digest import database_digest
from scrutiny_app.cli import main

SERIES = "PCC Accountability Meeting"
PEOPLE_CSV = ("Name,Role,Organisation,E-mail,Short name\n"
              "Tim Passmore,Police and Crime Commissioner,OPCCS,tim.passmore@suffolk.example,PCC Passmore\n"
              "Rachel Kearton,Chief Constable,Suffolk Constabulary,rachel.kearton@suffolk.example,CC Kearton\n"
              "Eamonn Bridger,Deputy Chief Constable,Suffolk Constabulary,eamonn.bridger@suffolk.example,DCC Bridger\n")


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _paper(path, text: str) -> None:
    canvas = Canvas(str(path))
    canvas.drawString(72, 720, text)
    canvas.showPage()
    canvas.save()


@pytest.fixture
def db(tmp_path, capsys):
    """An office entered from nothing by the commands: office, series, three people, a meeting with a paper."""
    path = tmp_path / "office.sqlite"
    (tmp_path / "people.csv").write_text(PEOPLE_CSV, encoding="utf-8")
    _paper(tmp_path / "knife.pdf", "Knife crime in Suffolk: 42 knives surrendered in Ipswich")
    steps = [
        ("office", "set", "--name", "Office of the Police and Crime Commissioner for Suffolk",
         "--address", "Landmark House, Ipswich IP1 1AA", "--telephone", "01473 555555",
         "--email", "enquiries@suffolk-pcc.example", "--formats-note", "Ask us for large print or another language."),
        ("series", "new", SERIES, "--template", "--venue", "Room 1, Landmark House", "--time", "10:00-13:00"),
        ("import", "people", tmp_path / "people.csv"),
        ("meeting", "new", "--series", SERIES, "--date", "2026-03-04"),
        ("meeting", "new", "--series", SERIES, "--date", "2026-06-10", "--time", "14:00-16:00"),
        ("agenda", "add", "--meeting", "2026-03-04", "--title", "Knife Crime Update", "--kind", "paper",
         "--minutes", "20", "--presenter", "cc kearton", "--at", "5"),
        ("attach-paper", tmp_path / "knife.pdf", "--meeting", "2026-03-04", "--item", "5"),
    ]
    for step in steps:
        code, _out, err = run(capsys, *step, "--db", path)
        assert code == 0, (step, err)
    return path


def test_an_office_entered_by_commands_prints_in_the_pack_and_minutes(db, tmp_path, capsys):
    pack, minutes = tmp_path / "pack.pdf", tmp_path / "minutes.docx"
    assert run(capsys, "pack", "--meeting", "2026-03-04", "--out", pack, "--db", db)[0] == 0
    assert run(capsys, "export", "minutes", "--meeting", "2026-03-04", "--out", minutes, "--db", db)[0] == 0

    reader = PdfReader(pack)
    front = " ".join(reader.pages[0].extract_text().split())
    assert front.startswith("Office of the Police and Crime Commissioner for Suffolk")
    for words in ("Room 1, Landmark House", "Knife Crime Update", "CC Kearton", "Landmark House, Ipswich IP1 1AA",
                  "Telephone: 01473 555555", "Email: enquiries@suffolk-pcc.example",
                  "Ask us for large print or another language.", "Wednesday 10 June 2026, 14:00: PCC Accountability"):
        assert words in front
    assert "Norfolk" not in front
    assert "42 knives surrendered" in reader.pages[1].extract_text()
    assert reader.metadata.author == "Office of the Police and Crime Commissioner for Suffolk"

    text = "\n".join(p.text for p in Document(minutes).paragraphs)
    text += "\n".join(c.text for t in Document(minutes).tables for row in t.rows for c in row.cells)
    assert "Knife Crime Update" in text and "4 March 2026" in text


def test_the_directory_and_the_meetings_list_as_tab_separated_lines(db, capsys):
    code, out, _ = run(capsys, "people", "list", "--db", db)
    assert code == 0
    assert out.splitlines() == [
        "Eamonn Bridger\tDeputy Chief Constable\tSuffolk Constabulary\teamonn.bridger@suffolk.example\tDCC Bridger",
        "Rachel Kearton\tChief Constable\tSuffolk Constabulary\trachel.kearton@suffolk.example\tCC Kearton",
        "Tim Passmore\tPolice and Crime Commissioner\tOPCCS\ttim.passmore@suffolk.example\tPCC Passmore",
    ]
    assert run(capsys, "meeting", "list", "--db", db)[1].splitlines() == [
        f"2026-03-04\t{SERIES}\tplanned\t12\t0", f"2026-06-10\t{SERIES}\tplanned\t11\t0"]


def test_a_meeting_is_moved_retimed_cancelled_and_left_out_of_the_pack(db, tmp_path, capsys):
    assert run(capsys, "meeting", "edit", "--series", SERIES, "--date", "2026-06-10", "--new-date", "2026-06-11",
               "--time", "09:30-12:00", "--venue", "Online", "--db", db)[0] == 0
    assert run(capsys, "meeting", "new", "--series", SERIES, "--date", "2026-09-09", "--db", db)[0] == 0
    assert run(capsys, "meeting", "cancel", "--series", SERIES, "--date", "2026-06-11", "--db", db)[0] == 0
    pack = tmp_path / "pack.pdf"
    assert run(capsys, "pack", "--meeting", "2026-03-04", "--out", pack, "--db", db)[0] == 0
    front = " ".join(PdfReader(pack).pages[0].extract_text().split())
    assert "9 September 2026" in front and "11 June 2026" not in front
    assert f"2026-06-11\t{SERIES}\tcancelled" in run(capsys, "meeting", "list", "--db", db)[1]


def test_a_meeting_with_nothing_in_it_is_deleted_and_one_with_a_paper_is_not(db, capsys):
    assert run(capsys, "meeting", "delete", "--series", SERIES, "--date", "2026-06-10", "--db", db)[0] == 0
    before = database_digest(db)
    code, _, err = run(capsys, "meeting", "delete", "--series", SERIES, "--date", "2026-03-04", "--db", db)
    assert (code, "holds records" in err) == (2, True)
    assert database_digest(db) == before


def test_a_day_two_series_meet_on_asks_for_the_series(db, tmp_path, capsys):
    assert run(capsys, "series", "new", "Police and Crime Panel", "--db", db)[0] == 0
    assert run(capsys, "meeting", "new", "--series", "police and crime panel", "--date", "2026-03-04", "--db", db)[0] == 0
    before = database_digest(db)
    code, _, err = run(capsys, "pack", "--meeting", "2026-03-04", "--out", tmp_path / "p.pdf", "--db", db)
    assert code == 2 and "--series" in err and not (tmp_path / "p.pdf").exists()
    assert database_digest(db) == before
    assert run(capsys, "pack", "--meeting", "2026-03-04", "--series", SERIES, "--out", tmp_path / "p.pdf",
               "--db", db)[0] == 0


@pytest.mark.parametrize("args, words", [
    (("meeting", "new", "--series", SERIES, "--date", "2026-02-30"), "“2026-02-30” is not a date; give it as YYYY-MM-DD"),
    (("meeting", "new", "--series", SERIES, "--date", "04/03/2026"), "“04/03/2026” is not a date"),
    (("meeting", "edit", "--series", SERIES, "--date", "2026-03-04", "--time", "13:00-10:00"),
     "end time 10:00 is not after the start time 13:00"),
    (("series", "new", "Panel", "--time", "10:00"), "not a range"),
    (("series", "new", "pcc accountability meeting"), "already a series called “PCC Accountability Meeting”"),
    (("meeting", "new", "--series", "No Such Series", "--date", "2026-03-05"), "no meeting series called"),
    (("meeting", "edit", "--series", SERIES, "--date", "2026-03-04", "--new-date", "2026-06-10"),
     "already has a meeting on Wednesday 10 June 2026"),
    (("agenda", "add", "--meeting", "2026-03-04", "--title", "AOB", "--presenter", "The DCC"),
     "not one person in the directory"),
    (("attach-paper", "missing.pdf", "--meeting", "2026-03-04", "--item", "5"), "missing.pdf"),
    (("attach-paper", "knife.pdf", "--meeting", "2026-03-04", "--item", "40"), "no agenda item 40"),
    (("office", "set", "--email", "enquiries at suffolk"), "not an e-mail address"),
])
def test_bad_input_is_one_clear_message_and_changes_nothing(db, tmp_path, capsys, monkeypatch, args, words):
    monkeypatch.chdir(tmp_path)
    before = database_digest(db)
    code, _, err = run_or_exit(capsys, *args, "--db", db)
    assert code == 2
    assert words in err
    assert database_digest(db) == before


def run_or_exit(capsys, *args):
    """Like :func:`run`, also for a refusal argparse makes itself (it exits with status 2)."""
    try:
        return run(capsys, *args)
    except SystemExit as exc:
        out, err = capsys.readouterr()
        return exc.code, out, err


# -- import people -----------------------------------------------------------------
def test_importing_the_same_people_again_changes_nothing(db, tmp_path, capsys):
    before = database_digest(db)
    code, out, _ = run(capsys, "import", "people", tmp_path / "people.csv", "--db", db)
    assert code == 0 and "0 to add, 0 to update, 3 already in the directory" in out
    assert database_digest(db) == before


def test_people_are_matched_by_e_mail_then_by_name_and_updated(db, tmp_path, capsys):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Directory of attendees"])  # a title above the header row
    sheet.append(["E-mail", "Short name", "Name", "Role", "Organization"])
    sheet.append(["rachel.kearton@suffolk.example", "The CC", "Rachel Kearton", None, None])
    sheet.append(["eb2@suffolk.example", None, "Eamonn Bridger", None, None])  # a new e-mail for a known name?
    sheet.append(["jo.bloggs@suffolk.example", None, "Jo Bloggs", "Head of Finance", "OPCCS"])
    book.save(tmp_path / "people.xlsx")
    before = database_digest(db)
    code, _, err = run(capsys, "import", "people", tmp_path / "people.xlsx", "--db", db)
    assert code == 3
    assert "row 4: Eamonn Bridger is in the directory with the e-mail eamonn.bridger@suffolk.example" in err
    assert database_digest(db) == before

    sheet.delete_rows(4)
    book.save(tmp_path / "people.xlsx")
    code, out, _ = run(capsys, "import", "people", tmp_path / "people.xlsx", "--db", db)
    assert code == 0
    assert out.splitlines()[:2] == ["row 3: update The CC (Rachel Kearton) <rachel.kearton@suffolk.example>: short name",
                                    "row 4: add Jo Bloggs <jo.bloggs@suffolk.example>"]
    listed = run(capsys, "people", "list", "--db", db)[1]
    assert "Rachel Kearton\tChief Constable\tSuffolk Constabulary\trachel.kearton@suffolk.example\tThe CC" in listed
    assert "Jo Bloggs\tHead of Finance\tOPCCS\tjo.bloggs@suffolk.example\t" in listed


def test_a_dry_run_lists_the_changes_and_saves_nothing(db, tmp_path, capsys):
    (tmp_path / "more.csv").write_text("name,email\nJo Bloggs,jo@suffolk.example\n", encoding="utf-8")
    before = database_digest(db)
    code, out, _ = run(capsys, "import", "people", tmp_path / "more.csv", "--dry-run", "--db", db)
    assert code == 0 and out.startswith("row 2: add Jo Bloggs <jo@suffolk.example>") and "Dry run" in out
    assert database_digest(db) == before


@pytest.mark.parametrize("content, problems", [
    ("Role,E-mail\nChief Constable,cc@x.example\n", ["people.csv has no Name column: the first row should name the "
                                                     "columns (Name, Role, Organisation, E-mail, Short name)."]),
    ("Name,E-mail\nJo Bloggs,not-an-address\n,orphan@x.example\nAl Smith,al@x.example\nAl Smyth,AL@x.example\n",
     ["row 2: “not-an-address” (for Jo Bloggs) is not an e-mail address.", "row 3: it has no name",
      "row 5: the e-mail AL@x.example is also on row 4"]),
])
def test_a_people_file_with_problems_imports_nothing_and_lists_them_by_row(db, tmp_path, capsys, content, problems):
    (tmp_path / "people.csv").write_text(content, encoding="utf-8")
    before = database_digest(db)
    code, _, err = run(capsys, "import", "people", tmp_path / "people.csv", "--db", db)
    assert code == 3
    assert [line for line in err.splitlines() if line.startswith("problem: ")] == [f"problem: {p}" for p in problems]
    assert database_digest(db) == before


def test_an_unreadable_people_file_is_exit_2_and_changes_nothing(db, tmp_path, capsys):
    (tmp_path / "people.xlsx").write_bytes(b"PK\x03\x04 this is no workbook")
    before = database_digest(db)
    code, _, err = run(capsys, "import", "people", tmp_path / "people.xlsx", "--db", db)
    assert code == 2 and "people.xlsx" in err and "Nothing was imported" in err
    assert database_digest(db) == before


def test_a_people_file_over_the_import_limits_is_refused_and_changes_nothing(db, tmp_path, capsys):
    big = tmp_path / "people.csv"
    big.write_text("Name\n" + "Jo Bloggs\n" * 200_001, encoding="utf-8")
    before = database_digest(db)
    code, _, err = run(capsys, "import", "people", big, "--db", db)
    assert code == 2 and "200,000 rows" in err
    assert database_digest(db) == before


def test_a_new_meeting_on_a_day_it_already_has_is_the_same_meeting(db, capsys):
    code, out, _ = run(capsys, "meeting", "new", "--series", SERIES, "--date", "2026-03-04", "--db", db)
    assert code == 0 and "already exists" in out
    assert run(capsys, "meeting", "list", "--db", db)[1].count("2026-03-04") == 1


def test_the_office_shows_what_was_entered(db, capsys):
    out = run(capsys, "office", "show", "--db", db)[1]
    assert "name\tOffice of the Police and Crime Commissioner for Suffolk" in out.splitlines()
    assert "telephone\t01473 555555" in out.splitlines()
