"""Live meeting mode: the agenda with the running item, and one page per kind of record.

Every change is written as it is made (notes and cells within 0.7 s of typing,
and at once when the officer moves on) and is one step on the window's undo
stack. Where the officer is goes to the database, so a restart after a crash
comes back to the same meeting and item. The keyboard follows the officer:
entering and moving between items puts the cursor in the notes, a page key in
the page's table.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QSplitter, QTabWidget, QVBoxLayout, QWidget

from scrutiny_app import APP_NAME
from scrutiny_app.core import live
from scrutiny_app.core.actions import next_action_number, now
from scrutiny_app.core.formatting import clock, long_date
from scrutiny_app.core.models import MINUTES_AGREED, Meeting
from scrutiny_app.core.queries import MeetingRecord, load_meeting, update_field
from scrutiny_app.core.store import Store
from scrutiny_app.ui.live.action_bar import ActionBar
from scrutiny_app.ui.live.agenda_strip import AgendaStrip
from scrutiny_app.ui.live.attendance import AttendancePage
from scrutiny_app.ui.live.commands import Step
from scrutiny_app.ui.live.notes import LiveNotes
from scrutiny_app.ui.live.pages import RecordPage
from scrutiny_app.ui.record_columns import (
    DECLARATION_COLUMNS,
    LIVE_ACTION_COLUMNS,
    LIVE_PUBLIC_COLUMNS,
    PCC_COLUMNS,
    RISK_COLUMNS,
)
from scrutiny_app.ui.record_model import SAVE_ERRORS, close_despite_refused, refused_edits

PAGES = ("Notes", "Attendance", "Declarations", "Public questions", "PCC questions", "Risks", "Actions")


def may_go_live(parent, record: MeetingRecord) -> bool:
    """Live mode on a meeting more than a day away (a slip of the meeting picker?) asks first."""
    days = live.days_away(record.meeting.date)
    if abs(days) <= 1:
        return True
    when = f"{days} days from today" if days > 0 else f"{-days} days ago"
    return QMessageBox.question(
        parent, "Live mode on another day's meeting?",
        f"{record.title}, {long_date(record.meeting.date)}, is {when}. Live mode records what is said as it is "
        "said, and the time each item starts. Go live on this meeting?") == QMessageBox.StandardButton.Yes


def _unrecorded(noun: str) -> str:
    """A page's text while it holds nothing: not yet a fact for the minutes (Ctrl+Shift+N makes it one)."""
    return f"No {noun} recorded yet (Ctrl+N adds one; Ctrl+Shift+N records that there were none)"


class LiveWindow(QMainWindow):
    ended = Signal()  # the officer left live mode (F11 / Ctrl+W): the main window refreshes

    def __init__(self, store: Store, meeting_id: int, item_id: int | None = None, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("LiveWindow")
        self.store = store
        self.undo_stack = QUndoStack(self)
        self.record: MeetingRecord = load_meeting(store, meeting_id)
        self.current = -1

        self.strip = AgendaStrip(self)
        self.strip.picked.connect(self.go_to)
        self.notes = LiveNotes(self.undo_stack)
        self.attendance = AttendancePage(store, self.undo_stack)
        meeting = self.record.meeting.id
        item = lambda: self.current_item.id if self.current_item else None  # noqa: E731
        self.declarations = self._page(DECLARATION_COLUMNS, "declaration", _unrecorded("declarations"),
                                       lambda: [d for d in load_meeting(store, meeting).declarations if d.agenda_item_id == item()],
                                       lambda: live.new_declaration(store, meeting, item()))
        self.public = self._page(LIVE_PUBLIC_COLUMNS, "public question", _unrecorded("public questions"),
                                 lambda: load_meeting(store, meeting).public_questions,
                                 lambda: live.new_public_question(store, meeting))
        self.pcc = self._page(PCC_COLUMNS, "PCC question", "No PCC questions under this item yet (Ctrl+N adds one)",
                              lambda: [q for q, i in load_meeting(store, meeting).pcc_questions if i and i.id == item()],
                              lambda **f: live.new_pcc_question(store, meeting, item(), **f))
        self.risks = self._page(RISK_COLUMNS, "risk", _unrecorded("emerging risks"),
                                lambda: load_meeting(store, meeting).risks, lambda **f: live.new_risk(store, meeting, **f), "raised_by")
        self.action_page = self._page(LIVE_ACTION_COLUMNS, "action", "No actions raised at this meeting yet (Ctrl+Shift+A)",
                                  lambda: live.actions_raised_at(store, meeting), None)
        # Where Ctrl+Shift+N records that there were none: the meeting's flag, what the minutes call them.
        self.none_pages = {self.declarations: ("declarations_none", "declarations of interest"),
                           self.public: ("public_questions_none", "public questions"),
                           self.risks: ("risks_none", "emerging risks")}
        self.empty_texts = {page: page.pane.empty.text() for page in self.none_pages}
        self.tabs = QTabWidget(self)
        for title, page in zip(PAGES, (self.notes, self.attendance, self.declarations, self.public, self.pcc,
                                       self.risks, self.action_page)):
            self.tabs.addTab(page, title)
            if page is not self.notes:  # the notes' messages are connected below with their saves
                page.failed.connect(self._warn)
        self.record_pages = (self.declarations, self.public, self.pcc, self.risks, self.action_page)
        self.tabs.currentChanged.connect(lambda _: self._focus_page())

        self.action_bar = ActionBar(self)
        self.action_bar.submitted.connect(self._capture_action)
        self.action_bar.failed.connect(self._warn)
        self.banner = QLabel(self)
        self.banner.setObjectName("liveBanner")
        self.banner.setStyleSheet("background: #1f3b57; color: white; padding: 6px 10px; font-weight: bold;")
        splitter = QSplitter(self)
        splitter.addWidget(self.strip)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 900])
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.action_bar)
        self.setCentralWidget(body)
        self.notes.saved.connect(self._say)
        self.notes.failed.connect(self._warn)
        self._shortcuts()

        self.clock = QTimer(self)
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self.strip.tick)
        self.clock.start()
        self._load(item_id)
        self._start_meeting()
        self._show_notes()

    # -- building ---------------------------------------------------------
    def _page(self, columns, noun, empty, fetch, create, first_field=None) -> RecordPage:
        page = RecordPage(self.store, columns, self.undo_stack, fetch=fetch, create=create, noun=noun, empty_text=empty,
                          first_field=first_field)
        page.model.saved.connect(self._say)
        return page

    def _shortcuts(self) -> None:
        def add(text: str, keys, slot, moving_on: bool = False) -> QAction:
            """Each key first saves what is being typed (a cell left by moving on is reopened on return)."""
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda: (self.commit_typing(remember=moving_on), slot()))
            self.addAction(action)
            return action

        add("Next item", ["F8", "Ctrl+Down"], lambda: (self.next_item(), self._show_notes()), True)
        add("Previous item", ["Ctrl+Up"], lambda: (self.go_to(self.current - 1), self._show_notes()), True)
        add("New action", ["Ctrl+Shift+A"], self.open_action_bar)
        add("Risk from the notes", ["Ctrl+Shift+R"], self.risk_from_notes)
        add("Answer from the notes", ["Ctrl+Shift+Q"], self.answer_from_notes)
        add("Add a row", ["Ctrl+N", "Insert"], self._add_row)
        add("Not for publication", ["Ctrl+Shift+P"], self._toggle_private)
        add("Record that there were none", ["Ctrl+Shift+N"], self._record_none)
        add("End live mode", ["F11", "Ctrl+W"], self.close)
        add("Undo", ["Ctrl+Z"], self.undo_stack.undo)
        add("Redo", ["Ctrl+Shift+Z", "Ctrl+Y"], self.undo_stack.redo)
        for i in range(len(PAGES)):
            add(PAGES[i], [f"Ctrl+{i + 1}"], lambda i=i: self._show_page(i), True)

    def commit_typing(self, *, remember: bool = False) -> None:
        """Save the notes and any cell being typed in now (before moving on, undoing, closing)."""
        self.notes.save()
        for page in self.record_pages:
            page.commit_edit(remember=remember)

    # -- the agenda -------------------------------------------------------
    @property
    def current_item(self):
        agenda = self.record.agenda
        return agenda[self.current] if 0 <= self.current < len(agenda) else None

    def _load(self, item_id: int | None) -> None:
        record = self.record
        locked = " · minutes agreed: locked" if record.meeting.minutes_status == MINUTES_AGREED else ""
        self.banner.setText(f"LIVE  ·  {record.title}, {long_date(record.meeting.date)}{locked}"
                            "   —   F8 next item · Ctrl+Shift+A new action · Ctrl+N add row · F11 end")
        self.setWindowTitle(f"Live: {record.title}, {long_date(record.meeting.date)} — {APP_NAME}")
        ids = [i.id for i in record.agenda]
        start = ids.index(item_id) if item_id in ids else (0 if ids else -1)
        self.strip.load(record.agenda, start)
        self.attendance.load(record.meeting.id)
        self.public.reload()
        self.risks.reload()
        self.action_page.reload()
        for page in self.none_pages:
            self._show_none(page)
        self.go_to(start)

    def go_to(self, index: int) -> None:
        """Show an item without starting its clock (a click, Ctrl+Up, undo)."""
        if not 0 <= index < len(self.record.agenda):
            return
        self.current = index
        self.strip.show_current(index)
        self.notes.show_item(self.store, self.current_item)
        self.declarations.reload()
        self.pcc.reload()
        live.save_position(self.store, self.record.meeting.id, self.current_item.id)

    def _start_meeting(self) -> None:
        """Entering live mode on a meeting not yet started starts item 1's clock (one undoable step)."""
        agenda = self.record.agenda
        if not live.not_started(agenda) or self.record.meeting.minutes_status == MINUTES_AGREED:
            return
        first = agenda[0]
        self.go_to(0)
        self._set_started(first, now())
        if first.started_at is None:
            return
        self.undo_stack.push(Step("start the meeting", lambda: self._set_started(first, now()),
                                  lambda: self._set_started(first, None), done=True))
        self.strip.show_current(self.current)
        self._say(f"The meeting has started: item {first.number or 1}'s clock runs from "
                  f"{clock(live.as_utc(first.started_at).astimezone().time())} (F8 moves on).")

    def next_item(self) -> None:
        """Move to the next item and record when it started (F8): one undoable step."""
        if self.current + 1 >= len(self.record.agenda):
            self._say("This is the last item on the agenda.")
            return
        was, item = self.current, self.record.agenda[self.current + 1]
        first_start = item.started_at is None

        def do() -> None:
            if first_start:
                self._set_started(item, now())
            self.go_to(was + 1)

        def undo() -> None:
            if first_start:
                self._set_started(item, None)
            self.go_to(was)

        self.undo_stack.push(Step("next item", do, undo))

    def _set_started(self, item, when: dt.datetime | None) -> None:
        try:
            live.set_started(self.store, item.id, when)
        except SAVE_ERRORS as exc:
            self._warn(f"Start time not saved: {exc}")
            return
        item.started_at = when

    # -- actions and rows -------------------------------------------------
    def open_action_bar(self) -> None:
        """Ctrl+Shift+A; text selected in the notes becomes the new action's description."""
        number = next_action_number(self.store, self.record.meeting.series_id)
        owners = sorted({p.short_form for p, _ in live.directory(self.store) if p.short_form} | {"The CC", "The PCC"})
        selected = self.notes.selected_text() if self.tabs.currentWidget() is self.notes else ""
        self.action_bar.open(number, owners, selected)

    # -- lines of the notes made records --------------------------------------
    def _notes_line(self, what: str) -> str:
        """The selected text, or the line the cursor is on, in the notes shown; '' (and says why) if none."""
        text = self.notes.line_or_selection() if self.tabs.currentWidget() is self.notes else ""
        if not text:
            self._warn(f"To make {what}, select text or put the cursor on a line in the notes (Ctrl+1) first.")
        return text

    def risk_from_notes(self) -> None:
        """Ctrl+Shift+R: the notes' line becomes a new emerging risk; the notes keep it."""
        text = self._notes_line("a risk")
        if text and self.risks.add(edit=False, text=text) is not None:
            self._say(f"Risk added from the notes: \u201c{text}\u201d (Ctrl+6 shows it, Ctrl+Z takes it back)")

    def answer_from_notes(self) -> None:
        """Ctrl+Shift+Q: the notes' line is added to the answer of the current PCC question."""
        text = self._notes_line("an answer")
        if not text:
            return
        question = self.pcc.current_record()
        if question is None:
            self._warn("No PCC question under this item to answer: Ctrl+5, then Ctrl+N adds one.")
            return
        answer = f"{question.answer}\n{text}" if question.answer else text
        if self.pcc.set_field(question, "answer", answer):
            self._say(f"Answer to question {question.number} added from the notes (Ctrl+Z takes it back)")

    def _capture_action(self, owner: str, description: str, due) -> None:
        try:
            action = live.create_action(self.store, self.record.meeting.id, owner, description, due)
        except SAVE_ERRORS as exc:
            self._warn(f"Action not added: {exc}")
            return
        self.action_bar.done()
        self.undo_stack.push(Step(f"new action {action.number}", lambda: self._withdraw(action, False),
                                  lambda: self._withdraw(action, True), done=True))
        self.action_page.reload()
        self._say(f"Action {action.number} added")
        self._focus_page()

    def _withdraw(self, action, deleted: bool) -> None:
        try:
            live.set_action_deleted(self.store, action, deleted)
        except SAVE_ERRORS as exc:
            self._warn(f"Not changed: {exc}")
        self.action_page.reload()

    def _add_row(self) -> None:
        page = self.tabs.currentWidget()
        if isinstance(page, RecordPage):
            page.add()
        elif page is self.attendance:
            self.attendance.name.setFocus()

    def _toggle_private(self) -> None:
        page = self.tabs.currentWidget()
        if isinstance(page, RecordPage):
            page.toggle_private()
        elif page is self.notes:
            self.notes.private.click()

    def _record_none(self) -> None:
        """Ctrl+Shift+N on Declarations, Public questions or Risks: record (or take back) that there were none."""
        page = self.tabs.currentWidget()
        if page not in self.none_pages:
            return
        name, noun = self.none_pages[page]
        value = not getattr(self.record.meeting, name)
        self.undo_stack.push(Step(f"no {noun}", lambda: self._set_none(page, value), lambda: self._set_none(page, not value)))

    def _set_none(self, page: RecordPage, value: bool) -> None:
        name, noun = self.none_pages[page]
        try:
            update_field(self.store, Meeting, self.record.meeting.id, name, value)
        except SAVE_ERRORS as exc:
            self._warn(f"Not recorded: {exc}")
            return
        setattr(self.record.meeting, name, value)
        self._show_none(page)
        self._say(f"Recorded that there were no {noun}" if value else f"No longer recorded that there were no {noun}")

    def _show_none(self, page: RecordPage) -> None:
        name, noun = self.none_pages[page]
        recorded = f"Recorded: there were no {noun} (Ctrl+Shift+N takes it back)"
        page.pane.empty.setText(recorded if getattr(self.record.meeting, name) else self.empty_texts[page])

    def _show_page(self, index: int) -> None:
        if self.tabs.currentIndex() == index:
            self._focus_page()
        else:
            self.tabs.setCurrentIndex(index)  # focuses it

    def _show_notes(self) -> None:
        self._show_page(PAGES.index("Notes"))

    def _focus_page(self) -> None:
        """The cursor to where typing goes on the page shown."""
        page = self.tabs.currentWidget()
        for other in self.record_pages:  # a page switched by a click: save what was typed there
            if other is not page:
                other.commit_edit()
        if page is self.notes:
            self.notes.editor.setFocus()
        elif page is self.attendance:
            self.attendance.view.setFocus()
        else:
            page.focus_entry()

    # -- messages -------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _warn(self, text: str) -> None:
        self.statusBar().showMessage(text, 15000)

    def refused_changes(self) -> int:
        """How many edits the database refused that are still only on screen."""
        self.commit_typing()
        return refused_edits(self.notes, self.record_pages)

    def closeEvent(self, event) -> None:
        """Ending live mode on purpose: save, and forget the position so the next start is normal."""
        if not close_despite_refused(self, self.refused_changes()):
            event.ignore()
            return
        self.clock.stop()
        live.clear_position(self.store)
        super().closeEvent(event)
        self.ended.emit()
