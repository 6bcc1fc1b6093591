"""The round trip with the Constabulary: export the tracker, fill it in with openpyxl, import it back."""

from __future__ import annotations

import datetime as dt
import hashlib

import openpyxl
import pytest

from action_history import history
from db_digest import database_digest
from scrutiny_app.cli import main
from scrutiny_app.core.store import open_store
from scrutiny_app.core.queries import action_rows
from scrutiny_app.errors import UserError
from scrutiny_app.imports.action_updates import apply_plan, read_returned_tracker


def fill(path, out, edits: dict[int, dict[str, object]], sheet="Open"):
    """Write ``edits`` ({action number: {column header: value}}) into a copy of the tracker."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    headers = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        for header, value in edits.get(row[0].value, {}).items():
            row[headers.index(header)].value = value
    wb.save(out)
    return out


@pytest.fixture
def returned(tracker, tmp_path):
    return fill(tracker, tmp_path / "returned.xlsx", {
        16: {"Update": "Road safety communications refreshed in June."},
        17: {"Update": "The post was filled on 1 July.", "Status": "Closed"},
    })


def test_updates_for_16_and_17_join_their_history(demo_store, returned):
    apply_plan(demo_store, read_returned_tracker(demo_store, returned))
    assert history(demo_store, 16)[-1] == ("Road safety communications refreshed in June.", "New",
                                           "import: returned.xlsx")
    assert history(demo_store, 17)[-1] == ("The post was filled on 1 July.", "Closed", "import: returned.xlsx")


def test_imported_status_becomes_the_actions_status(demo_store, returned):
    apply_plan(demo_store, read_returned_tracker(demo_store, returned))
    assert {r.action.number: r.action.status for r in action_rows(demo_store)}[17] == "Closed"


def test_imported_updates_are_dated_now_and_belong_to_no_meeting(demo_store, returned):
    before = dt.datetime.now(dt.timezone.utc)
    apply_plan(demo_store, read_returned_tracker(demo_store, returned))
    (row,) = [r for r in action_rows(demo_store) if r.action.number == 16]
    assert row.latest.meeting_id is None
    assert row.latest.recorded_at.replace(tzinfo=dt.timezone.utc) >= before.replace(microsecond=0)


def test_earlier_history_is_kept(demo_store, returned):
    apply_plan(demo_store, read_returned_tracker(demo_store, returned))
    assert history(demo_store, 17)[0] == ("New Action.", "New", "meeting")


def test_the_preview_lists_the_changes_with_sheet_and_row(demo_store, returned):
    plan = read_returned_tracker(demo_store, returned)
    assert [str(c) for c in plan.changes] == [
        "sheet 'Open', row 2: action 16 (New): Road safety communications refreshed in June.",
        "sheet 'Open', row 3: action 17 (New → Closed): The post was filled on 1 July.",
    ]


def test_reading_alone_changes_nothing(demo_store, returned):
    before = database_digest(demo_store.path)
    read_returned_tracker(demo_store, returned)
    assert database_digest(demo_store.path) == before


def test_importing_the_same_file_twice_changes_nothing_the_second_time(demo_store, returned):
    apply_plan(demo_store, read_returned_tracker(demo_store, returned))
    before = database_digest(demo_store.path)
    plan = read_returned_tracker(demo_store, returned)
    assert (plan.changes, plan.already_recorded, apply_plan(demo_store, plan)) == ([], 2, 0)
    assert database_digest(demo_store.path) == before


def test_an_untouched_tracker_has_nothing_to_import(demo_store, tracker):
    plan = read_returned_tracker(demo_store, tracker)
    assert (plan.changes, plan.problems) == ([], [])


def test_a_float_number_from_another_program_still_matches(demo_store, tracker, tmp_path):
    path = fill(tracker, tmp_path / "r.xlsx", {16: {"Action": 16.0, "Update": "Done."}})
    assert [c.number for c in read_returned_tracker(demo_store, path).changes] == [16]


# --- bad returned files ------------------------------------------------------------------


@pytest.fixture
def bad(tracker, tmp_path):
    """Action 16 renumbered to 99, the description of 18 edited, and a good update on 17."""
    return fill(tracker, tmp_path / "bad.xlsx", {
        16: {"Action": 99, "Update": "Refreshed."},
        17: {"Update": "Filled."},
        18: {"Description": "Something else entirely."},
    })


def test_unknown_number_and_changed_description_are_reported_row_by_row(demo_store, bad):
    assert [str(p) for p in read_returned_tracker(demo_store, bad).problems] == [
        "sheet 'Open', row 2: action 99 is not in this database",
        "sheet 'Open', row 4: the description of action 18 was changed; descriptions are changed in Scrutiny, "
        "not in the returned tracker",
    ]


def test_a_file_with_problems_leaves_the_database_unchanged(demo_store, bad):
    before = database_digest(demo_store.path)
    with pytest.raises(UserError, match="nothing was imported"):
        apply_plan(demo_store, read_returned_tracker(demo_store, bad))
    assert database_digest(demo_store.path) == before


def test_valid_rows_only_applies_the_good_row(demo_store, bad):
    assert apply_plan(demo_store, read_returned_tracker(demo_store, bad), valid_only=True) == 1
    assert history(demo_store, 17)[-1][0] == "Filled."


def test_an_invalid_status_is_reported(demo_store, tracker, tmp_path):
    path = fill(tracker, tmp_path / "r.xlsx", {19: {"Status": "Done", "Update": "Included."}})
    assert [str(p) for p in read_returned_tracker(demo_store, path).problems] == [
        "sheet 'Open', row 5: 'Done' is not a status; use one of New, Ongoing, Closed"]


def test_a_status_change_without_an_update_is_reported(demo_store, tracker, tmp_path):
    path = fill(tracker, tmp_path / "r.xlsx", {19: {"Status": "Closed"}})
    (problem,) = read_returned_tracker(demo_store, path).problems
    assert str(problem).startswith("sheet 'Open', row 5: the status of action 19 was changed from New to Closed")


def test_a_missing_column_is_reported(demo_store, tracker, tmp_path):
    wb = openpyxl.load_workbook(tracker)
    wb["Open"]["I1"] = "Comments"
    wb.save(tmp_path / "r.xlsx")
    problems = read_returned_tracker(demo_store, tmp_path / "r.xlsx").problems
    assert [str(p) for p in problems] == [
        "sheet 'Open', row 1: no 'Update' column in the header row; the first row must keep the tracker's column names"]


def test_a_deleted_action_is_reported(demo_store, tracker, tmp_path):
    from scrutiny_app.core.actions import delete_action

    (row,) = [r for r in action_rows(demo_store) if r.action.number == 18]
    delete_action(demo_store, row.action.id)
    path = fill(tracker, tmp_path / "r.xlsx", {18: {"Update": "Confirmed."}})
    assert [str(p) for p in read_returned_tracker(demo_store, path).problems] == [
        "sheet 'Open', row 4: action 18 was deleted in Scrutiny"]


def test_an_action_listed_twice_is_reported(demo_store, tracker, tmp_path):
    path = fill(tracker, tmp_path / "r.xlsx", {17: {"Action": 16}})
    assert [str(p) for p in read_returned_tracker(demo_store, path).problems] == [
        "sheet 'Open', row 3: action 16 is also on sheet 'Open', row 2"]


def test_a_workbook_without_tracker_sheets_is_reported(demo_store, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    wb.save(tmp_path / "other.xlsx")
    (problem,) = read_returned_tracker(demo_store, tmp_path / "other.xlsx").problems
    assert str(problem).startswith("the workbook: no sheet called 'Open' or 'Closed'")


def test_a_file_that_is_not_a_workbook_is_a_clear_error(demo_store, tmp_path):
    path = tmp_path / "tracker.xlsx"
    path.write_text("not a workbook")
    with pytest.raises(UserError, match="cannot be read as an Excel workbook"):
        read_returned_tracker(demo_store, path)


# --- the command line ---------------------------------------------------------------------


def _reopened(store):
    """Close ``store`` so the command line can write (a second copy opens read-only), and open it again after."""
    store.close()
    return open_store(store.path)


def test_cli_applies_and_exits_0(demo_store, demo_path, returned, capsys):
    demo_store.close()
    assert main(["import", "action-updates", str(returned), "--db", str(demo_path)]) == 0
    assert "Recorded 2 update(s) from returned.xlsx" in capsys.readouterr().out
    assert history(_reopened(demo_store), 17)[-1][1] == "Closed"


def test_cli_dry_run_saves_nothing(demo_store, demo_path, returned, capsys):
    before = database_digest(demo_store.path)
    assert main(["import", "action-updates", str(returned), "--db", str(demo_path), "--dry-run"]) == 0
    assert "Dry run" in capsys.readouterr().out
    assert database_digest(demo_store.path) == before


def test_cli_reports_problems_and_exits_3_leaving_the_file_unchanged(demo_path, bad, capsys):
    before = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    assert main(["import", "action-updates", str(bad), "--db", str(demo_path)]) == 3
    err = capsys.readouterr().err
    assert "problem: sheet 'Open', row 2: action 99 is not in this database" in err
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == before


def test_cli_valid_only_applies_the_good_rows(demo_store, demo_path, bad):
    demo_store.close()
    assert main(["import", "action-updates", str(bad), "--db", str(demo_path), "--valid-only"]) == 0
    assert history(_reopened(demo_store), 17)[-1][0] == "Filled."


def test_cli_refuses_to_write_while_the_window_has_the_database_open(demo_store, demo_path, returned, capsys):
    before = database_digest(demo_store.path)
    assert main(["import", "action-updates", str(returned), "--db", str(demo_path)]) == 2
    assert "read-only" in capsys.readouterr().err
    assert database_digest(demo_store.path) == before
