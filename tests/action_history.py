"""An action's history as the tracker shows it, for tests that check what an operation added to it."""

from __future__ import annotations

from scrutiny_app.core.queries import action_rows


def history(store, number: int) -> list[tuple[str, str, str]]:
    """(text, status, source) of each update of action ``number``, oldest first, deleted or not."""
    (row,) = [r for r in action_rows(store, include_deleted=True) if r.action.number == number]
    return [(u.text, u.status, u.source) for u in row.updates]
