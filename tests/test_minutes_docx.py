"""The Word minutes: the office's sections, real headings and header rows, and a clean public version."""

from __future__ import annotations

from docx import Document
from docx.oxml.ns import qn
from sqlmodel import select

from scrutiny_app.core import models as m
from scrutiny_app.exports.minutes_docx import export_minutes_docx


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def _export(store, meeting_id, tmp_path, public=False):
    out = tmp_path / ("public.docx" if public else "internal.docx")
    export_minutes_docx(store, meeting_id, out, public=public)
    return Document(out)


def test_headings_follow_the_office_layout(demo_store, april, tmp_path):
    document = _export(demo_store, april, tmp_path)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "1. Attendance and Apologies for Absence"
    assert "4. Public Questions" in headings
    assert "5. Priority 1 – Preventing Crime" in headings
    assert "10. Emerging Operational/Organisational Risks" in headings
    assert "Actions" in headings
    title = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert title == ["Summary of the PCC Accountability Meeting"]


def test_attendance_and_apologies_are_listed_in_full(demo_store, april, tmp_path):
    bullets = [p.text for p in _export(demo_store, april, tmp_path).paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) == 13 + 4
    assert "Deputy Chief Constable Simon Megicks, Norfolk Constabulary" in bullets


def test_question_tables_have_repeating_header_rows(demo_store, april, tmp_path):
    tables = _export(demo_store, april, tmp_path).tables
    headers = [tuple(c.text for c in t.rows[0].cells) for t in tables]
    assert headers.count(("PCC Question", "Constabulary Answer")) == 5
    assert ("Public Question", "Constabulary Answer") in headers
    assert ("Description of Action", "Action Update/Decision") in headers
    assert all(t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None for t in tables)


def test_actions_are_written_as_the_tracker_writes_them(demo_store, april, tmp_path):
    tables = _export(demo_store, april, tmp_path).tables
    actions = next(t for t in tables if t.rows[0].cells[0].text == "Description of Action")
    first_cells = [row.cells[0].text for row in actions.rows[1:]]
    assert len(first_cells) == 8
    assert first_cells[5].startswith("Action 17 (16 April 2025): DCC Megicks is to provide the PCC with a report")


def test_document_declares_its_title_and_language(demo_store, april, tmp_path):
    document = _export(demo_store, april, tmp_path)
    assert document.core_properties.title.startswith("Summary of the PCC Accountability Meeting")
    assert document.core_properties.language == "en-GB"


def test_public_version_leaves_out_private_records_and_askers(demo_store, april, tmp_path, planted_private):
    with demo_store.session() as s:
        askers = [(q.asker_name, q.asker_contact) for q in s.exec(select(m.PublicQuestion)).all()]
    text = _all_text(_export(demo_store, april, tmp_path, public=True))
    assert planted_private not in text
    for name, contact in askers:
        assert name not in text and contact not in text


def test_internal_version_keeps_private_records(demo_store, april, tmp_path, planted_private):
    assert _all_text(_export(demo_store, april, tmp_path)).count(planted_private) == 3
