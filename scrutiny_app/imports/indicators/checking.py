"""Recomputing a printed difference and deciding whether it agrees (DESIGN.md, "Indicator arithmetic").

A count row's difference is a percent change; a percentage row's is in
percentage points; a figure printed without a unit in a column not headed as a
percentage is an absolute difference (counts, seconds). Printed figures are
rounded, so a difference agrees when it is within the printed rounding, and
never tighter than 0.05.
"""

from __future__ import annotations

from scrutiny_app.imports.indicators.figures import COUNT, PERCENT, POINTS, SECONDS, Figure, seconds_text

TOLERANCE = 0.05
PERCENTAGE = "percentage"


def difference_kind(printed: Figure, measure_type: str, column_percent: bool) -> str:
    """How the printed difference was worked out: percent change, points or absolute."""
    unit = printed.unit if printed.explicit_unit else (PERCENT if column_percent else COUNT)
    if unit == PERCENT and measure_type == PERCENTAGE:
        return POINTS
    if unit in (PERCENT, POINTS):
        return unit
    return SECONDS if unit == SECONDS else "absolute"


def recompute(kind: str, this: float, other: float) -> float | None:
    """The difference of ``this`` against ``other``; None when a percent change has no base."""
    if kind == PERCENT:
        return None if other == 0 else (this - other) / other * 100
    return this - other


def tolerance(printed: Figure) -> float:
    return max(TOLERANCE, 0.5 * 10 ** -printed.decimals) + 1e-9


def agrees(printed: Figure, recomputed: float | None) -> bool:
    return recomputed is not None and abs(recomputed - printed.value) <= tolerance(printed)


def verdict(printed: Figure, this: Figure, other: Figure, measure_type: str,
            column_percent: bool) -> tuple[float | None, str | None]:
    """The recomputed difference and, where the printed one disagrees, the flag saying why."""
    kind = difference_kind(printed, measure_type, column_percent)
    value = recompute(kind, this.value, other.value)
    if agrees(printed, value):
        return value, None
    if value is None:
        return None, f"cannot be recomputed: {other.as_printed} is zero"
    return value, f"recomputed {show(kind, value)} from {this.as_printed} and {other.as_printed}"


def show(kind: str, value: float) -> str:
    if kind == PERCENT:
        return f"{value:.1f}%"
    if kind == POINTS:
        return f"{value:.1f}pp"
    if kind == SECONDS:
        return seconds_text(value)
    return f"{value:,.2f}".rstrip("0").rstrip(".")
