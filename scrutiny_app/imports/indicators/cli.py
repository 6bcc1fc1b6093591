"""``scrutiny-app import indicators``: status 0 when clean, 3 when problems were found or stored tables would
have been replaced with smaller ones.

Layer: imports (it prints, but imports nothing above imports; ``cli.py`` calls it)."""

from __future__ import annotations

from scrutiny_app.core.queries import find_meeting
from scrutiny_app.core.store import Store
from scrutiny_app.imports.indicators import import_indicators
from scrutiny_app.imports.indicators.saving import find_report

PROBLEMS_FOUND = 3


def import_command(store: Store, args) -> int:
    meeting_id = find_meeting(store, args.meeting, args.series)
    report_id = find_report(store, meeting_id, args.report) if args.report else None
    report = import_indicators(store, meeting_id, args.file, report_id=report_id, dry_run=args.dry_run,
                               readable_only=args.readable_only, replace_smaller=args.replace_smaller)
    print("\n".join(report.lines()))
    return PROBLEMS_FOUND if report.reading.problems or report.refused_smaller else 0
