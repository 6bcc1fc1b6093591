"""The main window's commands on files: databases, backups, exports and imports, and search hits.

A mixin of :class:`~scrutiny_app.ui.main_window.MainWindow`, kept apart so the
window module holds the layout and the meeting on show.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from scrutiny_app.core.backups import restore_backup
from scrutiny_app.ui import settings
from scrutiny_app.ui.background import Operation, Runner
from scrutiny_app.ui.database_dialogs import choose_backup, open_with_dialogs


class FileCommands:
    def _switch_store(self, path: Path) -> None:
        store = open_with_dialogs(self, path, announce=self.announce)
        if store is None:
            return
        self.notes.save()
        old, self.store, self.demo = self.store, store, False
        for pane in (self.agenda, self.questions, self.action_log):
            pane.model.set_store(store)
        self._fill_picker()
        old.close()
        self._say(f"Opened {path}")

    def _restore_backup(self) -> None:
        if self.demo:
            self._error("Restore from a backup", "The demo data has no backups; it is a throwaway copy.")
            return
        backup = choose_backup(self, self.store.path)
        if backup is None:
            return
        self.notes.save()
        path = self.store.path
        self.store.close()  # releases the file so the backup can take its place
        kept = restore_backup(backup, path)
        self._switch_store(path)
        self._say(f"Restored {backup.name}; the replaced file was kept as {kept.name}")

    def _open_database(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open a Scrutiny database", str(self.store.path.parent),
                                              "Scrutiny databases (*.sqlite *.db);;All files (*)")
        if name:
            self._switch_store(Path(name))

    def _new_database(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "New Scrutiny database", str(self.store.path.parent / "scrutiny.sqlite"),
                                              "Scrutiny databases (*.sqlite)")
        if not name:
            return
        if Path(name).exists():
            self._error("Cannot create the database", f"{name} already exists; it was left untouched.")
            return
        self._switch_store(Path(name))

    def _ask_export_path(self, title: str, suggested: str) -> Path | None:
        folder = settings.export_folder.get()
        name, _ = QFileDialog.getSaveFileName(self, title, str(folder / suggested), "Excel workbooks (*.xlsx)")
        if not name:
            return None
        path = Path(name if name.lower().endswith(".xlsx") else name + ".xlsx")
        settings.export_folder.set(path.parent)
        return path

    def _run_export(self, path: Path, export) -> Operation:
        self.notes.save()
        self._say(f"Exporting {path.name}…")
        return Runner(self).run(f"Exporting {path.name}", lambda progress: export(path),
                                lambda _: self._say(f"Exported {path}"), user_error_title="Export failed")

    def _export_actions(self) -> None:
        from scrutiny_app.exports.actions_xlsx import export_actions_xlsx

        path = self._ask_export_path("Export action tracker", f"Action tracker {dt.date.today().isoformat()}.xlsx")
        if path:
            series = self.record.series.id if self.record else None
            self._run_export(path, lambda p: export_actions_xlsx(self.store, p, series_id=series))

    def _import_indicators(self) -> None:
        if self.record is None:
            return
        from scrutiny_app.ui.indicator_import_dialog import IndicatorImportDialog

        folder = settings.import_folder.get()
        name, _ = QFileDialog.getOpenFileName(self, "Import indicator tables", str(folder),
                                              "Workbooks and CSV (*.xlsx *.csv);;All files (*)")
        if not name:
            return
        settings.import_folder.set(Path(name).parent)
        dialog = IndicatorImportDialog(self.store, self.record.meeting.id, Path(name), self)
        if dialog.exec() and dialog.report is not None:
            self.indicators.load(self.store, self.record.meeting.id)
            self._say(" ".join(dialog.report.lines()[-2:]))

    def _export_indicators(self) -> None:
        if self.record is None:
            return
        from scrutiny_app.exports.indicators_xlsx import export_indicators_xlsx
        from scrutiny_app.ui import chart_images

        path = self._ask_export_path("Export indicators", f"Indicators {self.record.meeting.date.isoformat()}.xlsx")
        if path:
            meeting_id = self.record.meeting.id
            wanted = settings.charts_in_exports.get()
            charts = chart_images.published_chart_images(self.store, meeting_id) if wanted else None
            self._run_export(path, lambda p: export_indicators_xlsx(self.store, meeting_id, p, charts))

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
        if where.pane in panes and where.record_id is not None:
            dock, pane = panes[where.pane]
            dock.show()
            dock.raise_()
            if pane.select_record(where.record_id):
                pane.view.setFocus()
        self._say(f"{hit.where}, {hit.date:%d %B %Y}" if hit.date else hit.where)

    def _export_search(self) -> None:
        from scrutiny_app.exports.search_xlsx import export_search_xlsx

        query, hits = self.search.query.text().strip(), list(self.search.hits)  # as shown when asked
        path = self._ask_export_path("Export search results", f"Search {query[:40].replace('/', ' ')}.xlsx")
        if path:
            self._run_export(path, lambda p: export_search_xlsx(query, hits, p))

