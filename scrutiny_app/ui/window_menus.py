"""The main window's menu entries, each wired to the command it runs.

Layer: ui. The frame paints with the menu titles alone; :class:`WindowMenus`
fills them once the panes and commands they act on exist
(``MainWindow.attach``), and holds the entries other code needs by name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from scrutiny_app import APP_NAME
from scrutiny_app.ui import settings

if TYPE_CHECKING:
    from scrutiny_app.ui.main_window import MainWindow


class WindowMenus:
    def __init__(self, window: MainWindow):
        self.window = window  # the entries' parent, and where their shortcuts apply
        files, minutes, editor = window.files, window.minutes, window.agenda_editor
        add = self._add

        file = window.file_menu
        add(file, "&New database…", files.new_database, QKeySequence.StandardKey.New)
        add(file, "&Open database…", files.open_database, QKeySequence.StandardKey.Open)
        add(file, "Restore from a &backup…", files.restore_from_backup)
        file.addSeparator()
        add(file, "New &meeting…", editor.new_meeting, "Ctrl+Shift+N")
        add(file, "Office &details…", window.office.office_details)
        add(file, "&Build agenda pack…", editor.build_pack, "Ctrl+B")
        file.addSeparator()
        self.export_minutes_action = add(file, "Export &minutes…", minutes.export_minutes, "Ctrl+E")
        add(file, "Export &action tracker to Excel…", files.export_actions, "Ctrl+Shift+E")
        file.addSeparator()
        add(file, "&Import indicators…", files.import_indicators, "Ctrl+I")
        add(file, "Export &indicators to Excel…", files.export_indicators, "Ctrl+Shift+I")
        self.charts_action = add(file, "Include indicator c&harts in exports and packs", settings.charts_in_exports.set)
        self.charts_action.setCheckable(True)
        self.charts_action.setChecked(settings.charts_in_exports.get())
        file.addSeparator()
        add(file, "&Quit", window.close, QKeySequence.StandardKey.Quit)

        edit = window.edit_menu
        undo = window.undo_stack.createUndoAction(window, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = window.undo_stack.createRedoAction(window, "&Redo")
        redo.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Y")])
        edit.addActions([undo, redo])
        edit.addSeparator()
        add(edit, "&Find in pane", window.focus_filter, QKeySequence.StandardKey.Find)
        add(edit, "&Search all meetings…", window.show_search, "Ctrl+K").setShortcuts(
            [QKeySequence("Ctrl+K"), QKeySequence("Ctrl+Shift+F")])

        editor.fill_menu(window.agenda_menu)

        view = window.view_menu
        for i, dock in enumerate(window.docks, start=1):
            toggle = dock.toggleViewAction()
            toggle.setShortcut(QKeySequence(f"Alt+{i}"))
            view.addAction(toggle)
        view.addSeparator()
        add(view, "Re&fresh", window.refresh, QKeySequence.StandardKey.Refresh)
        add(view, "&Reset layout", window.reset_layout)

        window.actions_menu.addActions(window.action_log.commands)
        meeting = window.meeting_menu
        self.live_action = add(meeting, "&Live mode", lambda: minutes.open_live(), "F11")  # triggered(checked) is no item id
        meeting.addSeparator()
        add(meeting, "Meeting &details…", window.office.meeting_details, "Ctrl+Shift+D")
        add(meeting, "&Series…", window.office.series)
        add(meeting, "&People…", window.office.people)
        meeting.addSeparator()
        self.agree_action = add(meeting, "Mark minutes &agreed…", minutes.agree_minutes)
        self.unlock_action = add(meeting, "&Unlock minutes…", minutes.unlock_minutes)
        self.check_action = add(meeting, "&Check minutes…", minutes.check_minutes)

        add(window.help_menu, f"&About {APP_NAME}", window.about)
        window.tools.addAction(self.live_action)

    def _add(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action
