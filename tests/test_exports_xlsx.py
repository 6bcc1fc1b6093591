"""Spreadsheet exports: written through a real database, read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import errno
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from db_rows import add
from demo_days import APRIL, JANUARY, JULY
from scrutiny_app.core import models as m
from scrutiny_app.core.atomic import atomic_output
from scrutiny_app.errors import ExportFailed
from scrutiny_app.exports.actions_xlsx import export_actions_xlsx
from scrutiny_app.exports.minutes_xlsx import export_minutes_xlsx
from scrutiny_app.exports.xlsx_writer import new_workbook

UTC = dt.timezone.utc
FORMULA_QUESTION = '=HYPERLINK("http://x","y")'
ASKER, CONTACT = "Alex Resident", "alex.resident@example.org"
MINUTES_SHEETS = ("Summary", "Notes", "Public questions", "PCC questions", "Risks", "Actions")
DEMO_DATA = Path(__file__).resolve().parents[1] / "data" / "demo"


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(17, 0), tzinfo=UTC)


@pytest.fixture
def april_record(store, make_meeting):
    """The April meeting with its record, between a January and a July meeting of the series."""
    january = make_meeting(JANUARY)
    april_record = make_meeting(
        APRIL, venue="Conference Room, Wymondham", hybrid=True, online_platform="Microsoft Teams",
        previous_meeting_id=january.id, previous_minutes_agreed=True, declarations_none=True,
    )
    make_meeting(JULY)
    (org,) = add(store, m.Organisation(name="Norfolk Constabulary", short_name="Norfolk Constabulary"))
    cc, dcc, pcc = add(
        store,
        m.Person(name="Paul Sanford", role="Chief Constable", organisation_id=org.id),
        m.Person(name="Simon Megicks", role="Deputy Chief Constable", organisation_id=org.id),
        m.Person(name="Sarah Taylor", role="Police and Crime Commissioner"),
    )
    item5, item6 = add(
        store,
        m.AgendaItem(meeting_id=april_record.id, position=4, number=5, title="Priority 1 – Preventing Crime"),
        m.AgendaItem(meeting_id=april_record.id, position=5, number=6, title="Priority 2 – Cohesive Communities"),
    )
    add(
        store,
        m.Attendance(meeting_id=april_record.id, person_id=pcc.id, position=0),
        m.Attendance(meeting_id=april_record.id, person_id=cc.id, position=1),
        m.Attendance(meeting_id=april_record.id, person_id=dcc.id, status="apologies", position=2),
        m.PublicQuestion(
            meeting_id=april_record.id, number=1, asker_name=ASKER, asker_contact=CONTACT,
            question=FORMULA_QUESTION, answer="The CC explained.", answered_by="CC",
        ),
        m.PublicQuestion(meeting_id=april_record.id, number=2, question="Why?", answer="Because.", answered_by="DCC", private=True),
        m.PccQuestion(meeting_id=april_record.id, agenda_item_id=item6.id, number=1, question="On cohesion?", answer="Yes."),
        m.PccQuestion(meeting_id=april_record.id, agenda_item_id=item5.id, number=1, question=None, answer="An overview."),
        m.PccQuestion(meeting_id=april_record.id, agenda_item_id=item5.id, number=2, question="On burglary?",
                      answer="Down.", follow_up="Figures to follow.", private=True),
        m.EmergingRisk(meeting_id=april_record.id, position=0, raised_by="The CC", text="Devolution."),
        m.EmergingRisk(meeting_id=april_record.id, position=1, raised_by="ACO Jasper", text="Insurance costs."),
    )
    return april_record


def add_action(store, meeting, number, updates=(), **fields):
    (action,) = add(
        store,
        m.Action(series_id=meeting.series_id, number=number, raised_at_meeting_id=meeting.id,
                 date_raised=meeting.date, **fields),
    )
    add(store, *(m.ActionUpdate(action_id=action.id, meeting_id=mt.id if mt else None, recorded_at=when,
                                text=text, status=status) for mt, when, text, status in updates))
    return action


def meeting_on(store, day) -> m.Meeting:
    from sqlmodel import select

    with store.session() as s:
        return s.exec(select(m.Meeting).where(m.Meeting.date == day)).one()


def export_minutes(store, meeting, tmp_path) -> openpyxl.Workbook:
    path = tmp_path / "minutes.xlsx"
    export_minutes_xlsx(store, meeting.id, path)
    return openpyxl.load_workbook(path)


def export_actions(store, tmp_path, **kwargs) -> openpyxl.Workbook:
    path = tmp_path / "actions.xlsx"
    export_actions_xlsx(store, path, **kwargs)
    return openpyxl.load_workbook(path)


def data(ws) -> list[tuple]:
    return list(ws.iter_rows(min_row=2, values_only=True))


def every_cell(wb):
    for ws in wb:
        for row in ws.iter_rows():
            yield from row


# --- writing a cell ---------------------------------------------------------------------


def written(tmp_path, value):
    """``value`` written to A1 of a new workbook by TableBook.write, read back with openpyxl."""
    with new_workbook(tmp_path / "t.xlsx") as book:
        book.write(book.workbook.add_worksheet(), 0, 0, value)
    return openpyxl.load_workbook(tmp_path / "t.xlsx").active["A1"]


@pytest.mark.parametrize("text", [FORMULA_QUESTION, "+44 123", "-1", "@SUM(A1)", "=1+1"])
def test_write_keeps_formula_like_text_as_quoted_text(tmp_path, text):
    cell = written(tmp_path, text)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)


def test_write_writes_a_date_as_a_dated_cell(tmp_path):
    cell = written(tmp_path, APRIL)
    assert (cell.is_date, cell.value.date(), cell.number_format) == (True, APRIL, "dd/mm/yyyy")


def test_write_drops_control_characters_xml_cannot_hold(tmp_path):
    assert written(tmp_path, "line one\x0bline two\x01\x0cthree").value == "line one\nline two\nthree"


# --- minutes ----------------------------------------------------------------------------


def test_minutes_formula_like_question_comes_back_as_text(store, april_record, tmp_path):
    cell = export_minutes(store, april_record, tmp_path)["Public questions"]["B2"]
    assert (cell.value, cell.data_type) == (FORMULA_QUESTION, "s")


def test_minutes_workbook_holds_no_formula(store, april_record, tmp_path):
    wb = export_minutes(store, april_record, tmp_path)
    assert [c.coordinate for c in every_cell(wb) if c.data_type == "f"] == []


def test_minutes_has_its_sheets_in_order(store, april_record, tmp_path):
    assert tuple(export_minutes(store, april_record, tmp_path).sheetnames) == MINUTES_SHEETS


@pytest.mark.parametrize("sheet", MINUTES_SHEETS)
def test_minutes_sheet_has_bold_frozen_filtered_header(store, april_record, tmp_path, sheet):
    ws = export_minutes(store, april_record, tmp_path)[sheet]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{ws[1][-1].column_letter}{ws.max_row}"


@pytest.mark.parametrize("sheet", MINUTES_SHEETS)
def test_minutes_sheet_prints_a4_landscape_one_page_wide(store, april_record, tmp_path, sheet):
    ws = export_minutes(store, april_record, tmp_path)[sheet]
    setup = ws.page_setup
    # fitToWidth left out of the file means 1, the schema's default.
    assert (setup.orientation, setup.paperSize, setup.fitToWidth or 1, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"


def test_minutes_summary_rows(store, april_record, tmp_path):
    rows = data(export_minutes(store, april_record, tmp_path)["Summary"])
    assert rows == [
        ("Meeting", "PCC Accountability Meeting"),
        ("Date", dt.datetime(2025, 4, 16)),
        ("Venue", "Conference Room, Wymondham"),
        ("Hybrid/online platform", "Hybrid (Microsoft Teams)"),
        ("In attendance", "Police and Crime Commissioner Sarah Taylor"),
        ("In attendance", "Chief Constable Paul Sanford, Norfolk Constabulary"),
        ("Apologies for absence", "Deputy Chief Constable Simon Megicks, Norfolk Constabulary"),
        ("Declarations of interest", "There were none declared."),
        ("Minutes of the previous meeting",
         "The minutes of the PCC Accountability Meeting held on Wednesday 29 January 2025 were agreed to be a true "
         "and accurate reflection of the meeting."),
        ("Date of next meeting", dt.datetime(2025, 7, 8)),
    ]


def test_minutes_summary_dates_are_real_dates(store, april_record, tmp_path):
    ws = export_minutes(store, april_record, tmp_path)["Summary"]
    dated = [row[1] for row in ws.iter_rows(min_row=2) if row[0].value in ("Date", "Date of next meeting")]
    assert [(c.is_date, c.number_format) for c in dated] == [(True, "dd/mm/yyyy")] * 2


def test_minutes_summary_lists_declarations_with_their_item(store, april_record, tmp_path):
    with store.session() as s:
        from sqlmodel import select

        item = s.exec(select(m.AgendaItem).where(m.AgendaItem.number == 5)).one()
    add(store, m.Declaration(meeting_id=april_record.id, agenda_item_id=item.id, text="The PCC is a member of NASP."))
    rows = data(export_minutes(store, april_record, tmp_path)["Summary"])
    assert [v for f, v in rows if f == "Declarations of interest"] == ["Item 5: The PCC is a member of NASP."]


def test_minutes_summary_says_when_previous_minutes_are_not_yet_agreed(store, make_meeting, tmp_path):
    january = make_meeting(JANUARY)
    april_record = make_meeting(APRIL, previous_meeting_id=january.id, previous_minutes_agreed=False)
    rows = dict(data(export_minutes(store, april_record, tmp_path)["Summary"]))
    assert rows["Minutes of the previous meeting"].endswith("have not yet been agreed.")


def test_minutes_public_questions_rows(store, april_record, tmp_path):
    rows = data(export_minutes(store, april_record, tmp_path)["Public questions"])
    assert rows == [(1, FORMULA_QUESTION, "The CC explained.", "CC"), (2, "Why?", "Because.", "DCC")]


def test_minutes_never_name_the_public_question_asker(store, april_record, tmp_path):
    wb = export_minutes(store, april_record, tmp_path)
    texts = [str(c.value) for c in every_cell(wb) if c.value is not None]
    assert [t for t in texts if ASKER in t or CONTACT in t] == []


def test_minutes_pcc_questions_rows_by_agenda_order(store, april_record, tmp_path):
    rows = data(export_minutes(store, april_record, tmp_path)["PCC questions"])
    assert rows == [
        ("5. Priority 1 – Preventing Crime", 1, None, "An overview.", None),
        ("5. Priority 1 – Preventing Crime", 2, "On burglary?", "Down.", "Figures to follow."),
        ("6. Priority 2 – Cohesive Communities", 1, "On cohesion?", "Yes.", None),
    ]


def test_minutes_risks_rows(store, april_record, tmp_path):
    rows = data(export_minutes(store, april_record, tmp_path)["Risks"])
    assert rows == [(1, "The CC", "Devolution."), (2, "ACO Jasper", "Insurance costs.")]


def test_minutes_actions_show_the_update_given_at_that_meeting(store, april_record, tmp_path):
    january, july = meeting_on(store, JANUARY), meeting_on(store, JULY)
    add_action(store, january, 12, owner="The PCC", description="The PCC is to visit the CCR.", status="Closed",
               updates=[(april_record, at(APRIL), "Visited in February.", "Ongoing"),
                        (july, at(JULY), "Closed in July.", "Closed")])
    add_action(store, april_record, 16, owner="The CC", description="The CC is to refresh the plan.",
               due_date=dt.date(2025, 10, 1), updates=[(april_record, at(APRIL), "New Action.", "New")])
    rows = data(export_minutes(store, april_record, tmp_path)["Actions"])
    assert rows == [
        ("Action 12 (29 January 2025): The PCC is to visit the CCR.", "The PCC", "Visited in February.", "Ongoing", None),
        ("Action 16 (16 April 2025): The CC is to refresh the plan.", "The CC", "New Action.", "New",
         dt.datetime(2025, 10, 1)),
    ]


def test_minutes_of_a_meeting_with_nothing_recorded_has_header_only_sheets(store, make_meeting, tmp_path):
    wb = export_minutes(store, make_meeting(APRIL), tmp_path)
    assert [ws.max_row for ws in wb][1:] == [1, 1, 1, 1, 1]


# --- action tracker ---------------------------------------------------------------------


@pytest.fixture
def tracker(store, april_record):
    """Three actions raised at the April meeting, the second with two updates, and a deleted one."""
    july = meeting_on(store, JULY)
    add_action(store, april_record, 17, owner="+44 123", description="Report on 999 calls.", status="Closed",
               updates=[(april_record, at(APRIL), "New Action.", "New"), (july, at(JULY), "Report received.", "Closed")])
    add_action(store, april_record, 16, owner="-1", description="Refresh the plan.",
               updates=[(april_record, at(APRIL), "New Action.", "New")], due_date=dt.date(2025, 10, 1))
    add_action(store, april_record, 18, owner="@SUM(A1)", description="=1+1")
    add_action(store, april_record, 20, owner="The CC", description="Entered by mistake.", deleted=True)
    return april_record


def tracker_rows(wb) -> list[tuple]:
    return data(wb["Open"]) + data(wb["Closed"])


def test_actions_rows_in_number_order_with_latest_update_and_status(store, tracker, tmp_path):
    wb = export_actions(store, tmp_path)
    series = "PCC Accountability Meeting"
    raised = dt.datetime(2025, 4, 16)
    assert (data(wb["Open"]), data(wb["Closed"])) == (
        [
            (16, series, raised, "-1", "Refresh the plan.", dt.datetime(2025, 10, 1), "New", "New Action.", None),
            (18, series, raised, "@SUM(A1)", "=1+1", None, "New", None, None),
        ],
        [(17, series, raised, "+44 123", "Report on 999 calls.", None, "Closed", "Report received.", None)],
    )


def test_actions_header(store, tracker, tmp_path):
    ws = export_actions(store, tmp_path)["Open"]
    assert [c.value for c in ws[1]] == [
        "Action", "Series", "Raised", "Owner", "Description", "Due date", "Status", "Latest update", "Update",
    ]


def test_actions_formula_like_owners_come_back_as_text(store, tracker, tmp_path):
    wb = export_actions(store, tmp_path)
    owners = [(c.value, c.data_type) for ws in (wb["Open"], wb["Closed"]) for c in ws["D"][1:]]
    assert owners == [("-1", "s"), ("@SUM(A1)", "s"), ("+44 123", "s")]


def test_actions_workbook_holds_no_formula(store, tracker, tmp_path):
    wb = export_actions(store, tmp_path)
    assert [c.coordinate for c in every_cell(wb) if c.data_type == "f"] == []


def test_actions_dates_are_real_dates(store, tracker, tmp_path):
    ws = export_actions(store, tmp_path)["Open"]
    assert all(c.is_date for c in ws["C"][1:]) and ws["F2"].is_date


def test_actions_sheet_has_bold_frozen_header_and_a_filtering_table(store, tracker, tmp_path):
    ws = export_actions(store, tmp_path)["Open"]
    (table,) = ws.tables.values()
    assert (all(c.font.b for c in ws[1]), ws.freeze_panes, table.ref, table.autoFilter is not None) == (
        True, "A2", "A1:I3", True)


def test_actions_sorted_by_series_then_number(store, make_meeting, tmp_path):
    panel = make_meeting(JULY, series="Police and Crime Panel")
    accountability = make_meeting(APRIL)
    add_action(store, panel, 1)
    add_action(store, accountability, 3)
    add_action(store, accountability, 2)
    rows = data(export_actions(store, tmp_path)["Open"])
    assert [(r[1], r[0]) for r in rows] == [
        ("PCC Accountability Meeting", 2), ("PCC Accountability Meeting", 3), ("Police and Crime Panel", 1),
    ]


def test_actions_of_one_series_only(store, make_meeting, tmp_path):
    panel = make_meeting(JULY, series="Police and Crime Panel")
    add_action(store, make_meeting(APRIL), 2)
    add_action(store, panel, 1)
    rows = data(export_actions(store, tmp_path, series_id=panel.series_id)["Open"])
    assert [(r[0], r[1], r[2]) for r in rows] == [(1, "Police and Crime Panel", dt.datetime(2025, 7, 8))]


# --- writing the file -------------------------------------------------------------------


def full_disk(self, *args, **kwargs):
    """Stands in for ZipFile.writestr, where XlsxWriter writes each part of the workbook into the file."""
    raise OSError(errno.ENOSPC, "No space left on device")


def test_full_disk_raises_export_failed_naming_path_and_reason(store, april_record, tmp_path, monkeypatch):
    target = tmp_path / "minutes.xlsx"
    monkeypatch.setattr(zipfile.ZipFile, "writestr", full_disk)
    with pytest.raises(ExportFailed, match=re.escape(f"Cannot write {target}: No space left on device")):
        export_minutes_xlsx(store, april_record.id, target)


def test_full_disk_leaves_old_file_and_no_temp_file(store, april_record, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "actions.xlsx"
    target.write_bytes(b"last week's tracker")
    monkeypatch.setattr(zipfile.ZipFile, "writestr", full_disk)
    with pytest.raises(ExportFailed):
        export_actions_xlsx(store, target)
    assert (sorted(p.name for p in out.iterdir()), target.read_bytes()) == (["actions.xlsx"], b"last week's tracker")


def test_target_that_is_a_folder_raises_export_failed_and_leaves_no_temp_file(store, april_record, tmp_path):
    target = tmp_path / "out" / "minutes.xlsx"
    target.mkdir(parents=True)
    with pytest.raises(ExportFailed, match="Is a directory"):
        export_minutes_xlsx(store, april_record.id, target)
    assert (sorted(p.name for p in target.parent.iterdir()), list(target.iterdir())) == (["minutes.xlsx"], [])


def test_missing_folder_raises_export_failed(store, april_record, tmp_path):
    with pytest.raises(ExportFailed, match="No such file or directory"):
        export_minutes_xlsx(store, april_record.id, tmp_path / "gone" / "minutes.xlsx")


def test_export_replaces_an_existing_file(store, april_record, tmp_path):
    target = tmp_path / "minutes.xlsx"
    target.write_bytes(b"an older export")
    export_minutes_xlsx(store, april_record.id, target)
    assert openpyxl.load_workbook(target).sheetnames[0] == "Summary"


def test_atomic_output_discards_temp_file_when_the_writer_fails(tmp_path):
    target = tmp_path / "report.pdf"
    with pytest.raises(ValueError), atomic_output(target) as tmp:
        tmp.write_bytes(b"partial")
        raise ValueError("a bug in the writer")
    assert list(tmp_path.iterdir()) == []


# --- demo -------------------------------------------------------------------------------


@pytest.mark.skipif(not list(DEMO_DATA.glob("*.json")), reason="demo data not written yet")
def test_demo_april_minutes_counts(demo_store, tmp_path):
    from scrutiny_app.core.queries import find_meeting

    path = tmp_path / "m.xlsx"
    export_minutes_xlsx(demo_store, find_meeting(demo_store, APRIL), path)
    wb = openpyxl.load_workbook(path)
    fields = [f for f, _ in data(wb["Summary"])]
    statuses = sorted(r[3] for r in data(wb["Actions"]))
    assert (fields.count("In attendance"), fields.count("Apologies for absence")) == (13, 4)
    assert [len(data(wb[name])) for name in MINUTES_SHEETS[2:5]] == [6, 10, 3]
    assert [int(r[0].split()[1]) for r in data(wb["Actions"])] == list(range(12, 20))
    assert statuses == ["Closed"] * 4 + ["New"] * 4


def test_rows_are_tall_enough_for_their_wrapped_text(tmp_path):
    from scrutiny_app.exports.xlsx_writer import LINE_HEIGHT_PT

    long_answer = "The CC said the force answers most calls quickly. " * 12  # about 600 characters
    with new_workbook(tmp_path / "rows.xlsx") as book:
        book.add_table_sheet("Answers", ("No.", "Answer"), [(1, "short"), (2, long_answer)], (6, 50))
    sheet = openpyxl.load_workbook(tmp_path / "rows.xlsx")["Answers"]
    # A one-line row keeps the sheet's default height, so a spreadsheet may still grow it when someone types.
    assert (sheet.row_dimensions[2].height, sheet.sheet_format.defaultRowHeight) == (None, LINE_HEIGHT_PT)
    assert sheet.row_dimensions[3].height >= 10 * LINE_HEIGHT_PT  # 600 characters at ~62 a line


def test_public_minutes_workbook_leaves_out_private_records_and_askers(demo_store, tmp_path, planted_private):
    from sqlmodel import select

    from scrutiny_app.core.queries import find_meeting

    out = tmp_path / "public.xlsx"
    export_minutes_xlsx(demo_store, find_meeting(demo_store, dt.date(2025, 4, 16)), out, public=True)
    cells = [str(c) for ws in openpyxl.load_workbook(out) for row in ws.iter_rows(values_only=True) for c in row if c]
    with demo_store.session() as s:
        askers = [x for q in s.exec(select(m.PublicQuestion)).all() for x in (q.asker_name, q.asker_contact)]
    assert not [c for c in cells if planted_private in c or any(a in c for a in askers)]
    assert any("Action 17 (16 April 2025)" in c for c in cells)


def test_row_height_counts_lines_wrapped_at_word_boundaries():
    from scrutiny_app.exports.xlsx_writer import LINE_HEIGHT_PT, row_height

    # 26 characters in a 16-character column: word wrapping needs three lines, not two.
    assert row_height(("PCC Accountability Meeting",), (13,)) == 3 * LINE_HEIGHT_PT


def test_wrapped_lines_counts_the_lines_textwrap_gives():
    import random
    import textwrap

    from scrutiny_app.exports.xlsx_writer import wrapped_lines

    rng = random.Random(8)
    # Mostly plain words (the quick count), some with hyphens, tabs, double spaces or too long (textwrap's own).
    words = ["a", "PCC", "said", "Accountability", "Constabulary's", "x" * 40, "well-known", "--", "\t", "", "\xa0b"]
    for _ in range(5000):
        text = " ".join(rng.choices(words, weights=[9, 9, 9, 9, 9, 1, 1, 1, 1, 1, 1], k=rng.randint(1, 40)))
        per_line = rng.randint(3, 90)
        expected = 1 if len(text) <= per_line else len(textwrap.wrap(text, per_line))
        assert wrapped_lines(text, per_line) == expected, (text, per_line)


def test_write_writes_a_local_time_as_date_and_time_but_refuses_a_zoned_one(tmp_path):
    cell = written(tmp_path, dt.datetime(2025, 7, 8, 17, 30))
    assert (cell.value, cell.number_format) == (dt.datetime(2025, 7, 8, 17, 30), "dd/mm/yyyy hh:mm")
    with pytest.raises(TypeError, match="no time zone"):
        written(tmp_path, dt.datetime(2025, 7, 8, 17, 30, tzinfo=UTC))
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]  # the earlier file, untouched; no temporary file
