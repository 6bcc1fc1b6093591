"""The commands that set up an office from an empty database, for scripting and for the office's IT.

``office show|set``, ``series new|list``, ``meeting new|edit|cancel|delete|list``,
``agenda add``, ``attach-paper`` and ``people list|add``. Each checks what it
is given before the database is opened where it can (dates, times), and
through the core functions otherwise: a refusal is one clear message, exit 2,
and nothing changed. Lists are tab-separated, one line each, for scripts.

Layer: the top, beside ``cli.py`` (which registers these commands and opens the database for them).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from scrutiny_app.errors import UserError

if TYPE_CHECKING:
    from scrutiny_app.core.store import Store

# The storage layer is imported by each handler when it runs, never with the parser: ``scrutiny-app search``
# builds the same parser and must not load it (see tests/test_search_process.py).
Handler = Callable[[argparse.Namespace, "Store"], int]


def _time_range(text: str):
    from scrutiny_app.core.time_input import parse_time_range

    try:
        return parse_time_range(text)
    except UserError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 1 or more")
    return int(text)


def _minutes(text: str) -> int:
    if not text.isdigit() or int(text) > 24 * 60:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of minutes from 0 to 1440")
    return int(text)


def _place_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--time", type=_time_range, help="start and end, HH:MM-HH:MM (e.g. 10:00-13:00)")
    parser.add_argument("--venue")
    parser.add_argument("--purpose", help="the purpose line the front sheet prints")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--hybrid", dest="hybrid", action="store_true", default=None, help="in the room and online")
    mode.add_argument("--in-person", dest="hybrid", action="store_false", help="in the room only")


def add_commands(sub, where: argparse.ArgumentParser, date_type) -> None:
    """Add these commands to ``scrutiny-app``'s subparsers; ``where`` carries --db/--demo, ``date_type`` reads dates."""
    off = sub.add_parser("office", help="the office's name and contact details, printed on every pack")
    off_what = off.add_subparsers(dest="what", required=True)
    off_what.add_parser("show", parents=[where], help="print the office's details")
    off_set = off_what.add_parser("set", parents=[where], help="enter or change the office's details")
    for name, text in (("name", "the office's full name"), ("short-name", "e.g. OPCCN"), ("address", None),
                       ("telephone", None), ("telephone-label", "printed before the number (default Telephone)"),
                       ("email", None), ("formats-note", 'the "other formats and languages" note'),
                       ("languages", "languages copies are offered in, separated by commas")):
        off_set.add_argument(f"--{name}", help=text)

    ser = sub.add_parser("series", help="meeting series: a new one, or the list")
    ser_what = ser.add_subparsers(dest="what", required=True)
    new_series = ser_what.add_parser("new", parents=[where], help="a new meeting series")
    new_series.add_argument("name")
    new_series.add_argument("--purpose")
    new_series.add_argument("--venue", help="where it usually meets")
    new_series.add_argument("--time", type=_time_range, help="usual start and end, HH:MM-HH:MM")
    new_series.add_argument("--template", action="store_true",
                            help="start from the built-in PCC Accountability Meeting (purpose, times, standard agenda)")
    new_series.add_argument("--first-action", type=_positive, help="the number its first action takes (default 1)")
    ser_what.add_parser("list", parents=[where], help="name, purpose, venue, times, retired (tab-separated)")

    meet = sub.add_parser("meeting", help="create, edit, cancel, delete or list meetings")
    meet_what = meet.add_subparsers(dest="what", required=True)
    for name, text in (("new", "a meeting of a series (an existing one on that date is kept)"),
                       ("edit", "change a meeting's date, times, venue, purpose"),
                       ("cancel", "mark a meeting cancelled (kept, left out of the next meetings)"),
                       ("delete", "delete a meeting that holds no records")):
        one = meet_what.add_parser(name, parents=[where], help=text)
        one.add_argument("--series", required=True)
        one.add_argument("--date", type=date_type, required=True)
        if name in ("new", "edit"):
            _place_options(one)
        if name == "edit":
            one.add_argument("--new-date", type=date_type, help="move the meeting to this date")
    listing = meet_what.add_parser("list", parents=[where], help="date, series, status, items, actions (tab-separated)")
    listing.add_argument("--series")

    agenda = sub.add_parser("agenda", help="add an item to a meeting's agenda")
    agenda_what = agenda.add_subparsers(dest="what", required=True)
    add = agenda_what.add_parser("add", parents=[where], help="an item at the end of the agenda (or --at N)")
    add.add_argument("--meeting", type=date_type, required=True)
    add.add_argument("--series", help="needed when two series meet that day")
    add.add_argument("--title", required=True)
    add.add_argument("--kind", choices=("item", "paper", "verbal", "break"), default="item")
    add.add_argument("--minutes", type=_minutes, help="its duration")
    add.add_argument("--presenter", help="a name, short name or e-mail from the directory")
    add.add_argument("--at", type=_positive, help="its place on the agenda (1 = first; default last)")

    paper = sub.add_parser("attach-paper", parents=[where], help="attach a PDF paper to an agenda item")
    paper.add_argument("file", type=Path)
    paper.add_argument("--meeting", type=date_type, required=True)
    paper.add_argument("--item", type=_positive, required=True, help="the item's number on the agenda")
    paper.add_argument("--series", help="needed when two series meet that day")

    ppl = sub.add_parser("people", help="the people directory")
    ppl_what = ppl.add_subparsers(dest="what", required=True)
    ppl_what.add_parser("list", parents=[where], help="name, role, organisation, e-mail, short name (tab-separated)")
    person = ppl_what.add_parser("add", parents=[where], help="add someone to the directory")
    person.add_argument("name")
    for name in ("role", "organisation", "email", "short-name"):
        person.add_argument(f"--{name}")


def _row(*values) -> str:
    """A tab-separated line; a tab or line break inside a value becomes a space."""
    return "\t".join(" ".join(str(v).split()) if v is not None else "" for v in values)


def _office_show(args, store: "Store") -> int:
    from scrutiny_app.core import office

    details = office.get_office(store)
    for name, value in dataclasses.asdict(details).items():
        print(_row(name, ", ".join(value) if isinstance(value, list) else value))
    return 0


def _office_set(args, store: "Store") -> int:
    from scrutiny_app.core import office

    changes = {k: v for k, v in (("name", args.name), ("short_name", args.short_name), ("address", args.address),
                                 ("telephone", args.telephone), ("telephone_label", args.telephone_label),
                                 ("email", args.email), ("formats_note", args.formats_note)) if v is not None}
    if args.languages is not None:
        changes["languages"] = [x for x in args.languages.split(",")]
    if not changes:
        raise UserError("Give at least one detail to set, e.g. --name \"Office of the Police and Crime Commissioner\".")
    saved = office.set_office(store, dataclasses.replace(office.get_office(store), **changes))
    print(f"Saved the details of {saved.name}.")
    return 0


def _series_new(args, store: "Store") -> int:
    from scrutiny_app.core import series

    details = series.accountability_template() if args.template else series.SeriesDetails(args.name)
    details.name = args.name
    if args.purpose is not None:
        details.purpose = args.purpose
    if args.venue is not None:
        details.venue = args.venue
    if args.time is not None:
        details.start, details.end = args.time
    if args.first_action is not None:
        details.first_action_number = args.first_action
    series.create_series(store, details)
    print(f"Created the series {' '.join(args.name.split())}.")
    return 0


def _series_list(args, store: "Store") -> int:
    from scrutiny_app.core import series
    from scrutiny_app.core.formatting import clock

    for x in series.list_series(store, include_retired=True):
        print(_row(x.name, x.purpose, x.default_venue, clock(x.default_start), clock(x.default_end),
                   "retired" if x.retired else ""))
    return 0


def _meeting_id(args, store: "Store", day) -> int:
    from scrutiny_app.core.queries import find_meeting

    return find_meeting(store, day, args.series)


def _place_changes(args) -> dict:
    changes = {}
    if args.time is not None:
        changes["start"], changes["end"] = args.time
    for name in ("venue", "purpose", "hybrid"):
        if getattr(args, name) is not None:
            changes[name] = getattr(args, name)
    return changes


def _meeting_new(args, store: "Store") -> int:
    from scrutiny_app.core import meetings, series
    from scrutiny_app.core.formatting import day_and_date

    found = series.find_series(store, args.series)
    opened = meetings.open_or_create_meeting(store, found.id, args.date, **_place_changes(args))
    when = f"{found.name} on {day_and_date(args.date)}"
    print(f"Created the {when}." if opened.created else f"The {when} already exists; it was left as it was.")
    return 0


def _meeting_edit(args, store: "Store") -> int:
    from scrutiny_app.core import meetings
    from scrutiny_app.core.formatting import day_and_date

    changes = _place_changes(args)
    if args.new_date is not None:
        changes["date"] = args.new_date
    if not changes:
        raise UserError("Give something to change: --new-date, --time, --venue, --purpose, --hybrid or --in-person.")
    saved = meetings.edit_meeting(store, _meeting_id(args, store, args.date), **changes)
    print(f"Saved the meeting, now on {day_and_date(saved.date)}.")
    return 0


def _meeting_cancel(args, store: "Store") -> int:
    from scrutiny_app.core import meetings
    from scrutiny_app.core.formatting import day_and_date

    meetings.cancel_meeting(store, _meeting_id(args, store, args.date))
    print(f"Cancelled the meeting on {day_and_date(args.date)}; it is kept, marked cancelled.")
    return 0


def _meeting_delete(args, store: "Store") -> int:
    from scrutiny_app.core import meetings
    from scrutiny_app.core.formatting import day_and_date

    meetings.delete_meeting(store, _meeting_id(args, store, args.date))
    print(f"Deleted the meeting on {day_and_date(args.date)}.")
    return 0


def _meeting_list(args, store: "Store") -> int:
    from scrutiny_app.core import meetings, series

    series_id = series.find_series(store, args.series).id if args.series else None
    for x in meetings.meeting_rows(store, series_id):
        print(_row(x.date.isoformat(), x.series, x.status, x.items, x.actions))
    return 0


def _agenda_add(args, store: "Store") -> int:
    from scrutiny_app.core import people
    from scrutiny_app.core.agenda import add_item
    from scrutiny_app.core.formatting import day_and_date
    from scrutiny_app.core.queries import find_meeting

    meeting_id = find_meeting(store, args.meeting, args.series)
    presenter = None
    if args.presenter:
        presenter = people.match_person(store, args.presenter)
        if presenter is None:
            raise UserError(f"“{args.presenter}” is not one person in the directory; add them first "
                            "(scrutiny-app people add NAME, or import people FILE).")
    at = args.at - 1 if args.at else 1 << 30
    item_id = add_item(store, meeting_id, at, args.title.strip() or "New item", args.kind, args.minutes)
    if presenter is not None:
        people.set_presenter(store, item_id, presenter.id)
    print(f"Added “{args.title.strip()}” to the agenda of {day_and_date(args.meeting)}.")
    return 0


def _attach_paper(args, store: "Store") -> int:
    from scrutiny_app.core import meetings
    from scrutiny_app.core.papers import attach_paper_file
    from scrutiny_app.core.queries import find_meeting

    item = meetings.item_numbered(store, find_meeting(store, args.meeting, args.series), args.item)
    attached = attach_paper_file(store, item.id, args.file)
    print(f"Attached {args.file.name} ({attached.pages} page(s)) to item {args.item}, {item.title}.")
    if attached.note:
        print(f"Note: {attached.note}", file=sys.stderr)
    return 0


def _people_list(args, store: "Store") -> int:
    from scrutiny_app.core import people

    for entry in people.list_people(store):
        d = entry.details
        print(_row(d.name, d.role, d.organisation, d.email, d.short_name) + ("" if d.active else "\tleft"))
    return 0


def _people_add(args, store: "Store") -> int:
    from scrutiny_app.core import people

    details = people.PersonDetails(args.name, args.role or "", args.organisation or "", args.email or "",
                                   args.short_name or "")
    people.add_person(store, details)
    print(f"Added {people.check_person(details).label} to the directory.")
    return 0


HANDLERS: dict[tuple[str, str | None], tuple[str, Handler]] = {
    ("office", "show"): ("read", _office_show),
    ("office", "set"): ("write", _office_set),
    ("series", "new"): ("write", _series_new),
    ("series", "list"): ("read", _series_list),
    ("meeting", "new"): ("write", _meeting_new),
    ("meeting", "edit"): ("write", _meeting_edit),
    ("meeting", "cancel"): ("write", _meeting_cancel),
    ("meeting", "delete"): ("write", _meeting_delete),
    ("meeting", "list"): ("read", _meeting_list),
    ("agenda", "add"): ("write", _agenda_add),
    ("attach-paper", None): ("write", _attach_paper),
    ("people", "list"): ("read", _people_list),
    ("people", "add"): ("write", _people_add),
}
