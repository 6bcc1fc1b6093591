"""The office's details: the first-run set-up dialog and File › Office details….

Layer: ui. On a database with no office (core.office.office_entered) the
window opens on this dialog with the first meeting series below the office,
offered from the built-in "PCC Accountability Meeting" template; reopened
later it edits the office alone (series live in the Series manager). Nothing
is saved until every field checks: the office is checked first, then the
series is created, then the office saved.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QMessageBox,
                               QPlainTextEdit, QVBoxLayout)

from scrutiny_app.core import office as core_office
from scrutiny_app.core import series as core_series
from scrutiny_app.core.store import Store
from scrutiny_app.errors import UserError
from scrutiny_app.ui.series_dialog import SeriesForm


class OfficeDialog(QDialog):
    """The office's name, short name, address, telephone, e-mail and other-formats note (and the first series)."""

    def __init__(self, store: Store, parent=None, *, first_run: bool = False):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Set up your office" if first_run else "Office details")
        office = core_office.get_office(store)
        self.name = QLineEdit(office.name)
        self.name.setPlaceholderText("Office of the Police and Crime Commissioner for …")
        self.short_name = QLineEdit(office.short_name)
        self.short_name.setPlaceholderText("OPCC")
        self.address = QPlainTextEdit(office.address)
        self.address.setTabChangesFocus(True)
        self.address.setMaximumHeight(80)
        self.telephone = QLineEdit(office.telephone)
        self.email = QLineEdit(office.email)
        self.formats_note = QPlainTextEdit(office.formats_note)
        self.formats_note.setTabChangesFocus(True)
        self.formats_note.setMaximumHeight(60)
        self.formats_note.setPlaceholderText("If you need this document in another format or language, please contact …")
        layout = QVBoxLayout(self)
        if first_run:
            intro = QLabel("This database is new. Enter your office's details, as the minutes and agenda packs print "
                           "them, and the first series of meetings; both can be changed later from the menus.")
            intro.setWordWrap(True)
            layout.addWidget(intro)
        box = QGroupBox("Office")
        form = QFormLayout(box)
        form.addRow("Office &name:", self.name)
        form.addRow("&Short name:", self.short_name)
        form.addRow("A&ddress:", self.address)
        form.addRow("&Telephone:", self.telephone)
        form.addRow("&E-mail:", self.email)
        form.addRow("&Other formats note:", self.formats_note)
        layout.addWidget(box)
        self.series_form: SeriesForm | None = None
        if first_run:
            self.series_form = SeriesForm()
            self.series_form.show_details(core_series.accountability_template())
            series_box = QGroupBox("First meeting series")
            QVBoxLayout(series_box).addWidget(self.series_form)
            layout.addWidget(series_box, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.office = office
        self.series_id: int | None = None  # the series made on first run
        self.resize(720, 660 if first_run else 420)  # fits a 1366×768 screen

    def typed_office(self) -> core_office.Office:
        return replace(self.office, name=self.name.text(), short_name=self.short_name.text(),
                       address=self.address.toPlainText(), telephone=self.telephone.text(),
                       email=self.email.text(), formats_note=self.formats_note.toPlainText())

    def accept(self) -> None:
        """Save and close; on a wrong field say which, save nothing and stay open."""
        try:
            office = core_office.check_office(self.typed_office())
            if self.series_form is not None:
                self.series_id = core_series.create_series(self.store, self.series_form.details())
            core_office.set_office(self.store, office)
        except UserError as exc:
            QMessageBox.warning(self, "Not saved", str(exc))
            return
        super().accept()
