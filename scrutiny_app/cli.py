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
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from scrutiny_app import paths
from scrutiny_app.errors import UserError
from scrutiny_app.exports.minutes_formats import MINUTES_FORMATS, minutes_exporter

if TYPE_CHECKING:
    from scrutiny_app.core.store import Store


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
    minutes = what.add_parser("minutes", parents=[where], help="the minutes (summary) of one meeting")
    minutes.add_argument("--meeting", type=_meeting_date, required=True)
    minutes.add_argument("--out", type=Path, required=True)
    minutes.add_argument("--format", choices=MINUTES_FORMATS, help="docx, pdf or xlsx (default: from the file name)")
    minutes.add_argument("--public", action="store_true", help="leave out everything marked not for publication")
    actions = what.add_parser("actions", parents=[where], help="the action tracker as .xlsx")
    actions.add_argument("--out", type=Path, required=True)
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


@contextmanager
def _opened(args) -> Iterator["Store"]:
    """The command's database, open for the length of the command."""
    from scrutiny_app.core.store import open_store

    store = open_store(_database(args))
    try:
        yield store
    finally:
        store.close()


def _make_demo(args) -> int:
    from scrutiny_app.core.demo import build_demo

    if args.out.exists():
        raise UserError(f"{args.out} already exists; choose a new file name.")
    _check_output(args.out)
    build_demo(args.out).close()
    print(f"Demo database written to {args.out}")
    return 0


def _export(args) -> int:
    _check_output(args.out)
    with _opened(args) as store:
        if args.what == "minutes":
            from scrutiny_app.core.queries import find_meeting

            export = minutes_exporter(_minutes_format(args))
            export(store, find_meeting(store, args.meeting), args.out, public=args.public)
        else:
            from scrutiny_app.exports.actions_xlsx import export_actions_xlsx

            export_actions_xlsx(store, args.out)
    print(f"Written {args.out}")
    return 0


def _minutes_format(args) -> str:
    fmt = args.format or args.out.suffix.lower().lstrip(".")
    if fmt not in MINUTES_FORMATS:
        raise UserError(f"Cannot tell the format of {args.out}: name it .docx, .pdf or .xlsx, or give --format.")
    return fmt


def _screenshot(args) -> int:
    _check_output(args.out)
    from scrutiny_app.ui.app import screenshot

    with _opened(args) as store:
        screenshot(store, args.out, args.size, args.meeting)
    print(f"Written {args.out}")
    return 0


def _window(args) -> int:
    from scrutiny_app.core.store import open_store
    from scrutiny_app.ui.app import run_window

    return run_window(open_store(_database(args)), demo=args.demo)


COMMANDS = {"make-demo": _make_demo, "export": _export, "screenshot": _screenshot, None: _window}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    paths.ensure_configured()
    try:
        return COMMANDS[args.command](args)
    except UserError as exc:
        print(f"scrutiny-app: {exc}", file=sys.stderr)
        return 2
