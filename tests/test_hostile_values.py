"""Issue 16, values: no figure lost in silence, none stored that no table holds, and exact round trips.

Figures as Word, web pages and other locales write them are read as the numbers they show; figures that are
infinite, NaN or beyond 1e15 are refused by sheet and cell, and a database that holds one anyway (planted here
through SQL, as an old database might) still exports and charts, saying so. Sheet names, reminder owners and the
tracker's own text come back out of the exports intact or cleaned, never as a traceback. Each file of the
``hostile_value_`` corpus is made by tests/data/make_bad_corpus.py.
"""

from __future__ import annotations

import datetime as dt
import email
import math
import sqlite3
from email import policy
from pathlib import Path

import openpyxl
import pytest

from db_digest import database_digest
from scrutiny_app.cli import main
from scrutiny_app.core.formats import EXCEL_CELL_LIMIT
from scrutiny_app.core.indicators import load_tables
from scrutiny_app.core.queries import find_meeting
from scrutiny_app.core.store import open_store
from scrutiny_app.errors import UserError
from scrutiny_app.imports.indicators import read_indicator_file
from scrutiny_app.imports.indicators.figures import Unreadable, parse_cell, parse_text
from scrutiny_app.imports.indicators.saving import save_tables

BAD = Path(__file__).parent / "data" / "bad"
PREFIX = "hostile_value_"
JULY = "2025-07-08"
# VALUE_ROWS of make_bad_corpus.py: (indicator, last 12 months, previous 12 months).
FIGURES = {"All crime": (12345, 11980), "Burglary": (1490, 1602), "Robbery": (233, 233), "Vehicle crime": (3301, 2950)}

READ_AS_SHOWN = ["nbsp_thousands.xlsx", "nbsp_wide.xlsx", "narrow_nbsp.csv", "thin_space.csv", "full_width.xlsx",
                 "arabic_indic.csv"]
REFUSED = {
    "mostly_unreadable.xlsx": ["Sheet 'Table 9', cell C2: All crime, Previous 12 months: '12..5' is not a number",
                               "cell C3: Burglary, Previous 12 months: ',9536' is not a number",
                               "cell C4: Robbery, Previous 12 months: 'about 450' is not a number",
                               "cell C5: Vehicle crime, Previous 12 months: '1.2.3' is not a number"],
    "infinity.xlsx": ["Sheet 'Table 9', cell B3: Burglary, Last 12 months: 'inf' is infinite, beyond "
                      "±1,000,000,000,000,000, the largest figure held"],
    "400_digits.xlsx": ["cell B4: Robbery, Last 12 months: '777777777777…777777 (400 characters)' is beyond "
                        "±1,000,000,000,000,000"],
    "not_finite_text.csv": ["cell B3: Burglary, Last 12 months: 'NaN' is not a number",
                            "cell C3: Burglary, Previous 12 months: '1e999' is infinite",
                            "cell B5: Vehicle crime, Last 12 months: '-inf' is not a number"],
    "beyond_limit.csv": ["cell B2: All crime, Last 12 months: '1234567890123456' is beyond ±1,000,000,000,000,000",
                         "cell B4: Robbery, Last 12 months: '1e16' is beyond"],
    "underflow.csv": ["cell B3: Burglary, Last 12 months: '1e-400' is too small to hold (it would be read as 0)"],
}
TRACKERS = {
    "tracker_formula_update.xlsx": "sheet 'Open', row 2: the Update cell (I2) holds the formula "
                                   "'=CONCAT(\"Report \",\"sent.\")' with no value calculated",
    "tracker_formula_closed.xlsx": "sheet 'Closed', row 2: the Update cell (I2) holds the formula '=\"Reopened.\"'",
}
OTHER_FILES = {"fewer_rows.xlsx", "nbsp_units.csv", "sheet_names.xlsx", "minus_lookalikes.csv"}


def test_the_corpus_holds_exactly_the_files_these_tests_expect():
    found = {p.name for p in BAD.iterdir() if p.name.startswith(PREFIX)}
    expected = set(READ_AS_SHOWN) | set(REFUSED) | set(TRACKERS) | OTHER_FILES
    assert found == {PREFIX + name for name in expected}
    assert all(p.stat().st_size < 100_000 for p in BAD.glob(PREFIX + "*"))


def _import(db: Path, name: str, *options: str) -> int:
    return main(["import", "indicators", str(BAD / (PREFIX + name)), "--meeting", JULY, "--db", str(db), *options])


def _table(db: Path, label: str):
    store = open_store(db, backups=False)
    try:
        return next(v for v in load_tables(store, find_meeting(store, dt.date(2025, 7, 8))) if v.table.label == label)
    finally:
        store.close()


@pytest.mark.parametrize("name", READ_AS_SHOWN)
def test_figures_written_with_other_spaces_digits_and_minus_signs_are_read_as_shown(demo_path, capsys, name):
    assert _import(demo_path, name) == 0
    assert "0 problems" in capsys.readouterr().out
    view = _table(demo_path, "Table 9")
    read = {r.indicator.name: (r.value("last_12_months"), r.value("previous_12_months")) for r in view.rows}
    assert read == FIGURES  # every figure, in its own column: none dropped, no column taken for names
    differences = {r.indicator.name: r.values["pct_diff_previous"].value for r in view.rows}
    assert differences["Burglary"] == -7.0 and differences["Vehicle crime"] == 11.9


def test_a_wider_table_keeps_its_group_name_and_figure_columns_in_place(demo_path, capsys):
    assert _import(demo_path, "nbsp_wide.xlsx") == 0
    view = _table(demo_path, "Table 9")
    assert [(r.indicator.group, r.indicator.name) for r in view.rows] == [("Acquisitive", n) for n in FIGURES]
    assert [p["key"] for p in view.table.periods] == ["last_12_months", "previous_12_months", "long_term_average",
                                                      "pct_diff_previous"]


def test_differences_written_with_a_minus_sign_dash_or_brackets_are_read_as_negative(demo_path, capsys):
    assert _import(demo_path, "minus_lookalikes.csv") == 0
    assert "0 problems" in capsys.readouterr().out  # each agrees with its figures: read as negative
    rows = _table(demo_path, "Table 9").rows
    assert [r.values["pct_diff_previous"].value for r in rows] == [-10.0, -20.0, -30.0, -40.0, -50.0, -60.0]


def test_percentages_and_points_with_a_non_breaking_space_before_the_unit_are_read(demo_path, capsys):
    assert _import(demo_path, "nbsp_units.csv") == 0
    rows = {r.indicator.name: r for r in _table(demo_path, "Table 9").rows}
    assert rows["Solved rate"].value("last_12_months") == 12.0
    assert rows["Repeat victims"].values["pct_diff_previous"].value == -2.2
    assert rows["Repeat victims"].values["pct_diff_previous"].unit == "percentage_points"


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_unreadable_infinite_and_absurd_figures_are_refused_by_cell_and_nothing_changes(demo_path, capsys, name):
    before = database_digest(demo_path)
    assert _import(demo_path, name) == 3
    out = capsys.readouterr().out
    for line in REFUSED[name]:
        assert line in out
    assert "Nothing imported: fix the unreadable cells" in out
    assert database_digest(demo_path) == before


def test_a_re_import_with_fewer_figures_is_refused_unless_asked_for(demo_path, capsys):
    before = database_digest(demo_path)
    assert _import(demo_path, "fewer_rows.xlsx") == 3
    out = capsys.readouterr().out
    assert ("Would replace with fewer figures: Table 3 (sheet 'Table 3'): held with 20 figures in 4 rows and 5 "
            "columns; this file has 15 figures in 3 rows and 5 columns") in out
    assert "to replace them anyway, import again with --replace-smaller" in out
    assert database_digest(demo_path) == before
    assert _import(demo_path, "fewer_rows.xlsx", "--dry-run") == 3
    assert database_digest(demo_path) == before
    assert _import(demo_path, "fewer_rows.xlsx", "--replace-smaller") == 0
    assert "Replaced with fewer figures: Table 3" in capsys.readouterr().out
    assert len(_table(demo_path, "Table 3").rows) == 3


def test_storage_itself_refuses_an_infinite_figure(demo_store, demo_path):
    reading = read_indicator_file(BAD / (PREFIX + "nbsp_thousands.xlsx"))
    value = reading.tables[0].indicators[1].values["last_12_months"]
    value.figure = parse_text("1490").__class__(math.inf, "count", "1490")
    before = database_digest(demo_path)
    with pytest.raises(UserError, match=r"Table 9 / Burglary / last_12_months: '1490' \(inf\) cannot be stored"):
        save_tables(demo_store, find_meeting(demo_store, dt.date(2025, 7, 8)), reading.tables)
    assert database_digest(demo_path) == before


@pytest.mark.parametrize("text, value", [
    ("1\u2009490", 1490.0),  # a thin space
    ("\uff11\uff0c\uff14\uff19\uff10", 1490.0),  # full-width digits and comma
    ("(1,490)", -1490.0),  # an accountant's negative
    ("(7.2%)", -7.2),
    ("\u207b3", -3.0),  # a superscript minus
    ("\u0661\u066c\u0664\u0669\u0660", 1490.0),  # Arabic-Indic digits and thousands separator
    ("\u200e-5\u200f", -5.0),  # direction marks around a right-to-left figure
    ("1.5E+03", 1500.0),
    ("999999999999999", 999999999999999.0),  # the largest whole figure held exactly
])
def test_look_alike_figures_are_read(text, value):
    assert parse_text(text).value == value


def test_minus_zero_is_read_as_zero():
    assert math.copysign(1, parse_text("-0").value) == 1.0


@pytest.mark.parametrize("value, message", [
    ("1,490 000", "'1,490 000' is not a number"),  # two kinds of thousands separator
    ("9007199254740993", "is beyond ±1,000,000,000,000,000"),  # 16 digits: a float cannot hold it
    ("1e-400", "is too small to hold"),
    (float("nan"), "'nan' is not a number (NaN)"),
    (float("-inf"), "'-inf' is infinite"),
    (10 ** 400, "(401 characters)' is beyond"),
])
def test_figures_no_table_holds_are_refused(value, message):
    with pytest.raises(Unreadable, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_cell(value) if not isinstance(value, str) else parse_text(value)


def _plant(db: Path, *values: float) -> None:
    """Write figures the importer refuses straight into the July meeting's Table 1, as an old database holds them."""
    con = sqlite3.connect(db)
    ids = con.execute("SELECT v.id FROM indicatorvalue v JOIN indicator i ON i.id = v.indicator_id "
                      "JOIN indicatortable t ON t.id = i.table_id JOIN meeting m ON m.id = t.meeting_id "
                      "WHERE m.date = '2025-07-08' AND t.label = 'Table 1' AND v.value IS NOT NULL "
                      "AND v.period_key = 'last_12_months' ORDER BY v.id").fetchall()
    for (id_,), value in zip(ids, values):
        con.execute("UPDATE indicatorvalue SET value = ? WHERE id = ?", (value, id_))
    con.commit()
    con.close()


def test_an_export_meeting_an_infinite_figure_notes_it_in_its_cell(demo_path, tmp_path, capsys):
    _plant(demo_path, math.inf, 1e300)
    out = tmp_path / "indicators.xlsx"
    assert main(["export", "indicators", "--meeting", JULY, "--out", str(out), "--db", str(demo_path)]) == 0
    ws = openpyxl.load_workbook(out)["Table 1"]
    notes = [c.value for row in ws.iter_rows(min_row=2) for c in row
             if isinstance(c.value, str) and "not a usable figure" in c.value]
    assert len(notes) == 2 and "(held as inf: not a usable figure; import the table again)" in notes[0]


def test_a_chart_meeting_an_infinite_figure_leaves_it_out_and_says_so(demo_path, qtbot):
    from scrutiny_app.ui.indicator_chart import IndicatorChart

    _plant(demo_path, math.inf)
    chart = IndicatorChart()
    qtbot.addWidget(chart)
    chart.show_table(_table(demo_path, "Table 1"))
    assert "(1 figure left out: not a usable number)" in chart.bar_plot.plotItem.titleLabel.text
    assert all(math.isfinite(h) for bar in chart.bars for h in bar.opts["height"])


def test_the_pack_with_charts_is_built_over_an_infinite_figure(demo_path, tmp_path, capsys):
    _plant(demo_path, math.inf, -math.inf)
    out = tmp_path / "pack.pdf"
    assert main(["pack", "--meeting", JULY, "--out", str(out), "--charts", "--db", str(demo_path)]) == 0
    assert out.stat().st_size > 0


@pytest.mark.filterwarnings("ignore:Title is more than 31 characters")  # openpyxl, reading the 40-character names
def test_sheet_names_excel_refuses_are_cleaned_and_kept_distinct_on_export(demo_path, tmp_path, capsys):
    assert _import(demo_path, "sheet_names.xlsx") == 0
    out = tmp_path / "indicators.xlsx"
    assert main(["export", "indicators", "--meeting", JULY, "--out", str(out), "--db", str(demo_path)]) == 0
    names = openpyxl.load_workbook(out).sheetnames
    assert {"Quoted", "Burglary dwelling and non-dwell", "Burglary dwelling and non-dwe 2", "Table History"} <= set(names)
    assert len({n.lower() for n in names}) == len(names) and all(len(n) <= 31 for n in names)


# The returned tracker


def _set_descriptions(db: Path, texts: list[str]) -> None:
    con = sqlite3.connect(db)
    ids = [i for i, in con.execute("SELECT id FROM action WHERE private = 0 AND deleted = 0 ORDER BY id")]
    assert len(ids) >= len(texts)
    for id_, text in zip(ids, texts):
        con.execute("UPDATE action SET description = ? WHERE id = ?", (text, id_))
    con.commit()
    con.close()


ODD_DESCRIPTIONS = [
    "Line one\rline two", "Line one\r\nline two", "Tabbed\tcolumns\there", "NUL\x00 and bell\x07 and escape\x1b[2J",
    "=1+1", "+44 1603 000000", "-1 is not a formula", "@SUM(A1)", "  leading and trailing spaces  ",
    "Escaped-looking _x000D_ and _x0041_ text", "v" * EXCEL_CELL_LIMIT, "w" * (EXCEL_CELL_LIMIT + 5_000),
]


@pytest.mark.parametrize("texts", [ODD_DESCRIPTIONS[:6], ODD_DESCRIPTIONS[6:]], ids=["controls", "formulas_and_long"])
def test_a_tracker_the_app_wrote_re_imports_with_no_problem_whatever_its_text_holds(demo_path, tmp_path, capsys,
                                                                                   texts):
    _set_descriptions(demo_path, texts)
    tracker = tmp_path / "tracker.xlsx"
    assert main(["export", "actions", "--out", str(tracker), "--db", str(demo_path)]) == 0
    before = database_digest(demo_path)
    assert main(["import", "action-updates", str(tracker), "--db", str(demo_path)]) == 0
    out, err = capsys.readouterr()
    assert "problem" not in err and "Nothing new to record." in out
    assert database_digest(demo_path) == before


def test_an_update_typed_with_line_breaks_is_recorded_with_them(demo_path, tmp_path, capsys):
    from scrutiny_app.core.queries import action_rows

    tracker = tmp_path / "tracker.xlsx"
    assert main(["export", "actions", "--out", str(tracker), "--db", str(demo_path)]) == 0
    wb = openpyxl.load_workbook(tracker)
    wb["Open"]["I2"] = "Report sent._x000D_\nPCC to reply."  # how Excel writes a carriage return in a cell
    wb.save(tracker)
    assert main(["import", "action-updates", str(tracker), "--db", str(demo_path)]) == 0
    number = wb["Open"]["A2"].value
    store = open_store(demo_path, backups=False)
    try:
        assert [r.latest.text for r in action_rows(store) if r.action.number == number] == ["Report sent.\r\nPCC to reply."]
    finally:
        store.close()


@pytest.mark.parametrize("name", sorted(TRACKERS))
def test_a_formula_with_no_calculated_value_in_a_returned_tracker_is_reported(demo_path, capsys, name):
    before = database_digest(demo_path)
    assert main(["import", "action-updates", str(BAD / (PREFIX + name)), "--db", str(demo_path)]) == 3
    assert TRACKERS[name] in capsys.readouterr().err
    assert database_digest(demo_path) == before


# Reminders


def _set_owners(db: Path, owners: dict[int, str], email_of_person: str | None = None) -> None:
    """Owners typed by hand on the given open actions (by number); optionally a directory e-mail for the first
    person that owns an open action."""
    con = sqlite3.connect(db)
    for number, owner in owners.items():
        con.execute("UPDATE action SET owner = ?, owner_person_id = NULL, status = 'Ongoing' WHERE number = ?",
                    (owner, number))
    if email_of_person is not None:
        con.execute("UPDATE person SET email = ? WHERE id = (SELECT owner_person_id FROM action WHERE status != "
                    "'Closed' AND private = 0 AND owner_person_id IS NOT NULL ORDER BY number LIMIT 1)",
                    (email_of_person,))
    con.commit()
    con.close()


def _reminders(db: Path, folder: Path) -> dict[str, email.message.EmailMessage]:
    assert main(["export", "reminders", "--out", str(folder), "--as-of", JULY, "--db", str(db)]) == 0
    assert (folder / "Due and overdue by owner.xlsx").exists()
    return {p.name: email.message_from_bytes(p.read_bytes(), policy=policy.default) for p in folder.glob("*.eml")}


def test_owners_whose_names_clean_to_one_file_name_each_get_their_own_draft(demo_path, tmp_path, capsys):
    _set_owners(demo_path, {16: "The CC?", 17: "The CC!"})
    drafts = _reminders(demo_path, tmp_path / "out")
    assert {"Reminder - The CC.eml", "Reminder - The CC (2).eml"} <= set(drafts)
    greetings = {d.get_content().splitlines()[0] for n, d in drafts.items() if n.startswith("Reminder - The CC")}
    assert greetings == {"Dear The CC?,", "Dear The CC!,"}


def test_a_name_with_a_line_break_is_folded_and_every_owner_gets_a_draft(demo_path, tmp_path, capsys):
    _set_owners(demo_path, {16: "Evil\r\nBcc: someone@example.invalid", 17: "Two\nlines"},
                email_of_person="a@example.invalid\r\nBcc: b@example.invalid")
    drafts = _reminders(demo_path, tmp_path / "out")
    assert "Reminder - Evil Bcc someoneexample.invalid.eml" in drafts and "Reminder - Two lines.eml" in drafts
    for draft in drafts.values():
        assert draft["Bcc"] is None and "\n" not in str(draft["To"])
    summary = openpyxl.load_workbook(tmp_path / "out" / "Due and overdue by owner.xlsx").active
    owners = {row[0] for row in summary.iter_rows(min_row=2, values_only=True)}
    assert {"Evil Bcc: someone@example.invalid", "Two lines"} <= owners
    assert len({o for o in owners}) == len(drafts)


def test_the_same_owner_typed_in_other_case_gets_one_draft(demo_path, tmp_path, capsys):
    _set_owners(demo_path, {16: "Head of Comms", 17: "head of  COMMS"})
    drafts = _reminders(demo_path, tmp_path / "out")
    [draft] = [d for n, d in drafts.items() if n.lower().startswith("reminder - head of comms")]
    body = draft.get_content()
    assert "Action 16" in body and "Action 17" in body


def test_a_column_headed_as_a_period_is_reported_cell_by_cell_even_when_it_holds_only_words(tmp_path):
    path = tmp_path / "words.csv"
    path.write_text("Indicator,Last 12 months,Previous 12 months\r\nAll crime,12345,about twelve thousand\r\n"
                    "Burglary,1490,not known\r\n", encoding="utf-8")
    reading = read_indicator_file(path)
    assert [p.line() for p in reading.problems] == [
        "Sheet 'words', cell C2: All crime, Previous 12 months: 'about twelve thousand' is not a number",
        "Sheet 'words', cell C3: Burglary, Previous 12 months: 'not known' is not a number"]
    assert reading.tables[0].indicators[0].name == "All crime"  # the names stay the names


def test_the_import_window_holds_back_a_smaller_table_until_the_box_is_ticked(qtbot, demo_store):
    from scrutiny_app.ui.indicator_import_dialog import IndicatorImportDialog

    meeting = find_meeting(demo_store, dt.date(2025, 7, 8))
    dialog = IndicatorImportDialog(demo_store, meeting, BAD / (PREFIX + "fewer_rows.xlsx"))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10000)  # read off the GUI thread
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.replace_smaller.isVisibleTo(dialog), timeout=10000)
    assert "held with 20 figures in 4 rows" in dialog.summary.text() and dialog.report is None
    dialog.replace_smaller.setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.import_button.click()
    assert dialog.report.imported and dialog.report.replaced == 1


def test_a_hostile_figure_is_refused_quickly_and_in_little_memory(demo_path, tmp_path):
    import time

    from measured_run import run_measured

    before = database_digest(demo_path)
    run = run_measured("import", "indicators", BAD / (PREFIX + "400_digits.xlsx"), "--meeting", JULY,
                       "--db", demo_path, home=tmp_path / "home")
    assert run.code == 3, run.err
    assert "(400 characters)' is beyond ±1,000,000,000,000,000" in run.out
    # The whole command (Python, the app's imports, the backup taken on opening) takes 3-5 s on a loaded 2-core
    # machine; the reading itself is timed on its own.
    assert run.peak_mb < 300 and run.seconds < 15, (run.seconds, run.peak_mb)
    started = time.perf_counter()
    assert read_indicator_file(BAD / (PREFIX + "400_digits.xlsx")).has_errors
    assert time.perf_counter() - started < 1
    assert database_digest(demo_path) == before
