"""The colours of a printed difference, shared by the indicator table and its chart.

Kept apart from the chart so that the table can colour its cells without loading pyqtgraph.
"""

from __future__ import annotations

BETTER, WORSE, NEUTRAL = "#1e7b34", "#b22222", "#444444"


def difference_colour(direction: str | None, value: float | None) -> str | None:
    """Green where the difference is an improvement, red where it is not; None without a direction."""
    if direction not in ("higher", "lower") or not value:
        return None
    return BETTER if (value > 0) == (direction == "higher") else WORSE
