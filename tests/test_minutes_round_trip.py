"""A meeting typed in live mode with real keys, exported to every minutes format and read back (issue 14).

The 8 July 2025 meeting of a copy of the demo database is typed once for the module: notes with
bullets under two items (one item's notes not for publication), two PCC questions with answers (one
private) and two risks (one private), each text carrying a marker word found nowhere else. The
minutes are then exported by ``scrutiny-app export minutes`` (in-process) as Word, PDF and Excel,
public and internal, and read back by readers that are not ours: python-docx and, where it is
installed, LibreOffice for Word; pypdf and, where installed, pdftotext for PDF; openpyxl for Excel.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from db_rows import stored
from demo_days import JULY
from live_keyboard import between_keys
from scrutiny_app import cli, paths
from scrutiny_app.core.store import open_store
from scrutiny_app.exports.minutes_formats import MINUTES_FORMATS
from test_minutes_menu import go_live_without_asking


# Every text typed, by marker; the private ones must stay out of the public minutes.
PUBLIC_NOTES = ("ZEBRAPARAFIVE", "ZEBRABULLETFIVEA", "ZEBRABULLETFIVEB")
PRIVATE_NOTES = ("WOMBATBULLETSIXA", "WOMBATBULLETSIXB", "WOMBATPARASIX")
PUBLIC_QA = ("QUOKKAQUESTIONONE", "QUOKKAANSWERONE")
PRIVATE_QA = ("QUOKKAQUESTIONTWO", "QUOKKAANSWERTWO")
PUBLIC_RISK = ("NUMBATRISKONE",)
PRIVATE_RISK = ("NUMBATRISKTWO",)
PUBLIC = PUBLIC_NOTES + PUBLIC_QA + PUBLIC_RISK
PRIVATE = PRIVATE_NOTES + PRIVATE_QA + PRIVATE_RISK
BULLETS = ("ZEBRABULLETFIVEA", "ZEBRABULLETFIVEB", "WOMBATBULLETSIXA", "WOMBATBULLETSIXB")
PARAGRAPHS = ("ZEBRAPARAFIVE", "WOMBATPARASIX")
VERSIONS = ("public", "internal")


def press(widget, sequence: str) -> None:
    """A shortcut pressed at the widget with the keyboard focus (else ``widget``)."""
    combo = QKeySequence(sequence)[0]
    QTest.keyClick(QApplication.focusWidget() or widget, combo.key(), combo.keyboardModifiers())


def type_text(text: str) -> None:
    QTest.keyClicks(QApplication.focusWidget(), text)


def type_lines(*lines: str) -> None:
    """Lines typed into the notes, Enter between them (the editor continues a bullet list by itself)."""
    for n, line in enumerate(lines):
        if n:
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        type_text(line)


def new_row(live, page: str, *cells: str) -> None:
    """Ctrl+<page>, Ctrl+N, then each cell typed with Tab between them and Escape after the last.

    Escape leaves the cell keeping its text; Enter in a long-text cell would start a new line in it.
    """
    press(live, f"Ctrl+{page}")
    press(live, "Ctrl+N")
    for n, text in enumerate(cells):
        if n:
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        type_text(text)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    between_keys()


def typed_records(db: Path) -> list[tuple]:
    """What the database holds of the typed texts: (marker-bearing text, private) pairs."""
    return sorted(stored(db, "SELECT notes, notes_private FROM agendaitem WHERE notes LIKE '%BULLET%'")
                  + stored(db, "SELECT question || ' ' || answer, private FROM pccquestion WHERE question LIKE '%QUOKKA%'")
                  + stored(db, "SELECT text, private FROM emergingrisk WHERE text LIKE '%NUMBAT%'"))


EXPECTED_RECORDS = sorted([
    ("Opening remarks ZEBRAPARAFIVE.\n- First point ZEBRABULLETFIVEA\n- second point ZEBRABULLETFIVEB", 0),
    ("- Sensitive point WOMBATBULLETSIXA\n- another WOMBATBULLETSIXB\nClosing WOMBATPARASIX.", 1),
    ("Why QUOKKAQUESTIONONE? Because QUOKKAANSWERONE.", 0),
    ("Why QUOKKAQUESTIONTWO? Because QUOKKAANSWERTWO.", 1),
    ("Summer events NUMBATRISKONE.", 0),
    ("Covert operation NUMBATRISKTWO.", 1),
])


def type_the_meeting(qtbot, store, db: Path, monkeypatch) -> None:
    """Live mode on 8 July 2025 from the main window, everything typed with real key events."""
    from scrutiny_app.ui.main_window import MainWindow

    window = MainWindow(store, demo=True)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.select_meeting(JULY)
    go_live_without_asking(monkeypatch)
    press(window, "F11")
    live = window.live
    live.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is live.notes.editor, timeout=2000)
    for _ in range(4):  # to item 5
        press(live, "F8")
    type_lines("Opening remarks ZEBRAPARAFIVE.", "- First point ZEBRABULLETFIVEA", "second point ZEBRABULLETFIVEB")
    new_row(live, "5", "Why QUOKKAQUESTIONONE?", "Because QUOKKAANSWERONE.")
    new_row(live, "5", "Why QUOKKAQUESTIONTWO?", "Because QUOKKAANSWERTWO.")
    press(live, "Ctrl+Shift+P")
    press(live, "F8")  # item 6, whose notes are not for publication
    # Enter on the empty bullet ends the list
    type_lines("- Sensitive point WOMBATBULLETSIXA", "another WOMBATBULLETSIXB", "", "Closing WOMBATPARASIX.")
    press(live, "Ctrl+Shift+P")
    new_row(live, "6", "The CC", "Summer events NUMBATRISKONE.")
    new_row(live, "6", "The PCC", "Covert operation NUMBATRISKTWO.")
    press(live, "Ctrl+Shift+P")
    qtbot.waitUntil(lambda: typed_records(db) == EXPECTED_RECORDS, timeout=2000)  # saved while live
    press(live, "Ctrl+W")
    qtbot.waitUntil(lambda: not live.isVisible(), timeout=2000)
    window.close()
    window.deleteLater()
    between_keys()


@pytest.fixture(scope="module")
def typed_db(request, tmp_path_factory, _demo_template, qapp) -> Path:
    """The module's own copy of the demo database, with the meeting typed (its own settings and data folder)."""
    home = tmp_path_factory.mktemp("round_trip")
    db = home / "demo.sqlite"
    shutil.copy2(_demo_template, db)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.delenv("SCRUTINY_DB", raising=False)
        monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
        paths.configure(home / "userdata")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "settings"))
        store = open_store(db)
        try:
            type_the_meeting(QtBot(request), store, db, monkeypatch)
        finally:
            store.close()
    return db


@pytest.fixture(scope="module")
def minutes(typed_db) -> dict[tuple[str, str], Path]:
    """The minutes by (format, "public" or "internal"), each written by ``scrutiny-app export minutes``."""
    files = {}
    for fmt in MINUTES_FORMATS:
        for version in VERSIONS:
            out = typed_db.parent / f"minutes-{version}.{fmt}"
            args = ["export", "minutes", "--db", str(typed_db), "--meeting", JULY.isoformat(), "--out", str(out)]
            assert cli.main(args + (["--public"] if version == "public" else [])) == 0
            files[fmt, version] = out
    return files


# -- what every reader must find ------------------------------------------------
def assert_each_marker_once(text: str, version: str, reader: str) -> None:
    """Public markers once in both versions; private markers once internally, never in public."""
    found = {marker: len(re.findall(rf"\b{marker}\b", text)) for marker in PUBLIC + PRIVATE}
    expected = {marker: 1 for marker in PUBLIC} | {marker: int(version == "internal") for marker in PRIVATE}
    assert found == expected, f"{reader}, {version} minutes"


def assert_bullets_stay_bullets(lines: list[str], version: str, glyphs: tuple[str, ...]) -> None:
    """Each bullet marker's line starts with a bullet glyph; each paragraph marker's line does not."""
    shown = {marker: next(line.strip() for line in lines if marker in line)
             for marker in BULLETS + PARAGRAPHS if version == "internal" or marker not in PRIVATE}
    for marker, line in shown.items():
        assert line.startswith(glyphs) == (marker in BULLETS), f"{version}: {line!r}"


def test_what_was_typed_is_in_the_database(typed_db):
    assert typed_records(typed_db) == EXPECTED_RECORDS


# -- Word -------------------------------------------------------------------------
@pytest.mark.parametrize("version", VERSIONS)
def test_word_minutes_read_back_by_python_docx(minutes, version):
    """Every paragraph of the document body once, in order, including those in table cells."""
    import docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(minutes["docx", version]))
    paragraphs = [Paragraph(p, document) for p in document.element.body.iter(qn("w:p"))]
    assert_each_marker_once("\n".join(p.text for p in paragraphs), version, "python-docx")
    for marker in BULLETS + PARAGRAPHS:
        styles = [p.style.name for p in paragraphs if marker in p.text]
        if version == "public" and marker in PRIVATE:
            assert styles == []
        else:
            assert styles == (["List Bullet"] if marker in BULLETS else ["Normal"]), marker


def test_word_minutes_read_back_by_libreoffice(minutes, tmp_path):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    words = [minutes["docx", version] for version in VERSIONS]
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "txt:Text", "--outdir", str(tmp_path), *map(str, words)],
                   check=True, capture_output=True, timeout=120)
    for version, word in zip(VERSIONS, words):
        text = (tmp_path / word.with_suffix(".txt").name).read_text(encoding="utf-8-sig")
        assert_each_marker_once(text, version, "LibreOffice")
        assert_bullets_stay_bullets(text.splitlines(), version, ("•",))


# -- PDF --------------------------------------------------------------------------
@pytest.mark.parametrize("version", VERSIONS)
def test_pdf_minutes_read_back_by_pypdf(minutes, version):
    from pypdf import PdfReader

    pages = PdfReader(minutes["pdf", version]).pages
    assert_each_marker_once("\n".join(page.extract_text() for page in pages), version, "pypdf")
    # ReportLab draws the list bullet at WinAnsi code 0x7F, which pypdf reads as DEL, not "•".
    lines = [line for page in pages for line in page.extract_text(extraction_mode="layout").splitlines()]
    assert_bullets_stay_bullets(lines, version, ("•", "\x7f"))


@pytest.mark.parametrize("version", VERSIONS)
def test_pdf_minutes_read_back_by_pdftotext(minutes, version):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(minutes["pdf", version]), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout
    assert_each_marker_once(text, version, "pdftotext")
    assert_bullets_stay_bullets(text.splitlines(), version, ("•",))


# -- Excel ------------------------------------------------------------------------
@pytest.mark.parametrize("version", VERSIONS)
def test_excel_minutes_read_back_by_openpyxl(minutes, version):
    from openpyxl import load_workbook

    book = load_workbook(minutes["xlsx", version], read_only=True)
    cells = [str(value) for sheet in book for row in sheet.iter_rows(values_only=True) for value in row
             if value is not None]
    book.close()
    assert_each_marker_once("\n".join(cells), version, "openpyxl")
    assert_bullets_stay_bullets([line for cell in cells for line in cell.splitlines()], version, ("•",))
