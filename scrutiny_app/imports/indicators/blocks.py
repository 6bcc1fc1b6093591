"""Which group each row belongs to, when analysts print the group label on any row of its block.

A block starts where the table's first indicator name comes round again
("Number of crimes"); its group is the first label printed anywhere in it. A
table whose every row carries its own label (a district column) keeps them.
"""

from __future__ import annotations

from scrutiny_app.imports.indicators.headers import normal


def assign_groups(labels: list[str | None], names: list[str]) -> tuple[list[str | None], list[tuple[int, str, str]]]:
    """The group of each row, and (row index, label, group used) where a label disagrees within its block."""
    labels = [(label or "").strip() or None for label in labels]
    if not any(labels):
        return [None] * len(names), []
    first = normal(names[0]) if names else ""
    starts = [i for i, name in enumerate(names) if normal(name) == first]
    if len(starts) == 1 and all(labels):
        return labels, []
    blocks = [(start, end) for start, end in zip(starts, starts[1:] + [len(names)])]
    groups: list[str | None] = [None] * len(names)
    notes = []
    for start, end in blocks:
        printed = [(i, label) for i, label in enumerate(labels[start:end], start) if label]
        group = printed[0][1] if printed else None
        for i in range(start, end):
            groups[i] = group
        for i, label in printed[1:]:
            if normal(label) != normal(group):
                notes.append((i, label, group))
    # Rows above the first block start (none in a well-formed table) keep their own label.
    for i in range(starts[0] if starts else 0):
        groups[i] = labels[i]
    return groups, notes
