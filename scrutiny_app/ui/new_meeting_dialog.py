"""'New meeting…': pick the series and the date; the rest comes from the series (core.agenda)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel
from sqlmodel import select

from scrutiny_app.core import models as m
from scrutiny_app.core.store import Store

CYCLE = dt.timedelta(weeks=13)  # accountability meetings come round each quarter


class NewMeetingDialog(QDialog):
    def __init__(self, store: Store, parent=None, series_id: int | None = None):
        super().__init__(parent)
        self.setWindowTitle("New meeting")
        with store.session() as s:
            self.series = list(s.exec(select(m.MeetingSeries).order_by(m.MeetingSeries.name)).all())
            self.latest = {
                ser.id: s.exec(select(m.Meeting.date).where(m.Meeting.series_id == ser.id)
                               .order_by(m.Meeting.date.desc())).first()
                for ser in self.series
            }
        self.series_box = QComboBox()
        for ser in self.series:
            self.series_box.addItem(ser.name, ser.id)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dddd d MMMM yyyy")
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setStyleSheet("color: #444;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create meeting")
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
        ser = self.series[self.series_box.currentIndex()] if self.series else None
        if ser is None:
            return
        latest = self.latest.get(ser.id)
        day = latest + CYCLE if latest else dt.date.today()
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        times = f"{ser.default_start:%H:%M} to {ser.default_end:%H:%M}" if ser.default_start and ser.default_end else "no set times"
        self.about.setText(
            f"The new meeting gets the series' standard agenda ({len(ser.agenda_template)} items), its venue and "
            f"times ({times}), a link to the previous meeting's minutes, and every open action brought forward.")

    def chosen(self) -> tuple[int, dt.date]:
        d = self.date_edit.date()
        return self.series_box.currentData(), dt.date(d.year(), d.month(), d.day())
