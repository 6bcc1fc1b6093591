"""The Series manager (Meetings › Series…) and the series form it shares with the set-up dialog.

Layer: ui. Every change goes through core.series, which checks it and saves
nothing when a field is wrong; the form turns the typed text into a
:class:`~scrutiny_app.core.series.SeriesDetails` and shows core's message.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLineEdit, QListWidget,
                               QListWidgetItem, QMessageBox, QPlainTextEdit, QPushButton, QSpinBox, QVBoxLayout,
                               QWidget)

from scrutiny_app.core import series as core_series
from scrutiny_app.core.series import SeriesDetails
from scrutiny_app.core.store import Store
from scrutiny_app.core.time_input import check_times, parse_time
from scrutiny_app.errors import UserError


def time_text(value) -> str:
    return f"{value:%H:%M}" if value is not None else ""


def typed_time(text: str, what: str):
    """The time typed in a field, None when it is blank."""
    return parse_time(text, what) if text.strip() else None


class SeriesForm(QWidget):
    """A series' name, purpose, venue, usual times, first action number and standard agenda (a title a line).

    The agenda's lines keep the kind and duration of the entry of the same title;
    a new line is an ordinary 15-minute item.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.name = QLineEdit()
        self.purpose = QLineEdit()
        self.venue = QLineEdit()
        self.start, self.end = QLineEdit(), QLineEdit()
        for field in (self.start, self.end):
            field.setPlaceholderText("HH:MM")
            field.setMaximumWidth(90)
        self.first_action = QSpinBox()
        self.first_action.setRange(1, 99999)
        self.agenda = QPlainTextEdit()
        self.agenda.setPlaceholderText("One standard agenda item a line")
        self.agenda.setTabChangesFocus(True)
        self._entries: dict[str, dict] = {}
        self.shown: SeriesDetails | None = None
        times = QHBoxLayout()
        times.addWidget(self.start)
        times.addWidget(self.end)
        times.addStretch()
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Series &name:", self.name)
        form.addRow("&Purpose:", self.purpose)
        form.addRow("Usual &venue:", self.venue)
        form.addRow("Usual times (start, end):", times)
        form.addRow("First &action number:", self.first_action)
        form.addRow("Standard a&genda:", self.agenda)

    def show_details(self, details: SeriesDetails) -> None:
        self.name.setText(details.name)
        self.purpose.setText(details.purpose)
        self.purpose.setCursorPosition(0)  # a long purpose shows its beginning
        self.venue.setText(details.venue)
        self.start.setText(time_text(details.start))
        self.end.setText(time_text(details.end))
        self.first_action.setValue(details.first_action_number)
        self._entries = {entry["title"]: entry for entry in details.agenda}
        self.agenda.setPlainText("\n".join(entry["title"] for entry in details.agenda))
        self.shown = self.details()  # what the form holds until it is edited

    def details(self) -> SeriesDetails:
        """What is typed, as details; a :class:`UserError` for a time that is not a time or out of order."""
        start = typed_time(self.start.text(), "usual start time")
        end = typed_time(self.end.text(), "usual end time")
        check_times(start, end)
        titles = [line.strip() for line in self.agenda.toPlainText().splitlines() if line.strip()]
        agenda = [dict(self._entries.get(title, {"title": title, "kind": "item", "duration_minutes": 15,
                                                  "priority": None})) for title in titles]
        return SeriesDetails(self.name.text(), self.purpose.text(), self.venue.text(), start, end, agenda,
                             self.first_action.value())


class SeriesManager(QDialog):
    """Every series, retired ones marked: create, rename, edit, retire or bring back."""

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Meeting series")
        self.list = QListWidget()
        self.list.setMaximumWidth(280)
        self.form = SeriesForm()
        self.new_button = QPushButton("&New series")
        self.save_button = QPushButton("&Save changes")
        self.retire_button = QPushButton("&Retire")
        self.new_button.clicked.connect(self.new_series)
        self.save_button.clicked.connect(self.save)
        self.retire_button.clicked.connect(self.toggle_retired)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.retire_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(close)
        top = QHBoxLayout()
        top.addWidget(self.list)
        top.addWidget(self.form, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        self.list.currentItemChanged.connect(self._picked)
        self.resize(900, 520)
        self.fill()

    def fill(self, select_id: int | None = None) -> None:
        """List the series again (the form's edits are saved or given up by then), showing ``select_id``."""
        self.list.blockSignals(True)
        self.list.clear()
        chosen = None
        for series in core_series.list_series(self.store, include_retired=True):
            item = QListWidgetItem(series.name + (" (retired)" if series.retired else ""))
            item.setData(Qt.ItemDataRole.UserRole, (series.id, series.retired))
            self.list.addItem(item)
            if series.id == select_id or (select_id is None and chosen is None):
                chosen = item
        self.list.setCurrentItem(chosen)
        self.list.blockSignals(False)
        if chosen is None:
            self.new_series()
        else:
            self._picked(chosen)

    def current(self) -> tuple[int, bool] | None:
        """The series picked in the list (its id and whether it is retired); None while a new one is typed."""
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _picked(self, item, before=None) -> None:
        if before is not None and self._edited():
            self._offer_save(before.data(Qt.ItemDataRole.UserRole)[0])
        if item is None:
            return
        series_id, retired = item.data(Qt.ItemDataRole.UserRole)
        self.form.show_details(core_series.get_series(self.store, series_id))
        self.retire_button.setText("Bring &back" if retired else "&Retire")
        self.retire_button.setEnabled(True)

    def new_series(self) -> None:
        """A blank form for a new series, its standard agenda offered from the built-in template."""
        self.list.setCurrentItem(None)  # edits of the series shown are offered for saving first
        details = core_series.accountability_template()
        details.name = ""
        self.form.show_details(details)
        self.retire_button.setEnabled(False)
        self.form.name.setFocus()

    def save(self) -> bool:
        current = self.current()
        series_id = self._save(current[0] if current else None)
        if series_id is None:
            return False
        self.form.shown = self.form.details()
        self.fill(series_id)
        return True

    def _save(self, series_id: int | None) -> int | None:
        """Save the form as ``series_id`` (None: a new series); its id, or None after saying why not."""
        try:
            details = self.form.details()
            if series_id is None:
                return core_series.create_series(self.store, details)
            core_series.update_series(self.store, series_id, details)
            return series_id
        except UserError as exc:
            QMessageBox.warning(self, "Series not saved", str(exc))
            return None

    def _edited(self) -> bool:
        """Whether the form differs from the series it shows (a time that is not a time counts as a change)."""
        try:
            return self.form.details() != self.form.shown
        except UserError:
            return True

    def _offer_save(self, series_id: int | None) -> bool:
        """Ask whether to save the edits of ``series_id`` before they are left; False: Cancel (stay)."""
        answer = QMessageBox.question(
            self, "Unsaved changes", "Save the changes to this series?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        return answer == QMessageBox.StandardButton.Discard or self._save(series_id) is not None

    def reject(self) -> None:
        current = self.current()
        if not self._edited() or self._offer_save(current[0] if current else None):
            super().reject()

    def toggle_retired(self) -> None:
        current = self.current()
        if current is not None and (not self._edited() or self._offer_save(current[0])):
            core_series.retire_series(self.store, current[0], retired=not current[1])
            self.form.shown = self.form.details()
            self.fill(current[0])
