"""Due and overdue by owner: grouping, the .eml drafts and the summary workbook, read back."""

from __future__ import annotations

import datetime as dt
import email
from email import policy

import openpyxl
import pytest

from scrutiny_app.cli import main
from scrutiny_app.core import models as m
from scrutiny_app.core.actions import OVERDUE, add_update, new_action
from scrutiny_app.core.reminders import reminders_by_owner
from scrutiny_app.exports.reminders import SUMMARY_NAME, export_reminders

TODAY = dt.date(2025, 7, 8)


@pytest.fixture
def owners(store, make_meeting):
    """Megicks (with an e-mail) has an overdue and a later action; 'The PCC' (not in the directory) one."""
    meeting = make_meeting(dt.date(2025, 4, 16))
    with store.session() as s:
        dcc = m.Person(name="Simon Megicks", email="simon.megicks@example.police.uk")
        s.add(dcc)
        s.flush()
    new_action(store, meeting.id, "DCC Megicks", "Report on recruitment.", dt.date(2025, 9, 1), dcc.id)
    new_action(store, meeting.id, "DCC Megicks", "Report on the toolkit.", dt.date(2025, 6, 1), dcc.id)
    new_action(store, meeting.id, "The PCC", "Visit the control room.", dt.date(2025, 7, 10))
    done = new_action(store, meeting.id, "The PCC", "Already done.", dt.date(2025, 5, 1))
    add_update(store, done.id, "Done in May.", "Closed")
    secret = new_action(store, meeting.id, "The PCC", "A private matter.", dt.date(2025, 5, 1))
    with store.session() as s:
        secret.private = True
        s.add(secret)
    return store


def test_owners_with_overdue_work_come_first_with_their_open_actions(owners):
    summary = reminders_by_owner(owners, TODAY)
    assert [(r.owner, [row.action.number for row, _ in r.actions]) for r in summary] == [
        ("Simon Megicks", [2, 1]), ("The PCC", [3])]


def test_each_action_carries_its_due_state(owners):
    first = reminders_by_owner(owners, TODAY)[0]
    assert [state for _, state in first.actions] == [OVERDUE, None]


def test_closed_and_private_actions_are_left_out(owners):
    numbers = [row.action.number for r in reminders_by_owner(owners, TODAY) for row, _ in r.actions]
    assert 4 not in numbers and 5 not in numbers


def read_draft(path):
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)


def test_a_draft_per_owner_and_a_summary(owners, tmp_path):
    written = export_reminders(owners, tmp_path / "out", TODAY)
    assert [p.name for p in written] == ["Reminder - Simon Megicks.eml", "Reminder - The PCC.eml", SUMMARY_NAME]


def test_the_draft_opens_as_unsent_addressed_to_the_owner(owners, tmp_path):
    export_reminders(owners, tmp_path, TODAY)
    msg = read_draft(tmp_path / "Reminder - Simon Megicks.eml")
    assert (msg["X-Unsent"], msg["To"]) == ("1", "Simon Megicks <simon.megicks@example.police.uk>")


def test_the_draft_lists_the_actions_with_due_dates(owners, tmp_path):
    export_reminders(owners, tmp_path, TODAY)
    body = read_draft(tmp_path / "Reminder - Simon Megicks.eml").get_content()
    assert "Action 2 (16 April 2025), due 1 June 2025 – OVERDUE\nReport on the toolkit." in body
    assert "Action 1 (16 April 2025), due 1 September 2025\nReport on recruitment." in body


def test_an_owner_without_an_address_gets_a_blank_to_line(owners, tmp_path):
    export_reminders(owners, tmp_path, TODAY)
    assert read_draft(tmp_path / "Reminder - The PCC.eml")["To"] == ""


def test_the_summary_workbook_lists_each_owners_actions(owners, tmp_path):
    export_reminders(owners, tmp_path, TODAY)
    ws = openpyxl.load_workbook(tmp_path / SUMMARY_NAME)["Due and overdue"]
    rows = [(r[0], r[2], r[4], r[5]) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert rows == [("Simon Megicks", 2, dt.datetime(2025, 6, 1), "Overdue"),
                    ("Simon Megicks", 1, dt.datetime(2025, 9, 1), "Open"),
                    ("The PCC", 3, dt.datetime(2025, 7, 10), "Due within a week")]


def test_cli_writes_the_reminders_for_the_demo(tmp_path, capsys):
    assert main(["export", "reminders", "--demo", "--out", str(tmp_path / "r"), "--as-of", "2025-07-08"]) == 0
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == [
        SUMMARY_NAME, "Reminder - Kirt Wilkinson.eml", "Reminder - Paul Sanford.eml", "Reminder - Simon Megicks.eml"]


def test_cli_refuses_a_folder_whose_parent_is_missing(tmp_path, capsys):
    assert main(["export", "reminders", "--demo", "--out", str(tmp_path / "no" / "where")]) == 2
    assert "Cannot write to" in capsys.readouterr().err
