"""``scrutiny-app``: open the window, or run one job from the command line.

Heavy modules (Qt, openpyxl) are imported only by the command that needs them,
so ``scrutiny-app export …`` never loads Qt and the window starts quickly.
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

from scrutiny_app import paths
from scrutiny_app.errors import UserError


def _meeting_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in the form YYYY-MM-DD") from None


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1600x1000") from None
    if not (320 <= w <= 8000 and 240 <= h <= 8000):
        raise argparse.ArgumentTypeError(f"size {text} is out of range")
    return w, h


def _database_options(parser: argparse.ArgumentParser, default=None) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--db", type=Path, default=default, help="the database file (default: $SCRUTINY_DB or the user data folder)")
    group.add_argument(
        "--demo", action="store_true", default=default if default is not None else False,
        help="use a fresh throwaway copy of the demo database",
    )


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
    minutes = what.add_parser("minutes", parents=[where], help="the minutes of one meeting as .xlsx")
    minutes.add_argument("--meeting", type=_meeting_date, required=True)
    minutes.add_argument("--out", type=Path, required=True)
    actions = what.add_parser("actions", parents=[where], help="the action tracker as .xlsx")
    actions.add_argument("--out", type=Path, required=True)
    find = sub.add_parser("search", parents=[where], help="search every meeting; exit status 1 when nothing is found")
    find.add_argument("query", help='words, "a phrase", a prefix* , OR between terms, -word to leave out')
    find.add_argument("--series", help="only meetings of this series")
    find.add_argument("--since", type=_meeting_date, help="only meetings on or after YYYY-MM-DD")
    find.add_argument("--until", type=_meeting_date, help="only meetings on or before YYYY-MM-DD")
    find.add_argument("--kind", action="append", help="only this kind of record, e.g. action or pcc-question (repeatable)")
    find.add_argument("--limit", type=int, default=50, help="at most this many hits (default 50)")
    return parser


def _database(args) -> Path:
    """The database file the command works on; ``--demo`` builds a throwaway one."""
    if getattr(args, "demo", False):
        from scrutiny_app.core.demo import build_demo

        folder = Path(tempfile.mkdtemp(prefix="scrutiny-demo-"))
        atexit.register(shutil.rmtree, folder, True)
        target = folder / "demo.sqlite"
        build_demo(target).close()
        return target
    if getattr(args, "db", None):
        return args.db
    path = paths.default_database()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _check_output(path: Path) -> None:
    if not path.parent.is_dir():
        raise UserError(f"Cannot write {path}: the folder {path.parent} does not exist.")


def _run(args) -> int:
    if args.command == "make-demo":
        from scrutiny_app.core.demo import build_demo

        if args.out.exists():
            raise UserError(f"{args.out} already exists; choose a new file name.")
        _check_output(args.out)
        build_demo(args.out).close()
        print(f"Demo database written to {args.out}")
        return 0

    from scrutiny_app.core.store import open_store

    if args.command == "export":
        _check_output(args.out)
        store = open_store(_database(args))
        try:
            if args.what == "minutes":
                from scrutiny_app.core.queries import find_meeting
                from scrutiny_app.exports.minutes_xlsx import export_minutes_xlsx

                export_minutes_xlsx(store, find_meeting(store, args.meeting), args.out)
            else:
                from scrutiny_app.exports.actions_xlsx import export_actions_xlsx

                export_actions_xlsx(store, args.out)
        finally:
            store.close()
        print(f"Written {args.out}")
        return 0

    if args.command == "search":
        from scrutiny_app.core.search import search

        store = open_store(_database(args))
        try:
            hits = search(store, args.query, series=args.series, since=args.since, until=args.until, kinds=args.kind,
                          limit=args.limit)
        finally:
            store.close()
        if not hits:
            print(f"No matches for {args.query!r}.", file=sys.stderr)
            return 1
        print("\n".join(hit.line() for hit in hits))
        return 0

    if args.command == "screenshot":
        _check_output(args.out)
        from scrutiny_app.ui.app import screenshot

        store = open_store(_database(args))
        try:
            screenshot(store, args.out, args.size, args.meeting)
        finally:
            store.close()
        print(f"Written {args.out}")
        return 0

    from scrutiny_app.ui.app import run_window

    return run_window(open_store(_database(args)), demo=args.demo)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    paths.ensure_configured()
    try:
        return _run(args)
    except UserError as exc:
        print(f"scrutiny-app: {exc}", file=sys.stderr)
        return 2
