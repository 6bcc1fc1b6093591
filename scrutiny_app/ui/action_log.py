"""The Action log pane: every action of the series, filters, the selected action's history, and the commands.

The table is a TablePane (free-text filter, sorting, in-place edits of owner,
description and due date); the drop-downs above it narrow the rows through the
proxy's row predicate, using the Qt-free ``ActionFilter``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from scrutiny_app.core import actions as rules
from scrutiny_app.core.actions import DUE_SOON, OVERDUE, ActionFilter
from scrutiny_app.core.formatting import action_heading, local_time, long_date
from scrutiny_app.core.queries import ActionRow, MeetingRecord, action_rows
from scrutiny_app.errors import UserError
from scrutiny_app.ui import settings
from scrutiny_app.ui.background import Operation, Runner
from scrutiny_app.ui.record_model import SAVE_ERRORS, Column, RecordTableModel, show_date
from scrutiny_app.ui.table_pane import TablePane

ANY = None
DELETED = "deleted"
STATUS_CHOICES = [("All statuses", ANY), ("Open", rules.OPEN_STATUSES), ("New", ("New",)), ("Ongoing", ("Ongoing",)),
                  ("Closed", ("Closed",)), ("Deleted", DELETED)]
DUE_CHOICES = [("Any due date", ANY), ("Overdue", (OVERDUE,)), ("Due within a week", (DUE_SOON,)),
               ("Overdue or due soon", (OVERDUE, DUE_SOON))]


HISTORY_COLUMNS = [
    Column("Meeting", lambda h: h[1], show=lambda d: show_date(d) if d else "Between meetings", width=128),
    Column("Recorded", lambda h: local_time(h[0].recorded_at), show=lambda t: f"{t:%d/%m/%Y %H:%M}", width=118),
    Column("Status", lambda h: h[0].status, width=70),
    Column("Update", lambda h: h[0].text, width=400, multiline=True, stretch=True),
    Column("Source", lambda h: h[0].source, width=150),
]


class _DeletionCommand(QUndoCommand):
    """A deletion (undone by restoring) or a new action (undone by deleting it); each leaves a history record.

    The change itself has already run when the command is pushed.
    """

    def __init__(self, pane: "ActionLogPane", action_id: int, text: str, *, deleted: bool):
        super().__init__(text)
        self.pane, self.action_id, self.deleted, self.first = pane, action_id, deleted, True

    def _set(self, deleted: bool, reason: str) -> None:
        if deleted:
            self.pane.run(lambda store: rules.delete_action(store, self.action_id, reason))
        else:
            self.pane.run(lambda store: rules.restore_action(store, self.action_id))

    def redo(self) -> None:
        if self.first:
            self.first = False
        else:
            self._set(self.deleted, "Deleted again (redo).")

    def undo(self) -> None:
        self._set(not self.deleted, "Raising undone.")


def _combo(name: str, texts: list[str]) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    box.addItems(texts)
    return box


def _row_facts(row: ActionRow) -> rules.ActionFacts:
    return rules.facts_of(row.action)


class ActionLogPane(TablePane):
    message = Signal(str)  # for the status bar
    # Live and deleted actions, counted once per reload: the count is shown after every change.
    totals: tuple[int, int] = (0, 0)
    showing_deleted = False

    def __init__(self, model: RecordTableModel, *, undo_stack=None, **kwargs):
        super().__init__(model, **kwargs)
        self.undo_stack = undo_stack
        self.record: MeetingRecord | None = None
        self.meeting_dates: dict[int, dt.date] = {}

        # Each box's values are kept here, not as item data: a None read back from Qt
        # (currentData() of "All …") cost PySide6 6.12 a reference to None each time.
        self.status_box = _combo("statusFilter", [text for text, _ in STATUS_CHOICES])
        self.owner_box = _combo("ownerFilter", ["All owners"])
        self.due_box = _combo("dueFilter", [text for text, _ in DUE_CHOICES])
        self.meeting_box = _combo("meetingFilter", ["Any meeting"])
        self.choices: dict[QComboBox, list] = {
            self.status_box: [value for _, value in STATUS_CHOICES], self.owner_box: [ANY],
            self.due_box: [value for _, value in DUE_CHOICES], self.meeting_box: [ANY]}
        self.status_box.setToolTip("Open means New or Ongoing")
        self.due_box.setToolTip(f"Due soon means within {rules.DUE_SOON_DAYS} days")
        self.meeting_box.setToolTip("The meeting the action was raised at")

        self.history_title = QLabel()
        self.history_title.setWordWrap(True)
        self.history_model = RecordTableModel(None, HISTORY_COLUMNS, parent=self)
        self.history = QTableView()
        self.history.setObjectName("actionHistory")
        self.history.setModel(self.history_model)
        self.history.setWordWrap(True)
        self.history.verticalHeader().setVisible(False)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        for i, column in enumerate(HISTORY_COLUMNS):
            self.history.setColumnWidth(i, column.width)
        self.history.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 2, 0, 0)
        below_layout.addWidget(self.history_title)
        below_layout.addWidget(self.history)

        self.commands = self._make_commands()
        bar = QToolBar()
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addActions(self.commands)

        # The drop-downs join the filter box's row; the history goes under the table.
        layout: QVBoxLayout = self.layout()
        top: QHBoxLayout = layout.itemAt(0).layout()
        for i, box in enumerate((self.status_box, self.owner_box, self.due_box, self.meeting_box), start=1):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(9)  # the open list shows the full text
            box.currentIndexChanged.connect(self.apply_filters)
            top.insertWidget(i, box)
        layout.removeWidget(self.view)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.view)
        splitter.addWidget(below)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 100])  # in proportion: most of the height for the table
        layout.insertWidget(0, bar)
        layout.addWidget(splitter, 1)
        self.current_changed.connect(self._show_history)
        self._show_history(None)

    # -- commands ---------------------------------------------------------
    def _make_commands(self) -> list[QAction]:
        def command(text, slot, shortcut, tip):
            action = QAction(text, self)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
                tip += f" ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
            action.setToolTip(tip)
            action.triggered.connect(slot)
            return action

        self.new_command = command("New action…", self.new_action, "Ctrl+Shift+A", "Raise an action at this meeting")
        self.update_command = command("Add update…", self.add_update, "Ctrl+U", "Record an update on the action")
        self.close_command = command("Close action…", self.close_action, "Ctrl+Shift+C",
                                     "Close the action, saying why")
        self.delete_command = command("Delete action…", self.delete_action, "Ctrl+Delete",
                                      "Delete the action; its number is not reused")
        self.import_command = command("Import returned tracker…", self.import_tracker, None,
                                      "Read the Constabulary's updates from a returned tracker")
        self.reminders_command = command("Due and overdue by owner…", self.show_reminders, "Ctrl+Shift+R",
                                         "Each owner's open actions, with e-mail drafts")
        # Ctrl+Delete also removes an agenda item: here it acts only while the Action log has the focus.
        self.delete_command.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.delete_command)
        return [self.new_command, self.update_command, self.close_command, self.delete_command,
                self.import_command, self.reminders_command]

    @property
    def store(self):
        return self.model.store

    def selected(self) -> ActionRow | None:
        index = self.view.currentIndex()
        return self.model.rows[self.proxy.mapToSource(index).row()] if index.isValid() else None

    def run(self, change) -> bool:
        """Run ``change(store)`` and reload; a refusal or a locked file is shown, not raised."""
        try:
            change(self.store)
        except UserError as exc:
            QMessageBox.warning(self, "Not saved", str(exc))
            return False
        except SAVE_ERRORS as exc:
            QMessageBox.warning(self, "Not saved", f"The database refused the change: {exc}")
            return False
        self.reload()
        return True

    def new_action(self) -> None:
        from scrutiny_app.ui.action_dialogs import NewActionDialog
        from scrutiny_app.ui.directory_picker import directory_completer, person_named

        if self.record is None:
            return
        number = rules.next_action_number(self.store, self.record.series.id)
        owners = sorted({r.action.owner for r in self.model.rows if r.action.owner})
        dialog = NewActionDialog(number, f"{self.record.title}, {long_date(self.record.meeting.date)}", owners, self)
        dialog.owner.setCompleter(directory_completer(self.store, dialog.owner))
        if dialog.exec():
            owner, description, due = dialog.values()
            person = person_named(self, self.store, owner)  # a name not in the directory is offered for adding
            created = []
            if self.run(lambda store: created.append(rules.new_action(store, self.record.meeting.id, owner,
                                                                       description, due, person and person.id))):
                action = created[0]
                if self.undo_stack is not None:
                    self.undo_stack.push(_DeletionCommand(self, action.id, f"raise action {action.number}",
                                                          deleted=False))
                self.select_action(action.id)
                self.message.emit(f"Raised action {action.number}")

    def _update(self, closing: bool) -> None:
        from scrutiny_app.ui.action_dialogs import UpdateDialog

        row = self.selected()
        if row is None:
            self.message.emit("Select an action first")
            return
        dialog = UpdateDialog(action_heading(row.action), row.action.status, closing=closing, parent=self)
        if dialog.exec():
            text, status = dialog.values()
            meeting_id = self.record.meeting.id if self.record else None
            if self.run(lambda store: rules.add_update(store, row.action.id, text, status, meeting_id)):
                self.select_action(row.action.id)
                self.message.emit(f"{'Closed' if status == 'Closed' else 'Updated'} action {row.action.number}")

    def add_update(self) -> None:
        self._update(closing=False)

    def close_action(self) -> None:
        self._update(closing=True)

    def delete_action(self) -> None:
        from scrutiny_app.ui.action_dialogs import DeleteDialog

        row = self.selected()
        if row is None:
            self.message.emit("Select an action first")
            return
        dialog = DeleteDialog(f"action {row.action.number}", self)
        if dialog.exec() and self.run(lambda store: rules.delete_action(store, row.action.id, dialog.values())):
            if self.undo_stack is not None:
                self.undo_stack.push(_DeletionCommand(self, row.action.id, f"delete action {row.action.number}",
                                                      deleted=True))
            self.message.emit(f"Deleted action {row.action.number} (Undo restores it)")

    def import_tracker(self, path: Path | None = None) -> Operation | None:
        """Read a returned tracker off the GUI thread, preview what it would change, then record it (off it too)."""
        from scrutiny_app.imports.action_updates import read_returned_tracker

        if not path:
            start = settings.export_folder.get()
            name, _ = QFileDialog.getOpenFileName(self, "Import a returned action tracker", str(start),
                                                  "Excel workbooks (*.xlsx)")
            if not name:
                return None
            path = Path(name)
        store = self.store
        self.importing = Runner(self).run(f"Reading {path.name}", lambda _progress: read_returned_tracker(store, path),
                                          lambda plan: self._preview_tracker(path, plan), user_error_title="Cannot import")
        return self.importing

    def _preview_tracker(self, path: Path, plan) -> None:
        from scrutiny_app.imports.action_updates import apply_plan
        from scrutiny_app.ui.import_preview import ImportPreviewDialog

        self.preview = ImportPreviewDialog(plan, self)
        if not self.preview.exec():
            return
        store, valid_only = self.store, self.preview.valid_only.isChecked()

        def recorded(count: int) -> None:
            self.reload()
            self.message.emit(f"Recorded {count} update(s) from {path.name}")

        self.importing = Runner(self).run(f"Recording the updates from {path.name}",
                                          lambda _progress: apply_plan(store, plan, valid_only=valid_only), recorded,
                                          user_error_title="Not saved")

    def show_reminders(self) -> None:
        from scrutiny_app.ui.reminders_dialog import RemindersDialog

        RemindersDialog(self.store, self.record.series.id if self.record else None, self).exec()

    # -- contents ---------------------------------------------------------
    def load(self, record: MeetingRecord | None, meeting_dates: dict[int, dt.date]) -> None:
        """Show the actions of ``record``'s series (none without a meeting)."""
        self.record = record
        self.meeting_dates = meeting_dates
        for command in (self.new_command, self.import_command, self.reminders_command):
            command.setEnabled(record is not None)
        self.reload()

    def reload(self) -> None:
        """Read the actions again, keeping the selected one selected."""
        current = self.selected()
        # Deleted actions are loaded too, so that "Deleted" can show them and their history.
        rows = action_rows(self.store, self.record.series.id, include_deleted=True) if self.record else []
        self._fill_choice(self.owner_box, sorted({r.action.owner for r in rows if r.action.owner}, key=str.lower),
                          lambda owner: owner)
        raised = sorted({r.action.raised_at_meeting_id for r in rows if r.action.raised_at_meeting_id in
                         self.meeting_dates}, key=self.meeting_dates.get)
        self._fill_choice(self.meeting_box, raised, lambda mid: f"Raised {show_date(self.meeting_dates[mid])}")
        deleted = sum(1 for r in rows if r.action.deleted)
        self.totals = (len(rows) - deleted, deleted)
        # The reset below filters the new rows once.
        self.proxy.set_predicate(self._predicate(), _row_facts, refilter=False)
        self.model.set_rows(rows)
        self._refresh()
        if current is not None:
            self.select_action(current.action.id)
        else:
            self._show_history(None)

    def chosen(self, box: QComboBox):
        """The value of ``box``'s current choice (ANY for its first)."""
        return self.choices[box][box.currentIndex()]

    def _fill_choice(self, box: QComboBox, values: list, text) -> None:
        chosen = self.chosen(box)
        self.choices[box] = [ANY, *values]
        box.blockSignals(True)
        while box.count() > 1:
            box.removeItem(1)
        box.addItems([text(value) for value in values])
        box.setCurrentIndex(values.index(chosen) + 1 if chosen in values else 0)
        box.blockSignals(False)

    def current_filter(self) -> ActionFilter:
        status = self.chosen(self.status_box)
        return ActionFilter(statuses=None if status == DELETED else status, deleted=status == DELETED,
                            owner=self.chosen(self.owner_box), due=self.chosen(self.due_box),
                            raised_at_meeting_id=self.chosen(self.meeting_box))

    def _predicate(self):
        criteria, today = self.current_filter(), dt.date.today()
        self.showing_deleted = criteria.deleted
        return lambda facts: criteria.admits(facts, today)

    def apply_filters(self, *_) -> None:
        self.proxy.set_predicate(self._predicate(), _row_facts)  # the proxy's layout change refreshes the count

    def total_rows(self) -> int:
        return self.totals[self.showing_deleted]

    def select_action(self, action_id: int) -> None:
        for r, row in enumerate(self.model.rows):
            if row.action.id == action_id:
                index = self.proxy.mapFromSource(self.model.index(r, 0))
                if index.isValid():
                    self.view.setCurrentIndex(index)
                    self._show_history(row)
                return

    def _show_history(self, row: ActionRow | None) -> None:
        if row is None:
            self.history_title.setText("Select an action to see its history.")
            self.history_model.set_rows([])
        else:
            self.history_title.setText(f"<b>History of action {row.action.number}</b> ({len(row.updates)} entries)")
            self.history_model.set_rows([(u, self.meeting_dates.get(u.meeting_id)) for u in row.updates])
            self.history.resizeRowsToContents()
        for command in (self.update_command, self.close_command, self.delete_command):
            command.setEnabled(row is not None and not row.action.deleted)
