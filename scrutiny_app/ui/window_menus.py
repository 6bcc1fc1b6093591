"""The main window's menus, a mixin of :class:`~scrutiny_app.ui.main_window.MainWindow`.

The frame paints with the menu titles alone; ``_build_menus`` fills them once
the panes they act on exist (``MainWindow.attach``).
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from scrutiny_app import APP_NAME
from scrutiny_app.ui import settings


class WindowMenus:
    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        from scrutiny_app.ui import minutes_actions

        file = self.file_menu
        self._action(file, "&New database…", self._new_database, QKeySequence.StandardKey.New)
        self._action(file, "&Open database…", self._open_database, QKeySequence.StandardKey.Open)
        self._action(file, "Restore from a &backup…", self._restore_backup)
        file.addSeparator()
        self._action(file, "New &meeting…", self.agenda_editor.new_meeting, "Ctrl+Shift+N")
        self._action(file, "&Build agenda pack…", self.agenda_editor.build_pack, "Ctrl+B")
        file.addSeparator()
        self.export_minutes_action = self._action(file, "Export &minutes…", lambda: minutes_actions.export_minutes(self), "Ctrl+E")
        self._action(file, "Export &action tracker to Excel…", self._export_actions, "Ctrl+Shift+E")
        file.addSeparator()
        self._action(file, "&Import indicators…", self._import_indicators, "Ctrl+I")
        self._action(file, "Export &indicators to Excel…", self._export_indicators, "Ctrl+Shift+I")
        self.charts_action = self._action(file, "Include indicator c&harts in exports and packs",
                                          settings.charts_in_exports.set)
        self.charts_action.setCheckable(True)
        self.charts_action.setChecked(settings.charts_in_exports.get())
        file.addSeparator()
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        edit = self.edit_menu
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Y")])
        edit.addActions([undo, redo])
        edit.addSeparator()
        self._action(edit, "&Find in pane", self._focus_filter, QKeySequence.StandardKey.Find)
        self._action(edit, "&Search all meetings…", self.show_search, "Ctrl+K").setShortcuts(
            [QKeySequence("Ctrl+K"), QKeySequence("Ctrl+Shift+F")])

        self.agenda_editor.fill_menu(self.agenda_menu)

        view = self.view_menu
        for i, dock in enumerate(self.docks, start=1):
            toggle = dock.toggleViewAction()
            toggle.setShortcut(QKeySequence(f"Alt+{i}"))
            view.addAction(toggle)
        view.addSeparator()
        self._action(view, "Re&fresh", self.refresh, QKeySequence.StandardKey.Refresh)
        self._action(view, "&Reset layout", self._reset_layout)

        self.actions_menu.addActions(self.action_log.commands)
        meeting = self.meeting_menu
        self.live_action = self._action(meeting, "&Live mode", lambda: minutes_actions.open_live(self), "F11")
        meeting.addSeparator()
        self.agree_action = self._action(meeting, "Mark minutes &agreed…", lambda: minutes_actions.agree_minutes(self))
        self.unlock_action = self._action(meeting, "&Unlock minutes…", lambda: minutes_actions.unlock_minutes(self))
        self.check_action = self._action(meeting, "&Check minutes…", lambda: minutes_actions.check_minutes(self))

        self._action(self.help_menu, f"&About {APP_NAME}", self._about)
        self.tools.addAction(self.live_action)
