"""Full-text search: every kind of record is found, the index follows edits, queries are forgiving."""

from __future__ import annotations

import datetime as dt

import pytest

from pdfs import text_pdf
from scrutiny_app.core import models as m
from scrutiny_app.core.actions import delete_action
from scrutiny_app.core.queries import update_field
from scrutiny_app.core.search import MalformedQuery, fts_query, locate, search
from scrutiny_app.core.store import APPLICATION_ID
from scrutiny_app.errors import NotFound, UserError

WHEN = dt.datetime(2025, 7, 8, 17, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def add(store, make_meeting):
    """Factory: add a record to a meeting (made on first use) and return it."""
    meeting = make_meeting()

    def make(record):
        with store.session() as s:
            if getattr(record, "meeting_id", False) is None:
                record.meeting_id = meeting.id
            s.add(record)
        return record

    make.meeting = meeting
    return make


def _change(store, cls, row_id, **values):
    """Change columns no edit screen writes (update_field refuses them), as a later version might."""
    with store.session() as s:
        row = s.get(cls, row_id)
        for name, value in values.items():
            setattr(row, name, value)
        s.add(row)


def _places(store, query, **filters) -> list[str]:
    return [h.place for h in search(store, query, **filters)]


def _action(add, number=18, **fields):
    return add(m.Action(series_id=1, number=number, raised_at_meeting_id=add.meeting.id, **fields))


@pytest.mark.parametrize(
    "record, query, place",
    [
        (lambda mid: m.AgendaItem(meeting_id=mid, number=4, title="Reducing Harm"), "harm", "Agenda item 4"),
        (lambda mid: m.AgendaItem(meeting_id=mid, number=5, notes="Asked about knife arches"), "knife", "Agenda item 5"),
        (lambda mid: m.PublicQuestion(meeting_id=mid, number=2, question="Why close the front desk?"), "desk",
         "Public question 2"),
        (lambda mid: m.PublicQuestion(meeting_id=mid, number=3, answer="The desk reopens in May"), "reopens",
         "Public question 3"),
        (lambda mid: m.PccQuestion(meeting_id=mid, number=1, question="What of rural crime?"), "rural",
         "PCC question 1"),
        (lambda mid: m.PccQuestion(meeting_id=mid, number=2, answer="Tractor thefts fell"), "tractor",
         "PCC question 2"),
        (lambda mid: m.PccQuestion(meeting_id=mid, number=3, follow_up="Report back on drones"), "drones",
         "PCC question 3"),
        (lambda mid: m.EmergingRisk(meeting_id=mid, raised_by="The CC", text="Vetting backlog"), "vetting",
         "Emerging risk, raised by The CC"),
        (lambda mid: m.Report(meeting_id=mid, title="Preventing Crime", subject="Neighbourhood policing"),
         "neighbourhood", "Report: Preventing Crime"),
        (lambda mid: m.Report(meeting_id=mid, title="Harm", summary="Stalking orders doubled"), "stalking",
         "Report: Harm"),
        (lambda mid: m.Report(meeting_id=mid, title="Harm", recommendation="Note the report"), "note",
         "Report: Harm"),
    ],
)
def test_each_kind_of_meeting_record_is_found(store, add, record, query, place):
    add(record(add.meeting.id))
    assert _places(store, query) == [place]


def test_an_action_is_found_by_its_description(store, add):
    _action(add, description="Check the DA Matters roll-out")
    assert _places(store, "roll-out") == ["Action 18"]


def test_an_action_update_is_found_and_names_its_action(store, add):
    action = _action(add)
    add(m.ActionUpdate(action_id=action.id, recorded_at=WHEN, text="Briefing circulated"))
    assert _places(store, "briefing") == ["Update on action 18"]


def test_the_text_of_an_attached_pdf_paper_is_found(store, add):
    report = add(m.Report(meeting_id=add.meeting.id, title="Reducing Harm"))
    content = text_pdf("Cover sheet", "Operation Sceptre knife crime week of action")
    add(m.Attachment(report_id=report.id, filename="harm.pdf", added_at=WHEN, content=content))
    hits = search(store, "sceptre")
    assert [(h.kind, h.place) for h in hits] == [("paper", "Paper: harm.pdf, page 2")]


def test_a_paper_is_found_by_its_file_name(store, add):
    report = add(m.Report(meeting_id=add.meeting.id, title="Reducing Harm"))
    add(m.Attachment(report_id=report.id, filename="harm.pdf", added_at=WHEN, content=text_pdf("Cover sheet")))
    assert _places(store, "harm.pdf") == ["Paper: harm.pdf"]


def test_a_deleted_paper_takes_its_pages_with_it(store, add):
    report = add(m.Report(meeting_id=add.meeting.id, title="Reducing Harm"))
    paper = add(m.Attachment(report_id=report.id, filename="harm.pdf", added_at=WHEN,
                             content=text_pdf("Sceptre", "Sceptre again")))
    with store.session() as s:
        s.delete(s.get(m.Attachment, paper.id))
    assert search(store, "sceptre") == []


def test_a_paper_moves_with_its_report(store, add, make_meeting):
    july = make_meeting(dt.date(2025, 7, 8))
    report = add(m.Report(meeting_id=add.meeting.id, title="Reducing Harm"))
    add(m.Attachment(report_id=report.id, filename="harm.pdf", added_at=WHEN, content=text_pdf("Sceptre")))
    _change(store, m.Report, report.id, meeting_id=july.id)
    assert [h.date for h in search(store, "sceptre")] == [dt.date(2025, 7, 8)]


def test_a_damaged_pdf_is_stored_with_no_text(store, add):
    report = add(m.Report(meeting_id=add.meeting.id, title="Reducing Harm"))
    add(m.Attachment(report_id=report.id, filename="broken.pdf", added_at=WHEN,
                     content=b"%PDF-1.4 not really"))
    assert _places(store, "broken") == ["Paper: broken.pdf"]


def test_an_edit_is_searchable_at_once(store, add):
    item = add(m.AgendaItem(number=1, title="Welcome"))
    update_field(store, m.AgendaItem, item.id, "notes", "Apologies from the Chief Executive")
    assert _places(store, "apologies") == ["Agenda item 1"]


def test_an_edit_removes_the_old_words(store, add):
    item = add(m.AgendaItem(number=1, title="Welcome"))
    update_field(store, m.AgendaItem, item.id, "title", "Introductions")
    assert search(store, "welcome") == []


def test_a_deleted_record_disappears(store, add):
    risk = add(m.EmergingRisk(text="Custody suite closure"))
    with store.session() as s:
        s.delete(s.get(m.EmergingRisk, risk.id))
    assert search(store, "custody") == []


def test_an_action_marked_deleted_disappears_with_its_updates(store, add):
    action = _action(add, description="Custody review")
    add(m.ActionUpdate(action_id=action.id, recorded_at=WHEN, text="Custody review started"))
    delete_action(store, action.id)
    assert search(store, "custody") == []


def test_an_action_update_follows_a_change_of_action_number(store, add):
    action = _action(add)
    add(m.ActionUpdate(action_id=action.id, recorded_at=WHEN, text="Briefing circulated"))
    _change(store, m.Action, action.id, number=21)
    assert _places(store, "briefing") == ["Update on action 21"]


def test_a_phrase_matches_only_the_words_together(store, add):
    add(m.AgendaItem(number=1, title="DA Matters training"))
    add(m.AgendaItem(number=2, title="Training matters, said the DA lead"))
    assert _places(store, '"DA Matters"') == ["Agenda item 1"]


def test_a_prefix_matches_the_start_of_words(store, add):
    add(m.AgendaItem(number=1, title="Neighbourhood policing"))
    add(m.AgendaItem(number=2, title="Neighbours"))
    add(m.AgendaItem(number=3, title="Road safety"))
    assert sorted(_places(store, "neighbo*")) == ["Agenda item 1", "Agenda item 2"]


def test_or_finds_either_and_minus_leaves_out(store, add):
    add(m.AgendaItem(number=1, title="Burglary"))
    add(m.AgendaItem(number=2, title="Robbery and burglary"))
    add(m.AgendaItem(number=3, title="Robbery"))
    assert sorted(_places(store, "burglary OR robbery -and")) == ["Agenda item 1", "Agenda item 3"]


def test_a_matching_title_ranks_above_a_mention_in_notes(store, add):
    add(m.AgendaItem(number=1, title="Finance", notes="Overtime on the firearms budget rose again this year"))
    add(m.AgendaItem(number=2, title="Firearms licensing", notes="Backlog cleared by spring"))
    assert _places(store, "firearms") == ["Agenda item 2", "Agenda item 1"]


def test_the_snippet_marks_the_matched_words(store, add):
    add(m.EmergingRisk(text="A rise in fraud against older people"))
    assert search(store, "fraud")[0].marked_snippet() == "A rise in [fraud] against older people"


@pytest.mark.parametrize("typed", ['"DA Matters', "OR training", "training OR", "*", "-firearms"])
def test_a_malformed_query_says_what_is_wrong(store, typed):
    with pytest.raises(MalformedQuery):
        search(store, typed)


@pytest.mark.parametrize("typed", ["AND", "NOT", "NEAR(a b)", "col:umn", "a^b", "{x}", "C++", "O'Brien"])
def test_fts_syntax_in_ordinary_text_is_just_text(store, add, typed):
    add(m.AgendaItem(number=1, title=f"About {typed}"))
    assert _places(store, typed) == ["Agenda item 1"]


def test_punctuation_alone_is_no_query():
    assert fts_query(" & - ") is None


def test_private_records_are_found_and_marked(store, add):
    add(m.PccQuestion(number=1, question="Informant handling", private=True))
    assert [h.private for h in search(store, "informant")] == [True]


def test_the_asker_of_a_public_question_is_never_indexed(store, add):
    add(m.PublicQuestion(number=1, asker_name="Jane Resident", asker_contact="jane@example.org", question="Speeding"))
    assert search(store, "Jane") == [] and search(store, "example") == []


def test_filter_by_series(store, add, make_meeting):
    panel = make_meeting(dt.date(2025, 6, 1), series="Police and Crime Panel")
    add(m.AgendaItem(number=1, title="Budget"))
    add(m.AgendaItem(meeting_id=panel.id, number=2, title="Budget"))
    assert _places(store, "budget", series="police and crime panel") == ["Agenda item 2"]


def test_an_unknown_series_is_named_in_the_error(store, add):
    with pytest.raises(NotFound, match="No meeting series called 'Panel'.*PCC Accountability Meeting"):
        search(store, "budget", series="Panel")


def test_filter_by_date_range(store, add, make_meeting):
    july = make_meeting(dt.date(2025, 7, 8))
    add(m.AgendaItem(number=1, title="Budget"))  # 16 April 2025
    add(m.AgendaItem(meeting_id=july.id, number=2, title="Budget"))
    assert _places(store, "budget", since=dt.date(2025, 5, 1)) == ["Agenda item 2"]
    assert _places(store, "budget", until=dt.date(2025, 5, 1)) == ["Agenda item 1"]


def test_filter_by_kind(store, add):
    add(m.AgendaItem(number=1, title="Budget"))
    add(m.EmergingRisk(text="Budget gap"))
    assert [h.kind for h in search(store, "budget", kinds=["risk"])] == ["risk"]


def test_a_hit_on_a_pcc_question_opens_its_agenda_item(store, add):
    item = add(m.AgendaItem(number=3, title="Preventing Crime"))
    add(m.PccQuestion(agenda_item_id=item.id, number=1, question="Shoplifting"))
    hit = search(store, "shoplifting")[0]
    assert hit.place == "PCC question 1 on item 3"
    assert (locate(store, hit).pane, locate(store, hit).record_id) == ("agenda", item.id)


def test_a_hit_on_a_page_of_a_paper_opens_the_agenda_item_of_its_report(store, add):
    item = add(m.AgendaItem(number=8, title="Reducing Harm"))
    report = add(m.Report(meeting_id=add.meeting.id, agenda_item_id=item.id, title="Reducing Harm"))
    add(m.Attachment(report_id=report.id, filename="harm.pdf", added_at=WHEN, content=text_pdf("Sceptre")))
    location = locate(store, search(store, "sceptre")[0])
    assert (location.pane, location.record_id) == ("agenda", item.id)


def test_a_hit_on_an_update_opens_its_action(store, add):
    action = _action(add)
    add(m.ActionUpdate(action_id=action.id, recorded_at=WHEN, text="Briefing circulated"))
    location = locate(store, search(store, "briefing")[0])
    assert (location.meeting_id, location.pane, location.record_id) == (add.meeting.id, "actions", action.id)


def test_the_demo_finds_da_matters_in_the_april_pcc_answer_and_action_18(demo_store):
    hits = search(demo_store, "DA Matters")
    found = {(h.date, h.kind, h.place.split(" on ")[0]) for h in hits}
    assert (dt.date(2025, 4, 16), "action", "Action 18") in found
    assert (dt.date(2025, 4, 16), "pcc-question", "PCC question 1") in found


def _upgraded_from_0001(path, *rows: tuple[str, tuple]):
    """A database made at schema 0001 holding one meeting and ``rows`` (SQL, parameters), then opened."""
    from alembic import command
    from sqlalchemy import create_engine

    from scrutiny_app.core.store import _alembic_config, open_store

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "0001")
        connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.exec_driver_sql("INSERT INTO meetingseries (id, name, agenda_template) VALUES (1, 'PCC', '[]')")
        connection.exec_driver_sql(
            "INSERT INTO meeting (id, series_id, date, hybrid, status, minutes_status, previous_minutes_agreed) "
            "VALUES (1, 1, '2024-01-10', 0, 'held', 'agreed', 0)")
        for sql, parameters in rows:
            connection.exec_driver_sql(sql, parameters)
    engine.dispose()
    return open_store(path)


def test_an_older_database_is_indexed_when_it_is_upgraded(tmp_path):
    store = _upgraded_from_0001(tmp_path / "old.sqlite", (
        "INSERT INTO agendaitem (meeting_id, position, number, title, kind, notes, notes_private) "
        "VALUES (1, 0, 1, 'Hate crime', 'item', '', 0)", ()))
    try:
        assert [(h.date, h.place) for h in search(store, "hate")] == [(dt.date(2024, 1, 10), "Agenda item 1")]
    finally:
        store.close()


def test_the_papers_of_an_older_database_are_read_when_it_is_upgraded(tmp_path):
    store = _upgraded_from_0001(
        tmp_path / "old.sqlite",
        ("INSERT INTO report (id, meeting_id, title, originator, reason_for_submission, submitted_to, subject, "
         "summary, recommendation, private) VALUES (1, 1, 'Harm', '', '', '', '', '', '', 0)", ()),
        ("INSERT INTO attachment (report_id, filename, media_type, sha256, size, added_at, content) "
         "VALUES (1, 'harm.pdf', 'application/pdf', '', 0, '2024-01-01 00:00:00', ?)",
         (text_pdf("Cover", "Operation Sceptre"),)),
    )
    try:
        assert _places(store, "sceptre") == ["Paper: harm.pdf, page 2"]
    finally:
        store.close()


def test_a_limit_below_one_is_refused(store):
    with pytest.raises(UserError, match="between 1 and 10,000 hits, not 0"):
        search(store, "budget", limit=0)
