"""The tracker workbook read back: sheets, tables, Status drop-down, overdue colours, dates, privacy."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from scrutiny_app.core.actions import add_update, new_action
from scrutiny_app.core.store import Store
from scrutiny_app.exports.actions_xlsx import export_actions_xlsx


@pytest.fixture
def workbook(store: Store, make_meeting, tmp_path):
    """Three open actions (one overdue-able, one with no due date, one private) and one closed."""
    meeting = make_meeting(dt.date(2025, 4, 16))
    new_action(store, meeting.id, "The CC", "Refresh road safety messages.", dt.date(2025, 6, 1))
    new_action(store, meeting.id, "DCC Megicks", "Report on recruitment.")
    closed = new_action(store, meeting.id, "The PCC", "Visit the control room.", dt.date(2025, 5, 1))
    add_update(store, closed.id, "Visited in May.", "Closed", meeting.id)
    secret = new_action(store, meeting.id, "The CC", "Brief the PCC in confidence.")
    with store.session() as s:
        secret.private = True
        s.add(secret)
    path = tmp_path / "tracker.xlsx"
    export_actions_xlsx(store, path)
    return openpyxl.load_workbook(path)


def test_sheets_are_open_closed_and_history(workbook):
    assert workbook.sheetnames == ["Open", "Closed", "History"]


def test_each_sheet_is_an_excel_table(workbook):
    assert [list(ws.tables) for ws in workbook] == [["OpenActions"], ["ClosedActions"], ["ActionHistory"]]


def test_open_and_closed_rows_by_status(workbook):
    assert ([r[0] for r in workbook["Open"].iter_rows(min_row=2, values_only=True)],
            [r[0] for r in workbook["Closed"].iter_rows(min_row=2, values_only=True)]) == ([1, 2], [3])


def test_private_actions_are_not_written(workbook):
    numbers = [c.value for ws in workbook for c in ws["A"][1:]]
    assert 4 not in numbers


def test_update_column_is_left_empty(workbook):
    ws = workbook["Open"]
    assert ws["I1"].value == "Update" and [c.value for c in ws["I"][1:]] == [None, None]


def test_status_has_a_drop_down_of_the_three_statuses(workbook):
    (validation,) = workbook["Open"].data_validations.dataValidation
    assert (validation.type, validation.formula1, str(validation.sqref), validation.showErrorMessage) == (
        "list", '"New,Ongoing,Closed"', "G2:G3", True)


def test_overdue_rows_are_coloured_by_a_rule_on_today(workbook):
    formatting = workbook["Open"].conditional_formatting
    # A conditional format's solid fill is painted in its bgColor (openpyxl used to write the colour in both).
    rules = [(str(cf.sqref), rule.formula[0], rule.dxf.fill.bgColor.rgb) for cf in formatting for rule in cf.rules]
    assert rules[0] == ("A2:I3", 'AND(ISNUMBER($F2),$F2<TODAY(),$G2<>"Closed")', "FFF8D7DA")


def test_due_within_a_week_rows_have_their_own_colour(workbook):
    rules = [rule.formula[0] for cf in workbook["Open"].conditional_formatting for rule in cf.rules]
    assert rules[1] == 'AND(ISNUMBER($F2),$F2>=TODAY(),$F2<=TODAY()+7,$G2<>"Closed")'


def test_raised_and_due_are_real_dates(workbook):
    ws = workbook["Open"]
    assert (ws["C2"].value, ws["F2"].value, ws["F2"].number_format) == (
        dt.datetime(2025, 4, 16), dt.datetime(2025, 6, 1), "dd/mm/yyyy")


def test_history_lists_every_update_with_its_meeting_and_time(store, workbook):
    ws = workbook["History"]
    rows = [(r[0], r[2], r[4], r[5], r[6]) for r in ws.iter_rows(min_row=2, values_only=True)]
    april = dt.datetime(2025, 4, 16)
    assert rows == [(1, april, "New", "New Action.", "meeting"), (2, april, "New", "New Action.", "meeting"),
                    (3, april, "New", "New Action.", "meeting"), (3, april, "Closed", "Visited in May.", "meeting")]


def test_history_recorded_time_is_a_real_date_and_time(workbook):
    cell = workbook["History"]["D2"]
    assert cell.is_date and cell.number_format == "dd/mm/yyyy hh:mm"


def test_header_frozen_and_prints_a4_landscape_one_page_wide(workbook):
    ws = workbook["Open"]
    setup = ws.page_setup
    # fitToWidth left out of the file means 1, the schema's default.
    assert (ws.freeze_panes, setup.orientation, setup.paperSize, setup.fitToWidth or 1, setup.fitToHeight) == (
        "A2", "landscape", 9, 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$1:$1"


def test_an_empty_sheet_is_still_a_valid_table(store, make_meeting, tmp_path):
    new_action(store, make_meeting().id, "The CC", "A.")
    export_actions_xlsx(store, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx")["Closed"]
    assert (ws.tables["ClosedActions"].ref, ws.max_row) == ("A1:I2", 1)



def test_every_cell_wraps_top_aligned_and_the_columns_keep_their_widths(workbook):
    from scrutiny_app.exports.actions_xlsx import HISTORY_WIDTHS, TRACKER_WIDTHS

    for ws, expected in zip(workbook, (TRACKER_WIDTHS, TRACKER_WIDTHS, HISTORY_WIDTHS)):
        cells = [c for row in ws.iter_rows() for c in row]  # the empty Update cells too: someone types there
        assert all(c.alignment.wrap_text and c.alignment.vertical == "top" for c in cells), ws.title
        # Neighbouring columns of one width are stored as one range.
        widths = {i: d.width for d in ws.column_dimensions.values() for i in range(d.min, d.max + 1)}
        assert [widths[i] for i in range(1, len(expected) + 1)] == pytest.approx(expected, abs=1), ws.title


def test_a_long_description_makes_its_row_tall_enough(store, make_meeting, tmp_path):
    description = "Provide the PCC with a report on the recruitment of officers and staff. " * 4  # ~290 characters
    new_action(store, make_meeting().id, "The CC", description)
    export_actions_xlsx(store, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx")["Open"]
    assert ws.row_dimensions[2].height == 6 * 15  # 52 characters a line in a column 42 wide


def test_a_description_longer_than_a_cell_holds_is_cut_with_a_note_saying_so(store, make_meeting, tmp_path):
    description = "The full report, pasted from an e-mail." + " More of it." * 3_000  # 36,039 characters
    new_action(store, make_meeting().id, "The CC", description)
    export_actions_xlsx(store, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx")["Open"]
    cell = ws.cell(2, [c.value for c in ws[1]].index("Description") + 1).value
    assert len(cell) == 32_767
    assert cell.startswith("The full report, pasted from an e-mail. More of it. More of it.")
    assert cell.endswith(" … [cut here: the text has 36,039 characters, more than a spreadsheet cell holds; "
                         "read it in Scrutiny]")
