"""The action tracker workbook: the file that goes to the Constabulary and comes back with updates.

Three sheets, each an Excel table: Open and Closed (one row per action, with an
empty "Update" column for the Constabulary to fill and a Status drop-down) and
History (every update so far). Overdue rows are coloured by conditional
formatting against TODAY(), so the colours are right whenever the file is
opened. Private actions stay in the office: they are never written here.
"""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from scrutiny_app.core import models as m
from scrutiny_app.core.actions import DUE_SOON_DAYS, is_open
from scrutiny_app.core.formats import NUMBER, SERIES, STATUS, TRACKER_HEADERS, TRACKER_SHEETS, UPDATE
from scrutiny_app.core.formatting import local_time
from scrutiny_app.core.queries import ActionRow, action_rows
from scrutiny_app.core.store import Store
from scrutiny_app.exports.xlsx_writer import TableBook, add_choice_list, new_workbook

# About 160 characters: one A4 landscape page wide at close to full size.
TRACKER_WIDTHS = (7, 14, 10.5, 14, 42, 10.5, 9, 30, 30)
HISTORY_HEADERS = (NUMBER, SERIES, "Meeting", "Recorded", STATUS, "Update", "Source")
HISTORY_WIDTHS = (7, 14, 10.5, 15, 9, 70, 24)

OVERDUE_FILL, DUE_SOON_FILL = "F8D7DA", "FFF3CD"


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


def _tracker_row(row: ActionRow, series: str) -> tuple:
    action, raised = row.action, row.raised_at
    date_raised = action.date_raised or (raised.date if raised else None)
    latest, _ = update_and_status(row)
    return (action.number, series, date_raised, action.owner, action.description, action.due_date, action.status,
            latest, None)


def _history_rows(rows: list[ActionRow], names: dict[int, str], meetings: dict[int, m.Meeting]) -> list[tuple]:
    return [
        (r.action.number, names[r.action.series_id], meetings[u.meeting_id].date if u.meeting_id in meetings else None,
         local_time(u.recorded_at), u.status, u.text, u.source)
        for r in rows
        for u in r.updates
    ]


def _mark_up(book: TableBook, ws, rows: int) -> None:
    """The Status drop-down and the overdue / due-soon colours on a tracker sheet."""
    from xlsxwriter.utility import xl_col_to_name

    last_row = max(rows + 1, 2)
    col = {h: xl_col_to_name(i) for i, h in enumerate(TRACKER_HEADERS)}
    due, status = f"${col['Due date']}2", f"${col[STATUS]}2"
    add_choice_list(ws, f"{col[STATUS]}2:{col[STATUS]}{last_row}", m.ACTION_STATUSES, "Status")
    body = f"A2:{col[UPDATE]}{last_row}"
    still_open = f'{status}<>"Closed"'
    book.highlight_where(ws, body, f"AND(ISNUMBER({due}),{due}<TODAY(),{still_open})", OVERDUE_FILL)
    book.highlight_where(ws, body, f"AND(ISNUMBER({due}),{due}>=TODAY(),{due}<=TODAY()+{DUE_SOON_DAYS},{still_open})", DUE_SOON_FILL)


def export_actions_xlsx(store: Store, path: Path | str, series_id: int | None = None) -> None:
    """Write the tracker of every live, non-private action (of one series if given) to ``path``."""
    names = _series_names(store)
    rows = [r for r in action_rows(store, series_id) if not r.action.private]
    rows.sort(key=lambda r: (names[r.action.series_id], r.action.number))
    with store.session() as s:
        meetings = {x.id: x for x in s.exec(select(m.Meeting)).all()}
    with new_workbook(path) as book:
        for title, wanted in zip(TRACKER_SHEETS, (True, False)):
            chosen = [_tracker_row(r, names[r.action.series_id]) for r in rows if is_open(r.action) == wanted]
            ws = book.add_table_sheet(title, TRACKER_HEADERS, chosen, TRACKER_WIDTHS, table_name=f"{title}Actions")
            _mark_up(book, ws, len(chosen))
        book.add_table_sheet("History", HISTORY_HEADERS, _history_rows(rows, names, meetings), HISTORY_WIDTHS,
                             table_name="ActionHistory")
