"""The demo's records, from the JSON files under ``data/demo``, and the rows that attach its report papers.

The demo holds the 16 April 2025 accountability meeting as recorded and the
8 July 2025 meeting as prepared (see DESIGN.md). The whole demo, papers drawn,
is built by the ``scrutiny_app.demo`` package above core.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Callable

from sqlalchemy import insert
from sqlmodel import select

from scrutiny_app import paths
from scrutiny_app.core import models as m
from scrutiny_app.core import people
from scrutiny_app.core.agenda import add_item, agenda_of, remove_item
from scrutiny_app.core.indicators import TableView, load_tables, series_key
from scrutiny_app.core.live import add_record, set_attendance
from scrutiny_app.core.meetings import edit_meeting, open_or_create_meeting
from scrutiny_app.core.office import Office, set_office
from scrutiny_app.core.queries import update_field
from scrutiny_app.core.series import SeriesDetails, create_series
from scrutiny_app.core.store import Store, open_store

UTC = dt.timezone.utc


def _json(name: str, folder: Path):
    return json.loads((folder / name).read_text(encoding="utf-8"))


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _time(text: str | None) -> dt.time | None:
    return dt.time.fromisoformat(text) if text else None


def _recorded_at(day: dt.date) -> dt.datetime:
    # Historic updates are dated at the end of the meeting day they were given at.
    return dt.datetime.combine(day, dt.time(17, 0), tzinfo=UTC)


def build_demo_records(target: Path, folder: Path | None = None) -> Store:
    """Write the demo's records to ``target`` (which must not exist) and return it open; no papers yet.

    The office, directory, series, meetings and their agendas are entered through
    the same functions the window and the commands use (office, people, series,
    meetings, agenda, live), so the demo shows nothing an officer could not
    build by hand from an empty database. The action history and indicator
    tables, dated in the past, are written as rows.
    """
    folder = folder or paths.demo_data_dir()
    target = Path(target)
    if target.exists():
        raise FileExistsError(target)
    store = open_store(target)
    info = _json("office.json", folder)
    set_office(store, Office(
        name=info["name"], short_name=info["short_name"], address=info["enquiries"]["address"],
        telephone=info["enquiries"]["telephone"], telephone_label=info["enquiries"].get("telephone_label", ""),
        email=info["enquiries"]["email"], formats_note=info["alternative_formats_note"], languages=info["languages"],
    ))
    directory = _json("directory.json", folder)
    for o in directory["organisations"]:
        people.add_organisation(store, o["name"], o["short_name"])
    person_ids = {p["name"]: people.add_person(store, people.PersonDetails(
        p["name"], p.get("role", ""), p.get("organisation") or "", short_name=p.get("short_form", ""),
        honorific=p.get("honorific") or "")) for p in directory["people"]}
    series_ids = {x["name"]: create_series(store, SeriesDetails(
        x["name"], x.get("purpose") or "", x.get("default_venue") or "", _time(x.get("default_start")),
        _time(x.get("default_end")), x.get("agenda_template", []))) for x in _json("series.json", folder)}

    meetings: dict[dt.date, int] = {}
    items: dict[tuple[dt.date, int], int] = {}
    for x in _json("meetings.json", folder):
        day = _date(x["date"])
        meeting_id = meetings[day] = _demo_meeting(store, series_ids[x["series"]], x)
        for number, item_id in _demo_agenda(store, meeting_id, x.get("agenda", [])).items():
            items[(day, number)] = item_id
        _demo_records(store, meeting_id, x, person_ids, {n: i for (d, n), i in items.items() if d == day})
        # Last: agreed minutes lock the meeting against everything above.
        for name in ("previous_minutes_agreed", "declarations_none"):
            if x.get(name):
                update_field(store, m.Meeting, meeting_id, name, x[name])
        if x.get("minutes_status"):  # not a field typed on its own: the Meeting menu agrees minutes
            _set_directly(store, m.Meeting, meeting_id, minutes_status=x["minutes_status"])

    with store.session() as s:
        _add_actions(s, _json("actions.json", folder), series_ids, meetings, person_ids)
        _add_indicators(s, _json("indicators.json", folder)["tables"], meetings, items)
    return store


def _demo_meeting(store: Store, series_id: int, x: dict) -> int:
    """The meeting through the diary's functions, with its status; a meeting without its own agenda keeps the series'."""
    opened = open_or_create_meeting(store, series_id, _date(x["date"]), start=_time(x.get("start_time")),
                                    end=_time(x.get("end_time")), venue=x.get("venue"), hybrid=bool(x.get("hybrid")),
                                    purpose=x.get("purpose"))
    edit_meeting(store, opened.id, title=x.get("title"), online_platform=x.get("online_platform"))
    if x.get("status", "planned") != "planned":
        update_field(store, m.Meeting, opened.id, "status", x["status"])
    return opened.id


def _demo_agenda(store: Store, meeting_id: int, agenda: list[dict]) -> dict[int, int]:
    """Replace the series' standard agenda by the demo's own (when it has one); item number -> item id."""
    if not agenda:
        with store.session() as s:
            return {x.number: x.id for x in agenda_of(s, meeting_id) if x.number is not None}
    with store.session() as s:
        standard = [x.id for x in agenda_of(s, meeting_id)]
    for item_id in standard:
        remove_item(store, item_id)
    numbered = {}
    for pos, a in enumerate(agenda):
        item_id = add_item(store, meeting_id, pos, a["title"], a.get("kind", "item"), a.get("duration_minutes"))
        for name in ("page", "priority", "notes"):
            if a.get(name):
                update_field(store, m.AgendaItem, item_id, name, a[name])
        if a.get("presenter"):
            found = people.match_person(store, a["presenter"])
            people.set_presenter(store, item_id, found.id if found else None, a["presenter"])
        if a.get("number") is not None:
            numbered[a["number"]] = item_id
    for a, item_id in zip(agenda, _item_ids(store, meeting_id)):  # the times as the demo's papers print them
        _set_directly(store, m.AgendaItem, item_id, start_time=_time(a.get("start_time")))
    return numbered


def _set_directly(store: Store, cls: type, record_id: int, **values) -> None:
    """Store values no officer types in a cell (worked-out times, the minutes' state): they have no field rule."""
    with store.session() as s:
        record = s.get(cls, record_id)
        for name, value in values.items():
            setattr(record, name, value)
        s.commit()


def _item_ids(store: Store, meeting_id: int) -> list[int]:
    with store.session() as s:
        return [x.id for x in agenda_of(s, meeting_id)]


def _demo_records(store: Store, meeting_id: int, x: dict, person_ids: dict[str, int], items: dict[int, int]) -> None:
    """Attendance, declarations, questions, risks and reports, as live mode and the Agenda pane record them."""
    for a in x.get("attendance", []):
        set_attendance(store, meeting_id, person_ids[a["person"]], a["status"])
    for d in x.get("declarations", []):
        add_record(store, m.Declaration(meeting_id=meeting_id, person_id=person_ids.get(d.get("person") or ""),
                                        agenda_item_id=items.get(d.get("item_number")), text=d["text"]))
    for q in x.get("public_questions", []):
        add_record(store, m.PublicQuestion(
            meeting_id=meeting_id, number=q["number"], received_date=_date(q.get("received_date")),
            asker_name=q.get("asker_name"), asker_contact=q.get("asker_contact"), question=q["question"],
            answer=q.get("answer", ""), answered_by=q.get("answered_by", "")))
    for q in x.get("pcc_questions", []):
        add_record(store, m.PccQuestion(meeting_id=meeting_id, agenda_item_id=items[q["item_number"]],
                                        number=q["number"], question=q.get("question"), answer=q.get("answer", ""),
                                        follow_up=q.get("follow_up")))
    for pos, r in enumerate(x.get("emerging_risks", [])):
        add_record(store, m.EmergingRisk(meeting_id=meeting_id, position=pos, raised_by=r["raised_by"],
                                         raised_by_person_id=person_ids.get(r.get("raised_by_person") or ""),
                                         text=r["text"]))
    for r in x.get("reports", []):
        add_record(store, m.Report(meeting_id=meeting_id, agenda_item_id=items[r["item_number"]],
                                   **{k: r[k] for k in ("title", "originator", "reason_for_submission", "submitted_to",
                                                        "subject", "summary", "recommendation")}))


def _add_actions(s, actions: list[dict], series_ids: dict[str, int], meetings: dict[dt.date, int],
                 person_ids: dict[str, int]) -> None:
    """The action tracker with its dated history (the past cannot be recorded "now")."""
    for a in actions:
        raised = _date(a["raised_at"])
        action = m.Action(
            series_id=series_ids[a["series"]],
            number=a["number"],
            raised_at_meeting_id=meetings[raised],
            date_raised=raised,
            owner=a["owner"],
            owner_person_id=person_ids.get(a.get("owner_person") or ""),
            description=a["description"],
            due_date=_date(a.get("due_date")),
            status=a["status"],
        )
        s.add(action)
        s.flush()
        for u in a.get("updates", []):
            at = _date(u["meeting"])
            s.add(m.ActionUpdate(action_id=action.id, meeting_id=meetings[at], recorded_at=_recorded_at(at),
                                 text=u["text"], status=u["status"]))


def add_report_papers(store: Store, draw: Callable[[m.Report, list[TableView]], bytes]) -> None:
    """Attach ``draw(report, its indicator tables)`` to each report, so the demo pack has papers to merge.

    ``draw`` must give the same bytes for the same report, so every build of the demo is the same.
    """
    with store.session() as s:
        reports = s.exec(select(m.Report).order_by(m.Report.id)).all()
        meetings = {x.id: x for x in s.exec(select(m.Meeting)).all()}
        numbers = dict(s.exec(select(m.AgendaItem.id, m.AgendaItem.number)).all())
    tables: dict[int, list] = {}
    for meeting_id in {r.meeting_id for r in reports}:
        for view in load_tables(store, meeting_id):
            tables.setdefault(view.table.report_id, []).append(view)
    rows = []
    for report in reports:
        content = draw(report, tables.get(report.id, []))
        rows.append({
            "report_id": report.id,
            "filename": f"Item {numbers.get(report.agenda_item_id)} {report.title[:40]}.pdf",
            "media_type": "application/pdf",
            "sha256": hashlib.sha256(content).hexdigest(),
            "size": len(content),
            "added_at": _recorded_at(meetings[report.meeting_id].date - dt.timedelta(days=14)),
            "content": content,
        })
    if rows:
        with store.session() as s:
            s.execute(insert(m.Attachment), rows)


def _add_indicators(s, tables: list[dict], meetings: dict, items: dict) -> None:
    report_of_item = {r.agenda_item_id: r.id for r in s.exec(select(m.Report)).all()}
    value_rows = []
    for pos, t in enumerate(tables):
        day = _date(t["meeting"])
        table = m.IndicatorTable(
            meeting_id=meetings[day],
            report_id=report_of_item.get(items.get((day, t.get("report_item")))),
            position=pos,
            number=t.get("number"),
            label=t.get("label", ""),
            caption=t.get("caption", ""),
            objective=t.get("objective"),
            layout=t["layout"],
            date_range_note=t.get("date_range_note"),
            periods=t["periods"],
        )
        s.add(table)
        s.flush()
        for ipos, ind in enumerate(t["indicators"]):
            indicator = m.Indicator(
                table_id=table.id,
                position=ipos,
                group=ind.get("group"),
                name=ind["name"],
                measure_type=ind.get("measure_type", "count"),
                direction=ind.get("direction"),
                target=ind.get("target"),
                series_key=series_key(table.label, ind.get("group"), ind["name"]),
            )
            s.add(indicator)
            s.flush()
            for key, v in ind["values"].items():
                value_rows.append(
                    {
                        "indicator_id": indicator.id,
                        "period_key": key,
                        "value": v.get("value"),
                        "unit": v.get("unit", ""),
                        "as_printed": v.get("as_printed") or "",
                    }
                )
    if value_rows:
        s.execute(insert(m.IndicatorValue), value_rows)

