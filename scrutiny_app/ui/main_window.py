"""The main window: a meeting picker, five dockable panes and the notes editor.

It is built in two halves so that it paints before the database layer has
loaded (SQLAlchemy, pydantic and SQLModel take half a second on a laptop, longer
than Qt itself). The frame (docks, toolbar, menu titles, the saved layout) needs
only Qt; :meth:`MainWindow.attach` then builds the panes on an open store and
shows its meeting. So this module imports Qt and the light ``scrutiny_app``
modules at the top, and everything that reaches the database inside ``attach``.

Layer: ui. The panes and the command classes (:mod:`~scrutiny_app.ui.file_commands`,
:mod:`~scrutiny_app.ui.minutes_actions`, the agenda editor) get the window's
:class:`~scrutiny_app.ui.window_context.WindowContext`, not the window; the
window answers the context's requests (show a meeting, list them again, save
the notes) and owns the layout, the picker and the menus.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QToolBar,
)

from scrutiny_app import APP_NAME, __version__, paths
from scrutiny_app.ui import settings
from scrutiny_app.ui.window_context import WindowContext

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

    from scrutiny_app.core.queries import MeetingRecord
    from scrutiny_app.core.store import Store
    from scrutiny_app.ui.live.screen import LiveWindow

SETTINGS_VERSION = 2  # bump when dock object names change, so an old layout is not restored
UNEXPOSED_WAIT_MS = 300  # a window that is never painted (started minimised) still opens its database


def _waiting() -> QLabel:
    """What a pane shows until the database is open."""
    label = QLabel("Opening the database…")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setEnabled(False)  # drawn in the style's muted text colour
    return label


class MainWindow(QMainWindow):
    """The meeting picker, the panes in their docks, the menus; its :attr:`context` is what the panes share."""

    def __init__(self, store: Store | None = None, *, demo: bool = False):
        """The frame at once; with ``store``, the panes and its meeting too (else call :meth:`attach`)."""
        super().__init__()
        self.context = WindowContext(self, demo=demo)
        self.context.meeting_wanted.connect(self._show_wanted)
        self.context.meetings_wanted.connect(self._fill_picker)
        self._on_painted: Callable[[], None] | None = None
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(QIcon(str(paths.resources_dir() / "scrutiny.png")))
        self.setDockNestingEnabled(True)
        self.setCentralWidget(_waiting())

        area = Qt.DockWidgetArea
        self.agenda_dock = self._dock("Agenda", area.LeftDockWidgetArea)
        self.questions_dock = self._dock("Public questions", area.BottomDockWidgetArea)
        self.action_log_dock = self._dock("Action log", area.BottomDockWidgetArea)
        self.indicators_dock = self._dock("Indicators", area.RightDockWidgetArea)
        self.search_dock = self._dock("Search", area.RightDockWidgetArea)
        # The meeting's own records, tabbed behind the public questions (meeting_panes).
        self.record_docks = {name: self._dock(title, area.BottomDockWidgetArea) for name, title in (
            ("pcc", "PCC questions"), ("attendance", "Attendance"), ("declarations", "Declarations"),
            ("risks", "Emerging risks"))}
        self.docks = (self.agenda_dock, self.questions_dock, self.action_log_dock, self.indicators_dock,
                      self.search_dock, *self.record_docks.values())  # in this order on the View menu (Alt+1 to Alt+9)
        self.splitDockWidget(self.questions_dock, self.action_log_dock, Qt.Orientation.Horizontal)
        for dock in self.record_docks.values():
            self.tabifyDockWidget(self.questions_dock, dock)
        self.questions_dock.raise_()
        self.tabifyDockWidget(self.indicators_dock, self.search_dock)
        self.search_dock.hide()  # Ctrl+K brings it up
        menu = self.menuBar().addMenu
        self.file_menu, self.edit_menu, self.agenda_menu = menu("&File"), menu("&Edit"), menu("&Agenda")
        self.view_menu, self.actions_menu, self.meeting_menu = menu("&View"), menu("&Actions"), menu("&Meeting")
        self.help_menu = menu("&Help")

        self.picker = QComboBox()
        self.picker.setObjectName("meetingPicker")
        self.picker.setMinimumContentsLength(36)
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.picker.setEnabled(False)
        self.picker.currentIndexChanged.connect(self._meeting_picked)
        self.tools = QToolBar("Meeting", self)
        self.tools.setObjectName("MeetingToolbar")
        self.tools.setMovable(False)
        self.tools.addWidget(QLabel(" Meeting: "))
        self.tools.addWidget(self.picker)
        self.minutes_state = QLabel()  # Minutes: draft / agreed on D · locked
        self.minutes_state.setObjectName("minutesState")
        self.tools.addWidget(self.minutes_state)
        self.addToolBar(self.tools)
        self.db_label = QLabel()
        self.statusBar().addPermanentWidget(self.db_label)
        self._default_layout = self.saveState(SETTINGS_VERSION)
        self._layout_restored = self._restore_settings()
        if store is not None:
            self.attach(store)

    @property
    def store(self) -> Store | None:
        return self.context.store

    @property
    def record(self) -> MeetingRecord | None:
        """The meeting on show."""
        return self.context.record

    @property
    def undo_stack(self) -> QUndoStack:
        return self.context.undo_stack

    @property
    def live(self) -> LiveWindow | None:
        """The live-mode window, once opened."""
        return self.minutes.live

    def attach(self, store: Store) -> None:
        """Build the panes on ``store`` and show its meeting: the half of the window that needs the database."""
        from scrutiny_app.ui.action_log import ActionLogPane
        from scrutiny_app.ui.agenda_commands import AgendaModel
        from scrutiny_app.ui.agenda_editor import AgendaEditor
        from scrutiny_app.ui.columns import ACTION_COLUMNS, AGENDA_COLUMNS, PUBLIC_QUESTION_COLUMNS, action_background
        from scrutiny_app.ui.file_commands import FileCommands
        from scrutiny_app.ui.indicators_pane import IndicatorsPane
        from scrutiny_app.ui.meeting_panes import MeetingPanes
        from scrutiny_app.ui.minutes_actions import MinutesCommands
        from scrutiny_app.ui.notes_editor import NotesEditor
        from scrutiny_app.ui.office_menu import OfficeCommands
        from scrutiny_app.ui.record_model import RecordTableModel
        from scrutiny_app.ui.search_pane import SearchPane
        from scrutiny_app.ui.table_pane import TablePane
        from scrutiny_app.ui.window_menus import WindowMenus

        ctx = self.context
        ctx.store = store  # the first: nothing shows a store yet, so no store_changed

        def table_model(columns, model_class=RecordTableModel, **kwargs) -> RecordTableModel:
            model = model_class(store, columns, undo_stack=ctx.undo_stack, parent=self, **kwargs)
            model.saved.connect(ctx.say)
            model.failed.connect(ctx.warn)
            return model

        self.agenda = TablePane(table_model(AGENDA_COLUMNS, AgendaModel), placeholder="Filter agenda items",
                                empty_text="No agenda items for this meeting yet")
        self.agenda_editor = AgendaEditor(ctx, self.agenda)
        self.questions = TablePane(table_model(PUBLIC_QUESTION_COLUMNS), placeholder="Filter public questions",
                                   empty_text="No public questions recorded for this meeting")
        self.action_log = ActionLogPane(
            table_model(ACTION_COLUMNS, record_of=lambda row: row.action, background=action_background),
            undo_stack=ctx.undo_stack,
            placeholder="Filter actions (number, owner, text, status)",
            empty_text="No actions in this series yet",
        )
        self.action_log.message.connect(ctx.say)
        self.indicators = IndicatorsPane()
        self.notes = NotesEditor()
        self.notes.saved.connect(ctx.say)
        self.notes.failed.connect(ctx.warn)
        ctx.edits_wanted.connect(self.notes.save)
        self.agenda.current_changed.connect(lambda item: self.notes.show_item(self.store, item))
        self.records = MeetingPanes(ctx, self)
        self.search = SearchPane()
        self.files = FileCommands(ctx, self.indicators, self.search)
        self.minutes = MinutesCommands(ctx, self.notes)
        self.office = OfficeCommands(ctx)
        self.search.open_requested.connect(self.open_hit)
        self.search.export_requested.connect(self.files.export_search)
        ctx.store_changed.connect(self._store_changed)
        for dock, pane in zip(self.docks, (self.agenda, self.questions, self.action_log, self.indicators, self.search)):
            dock.setWidget(pane)
        for name, dock in self.record_docks.items():
            dock.setWidget(getattr(self.records, name))
        self.setCentralWidget(self.notes)
        if self.isVisible():  # the frame was laid out around placeholders: lay it out again around the panes
            QTimer.singleShot(0, self._lay_out_again)
        self.menus = WindowMenus(self)
        self.picker.setEnabled(True)
        self.statusBar().showMessage("Ready")
        self._fill_picker()
        self.minutes.resume_live()
        self.office.set_up_if_new()

    def when_painted(self, job: Callable[[], None]) -> None:
        """Run ``job`` in the event-loop turn after the window first paints, so the frame is seen first."""
        self._on_painted = job
        QTimer.singleShot(UNEXPOSED_WAIT_MS, self._painted)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._on_painted is not None:
            QTimer.singleShot(0, self._painted)

    def _painted(self) -> None:
        job, self._on_painted = self._on_painted, None
        if job is not None:
            job()

    # -- building ---------------------------------------------------------
    def _dock(self, title: str, area: Qt.DockWidgetArea) -> QDockWidget:
        """A pane's dock, waiting for its pane; its object name keys the saved layout."""
        dock = QDockWidget(title, self)
        dock.setObjectName(title.replace(" ", "") + "Dock")
        dock.setWidget(_waiting())
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        return dock

    # -- meetings ---------------------------------------------------------
    def _store_changed(self, store: Store) -> None:
        for pane in (self.agenda, self.questions, self.action_log):
            pane.model.set_store(store)
        self.records.set_store(store)
        self._fill_picker()

    def _fill_picker(self, select_id: int | None = None) -> None:
        from scrutiny_app.core.queries import default_meeting, list_meetings

        meetings = list_meetings(self.store)
        dates = self.context.meeting_dates = {x.id: x.date for x in meetings}
        self.picker.blockSignals(True)
        self.picker.clear()
        for x in meetings:
            self.picker.addItem(f"{x.date:%d %b %Y}  ·  {x.title}" + ("  (cancelled)" if x.cancelled else ""), x.id)
        self.picker.blockSignals(False)
        if select_id is None:
            remembered = settings.last_meeting(self.store.path).get()
            if remembered in dates and not self.context.demo:
                select_id = remembered
            else:
                chosen = default_meeting(meetings)
                select_id = chosen.id if chosen else None
        index = self.picker.findData(select_id)
        if index >= 0:
            if index == self.picker.currentIndex():
                self._meeting_picked(index)
            else:
                self.picker.setCurrentIndex(index)  # its signal shows the meeting (once)
        else:
            self.show_meeting(None)
        if self.store.read_only:
            self.db_label.setText(" Read-only: this database is open in another Scrutiny window ")
            self.db_label.setStyleSheet("color: #a00000; font-weight: bold;")
        else:
            self.db_label.setText(" Demo data (a throwaway copy) " if self.context.demo else f" {self.store.path} ")
            self.db_label.setStyleSheet("")
        self.search.set_store(self.store, sorted({x.series for x in meetings}))

    def refresh(self) -> None:
        """Read the database again (F5), showing what another Scrutiny window has saved since."""
        self._fill_picker(self.record.meeting.id if self.record else None)

    def _meeting_picked(self, index: int) -> None:
        meeting_id = self.picker.itemData(index)
        if meeting_id is not None:
            self.show_meeting(int(meeting_id))

    def _show_wanted(self, meeting_id: int) -> None:
        """Show ``meeting_id`` read again: selected in the picker, whose signal shows it, or shown at once."""
        index = self.picker.findData(meeting_id)
        if index >= 0 and index != self.picker.currentIndex():
            self.picker.setCurrentIndex(index)
        else:
            self.show_meeting(meeting_id)

    def select_meeting(self, day: dt.date) -> bool:
        """Show the meeting held on ``day`` (the first, if two were); False when there is none."""
        index = next((self.picker.findData(i) for i, date in self.context.meeting_dates.items() if date == day), -1)
        if index >= 0:
            self.picker.setCurrentIndex(index)
        return index >= 0

    def show_meeting(self, meeting_id: int | None) -> None:
        from scrutiny_app.core.minutes_lock import state_text
        from scrutiny_app.core.queries import load_meeting

        self.notes.save()
        self.undo_stack.clear()
        record = load_meeting(self.store, meeting_id) if meeting_id is not None else None
        self.agenda.model.set_rows(record.agenda if record else [])
        self.questions.model.set_rows(record.public_questions if record else [])
        self.action_log.load(record, self.context.meeting_dates)
        self.minutes_state.setText(f"  {state_text(record.meeting)}  " if record else "")
        if record:
            self.indicators.load(self.store, record.meeting.id)
            self.setWindowTitle(f"{record.title}, {record.meeting.date:%d %B %Y} — {APP_NAME}")
            settings.last_meeting(self.store.path).set(record.meeting.id)
        else:
            self.setWindowTitle(APP_NAME)
        self.notes.show_item(self.store, None)
        self.context.set_meeting(record)  # the panes show it: say so (the agenda editor follows)
        self.agenda.select_first()

    # -- search -----------------------------------------------------------
    def show_search(self) -> None:
        dock = self.search_dock
        dock.show()
        dock.raise_()
        self.notes.save()
        self.search.run()  # what was edited since the last search shows at once
        self.search.focus_query()

    def open_hit(self, hit) -> None:
        """Show a search hit: its meeting in the picker, its record selected in its pane."""
        from scrutiny_app.core.search import locate

        where = locate(self.store, hit)
        index = self.picker.findData(where.meeting_id)
        if index >= 0 and index != self.picker.currentIndex():
            self.picker.setCurrentIndex(index)
        panes = {"agenda": (self.agenda_dock, self.agenda), "public-questions": (self.questions_dock, self.questions),
                 "actions": (self.action_log_dock, self.action_log)}
        own = {"pcc-question": (self.record_docks["pcc"], self.records.pcc),
               "risk": (self.record_docks["risks"], self.records.risks)}
        shown = [panes[where.pane] + (where.record_id,)] if where.pane in panes and where.record_id is not None else []
        if hit.kind in own:  # after its agenda item (notes beside), the record itself in its own pane
            shown.append(own[hit.kind] + (hit.record_id,))
        for dock, pane, record_id in shown:
            dock.show()
            dock.raise_()
            if pane.select_record(record_id):
                pane.view.setFocus()
        self.context.say(f"{hit.where}, {hit.date:%d %B %Y}" if hit.date else hit.where)

    # -- small things -----------------------------------------------------
    def focus_filter(self) -> None:
        """Ctrl+F: in a table, its filter; from that filter or anywhere else, the search of every meeting."""
        for pane in (self.agenda, self.questions, self.action_log, *self.records.tables):
            if pane.isAncestorOf(self.focusWidget()) and self.focusWidget() is not pane.filter:
                pane.filter.setFocus()
                return
        self.show_search()

    def about(self) -> None:
        QMessageBox.about(self, f"About {APP_NAME}",
                          f"{APP_NAME} {__version__}\nAgenda packs, live notes, the action tracker and indicators "
                          "for a Police and Crime Commissioner's scrutiny officers.")

    def _restore_settings(self) -> bool:
        """Window size and dock layout as the user left them; False when there is none to restore."""
        self.resize(1600, 1000)
        geometry = settings.window_geometry.get()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.window_state.get()
        self._saved_state = state if state is not None and self.restoreState(state, SETTINGS_VERSION) else None
        return self._saved_state is not None

    def _lay_out_again(self) -> None:
        if self._saved_state is not None:
            self.restoreState(self._saved_state, SETTINGS_VERSION)
        else:
            self.fit_default_layout()

    def fit_default_layout(self) -> None:
        """Share the window between the panes in proportion to its size."""
        w, h = self.width(), self.height()
        self.resizeDocks([self.agenda_dock, self.indicators_dock], [int(w * 0.40), int(w * 0.34)],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.questions_dock], [int(h * 0.38)], Qt.Orientation.Vertical)
        self.resizeDocks([self.questions_dock, self.action_log_dock], [int(w * 0.42), int(w * 0.58)],
                         Qt.Orientation.Horizontal)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._layout_restored:
            self._layout_restored = True
            self.fit_default_layout()

    def reset_layout(self) -> None:
        self.restoreState(self._default_layout, SETTINGS_VERSION)
        for dock in self.docks:
            dock.show()
        self.fit_default_layout()

    def closeEvent(self, event) -> None:
        if self.store is not None:  # before the panes exist there is nothing to lose
            from scrutiny_app.ui.cell_editors import commit_open_editors
            from scrutiny_app.ui.record_model import close_despite_refused, refused_edits

            commit_open_editors(self)
            live = self.minutes.live
            refused = refused_edits(self.notes, (self.agenda, self.questions, self.action_log, self.indicators,
                                                  *self.records.tables)) + (
                live.refused_changes() if live is not None and live.isVisible() else 0)
            if not close_despite_refused(self, refused):
                event.ignore()
                return
        settings.window_geometry.set(self.saveGeometry())
        settings.window_state.set(self.saveState(SETTINGS_VERSION))
        super().closeEvent(event)
