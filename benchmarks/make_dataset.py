"""Build a ten-year Scrutiny database for benchmarks, deterministically from a seed.

400 meetings in three series, 10,000 agenda items, 8,000 public and PCC
questions with answers, 4,000 actions with 12,000 updates, 100,000 indicator
values and 200 attached PDF papers of 5-40 pages. Text is made of sentences
built from word lists, so it varies like minutes do. Rows go in through
SQLAlchemy Core bulk inserts into a database opened (and migrated) by the app,
so the search index is filled by its own triggers, as in real use.

    python benchmarks/make_dataset.py OUT.sqlite [--seed N] [--papers N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import sys
import time
from pathlib import Path

from sqlalchemy import insert

from scrutiny_app.core import models as m
from scrutiny_app.core.store import open_store

SERIES = ("PCC Accountability Meeting", "Police and Crime Panel", "Strategic Deep Dive")
MEETINGS, AGENDA_ITEMS, PUBLIC_QUESTIONS, PCC_QUESTIONS = 400, 10_000, 3_000, 5_000
ACTIONS, UPDATES, INDICATOR_VALUES, PAPERS = 4_000, 12_000, 100_000, 200
RISKS, REPORTS = 800, 1_200
PERIODS = ("last12", "previous12", "lta", "diff_previous", "diff_lta")
UTC = dt.timezone.utc

ACTORS = ["The PCC", "The CC", "The DCC", "T/ACC Balmer", "ACO Hunt", "The Chief Executive", "The panel",
          "The Performance and Scrutiny Manager", "The Head of Finance", "Superintendent Walker",
          "The Victims Commissioner", "The Constabulary", "The OPCC", "The force control room", "HMICFRS"]
VERBS = ["reported on", "asked about", "explained", "reviewed", "raised concerns about", "welcomed",
         "will provide an update on", "described progress with", "challenged the delay in", "confirmed funding for",
         "set out the plan for", "noted the rise in", "questioned the fall in", "agreed to look into",
         "presented figures on", "outlined the risks to"]
TOPICS = ["knife crime", "domestic abuse", "DA Matters Training", "rural crime", "retail crime", "shoplifting",
          "burglary", "anti-social behaviour", "road safety", "the Fatal Four", "speeding in villages",
          "stalking protection orders", "violence against women and girls", "county lines", "drug supply",
          "modern slavery", "fraud against older people", "cyber crime", "hate crime", "wildlife crime",
          "heritage crime", "999 call answering", "101 call waiting times", "the Contact and Control Room",
          "neighbourhood policing", "Safer Neighbourhood Teams", "police officer recruitment", "vetting",
          "custody suites", "stop and search", "body-worn video", "the estates strategy", "the precept",
          "overtime spending", "firearms licensing", "the Operation Sceptre week of action",
          "Operation Encompass", "youth diversion", "restorative justice", "victim satisfaction",
          "the Right Care Right Person model", "mental health demand", "missing persons", "child exploitation",
          "digital forensics", "the new records management system", "sickness absence", "wellbeing support",
          "positive outcome rates", "charge rates", "the backlog of cases at court", "CCTV coverage",
          "partnership working with councils", "the Community Safety Partnership", "drink and drug driving",
          "e-scooters", "catalytic converter thefts", "farm machinery thefts", "hare coursing", "fly-tipping"]
QUALIFIERS = ["across the county", "in King's Lynn", "in Great Yarmouth", "in Norwich city centre",
              "in the Broads", "over the last twelve months", "against the long-term average", "since April",
              "compared with similar forces", "for the coming year", "within the current budget",
              "following the inspection", "as part of the Police and Crime Plan", "with partner agencies",
              "before the next meeting", "in rural areas", "during the summer", "over the winter months"]
FIRST = ["Alex", "Sam", "Jo", "Chris", "Pat", "Morgan", "Jamie", "Robin", "Lee", "Kim", "Ash", "Charlie"]
LAST = ["Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Walker", "Wright", "Green", "Hall", "Wood"]
ITEM_TITLES = ["Attendance and Apologies", "Declarations of Interest", "Minutes of the previous meeting",
               "Public Questions", "Emerging Operational Risks", "Any Other Business", "Date of Next Meeting"]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(TOPICS)} {rng.choice(QUALIFIERS)}."


def text(rng: random.Random, low: int, high: int) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(low, high)))


def paper_pdf(rng: random.Random, pages: int) -> bytes:
    """A PDF paper of ``pages`` pages of sentences (reportlab)."""
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    for _ in range(pages):
        body = canvas.beginText(60, 780)
        body.setFont("Helvetica", 10)
        for _ in range(45):
            body.textLine(sentence(rng)[:110])
        canvas.drawText(body)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _meetings(rng: random.Random) -> list[dict]:
    start = dt.date(2016, 1, 1)
    days = sorted(rng.sample(range(3650), MEETINGS))
    return [
        {"id": i, "series_id": i % len(SERIES) + 1, "date": start + dt.timedelta(days=day), "hybrid": False,
         "status": "held", "minutes_status": "agreed", "previous_minutes_agreed": True}
        for i, day in enumerate(days, start=1)
    ]


def _spread(count: int, meetings: list[dict]) -> list[int]:
    """``count`` meeting ids, as evenly spread over the meetings as possible."""
    return [meetings[i * len(meetings) // count]["id"] for i in range(count)]


def build(path: Path, seed: int = 2025, papers: int = PAPERS, say=print) -> None:
    rng = random.Random(seed)
    store = open_store(path)
    started = time.perf_counter()
    meetings = _meetings(rng)
    by_id = {x["id"]: x for x in meetings}
    with store.engine.begin() as c:
        c.execute(insert(m.MeetingSeries.__table__),
                  [{"id": i, "name": name, "agenda_template": []} for i, name in enumerate(SERIES, start=1)])
        c.execute(insert(m.Meeting.__table__), meetings)

        items, position = [], {}
        for item_id, meeting_id in enumerate(_spread(AGENDA_ITEMS, meetings), start=1):
            n = position[meeting_id] = position.get(meeting_id, 0) + 1
            title = ITEM_TITLES[n - 1] if n <= len(ITEM_TITLES) else f"{rng.choice(TOPICS).capitalize()} update"
            items.append({"id": item_id, "meeting_id": meeting_id, "position": n, "number": n, "title": title,
                          "kind": "item", "notes": text(rng, 1, 6), "notes_private": rng.random() < 0.03})
        c.execute(insert(m.AgendaItem.__table__), items)
        items_of: dict[int, list[int]] = {}
        for item in items:
            items_of.setdefault(item["meeting_id"], []).append(item["id"])
        say(f"meetings and agenda: {time.perf_counter() - started:.1f} s")

        c.execute(insert(m.PublicQuestion.__table__), [
            {"meeting_id": mid, "number": i % 6 + 1, "asker_name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
             "question": text(rng, 1, 3), "answer": text(rng, 2, 6), "answered_by": "CC and PCC", "private": False}
            for i, mid in enumerate(_spread(PUBLIC_QUESTIONS, meetings))
        ])
        c.execute(insert(m.PccQuestion.__table__), [
            {"meeting_id": mid, "agenda_item_id": rng.choice(items_of[mid]), "number": i % 4 + 1,
             "question": text(rng, 1, 2), "answer": text(rng, 2, 8),
             "follow_up": text(rng, 1, 2) if rng.random() < 0.2 else None, "private": rng.random() < 0.02}
            for i, mid in enumerate(_spread(PCC_QUESTIONS, meetings))
        ])
        c.execute(insert(m.EmergingRisk.__table__), [
            {"meeting_id": mid, "position": i % 3, "raised_by": rng.choice(ACTORS), "text": text(rng, 1, 3),
             "private": rng.random() < 0.05}
            for i, mid in enumerate(_spread(RISKS, meetings))
        ])
        c.execute(insert(m.Report.__table__), [
            {"id": i, "meeting_id": mid, "title": f"Report on {rng.choice(TOPICS)}", "subject": sentence(rng),
             "summary": text(rng, 3, 8), "recommendation": "The meeting is asked to note the report.",
             "private": False}
            for i, mid in enumerate(_spread(REPORTS, meetings), start=1)
        ])
        say(f"questions, risks and reports: {time.perf_counter() - started:.1f} s")

        actions, numbers = [], {}
        for action_id, mid in enumerate(_spread(ACTIONS, meetings), start=1):
            series_id = by_id[mid]["series_id"]
            numbers[series_id] = numbers.get(series_id, 0) + 1
            actions.append({"id": action_id, "series_id": series_id, "number": numbers[series_id],
                            "raised_at_meeting_id": mid, "date_raised": by_id[mid]["date"],
                            "owner": rng.choice(ACTORS), "description": f"{sentence(rng)} {sentence(rng)}",
                            "status": rng.choice(("New", "Ongoing", "Closed")), "private": False, "deleted": False})
        c.execute(insert(m.Action.__table__), actions)
        later = {s: [x for x in meetings if x["series_id"] == s] for s in range(1, len(SERIES) + 1)}
        updates = []
        for i in range(UPDATES):
            action = actions[i % ACTIONS]
            after = [x for x in later[action["series_id"]] if x["date"] > action["date_raised"]][:3] or [
                by_id[action["raised_at_meeting_id"]]]
            meeting = after[(i // ACTIONS) % len(after)]
            updates.append({"action_id": action["id"], "meeting_id": meeting["id"],
                            "recorded_at": dt.datetime.combine(meeting["date"], dt.time(17), tzinfo=UTC),
                            "text": text(rng, 1, 3), "status": action["status"], "source": "meeting"})
        c.execute(insert(m.ActionUpdate.__table__), updates)
        say(f"actions and updates: {time.perf_counter() - started:.1f} s")

        tables, indicators, values = [], [], []
        per_table, per_indicator = 10, len(PERIODS)
        table_count = INDICATOR_VALUES // (per_table * per_indicator)
        for t, mid in enumerate(_spread(table_count, meetings), start=1):
            tables.append({"id": t, "meeting_id": mid, "position": t, "label": f"Table {t % 9 + 1}",
                           "caption": f"{rng.choice(TOPICS).capitalize()} {rng.choice(QUALIFIERS)}",
                           "layout": "last12_previous12_lta", "periods": []})
            for k in range(per_table):
                ind = (t - 1) * per_table + k + 1
                indicators.append({"id": ind, "table_id": t, "position": k, "name": rng.choice(TOPICS).capitalize(),
                                   "measure_type": "count", "series_key": f"bench-{k}"})
                for period in PERIODS:
                    value = round(rng.uniform(10, 9000), 1)
                    values.append({"indicator_id": ind, "period_key": period, "value": value, "unit": "",
                                   "as_printed": f"{value:,}"})
        c.execute(insert(m.IndicatorTable.__table__), tables)
        c.execute(insert(m.Indicator.__table__), indicators)
        c.execute(insert(m.IndicatorValue.__table__), values)
        say(f"{len(values)} indicator values: {time.perf_counter() - started:.1f} s")

    for n in range(papers):  # a transaction per paper, as the app adds them
        content = paper_pdf(rng, rng.randint(5, 40))
        with store.engine.begin() as c:
            c.execute(insert(m.Attachment.__table__), [{
                "report_id": n * REPORTS // papers + 1, "filename": f"paper-{n + 1}.pdf", "size": len(content),
                "added_at": dt.datetime(2025, 1, 1, tzinfo=UTC), "content": content}])
        if (n + 1) % 50 == 0:
            say(f"{n + 1} papers: {time.perf_counter() - started:.1f} s")
    store.close()
    say(f"built {path} in {time.perf_counter() - started:.1f} s")


def one_series(path: Path, actions: int, seed: int = 2025) -> None:
    """A database of one series of 40 meetings holding ``actions`` actions with three updates each:
    the action log at its largest, for the filter benchmarks."""
    rng = random.Random(seed)
    store = open_store(path, backups=False)
    start = dt.date(2016, 1, 1)
    meetings = [{"id": i, "series_id": 1, "date": start + dt.timedelta(days=90 * i), "hybrid": False,
                 "status": "held", "minutes_status": "draft", "previous_minutes_agreed": True} for i in range(1, 41)]
    due = [None] + [dt.date.today() + dt.timedelta(days=d) for d in (-30, -5, 3, 6, 40)]
    with store.engine.begin() as c:
        c.execute(insert(m.MeetingSeries.__table__), [{"id": 1, "name": SERIES[0], "agenda_template": []}])
        c.execute(insert(m.Meeting.__table__), meetings)
        rows = []
        for n in range(1, actions + 1):
            meeting = meetings[(n - 1) * len(meetings) // actions]
            rows.append({"id": n, "series_id": 1, "number": n, "raised_at_meeting_id": meeting["id"],
                         "date_raised": meeting["date"], "owner": rng.choice(ACTORS),
                         "description": f"{sentence(rng)} {sentence(rng)}", "due_date": rng.choice(due),
                         "status": rng.choice(("New", "Ongoing", "Closed")), "private": False,
                         "deleted": rng.random() < 0.02})
        c.execute(insert(m.Action.__table__), rows)
        c.execute(insert(m.ActionUpdate.__table__), [
            {"action_id": a["id"], "meeting_id": a["raised_at_meeting_id"], "text": text(rng, 1, 2),
             "recorded_at": dt.datetime.combine(a["date_raised"], dt.time(17 + k), tzinfo=UTC),
             "status": a["status"], "source": "meeting"} for a in rows for k in range(3)])
    store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--papers", type=int, default=PAPERS, help=f"PDF papers to attach (default {PAPERS})")
    args = parser.parse_args(argv)
    if args.out.exists():
        print(f"{args.out} already exists; choose a new file name.", file=sys.stderr)
        return 2
    build(args.out, args.seed, args.papers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
