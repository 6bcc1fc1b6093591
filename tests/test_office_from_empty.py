"""From an empty database file to exported minutes and a built pack, all through the window."""

from __future__ import annotations

import datetime as dt

from docx import Document
from pdfs import make_pdf
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox
from pypdf import PdfReader

from scrutiny_app.core.papers import papers_of
from scrutiny_app.core.people import list_people
from scrutiny_app.core.store import open_store
from scrutiny_app.ui.main_window import MainWindow
from scrutiny_app.ui.new_meeting_dialog import NewMeetingDialog
from scrutiny_app.ui.paper_dialog import PaperDialog
from scrutiny_app.ui.people_window import PeopleWindow, PersonDialog

OFFICE = "Office of the Police and Crime Commissioner for Testshire"
PEOPLE = (("Ada Lovelace", "Police and Crime Commissioner", "ada@opcc.example", "PCC Lovelace"),
          ("Brian Cole", "Chief Constable", "brian@police.example", "CC Cole"),
          ("Cara Dune", "Deputy Chief Constable", "cara@police.example", "DCC Dune"))


def test_an_empty_file_to_minutes_and_pack(qtbot, tmp_path, settings_dir, monkeypatch):
    store = open_store(tmp_path / "new.sqlite")
    window = MainWindow(store)
    qtbot.addWidget(window)
    setup = window.office.setup_dialog
    qtbot.keyClicks(setup.name, OFFICE)
    qtbot.keyClicks(setup.telephone, "01234 567890")
    qtbot.keyClicks(setup.series_form.venue, "Testshire Police HQ")
    setup.accept()
    assert not setup.isVisible()

    people = PeopleWindow(window.context)
    qtbot.addWidget(people)
    for name, role, email, short in PEOPLE:
        form = PersonDialog(window.context, None, people)
        for field, text in ((form.name, name), (form.role, role), (form.email, email), (form.short_name, short)):
            qtbot.keyClicks(field, text)
        form.accept()
    people.fill()
    assert people.table.rowCount() == 3 and len(list_people(store)) == 3

    monkeypatch.setattr(NewMeetingDialog, "exec", lambda self: True)
    window.agenda_editor.new_meeting()
    assert window.record is not None and window.record.meeting.venue == "Testshire Police HQ"
    item = next(row for row in window.agenda.model.rows if row.title.startswith("Police & Crime Plan"))

    monkeypatch.setattr(PaperDialog, "exec", lambda self: False)  # the cover-sheet form: left for later
    paper = tmp_path / "priority 1.pdf"
    paper.write_bytes(make_pdf("PREVENTING"))
    qtbot.waitSignal(window.agenda_editor.attach(item, paper).finished, timeout=10000).wait()
    assert papers_of(store, window.record.meeting.id)[item.id].attachment.filename == "priority 1.pdf"

    minutes = tmp_path / "minutes.docx"
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("Word document, internal (everything)", True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kw: (str(minutes), ""))
    window.minutes.export_minutes()
    qtbot.waitUntil(minutes.exists, timeout=20000)
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(), timeout=20000)
    text = "\n".join(p.text for p in Document(minutes).paragraphs)
    assert "PCC Accountability Meeting" in text

    pack = tmp_path / "pack.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kw: (str(pack), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    window.agenda_editor.build_pack()
    with qtbot.waitSignal(window.agenda_editor.pack_build.finished, timeout=30000):
        pass
    pages = "\n".join(page.extract_text() for page in PdfReader(pack).pages)
    assert "PREVENTING sheet 1 of 1" in pages
    assert "Testshire" in pages and "Norfolk" not in pages
    assert f"{window.record.meeting.date:%Y}" in pages and window.record.meeting.date >= dt.date.today()
    store.close()
