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
from scrutiny_app.core.indicators import TableView, load_tables, series_key
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
    """Write the demo's records to ``target`` (which must not exist) and return it open; no papers yet."""
    folder = folder or paths.demo_data_dir()
    target = Path(target)
    if target.exists():
        raise FileExistsError(target)
    store = open_store(target)
    with store.session() as s:
        office = _json("office.json", folder)
        for key, value in (
            ("office.name", office["name"]),
            ("office.short_name", office["short_name"]),
            ("office.enquiries", json.dumps(office["enquiries"], ensure_ascii=False)),
            ("office.alternative_formats_note", office["alternative_formats_note"]),
            ("office.languages", json.dumps(office["languages"], ensure_ascii=False)),
        ):
            s.add(m.Setting(key=key, value=value))

        directory = _json("directory.json", folder)
        orgs = {}
        for o in directory["organisations"]:
            org = m.Organisation(name=o["name"], short_name=o["short_name"])
            s.add(org)
            orgs[o["short_name"]] = orgs[o["name"]] = org
        s.flush()
        people: dict[str, m.Person] = {}
        for p in directory["people"]:
            person = m.Person(
                name=p["name"],
                honorific=p.get("honorific"),
                role=p.get("role", ""),
                organisation_id=orgs[p["organisation"]].id if p.get("organisation") else None,
                short_form=p.get("short_form", ""),
            )
            s.add(person)
            people[p["name"]] = person

        series: dict[str, m.MeetingSeries] = {}
        for x in _json("series.json", folder):
            ser = m.MeetingSeries(
                name=x["name"],
                purpose=x.get("purpose"),
                default_venue=x.get("default_venue"),
                default_start=_time(x.get("default_start")),
                default_end=_time(x.get("default_end")),
                agenda_template=x.get("agenda_template", []),
            )
            s.add(ser)
            series[ser.name] = ser
        s.flush()

        meetings: dict[dt.date, m.Meeting] = {}
        items: dict[tuple[dt.date, int], m.AgendaItem] = {}
        for x in _json("meetings.json", folder):
            day = _date(x["date"])
            meeting = m.Meeting(
                series_id=series[x["series"]].id,
                title=x.get("title"),
                date=day,
                start_time=_time(x.get("start_time")),
                end_time=_time(x.get("end_time")),
                venue=x.get("venue"),
                hybrid=bool(x.get("hybrid")),
                online_platform=x.get("online_platform"),
                purpose=x.get("purpose"),
                status=x.get("status", "planned"),
                minutes_status=x.get("minutes_status", "none"),
                previous_meeting_id=meetings[_date(x["previous_meeting"])].id if x.get("previous_meeting") else None,
                previous_minutes_agreed=bool(x.get("previous_minutes_agreed")),
                declarations_none=bool(x.get("declarations_none")),
            )
            s.add(meeting)
            s.flush()
            meetings[day] = meeting
            for pos, a in enumerate(x.get("agenda", [])):
                item = m.AgendaItem(
                    meeting_id=meeting.id,
                    position=pos,
                    number=a.get("number"),
                    title=a["title"],
                    kind=a.get("kind", "item"),
                    start_time=_time(a.get("start_time")),
                    duration_minutes=a.get("duration_minutes"),
                    presenter=a.get("presenter"),
                    page=a.get("page"),
                    priority=a.get("priority"),
                    notes=a.get("notes") or "",
                )
                s.add(item)
                if item.number is not None:
                    items[(day, item.number)] = item
            s.flush()
            for pos, a in enumerate(x.get("attendance", [])):
                s.add(m.Attendance(meeting_id=meeting.id, person_id=people[a["person"]].id, status=a["status"], position=pos))
            for d in x.get("declarations", []):
                s.add(
                    m.Declaration(
                        meeting_id=meeting.id,
                        person_id=people[d["person"]].id if d.get("person") else None,
                        agenda_item_id=items[(day, d["item_number"])].id if d.get("item_number") else None,
                        text=d["text"],
                    )
                )
            for q in x.get("public_questions", []):
                s.add(
                    m.PublicQuestion(
                        meeting_id=meeting.id,
                        number=q["number"],
                        received_date=_date(q.get("received_date")),
                        asker_name=q.get("asker_name"),
                        asker_contact=q.get("asker_contact"),
                        question=q["question"],
                        answer=q.get("answer", ""),
                        answered_by=q.get("answered_by", ""),
                    )
                )
            for q in x.get("pcc_questions", []):
                s.add(
                    m.PccQuestion(
                        meeting_id=meeting.id,
                        agenda_item_id=items[(day, q["item_number"])].id,
                        number=q["number"],
                        question=q.get("question"),
                        answer=q.get("answer", ""),
                        follow_up=q.get("follow_up"),
                    )
                )
            for pos, r in enumerate(x.get("emerging_risks", [])):
                person = people.get(r.get("raised_by_person") or "")
                s.add(
                    m.EmergingRisk(
                        meeting_id=meeting.id,
                        position=pos,
                        raised_by=r["raised_by"],
                        raised_by_person_id=person.id if person else None,
                        text=r["text"],
                    )
                )
            for r in x.get("reports", []):
                s.add(
                    m.Report(
                        meeting_id=meeting.id,
                        agenda_item_id=items[(day, r["item_number"])].id,
                        **{k: r[k] for k in ("title", "originator", "reason_for_submission", "submitted_to", "subject", "summary", "recommendation")},
                    )
                )
        s.flush()

        for a in _json("actions.json", folder):
            raised = meetings[_date(a["raised_at"])]
            owner = people.get(a.get("owner_person") or "")
            action = m.Action(
                series_id=series[a["series"]].id,
                number=a["number"],
                raised_at_meeting_id=raised.id,
                date_raised=raised.date,
                owner=a["owner"],
                owner_person_id=owner.id if owner else None,
                description=a["description"],
                due_date=_date(a.get("due_date")),
                status=a["status"],
            )
            s.add(action)
            s.flush()
            for u in a.get("updates", []):
                at = meetings[_date(u["meeting"])]
                s.add(
                    m.ActionUpdate(
                        action_id=action.id,
                        meeting_id=at.id,
                        recorded_at=_recorded_at(at.date),
                        text=u["text"],
                        status=u["status"],
                    )
                )

        _add_indicators(s, _json("indicators.json", folder)["tables"], meetings, items)
    return store


def add_report_papers(store: Store, draw: Callable[[m.Report, list[TableView]], bytes]) -> None:
    """Attach ``draw(report, its indicator tables)`` to each report, so the demo pack has papers to merge.

    ``draw`` must give the same bytes for the same report, so every build of the demo is the same.
    """
    with store.session() as s:
        reports = s.exec(select(m.Report).order_by(m.Report.id)).all()
        meetings = {x.id: x for x in s.exec(select(m.Meeting)).all()}
    tables: dict[int, list] = {}
    for meeting_id in {r.meeting_id for r in reports}:
        for view in load_tables(store, meeting_id):
            tables.setdefault(view.table.report_id, []).append(view)
    rows = []
    for report in reports:
        content = draw(report, tables.get(report.id, []))
        rows.append({
            "report_id": report.id,
            "filename": f"Item {report.agenda_item_id} {report.title[:40]}.pdf",
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
        item = items.get((day, t.get("report_item")))
        table = m.IndicatorTable(
            meeting_id=meetings[day].id,
            report_id=report_of_item.get(item.id) if item else None,
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

