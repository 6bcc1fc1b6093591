"""The command-line face of the imports: print what a file would change, then apply it or not.

Exit status: 0 when the changes were applied (or there was nothing to do),
3 when problems were found and nothing was applied.

Layer: imports (it prints, but imports nothing above imports; ``cli.py`` calls it).
"""

from __future__ import annotations

import sys
from pathlib import Path

from scrutiny_app.core.store import Store
from scrutiny_app.imports.action_updates import apply_plan, read_returned_tracker
from scrutiny_app.imports.people import apply_people, read_people

PROBLEMS_FOUND = 3


def import_action_updates(store: Store, path: Path, *, dry_run: bool = False, valid_only: bool = False) -> int:
    plan = read_returned_tracker(store, path)
    for change in plan.changes:
        print(change)
    for problem in plan.problems:
        print(f"problem: {problem}", file=sys.stderr)
    counts = f"{len(plan.changes)} update(s) to record, {plan.already_recorded} already recorded"
    if plan.problems:
        counts += f", {len(plan.problems)} problem(s)"
    if dry_run:
        print(f"{counts}. Dry run: nothing was saved.")
        return PROBLEMS_FOUND if plan.problems else 0
    if plan.problems and not valid_only:
        print(f"{counts}. Nothing was imported: correct the file, or use --valid-only to apply the valid rows.",
              file=sys.stderr)
        return PROBLEMS_FOUND
    recorded = apply_plan(store, plan, valid_only=valid_only)
    print(f"{counts}. " + (f"Recorded {recorded} update(s) from {path.name}." if recorded else "Nothing new to record."))
    return 0


def import_people(store: Store, path: Path, *, dry_run: bool = False) -> int:
    """``scrutiny-app import people``: list what the file adds and changes, then save all of it or none."""
    plan = read_people(store, path)
    for change in plan.changes:
        print(change)
    for problem in plan.problems:
        print(f"problem: {problem}", file=sys.stderr)
    added = sum(1 for c in plan.changes if c.person_id is None)
    counts = f"{added} to add, {len(plan.changes) - added} to update, {plan.unchanged} already in the directory"
    if plan.problems:
        counts += f", {len(plan.problems)} problem(s)"
        print(f"{counts}. Nothing was imported: correct the file and import it again.", file=sys.stderr)
        return PROBLEMS_FOUND
    if dry_run:
        print(f"{counts}. Dry run: nothing was saved.")
        return 0
    saved = apply_people(store, plan)
    print(f"{counts}. " + (f"Saved {saved} from {path.name}." if saved else "Nothing new to save."))
    return 0
