"""'New meeting…': pick the series and the date; the rest comes from the series (core.agenda).

Layer: ui. The series and their latest meetings are read by core.series.series_summaries (retired
series left out); the command opens the series' meeting on that day when there is one
(core.meetings.open_or_create_meeting).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel
from scrutiny_app.core.series import series_summaries
from scrutiny_app.core.store import Store


class NewMeetingDialog(QDialog):
    def __init__(self, store: Store, parent=None, series_id: int | None = None):
        super().__init__(parent)
        self.setWindowTitle("New meeting")
        self.series = series_summaries(store)
        self.series_box = QComboBox()
        for summary in self.series:
            self.series_box.addItem(summary.series.name, summary.series.id)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dddd d MMMM yyyy")
        self.date_edit.setDate(QDate.currentDate())
        self.about = QLabel()
        self.about.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create or open meeting")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.series))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Series:", self.series_box)
        form.addRow("Date:", self.date_edit)
        form.addRow(self.about)
        form.addRow(buttons)
        self.setMinimumWidth(460)
        self.series_box.currentIndexChanged.connect(self._series_changed)
        if series_id is not None and self.series_box.findData(series_id) >= 0:
            self.series_box.setCurrentIndex(self.series_box.findData(series_id))
        self._series_changed()

    def _series_changed(self, *_args) -> None:
        if not self.series:
            self.about.setText("There is no meeting series yet: add one from Meeting › Series… first.")
            return
        summary = self.series[self.series_box.currentIndex()]
        ser, day = summary.series, summary.next_date()
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        times = f"{ser.default_start:%H:%M} to {ser.default_end:%H:%M}" if ser.default_start and ser.default_end else "no set times"
        self.about.setText(
            f"The new meeting gets the series' standard agenda ({len(ser.agenda_template)} items), its venue and "
            f"times ({times}), a link to the previous meeting's minutes, and every open action brought forward.")

    def chosen(self) -> tuple[int, dt.date]:
        d = self.date_edit.date()
        return self.series_box.currentData(), dt.date(d.year(), d.month(), d.day())
