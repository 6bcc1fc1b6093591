"""What was recorded is what the minutes say, in Word, PDF and Excel alike.

Every file is read back with a reader of its own format (python-docx and the
docx XML, pypdf, openpyxl), never with the code that wrote it.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import openpyxl
import pytest
from docx import Document

from db_rows import add
from measured_run import run_measured
from pdfs import page_texts
from demo_days import APRIL, JANUARY, JULY
from scrutiny_app.core import live
from scrutiny_app.core import models as m
from scrutiny_app.core.agenda import create_meeting
from scrutiny_app.core.minutes import previous_minutes_sentence
from scrutiny_app.core.minutes_check import check_meeting
from scrutiny_app.core.minutes_lock import mark_agreed, state_text
from scrutiny_app.core.queries import load_meeting, update_field
from scrutiny_app.exports.minutes_formats import MINUTES_FORMATS, minutes_exporter

INVENTED = ("none declared", "No public questions were received", "No emerging risks were raised")
BULLETS = ("Knife crime fell by 12%.", "Operation Sceptre continues in Norwich.")
OPENING = "The CC opened the item with the quarter's figures."
PRIVATE_NOTE = "PRIVATE-NOTE-5512 the PCC will raise this with the Home Office."


# -- readers -------------------------------------------------------------
def docx_lines(path) -> list[tuple[str, str]]:
    """(style, text) of every body paragraph, then every table cell (style 'cell')."""
    document = Document(path)
    lines = [(p.style.name, p.text) for p in document.paragraphs]
    return lines + [("cell", c.text) for t in document.tables for r in t.rows for c in r.cells]


def xlsx_text(path) -> str:
    book = openpyxl.load_workbook(path)
    return "\n".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value is not None)


def text_of(path) -> str:
    if path.suffix == ".docx":
        return "\n".join(text for _, text in docx_lines(path))
    if path.suffix == ".pdf":
        return " ".join(" ".join(page_texts(path)).split())  # the PDF wraps lines where it likes
    return xlsx_text(path)


def export(store, meeting_id, folder, fmt, *, public=False, draft=False):
    path = folder / f"{'public' if public else 'internal'}-{'draft' if draft else 'final'}.{fmt}"
    minutes_exporter(fmt)(store, meeting_id, path, public=public, draft=draft)
    return path


def export_all(store, meeting_id, folder, **options) -> dict[str, object]:
    return {fmt: export(store, meeting_id, folder, fmt, **options) for fmt in MINUTES_FORMATS}


# -- meetings --------------------------------------------------------------
def agenda(store, meeting, titles):
    return add(store, *(m.AgendaItem(meeting_id=meeting.id, position=i, number=i + 1, title=t,
                                     kind="paper" if "Priority" in t else "item") for i, t in enumerate(titles)))


TITLES = ("Attendance and Apologies for Absence", "Declarations of Personal and/or Prejudicial Interests",
          "To confirm the minutes of the previous meeting", "Public Questions", "Priority 1 – Preventing Crime",
          "Priority 2 – Cohesive Communities", "Emerging Operational/Organisational Risks", "Date of Next Meeting")


@pytest.fixture
def empty(store, make_meeting):
    """A meeting held, with its standard agenda and nothing recorded."""
    meeting = make_meeting(APRIL, status="held")
    agenda(store, meeting, TITLES)
    return meeting.id


@pytest.fixture
def recorded(store, make_meeting):
    """A meeting recorded in full: notes with bullets, private notes, a remote attendee."""
    january = make_meeting(JANUARY, minutes_status="agreed")
    meeting = make_meeting(APRIL, previous_meeting_id=january.id, declarations_none=True)
    items = agenda(store, meeting, TITLES)
    with store.session() as s:
        five, six = s.get(m.AgendaItem, items[4].id), s.get(m.AgendaItem, items[5].id)
        five.notes = f"{OPENING}\n- {BULLETS[0]}\n- {BULLETS[1]}\n"
        six.notes, six.notes_private = PRIVATE_NOTE, True
    cc, dcc, jd = add(store, m.Person(name="Paul Sanford", role="Chief Constable"),
                      m.Person(name="Simon Megicks", role="Deputy Chief Constable"),
                      m.Person(name="Julie Dean", role="Assistant Chief Constable"))
    add(store, m.Attendance(meeting_id=meeting.id, person_id=cc.id, status="present", position=0),
        m.Attendance(meeting_id=meeting.id, person_id=dcc.id, status="remote", position=1),
        m.Attendance(meeting_id=meeting.id, person_id=jd.id, status="apologies", position=2),
        m.PublicQuestion(meeting_id=meeting.id, number=1, question="Why?", answer="Because."),
        m.PccQuestion(meeting_id=meeting.id, agenda_item_id=items[4].id, number=1, question="How many?",
                      answer="Twelve."),
        m.EmergingRisk(meeting_id=meeting.id, raised_by="The CC", text="Insurance costs are rising."))
    live.create_action(store, meeting.id, "The CC", "refresh the road safety plan.")
    return meeting.id


# -- what is recorded, and only that ------------------------------------------
@pytest.mark.parametrize("fmt", MINUTES_FORMATS)
def test_a_meeting_with_nothing_recorded_invents_no_facts(store, empty, tmp_path, fmt):
    text = text_of(export(store, empty, tmp_path, fmt, draft=True))
    assert "[not recorded]" in text
    assert [words for words in INVENTED if words.lower() in text.lower()] == []


def test_recorded_none_prints_none_declared_and_no_questions_or_risks(store, empty, tmp_path):
    for name in ("declarations_none", "public_questions_none", "risks_none"):
        update_field(store, m.Meeting, empty, name, True)
    for fmt, path in export_all(store, empty, tmp_path).items():
        text = text_of(path)
        assert [words for words in INVENTED if words.lower() not in text.lower()] == [], fmt


def test_notes_appear_once_under_their_item_with_bullets_kept_in_word(store, recorded, tmp_path):
    for public in (False, True):
        lines = docx_lines(export(store, recorded, tmp_path, "docx", public=public))
        start = lines.index(("Heading 1", "5. Priority 1 – Preventing Crime"))
        following = [line for line in lines[start + 1:] if line[0] != "cell"]
        assert following[:3] == [("Normal", OPENING), ("List Bullet", BULLETS[0]), ("List Bullet", BULLETS[1])]
        texts = [text for _, text in lines]
        assert texts.count(OPENING) == 1 and texts.count(BULLETS[1]) == 1
        assert (PRIVATE_NOTE in texts) is not public


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_notes_appear_once_and_private_notes_only_internally(store, recorded, tmp_path, fmt):
    for public in (False, True):
        text = text_of(export(store, recorded, tmp_path, fmt, public=public))
        assert [text.count(line) for line in (OPENING, *BULLETS)] == [1, 1, 1]
        assert text.count(PRIVATE_NOTE) == (0 if public else 1)
        assert "[not recorded]" not in text


def test_pdf_keeps_bullets_as_bullets(store, recorded, tmp_path):
    text = " ".join(page_texts(export(store, recorded, tmp_path, "pdf")))
    bullet = "[•\x7f]\\s*"  # pypdf reads Helvetica's bullet as \x7f
    assert all(re.search(bullet + re.escape(line), text) for line in BULLETS)
    assert not re.search(bullet + re.escape(OPENING), text)


@pytest.mark.parametrize("fmt", MINUTES_FORMATS)
def test_remote_attendees_are_marked(store, recorded, tmp_path, fmt):
    text = text_of(export(store, recorded, tmp_path, fmt))
    assert "Deputy Chief Constable Simon Megicks (remote)" in text
    assert "Chief Constable Paul Sanford (remote)" not in text


def test_next_meeting_line_is_the_same_sentence_everywhere(store, recorded, tmp_path):
    texts = [text_of(path) for path in export_all(store, recorded, tmp_path).values()]
    assert all("To be confirmed." in text for text in texts)


# -- the readiness check -------------------------------------------------------
def test_readiness_check_lists_every_gap(store, make_meeting):
    meeting = make_meeting(APRIL)
    items = agenda(store, meeting, TITLES + ("A.O.B.",))
    (person,) = add(store, m.Person(name="Paul Sanford", role="Chief Constable"))
    add(store, m.PublicQuestion(meeting_id=meeting.id, number=1, question="Why?", answer=""),
        m.PccQuestion(meeting_id=meeting.id, agenda_item_id=items[4].id, number=2, question="How?", answer=""),
        m.EmergingRisk(meeting_id=meeting.id, raised_by="The CC", text=" "))
    live.create_action(store, meeting.id, "", "Someone is to write a report.")
    assert check_meeting(store, meeting.id) == [
        "Attendance has not been taken: no one is in the register.",
        "Declarations of interest are not recorded (Ctrl+Shift+N on live mode's Declarations page records that there "
        "were none).",
        "Public question 1 has no answer.",
        "Item 5 (Priority 1 – Preventing Crime): PCC question 2 has no answer.",
        "Item 6 (Priority 2 – Cohesive Communities): no notes and no questions recorded.",
        "Item 9 (A.O.B.): no notes and no questions recorded.",
        "Emerging risk 1 is blank.",
        "Action 1 has no owner.",
    ]
    add(store, m.Attendance(meeting_id=meeting.id, person_id=person.id))
    assert "Attendance has not been taken: no one is in the register." not in check_meeting(store, meeting.id)


def test_a_fully_recorded_meeting_passes_the_check(store, recorded):
    assert check_meeting(store, recorded) == []


def test_export_final_is_refused_while_the_check_finds_gaps(store, empty, tmp_path):
    out = tmp_path / "final.pdf"
    args = ("export", "minutes", "--db", str(store.path), "--meeting", APRIL.isoformat(), "--out", str(out), "--final")
    refused = run_measured(*args, home=tmp_path / "home")
    assert refused.code == 3 and not out.exists()
    assert "Warning: Attendance has not been taken" in refused.err and "not final" in refused.err
    (person,) = add(store, m.Person(name="Paul Sanford", role="Chief Constable"))
    add(store, m.Attendance(meeting_id=empty, person_id=person.id))
    for name in ("declarations_none", "public_questions_none", "risks_none"):
        update_field(store, m.Meeting, empty, name, True)
    with store.session() as s:
        s.get(m.AgendaItem, next(i.id for i in load_meeting(store, empty).agenda if i.number == 5)).notes = "Noted."
        s.get(m.AgendaItem, next(i.id for i in load_meeting(store, empty).agenda if i.number == 6)).notes = "Noted."
    accepted = run_measured(*args, home=tmp_path / "home")
    assert (accepted.code, accepted.err) == (0, "")
    assert all("DRAFT" not in page for page in page_texts(out))


# -- draft and final -------------------------------------------------------------
def test_a_draft_pdf_says_draft_on_every_page_and_a_final_one_nowhere(demo_store, tmp_path):
    from scrutiny_app.core.queries import find_meeting

    april = find_meeting(demo_store, APRIL)
    (tmp_path / "draft").mkdir()
    (tmp_path / "final").mkdir()
    draft = export_all(demo_store, april, tmp_path / "draft", draft=True)
    final = export_all(demo_store, april, tmp_path / "final")
    pages = page_texts(draft["pdf"])
    assert len(pages) > 3 and all("DRAFT" in page for page in pages)
    assert not any("DRAFT" in page for page in page_texts(final["pdf"]))
    header = zipfile.ZipFile(draft["docx"]).read("word/header1.xml").decode()
    assert "DRAFT" in header
    assert "DRAFT" not in text_of(final["docx"]) and "DRAFT" not in text_of(final["xlsx"])
    book = openpyxl.load_workbook(draft["xlsx"])
    assert all("DRAFT" in ws.oddHeader.center.text for ws in book)
    assert book["Summary"]["B2"].value.startswith("DRAFT")


# -- the Word document's own look ------------------------------------------------------
def test_word_numbers_its_pages_and_sets_its_heading_styles(store, recorded, tmp_path):
    path = export(store, recorded, tmp_path, "docx")
    package = zipfile.ZipFile(path)
    footers = "".join(package.read(n).decode() for n in package.namelist() if n.startswith("word/footer"))
    assert "<w:instrText" in footers and " PAGE " in footers
    styles = Document(path).styles
    for name, points in (("Title", 17), ("Heading 1", 12.5), ("Heading 2", 11), ("Normal", 10.5)):
        font = styles[name].font
        assert (font.name, font.size.pt, str(font.color.rgb)) == ("Arial", points, "000000"), name
        fonts = styles[name].element.rPr.rFonts
        assert [a for a in fonts.attrib if a.endswith("Theme")] == [], name  # a theme font would win over Arial


# -- agreed minutes carry over -----------------------------------------------------------
def test_minutes_agreed_before_the_next_meeting_exists_carry_over_to_it(store, make_meeting):
    april = make_meeting(APRIL)
    assert mark_agreed(store, april.id) is None  # no next meeting yet
    today = dt.date.today()
    later = create_meeting(store, april.series_id, JULY)
    sentence = previous_minutes_sentence(load_meeting(store, later))
    assert sentence == (f"The minutes of the PCC Accountability Meeting held on Wednesday 16 April 2025 were agreed "
                        f"on {today.day} {today:%B %Y} to be a true and accurate reflection of the meeting.")
    assert state_text(load_meeting(store, april.id).meeting) == f"Minutes: agreed on {today.day} {today:%B %Y} · locked"


def test_minutes_agreed_at_the_next_meeting_say_so_plainly(store, make_meeting):
    april = make_meeting(APRIL, status="held")
    july = create_meeting(store, april.series_id, dt.date.today())
    mark_agreed(store, april.id)
    assert previous_minutes_sentence(load_meeting(store, july)).endswith(
        "16 April 2025 were agreed to be a true and accurate reflection of the meeting.")


def test_recording_none_on_a_meeting_saves_while_another_meetings_minutes_are_agreed(store, make_meeting):
    make_meeting(JANUARY, minutes_status="agreed")
    april = make_meeting(APRIL)
    update_field(store, m.Meeting, april.id, "declarations_none", True)
    assert load_meeting(store, april.id).meeting.declarations_none


# -- the pack's warnings -------------------------------------------------------------------
def test_the_pack_warns_of_gaps_in_the_summary_it_prints(store, empty):
    from scrutiny_app.pack.summary import summary_warnings

    july = create_meeting(store, load_meeting(store, empty).series.id, JULY)
    warnings = summary_warnings(store, july)
    assert warnings[0] == "the summary of 16 April 2025 in the pack: Attendance has not been taken: no one is in the register."
    assert summary_warnings(store, empty) == []  # no previous meeting, no summary in its pack
