"""Reminders as files: a draft e-mail (.eml) per owner and a summary workbook.

The drafts carry ``X-Unsent: 1``, so Outlook and Thunderbird open them as
messages to check and send rather than as received mail. An owner whose e-mail
address is not in the directory gets a draft with an empty To line. Each owner
gets a file of their own, even where two names clean to the same file name.
"""

from __future__ import annotations

import datetime as dt
import re
from email.message import EmailMessage
from email.utils import formataddr
from pathlib import Path

from scrutiny_app.core.atomic import atomic_output
from scrutiny_app.core.office import get_office
from scrutiny_app.core.formatting import distinct_name, long_date
from scrutiny_app.core.reminders import OwnerReminder, reminders_by_owner
from scrutiny_app.core.store import Store
from scrutiny_app.errors import ExportFailed
from scrutiny_app.exports.xlsx_writer import new_workbook

SUMMARY_NAME = "Due and overdue by owner.xlsx"
SUMMARY_HEADERS = ("Owner", "E-mail", "Action", "Raised", "Due date", "State", "Description", "Latest update")
SUMMARY_WIDTHS = (18, 22, 7, 10.5, 10.5, 14, 45, 35)


def _office(store: Store) -> tuple[str, str]:
    """The office's name and enquiries e-mail, for the sender line."""
    office = get_office(store)
    return office.name, office.email


# One plain address: what the directory holds is put in the To line only when it is one (never a second header).
_ADDRESS = re.compile(r"[^\s<>@,;:\"()\[\]\\]+@[^\s<>@,;:\"()\[\]\\]+")
FILE_NAME_LIMIT = 100  # characters of the owner's name in a file name, well inside every file system's limit


def _file_name(owner: str, used: set[str]) -> str:
    """A file name for the owner's draft, distinct from ``used`` (which it joins) even where the file system
    ignores case: "The CC?" and "The CC!" both clean to "The CC", so the second is "The CC (2)"."""
    safe = re.sub(r"[^\w .-]+", "", owner)[:FILE_NAME_LIMIT].strip(" .") or "owner"
    return distinct_name(lambda n: f"Reminder - {safe}.eml" if n == 1 else f"Reminder - {safe} ({n}).eml", used)


def _line(row, state) -> str:
    a = row.action
    due = f"due {long_date(a.due_date)}" if a.due_date else "no due date"
    raised = f" ({long_date(a.date_raised)})" if a.date_raised else ""
    latest = row.latest.text if row.latest else ""
    text = f"Action {a.number}{raised}, {due}{' – ' + state.upper() if state else ''}\n{a.description}"
    return text + (f"\nLatest update: {latest}" if latest else "")


def draft(reminder: OwnerReminder, today: dt.date, office: tuple[str, str]) -> EmailMessage:
    """The reminder e-mail to one owner, unsent."""
    name, sender = office
    msg = EmailMessage()
    address = reminder.email if reminder.email and _ADDRESS.fullmatch(reminder.email) else None
    msg["To"] = formataddr((reminder.owner, address)) if address else ""
    if sender:
        msg["From"] = formataddr((name, sender))
    msg["Subject"] = f"Actions open as of {long_date(today)}: updates requested"
    msg["X-Unsent"] = "1"
    body = [f"Dear {reminder.owner},", "",
            f"As of {long_date(today)} these actions are open against your name. "
            "Please send an update on each, saying what has been done and whether it can be closed.", ""]
    body += [_line(row, state) + "\n" for row, state in reminder.actions]
    body += ["Thank you,", name]
    msg.set_content("\n".join(body).rstrip() + "\n")
    return msg


def export_reminders(store: Store, folder: Path, today: dt.date, series_id: int | None = None) -> list[Path]:
    """Write a draft per owner and the summary workbook into ``folder``; returns the files written."""
    folder = Path(folder)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise ExportFailed(f"Cannot write to {folder}: {exc.strerror or exc}") from exc
    reminders = reminders_by_owner(store, today, series_id)
    office = _office(store)
    written, used = [], set()
    for reminder in reminders:
        path = folder / _file_name(reminder.owner, used)
        with atomic_output(path) as tmp:
            tmp.write_bytes(bytes(draft(reminder, today, office)))
        written.append(path)
    rows = [(r.owner, r.email, row.action.number, row.action.date_raised, row.action.due_date, state or "Open",
             row.action.description, row.latest.text if row.latest else "")
            for r in reminders for row, state in r.actions]
    with new_workbook(folder / SUMMARY_NAME) as book:
        book.add_table_sheet("Due and overdue", SUMMARY_HEADERS, rows, SUMMARY_WIDTHS)
    return [*written, folder / SUMMARY_NAME]
