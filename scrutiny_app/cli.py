"""``scrutiny-app``: open the window, or run one job from the command line.

Heavy modules (Qt, openpyxl) are imported only by the command that needs them,
so ``scrutiny-app export …`` never loads Qt and the window starts quickly.

Layer: the top; it may import every other part (see README, "Layout of the repository").
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from scrutiny_app import office_commands, paths
from scrutiny_app.errors import UserError
from scrutiny_app.exports.minutes_formats import MINUTES_FORMATS, minutes_exporter

if TYPE_CHECKING:
    from scrutiny_app.core.store import Intent, Store


def _meeting_date(text: str) -> dt.date:
    from scrutiny_app.core.time_input import parse_date

    try:
        return parse_date(text)
    except UserError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1600x1000") from None
    if not (320 <= w <= 8000 and 240 <= h <= 8000):
        raise argparse.ArgumentTypeError(f"size {text} is out of range")
    return w, h


def _hits(text: str) -> int:
    from scrutiny_app.core.search import MAX_HITS

    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 1 <= number <= MAX_HITS:
        raise argparse.ArgumentTypeError(f"{text} is out of range: give 1 to {MAX_HITS:,}")
    return number


def _database_options(parser: argparse.ArgumentParser, default=None) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--db", type=Path, default=default, help="the database file (default: $SCRUTINY_DB or the user data folder)")
    group.add_argument(
        "--demo", action="store_true", default=default if default is not None else False,
        help="use a fresh throwaway copy of the demo database",
    )


def _series_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--series", help="the meeting's series, needed when two series meet that day")


def _parser() -> argparse.ArgumentParser:
    # Subcommands repeat --db/--demo with suppressed defaults, so the options
    # work before or after the subcommand without one overwriting the other.
    where = argparse.ArgumentParser(add_help=False)
    _database_options(where, default=argparse.SUPPRESS)

    parser = argparse.ArgumentParser(prog="scrutiny-app", description="Scrutiny for OPCC scrutiny officers.")
    _database_options(parser)
    sub = parser.add_subparsers(dest="command")

    demo = sub.add_parser("make-demo", help="write the demo database to a file")
    demo.add_argument("--out", type=Path, required=True)

    shot = sub.add_parser("screenshot", parents=[where], help="render the main window offscreen to a PNG")
    shot.add_argument("--out", type=Path, required=True)
    shot.add_argument("--meeting", type=_meeting_date)
    shot.add_argument("--size", type=_size, default=(1600, 1000))

    export = sub.add_parser("export", help="export minutes or the action tracker")
    what = export.add_subparsers(dest="what", required=True)
    minutes = what.add_parser("minutes", parents=[where], help="the minutes (summary) of one meeting")
    minutes.add_argument("--meeting", type=_meeting_date, required=True)
    _series_option(minutes)
    minutes.add_argument("--out", type=Path, required=True)
    minutes.add_argument("--format", choices=MINUTES_FORMATS, help="docx, pdf or xlsx (default: from the file name)")
    minutes.add_argument("--public", action="store_true", help="leave out everything marked not for publication")
    minutes.add_argument("--final", action="store_true",
                         help="the version to publish, with no DRAFT mark: refused (exit 3) while the record has gaps")
    actions = what.add_parser("actions", parents=[where], help="the action tracker as .xlsx")
    actions.add_argument("--out", type=Path, required=True)
    reminders = what.add_parser("reminders", parents=[where], help="draft reminder e-mails and a summary, per owner")
    reminders.add_argument("--out", type=Path, required=True, help="the folder to write them to")
    reminders.add_argument("--as-of", type=_meeting_date, help="the day to count overdue from (default: today)")

    indicators = what.add_parser("indicators", parents=[where], help="one meeting's indicator tables, checked, as .xlsx")
    indicators.add_argument("--meeting", type=_meeting_date, required=True)
    _series_option(indicators)
    indicators.add_argument("--out", type=Path, required=True)
    indicators.add_argument("--charts", action="store_true", help="put each table's chart under its figures")

    imp = sub.add_parser("import", help="read a file in: indicator tables, a returned action tracker, people")
    what_in = imp.add_subparsers(dest="what", required=True)
    ind_in = what_in.add_parser("indicators", parents=[where], help="indicator tables from .xlsx or .csv, checked")
    ind_in.add_argument("file", type=Path)
    ind_in.add_argument("--meeting", type=_meeting_date, required=True)
    _series_option(ind_in)
    ind_in.add_argument("--report", help="the meeting's report the tables belong to (part of its title)")
    ind_in.add_argument("--dry-run", action="store_true", help="read and check only; change nothing")
    ind_in.add_argument("--readable-only", action="store_true",
                        help="import the readable rows even when some cells cannot be read")
    ind_in.add_argument("--replace-smaller", action="store_true",
                        help="replace stored tables even where the file has fewer figures, rows or columns")

    updates = what_in.add_parser("action-updates", parents=[where], help="the updates in a returned action tracker")
    updates.add_argument("file", type=Path)
    updates.add_argument("--dry-run", action="store_true", help="check and list the changes, save nothing")
    updates.add_argument("--valid-only", action="store_true", help="apply the valid rows even if others have problems")

    people_in = what_in.add_parser("people", parents=[where],
                                   help="the people directory from .xlsx or .csv (Name, Role, Organisation, E-mail, Short name)")
    people_in.add_argument("file", type=Path)
    people_in.add_argument("--dry-run", action="store_true", help="check and list the changes, save nothing")

    pack = sub.add_parser("pack", parents=[where], help="build a meeting's agenda pack as one PDF")
    pack.add_argument("--meeting", type=_meeting_date, required=True)
    _series_option(pack)
    pack.add_argument("--out", type=Path, required=True)
    pack.add_argument("--charts", action="store_true", help="add pages of indicator charts after each report")

    find = sub.add_parser("search", parents=[where], help="search every meeting; exit status 1 when nothing is found")
    find.add_argument("query", help='words, "a phrase", a prefix* , OR between terms, -word to leave out '
                      '(at most 50 terms, 1,000 characters); put -- before a query that starts with -')
    find.add_argument("--series", help="only meetings of this series")
    find.add_argument("--since", type=_meeting_date, help="only meetings on or after YYYY-MM-DD")
    find.add_argument("--until", type=_meeting_date, help="only meetings on or before YYYY-MM-DD")
    find.add_argument("--kind", action="append", help="only this kind of record, e.g. action or pcc-question (repeatable)")
    find.add_argument("--limit", type=_hits, default=50, help="at most this many hits, 1 to 10,000 (default 50)")
    office_commands.add_commands(sub, where, _meeting_date)
    return parser


def _database(args) -> Path:
    """The database file the command works on; ``--demo`` builds a throwaway one."""
    if getattr(args, "demo", False):
        from scrutiny_app.demo.build import throwaway_copy

        return throwaway_copy()
    if getattr(args, "db", None):
        return args.db
    path = paths.default_database()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _check_output(path: Path) -> None:
    if not path.parent.is_dir():
        raise UserError(f"Cannot write {path}: the folder {path.parent} does not exist.")


def _warn(text: str) -> None:
    print(f"scrutiny-app: warning: {text}", file=sys.stderr)


@contextmanager
def _opened(args, intent: "Intent") -> Iterator["Store"]:
    """The command's database, open for the length of the command.

    ``intent`` is "read" for a command that changes nothing (no backup is
    taken). The command's output may not overwrite the database, its journal,
    a backup, or the file the command reads (see core.open_inputs).
    """
    from scrutiny_app.core import open_inputs
    from scrutiny_app.core.store import open_store

    # The demo is a throwaway copy: no backups of it in the user's data folder.
    store = open_store(_database(args), intent=intent, backups=not getattr(args, "demo", False), warn=_warn)
    read = getattr(args, "file", None)
    try:
        if read is not None:
            open_inputs.register(read)
        if getattr(args, "out", None) is not None:
            open_inputs.refuse_overwrite(args.out)
        yield store
    finally:
        if read is not None:
            open_inputs.release(read)
        store.close()


def _make_demo(args) -> int:
    from scrutiny_app.demo.build import write_demo

    if args.out.exists():
        raise UserError(f"{args.out} already exists; choose a new file name.")
    _check_output(args.out)
    write_demo(args.out)
    print(f"Demo database written to {args.out}")
    return 0


def _export(args) -> int:
    if args.what == "reminders":
        from scrutiny_app.exports.reminders import export_reminders

        with _opened(args, "read") as store:
            written = export_reminders(store, args.out, args.as_of or dt.date.today())
        print(f"Written {len(written)} file(s) to {args.out}")
        return 0
    _check_output(args.out)
    with _opened(args, "read") as store:
        if args.what == "indicators":
            from scrutiny_app.core.queries import find_meeting
            from scrutiny_app.exports.indicators_xlsx import export_indicators_xlsx

            meeting_id = find_meeting(store, args.meeting, args.series)
            export_indicators_xlsx(store, meeting_id, args.out, _chart_images(store, meeting_id) if args.charts else None)
        elif args.what == "minutes":
            from scrutiny_app.core.minutes_check import check_meeting
            from scrutiny_app.core.queries import find_meeting

            meeting_id = find_meeting(store, args.meeting, args.series)
            export = minutes_exporter(_minutes_format(args))
            problems = check_meeting(store, meeting_id)
            for problem in problems:
                print(f"Warning: {problem}", file=sys.stderr)
            if problems and args.final:
                print("scrutiny-app: the minutes are not final while the record has the gaps above; "
                      "fix them, or export the draft (without --final).", file=sys.stderr)
                return 3
            export(store, meeting_id, args.out, public=args.public, draft=not args.final)
        else:
            from scrutiny_app.exports.actions_xlsx import export_actions_xlsx

            export_actions_xlsx(store, args.out)
    print(f"Written {args.out}")
    return 0


def _chart_images(store: "Store", meeting_id: int) -> dict[int, bytes]:
    """The meeting's published indicator charts as PNG, drawn by Qt offscreen (only when asked for)."""
    from scrutiny_app.ui.chart_images import published_chart_images

    return published_chart_images(store, meeting_id)


def _minutes_format(args) -> str:
    fmt = args.format or args.out.suffix.lower().lstrip(".")
    if fmt not in MINUTES_FORMATS:
        raise UserError(f"Cannot tell the format of {args.out}: name it .docx, .pdf or .xlsx, or give --format.")
    return fmt


def _import(args) -> int:
    from scrutiny_app.imports.workbook_scan import measure_file

    measure_file(args.file)  # a hostile file is refused before the database is opened
    with _opened(args, "read" if args.dry_run else "write") as store:
        if args.what == "action-updates":
            from scrutiny_app.imports.cli import import_action_updates

            return import_action_updates(store, args.file, dry_run=args.dry_run, valid_only=args.valid_only)
        if args.what == "people":
            from scrutiny_app.imports.cli import import_people

            return import_people(store, args.file, dry_run=args.dry_run)
        from scrutiny_app.imports.indicators.cli import import_command

        return import_command(store, args)


def _pack(args) -> int:
    _check_output(args.out)
    from scrutiny_app.pack.cli import pack_command

    with _opened(args, "read") as store:
        pack_command(store, args.meeting, args.out, _chart_images if args.charts else None, series=args.series)
    return 0


def _search(args) -> int:
    from scrutiny_app.core.light_read import open_read_only
    from scrutiny_app.core.search import fts_query, search, search_connection

    fts_query(args.query)  # a malformed or over-long query is refused before the database is opened
    options = dict(series=args.series, since=args.since, until=args.until, kinds=args.kind, limit=args.limit)
    con = None if getattr(args, "demo", False) else open_read_only(_database(args))
    if con is not None:  # a sound file at the newest schema: read with sqlite3 alone, no storage layer loaded
        with closing(con):
            hits = search_connection(con, args.query, **options)
    else:
        with _opened(args, "read") as store:
            hits = search(store, args.query, **options)
    if not hits:
        print(f"No matches for {args.query!r}.", file=sys.stderr)
        return 1
    print("\n".join(hit.line() for hit in hits))
    return 0


def _screenshot(args) -> int:
    _check_output(args.out)
    from scrutiny_app.ui.app import screenshot

    with _opened(args, "read") as store:
        screenshot(store, args.out, args.size, args.meeting)
    print(f"Written {args.out}")
    return 0


def _window(args) -> int:
    from scrutiny_app.ui.app import run_window

    # The demo copy is built once the window shows; so is any database opened.
    return run_window(None if args.demo else _database(args), demo=args.demo)


def _office_command(args) -> int:
    """One of the set-up commands (office_commands), run on the database opened for reading or writing."""
    intent, handler = office_commands.HANDLERS[(args.command, getattr(args, "what", None))]
    with _opened(args, intent) as store:
        return handler(args, store)


COMMANDS = {
    **{name: _office_command for name, _what in office_commands.HANDLERS},
    "make-demo": _make_demo,
    "export": _export,
    "import": _import,
    "pack": _pack,
    "search": _search,
    "screenshot": _screenshot,
    None: _window,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:  # the user data folder is looked up when first needed (paths.data_home): a search with --db never does
        return COMMANDS[args.command](args)
    except UserError as exc:
        print(f"scrutiny-app: {exc}", file=sys.stderr)
        return 2
