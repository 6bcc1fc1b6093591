"""Meeting series: the PCC Accountability Meeting, the Police and Crime Panel, a Strategic Deep-Dive…

Each series has its purpose line, usual venue and times, standard agenda and
where its action numbers start. A retired series keeps its meetings but takes
no new ones. A new office starts from the built-in "PCC Accountability
Meeting" template (:func:`accountability_template`), which it can edit.

Layer: core.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, select

from scrutiny_app.core import models as m
from scrutiny_app.core.agenda import PREVIOUS_MINUTES_TITLE
from scrutiny_app.core.store import Store
from scrutiny_app.core.time_input import check_times
from scrutiny_app.errors import NotFound, UserError

ACCOUNTABILITY_MEETING = "PCC Accountability Meeting"


def _entry(title: str, kind: str = "item", minutes: int | None = 15, priority: int | None = None) -> dict:
    return {"title": title, "kind": kind, "duration_minutes": minutes, "priority": priority}


_ACCOUNTABILITY_AGENDA = [
    _entry("Attendance and Apologies for Absence"),
    _entry("Declarations of Personal and/or Prejudicial Interests", minutes=None),
    _entry(PREVIOUS_MINUTES_TITLE, "paper", None),
    _entry("Public Questions", "verbal"),
    _entry("Police & Crime Plan 2025-29: Priority 1 - 'Preventing Crime'", "paper", priority=1),
    _entry("Police & Crime Plan 2025-29: Priority 2 - 'Cohesive Communities'", "paper", priority=2),
    _entry("Refreshment break (if required)", "break"),
    _entry("Police & Crime Plan 2025-29: Priority 3 - 'Reducing Harm'", "paper", priority=3),
    _entry("Emerging Operational/Organisational Risks", "verbal"),
    _entry("A.O.B.", "verbal"),
    _entry("Date of Next Scrutiny Meetings", minutes=None),
]


@dataclass
class SeriesDetails:
    """What the officer enters for a series (the set-up page and Series dialog edit one of these)."""

    name: str
    purpose: str = ""
    venue: str = ""
    start: dt.time | None = None
    end: dt.time | None = None
    # [{"title", "kind", "duration_minutes", "priority"}], as MeetingSeries.agenda_template holds it
    agenda: list[dict] = field(default_factory=list)
    first_action_number: int = 1


def accountability_template() -> SeriesDetails:
    """The built-in "PCC Accountability Meeting": purpose, 10:00 to 13:00 and the standard agenda (a copy to edit)."""
    return SeriesDetails(
        name=ACCOUNTABILITY_MEETING,
        purpose="To hold the Chief Constable to account and to enable issues to be discussed and decisions made in public",
        start=dt.time(10, 0),
        end=dt.time(13, 0),
        agenda=copy.deepcopy(_ACCOUNTABILITY_AGENDA),
    )


def details_of(series: m.MeetingSeries) -> SeriesDetails:
    """A stored series as editable details."""
    return SeriesDetails(series.name, series.purpose or "", series.default_venue or "", series.default_start,
                         series.default_end, copy.deepcopy(series.agenda_template), series.first_action_number)


def _check_agenda(agenda: list[dict]) -> list[dict]:
    clean = []
    for n, entry in enumerate(agenda, 1):
        title = str(entry.get("title") or "").strip()
        if not title:
            raise UserError(f"Standard agenda item {n} has no title.")
        kind = entry.get("kind") or "item"
        if kind not in m.ITEM_KINDS:
            raise UserError(f"Standard agenda item {n} (“{title}”) has the kind “{kind}”; "
                            f"use one of {', '.join(m.ITEM_KINDS)}.")
        minutes = entry.get("duration_minutes")
        if minutes is not None and (not isinstance(minutes, int) or not 0 <= minutes <= 24 * 60):
            raise UserError(f"Standard agenda item {n} (“{title}”) has a duration of {minutes!r} minutes; "
                            "give a whole number from 0 to 1440, or none.")
        priority = entry.get("priority")
        if priority not in (None, 1, 2, 3):
            raise UserError(f"Standard agenda item {n} (“{title}”) has priority {priority!r}; give 1, 2, 3 or none.")
        clean.append({"title": title, "kind": kind, "duration_minutes": minutes, "priority": priority})
    return clean


def _check(session: Session, details: SeriesDetails, series_id: int | None) -> SeriesDetails:
    """The details trimmed and checked: a name not used by another series, times in order, a sound agenda."""
    name = " ".join(details.name.split())
    if not name:
        raise UserError("Give the series a name (e.g. PCC Accountability Meeting).")
    clash = session.exec(select(m.MeetingSeries).where(func.lower(m.MeetingSeries.name) == name.lower(),
                                                       m.MeetingSeries.id != (series_id or -1))).first()
    if clash is not None:
        retired = " (retired)" if clash.retired else ""
        raise UserError(f"There is already a series called “{clash.name}”{retired}; choose another name.")
    check_times(details.start, details.end)
    if not isinstance(details.first_action_number, int) or details.first_action_number < 1:
        raise UserError(f"Action numbers must start at a whole number of 1 or more, not {details.first_action_number!r}.")
    return SeriesDetails(name, details.purpose.strip(), details.venue.strip(), details.start, details.end,
                         _check_agenda(details.agenda), details.first_action_number)


def _apply(series: m.MeetingSeries, details: SeriesDetails) -> None:
    series.name = details.name
    series.purpose = details.purpose or None
    series.default_venue = details.venue or None
    series.default_start, series.default_end = details.start, details.end
    series.agenda_template = details.agenda
    series.first_action_number = details.first_action_number


def _series(session: Session, series_id: int) -> m.MeetingSeries:
    series = session.get(m.MeetingSeries, series_id)
    if series is None:
        raise NotFound(f"Meeting series {series_id} no longer exists.")
    return series


def create_series(store: Store, details: SeriesDetails) -> int:
    """A new series; refused (nothing saved) for a name already used, an end before the start, a bad agenda."""
    with store.session() as s:
        clean = _check(s, details, None)
        series = m.MeetingSeries(name=clean.name)
        _apply(series, clean)
        s.add(series)
        s.flush()
        return series.id


def update_series(store: Store, series_id: int, details: SeriesDetails) -> None:
    """Save edited details (a rename included). Meetings already made keep their own venue, times and agenda."""
    with store.session() as s:
        series = _series(s, series_id)
        _apply(series, _check(s, details, series_id))
        s.add(series)


def rename_series(store: Store, series_id: int, name: str) -> None:
    """Give a series a new name (refused when another series has it)."""
    with store.session() as s:
        series = _series(s, series_id)
        details = details_of(series)
        details.name = name
        series.name = _check(s, details, series_id).name
        s.add(series)


def retire_series(store: Store, series_id: int, retired: bool = True) -> None:
    """Retire a series (no new meetings; its meetings and actions stay), or bring it back with ``retired=False``."""
    with store.session() as s:
        series = _series(s, series_id)
        series.retired = retired
        s.add(series)


def get_series(store: Store, series_id: int) -> SeriesDetails:
    """A series' details to edit (the Series dialog)."""
    with store.session() as s:
        return details_of(_series(s, series_id))


def list_series(store: Store, include_retired: bool = False) -> list[m.MeetingSeries]:
    """The series by name; retired ones only when asked for."""
    with store.session() as s:
        query = select(m.MeetingSeries).order_by(m.MeetingSeries.name)
        if not include_retired:
            query = query.where(m.MeetingSeries.retired == False)  # noqa: E712
        return list(s.exec(query).all())


@dataclass
class SeriesSummary:
    """A series as 'New meeting…' offers it: its standard agenda and times, and when it last met."""

    series: m.MeetingSeries
    latest: dt.date | None  # the date of its latest meeting; None before its first

    CYCLE = dt.timedelta(weeks=13)  # accountability meetings come round each quarter

    def next_date(self, today: dt.date | None = None) -> dt.date:
        """The date to offer for its next meeting: a quarter after the latest one, else today."""
        return self.latest + self.CYCLE if self.latest else today or dt.date.today()


def series_summaries(store: Store) -> list[SeriesSummary]:
    """The series meetings may be added to (:func:`list_series`), each with the date of its latest meeting."""
    with store.session() as s:
        latest = dict(s.exec(select(m.Meeting.series_id, func.max(m.Meeting.date)).group_by(m.Meeting.series_id)).all())
    return [SeriesSummary(ser, latest.get(ser.id)) for ser in list_series(store)]


def find_series(store: Store, name: str) -> m.MeetingSeries:
    """The series called ``name`` (case and spacing ignored), or NotFound listing the names there are."""
    wanted = " ".join(name.split()).lower()
    every = list_series(store, include_retired=True)
    for series in every:
        if series.name.lower() == wanted:
            return series
    known = ", ".join(f"“{x.name}”" for x in every) or "none yet (create one with: scrutiny-app series new NAME)"
    raise NotFound(f"There is no meeting series called “{name}”. Series: {known}.")
