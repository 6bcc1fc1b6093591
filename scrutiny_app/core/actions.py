"""The rules of the action tracker: numbering, updates, closing, deleting, due dates and filters.

History is only ever added to: an update, a closure and a deletion each leave
an ``ActionUpdate``; none rewrites an earlier one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from scrutiny_app.core import fields, models as m
from scrutiny_app.core.queries import ActionRow, next_value
from scrutiny_app.core.minutes_lock import ensure_editable
from scrutiny_app.core.store import Store
from scrutiny_app.errors import NotFound, UserError

OPEN_STATUSES = ("New", "Ongoing")
DUE_SOON_DAYS = 7
FIRST_UPDATE = "New Action."
SOURCE_DELETED = "deleted"
SOURCE_RESTORED = "restored"

OVERDUE, DUE_SOON = "Overdue", "Due within a week"


def now() -> dt.datetime:
    """The moment an update is recorded (timezone-aware UTC, as the table requires)."""
    return dt.datetime.now(dt.timezone.utc)


def is_open(action: m.Action) -> bool:
    return action.status != "Closed"


def due_state(action: m.Action, today: dt.date) -> str | None:
    """OVERDUE, DUE_SOON or None; a closed action or one with no due date is never due."""
    if not is_open(action) or action.due_date is None:
        return None
    if action.due_date < today:
        return OVERDUE
    if action.due_date <= today + dt.timedelta(days=DUE_SOON_DAYS):
        return DUE_SOON
    return None


def next_number(session, series_id: int) -> int:
    """One more than any number ever used in the series, deleted actions included; at least where the series starts."""
    series = session.get(m.MeetingSeries, series_id)
    return max(next_value(session, m.Action.number, m.Action.series_id == series_id),
               series.first_action_number if series is not None else 1)


def next_action_number(store: Store, series_id: int) -> int:
    """The number the next action raised in the series will get (shown before it is saved)."""
    with store.session() as s:
        return next_number(s, series_id)


def check_status(status: str) -> str:
    if status not in m.ACTION_STATUSES:
        raise UserError(f"'{status}' is not a status; use one of {', '.join(m.ACTION_STATUSES)}.")
    return status


def new_action(
    store: Store,
    meeting_id: int,
    owner: str,
    description: str,
    due_date: dt.date | None = None,
    owner_person_id: int | None = None,
) -> m.Action:
    """Raise an action at a meeting, numbered on from the series, with its first history entry.

    Refused when the meeting's minutes are agreed (locked) or a value breaks its field's rule.
    """
    owner, description = owner.strip(), description.strip()
    for name, value in (("owner", owner), ("description", description), ("due_date", due_date)):
        fields.check(m.Action, name, value)
    with store.session() as s:
        ensure_editable(s, meeting_id)
        meeting = s.get(m.Meeting, meeting_id)
        if meeting is None:
            raise NotFound(f"Meeting {meeting_id} no longer exists.")
        action = m.Action(
            series_id=meeting.series_id, number=next_number(s, meeting.series_id), raised_at_meeting_id=meeting.id,
            date_raised=meeting.date, owner=owner, owner_person_id=owner_person_id,
            description=description, due_date=due_date, status="New",
        )
        s.add(action)
        s.flush()
        s.add(m.ActionUpdate(action_id=action.id, meeting_id=meeting.id, recorded_at=now(), text=FIRST_UPDATE,
                             status="New"))
    return action


def _live_action(s, action_id: int) -> m.Action:
    action = s.get(m.Action, action_id)
    if action is None or action.deleted:
        raise NotFound(f"Action {action_id} no longer exists.")
    return action


def add_update(
    store: Store, action_id: int, text: str, status: str, meeting_id: int | None = None, source: str = "meeting"
) -> m.ActionUpdate:
    """Record an update (and the action's new status). Closing needs text saying why."""
    check_status(status)
    text = text.strip()
    if status == "Closed" and not text:
        raise UserError("Closing an action needs an update saying why it is closed.")
    if not text:
        raise UserError("An update needs some text.")
    with store.session() as s:
        action = _live_action(s, action_id)
        update = m.ActionUpdate(action_id=action.id, meeting_id=meeting_id, recorded_at=now(), text=text,
                                status=status, source=source)
        action.status = status
        s.add_all([action, update])
    return update


def delete_action(store: Store, action_id: int, reason: str = "") -> None:
    """Mark the action deleted; its number stays taken and the history records why."""
    with store.session() as s:
        action = _live_action(s, action_id)
        action.deleted = True
        s.add(action)
        s.add(m.ActionUpdate(action_id=action.id, recorded_at=now(), text=reason.strip() or "Action deleted.",
                             status=action.status, source=SOURCE_DELETED))


def restore_action(store: Store, action_id: int) -> None:
    """Undo a deletion, leaving a record of that too."""
    with store.session() as s:
        action = s.get(m.Action, action_id)
        if action is None:
            raise NotFound(f"Action {action_id} no longer exists.")
        action.deleted = False
        s.add(action)
        s.add(m.ActionUpdate(action_id=action.id, recorded_at=now(), text="Action restored.", status=action.status,
                             source=SOURCE_RESTORED))


class ActionFacts(NamedTuple):
    """What the filters read of an action, as plain values: tested on every row at each filter change."""

    deleted: bool
    status: str
    owner: str
    due_date: dt.date | None
    raised_at_meeting_id: int | None


def facts_of(action: m.Action) -> ActionFacts:
    return ActionFacts(action.deleted, action.status, action.owner, action.due_date, action.raised_at_meeting_id)


@dataclass(frozen=True)
class ActionFilter:
    """What the Action log shows; a criterion left at None lets all rows through.

    Free text is matched by the pane's filter box, as in the other panes.
    """

    statuses: tuple[str, ...] | None = None
    owner: str | None = None
    due: tuple[str, ...] | None = None  # among OVERDUE, DUE_SOON
    raised_at_meeting_id: int | None = None
    deleted: bool = False  # True: only deleted actions; False: none of them

    def matches(self, row: ActionRow, today: dt.date) -> bool:
        return self.admits(row.action, today)

    def admits(self, action: m.Action | ActionFacts, today: dt.date) -> bool:
        if action.deleted != self.deleted:
            return False
        if self.statuses is not None and action.status not in self.statuses:
            return False
        if self.owner is not None and action.owner != self.owner:
            return False
        if self.due is not None and due_state(action, today) not in self.due:
            return False
        return self.raised_at_meeting_id is None or action.raised_at_meeting_id == self.raised_at_meeting_id
