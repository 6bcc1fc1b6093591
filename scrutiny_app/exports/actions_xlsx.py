"""The action tracker as a spreadsheet: the file that goes to the Constabulary for updates."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from scrutiny_app.core import models as m
from scrutiny_app.core.formatting import long_date
from scrutiny_app.core.queries import ActionRow, action_rows
from scrutiny_app.core.store import Store
from scrutiny_app.exports.xlsx_writer import add_table_sheet, new_workbook, save_atomically

HEADERS = ("Number", "Date raised", "Meeting", "Owner", "Description", "Latest update", "Status", "Due date")
WIDTHS = (10, 12, 24, 14, 50, 50, 10, 12)


def update_and_status(row: ActionRow, meeting_id: int | None = None) -> tuple[str, str]:
    """The update text and status to show: the one given at ``meeting_id`` if any, else the latest.

    An action with no update yet shows its own status.
    """
    update = row.update_at(meeting_id)
    if update is None:
        return "", row.action.status
    return update.text, update.status


def _series_names(store: Store) -> dict[int, str]:
    with store.session() as s:
        return {x.id: x.name for x in s.exec(select(m.MeetingSeries)).all()}


def _row(row: ActionRow, series: str) -> tuple:
    action, raised = row.action, row.raised_at
    meeting = f"{series}, {long_date(raised.date)}" if raised else series
    update, status = update_and_status(row)
    date_raised = action.date_raised or (raised.date if raised else None)
    return (action.number, date_raised, meeting, action.owner, action.description, update, status, action.due_date)


def export_actions_xlsx(store: Store, path: Path | str, series_id: int | None = None) -> None:
    """Write every action that has not been deleted (of one series if given) to ``path``."""
    names = _series_names(store)
    rows = sorted(action_rows(store, series_id), key=lambda r: (names[r.action.series_id], r.action.number))
    wb = new_workbook()
    add_table_sheet(wb, "Actions", HEADERS, [_row(r, names[r.action.series_id]) for r in rows], WIDTHS)
    save_atomically(wb, path)
