"""The window's commands for the office, its series, its people and the meeting's details.

Layer: ui. Opens the set-up dialog on a database with no office (on attach
and whenever another database is opened), and the dialogs and windows behind
File › Office details…, Meeting › Meeting details…, Series… and People….
"""

from __future__ import annotations

from scrutiny_app.core.office import office_entered
from scrutiny_app.ui.window_context import WindowContext


class OfficeCommands:
    def __init__(self, context: WindowContext):
        self.context = context
        self.setup_dialog = None  # the first-run dialog while it is open
        self.people_window = None  # the directory window, once opened (not modal: it stays beside the window)
        self.meeting_dialog = None
        context.store_changed.connect(lambda _store: self.set_up_if_new())

    def set_up_if_new(self) -> None:
        """A database with no office opens on the set-up dialog (window-modal, not blocking the caller)."""
        store = self.context.store
        if store is None or store.read_only or office_entered(store):
            return
        from scrutiny_app.ui.office_dialog import OfficeDialog

        self.setup_dialog = OfficeDialog(store, self.context.window, first_run=True)
        self.setup_dialog.accepted.connect(self._set_up)
        self.setup_dialog.open()

    def _set_up(self) -> None:
        self.context.list_meetings()
        self.context.say("Office set up. Add a meeting with File › New meeting… (Ctrl+Shift+N).")

    def office_details(self) -> None:
        from scrutiny_app.ui.office_dialog import OfficeDialog

        if OfficeDialog(self.context.store, self.context.window).exec():
            self.context.say("Office details saved.")

    def series(self) -> None:
        from scrutiny_app.ui.series_dialog import SeriesManager

        SeriesManager(self.context.store, self.context.window).exec()
        self.context.list_meetings(self.context.record.meeting.id if self.context.record else None)

    def people(self) -> None:
        from scrutiny_app.ui.people_window import PeopleWindow

        self.people_window = PeopleWindow(self.context)
        self.people_window.show()
        self.people_window.raise_()

    def meeting_details(self) -> None:
        from scrutiny_app.ui.meeting_dialog import MeetingDialog

        if self.context.record is None:
            self.context.warn("No meeting is open: add one with File › New meeting….")
            return
        self.meeting_dialog = MeetingDialog(self.context)
        self.meeting_dialog.exec()
