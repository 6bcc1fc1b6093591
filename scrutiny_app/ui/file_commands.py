"""The File menu's commands: databases, backups, and the Excel exports and imports.

Layer: ui. They work through the window's :class:`~scrutiny_app.ui.window_context.WindowContext`
and the two panes they read or refresh, not through the window.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from scrutiny_app.core.backups import restore_backup
from scrutiny_app.ui import settings
from scrutiny_app.ui.database_dialogs import choose_backup, open_with_dialogs
from scrutiny_app.ui.file_dialogs import DATABASE, XLSX

if TYPE_CHECKING:
    from scrutiny_app.ui.indicators_pane import IndicatorsPane
    from scrutiny_app.ui.search_pane import SearchPane
    from scrutiny_app.ui.window_context import WindowContext

DATABASE_FILES = "Scrutiny databases (*.sqlite *.db);;All files (*)"


class FileCommands:
    def __init__(self, context: WindowContext, indicators: IndicatorsPane, search: SearchPane):
        self.context, self.indicators, self.search = context, indicators, search

    # -- databases ----------------------------------------------------------
    def switch_store(self, path: Path) -> None:
        ctx = self.context
        store = open_with_dialogs(ctx.window, path, announce=ctx.announce)
        if store is None:
            return
        ctx.save_open_edits()
        old = ctx.store
        ctx.use_store(store)
        old.close()
        ctx.say(f"Opened {path}")

    def restore_from_backup(self) -> None:
        ctx = self.context
        if ctx.demo:
            ctx.error("Restore from a backup", "The demo data has no backups; it is a throwaway copy.")
            return
        backup = choose_backup(ctx.window, ctx.store.path)
        if backup is None:
            return
        ctx.save_open_edits()
        path = ctx.store.path
        ctx.store.close()  # releases the file so the backup can take its place
        kept = restore_backup(backup, path)
        self.switch_store(path)
        ctx.say(f"Restored {backup.name}; the replaced file was kept as {kept.name}")

    def open_database(self) -> None:
        path = self.context.ask_open_path("Open a Scrutiny database", DATABASE_FILES, self.context.store.path.parent)
        if path is not None:
            self.switch_store(path)

    def new_database(self) -> None:
        ctx = self.context
        path = ctx.ask_save_path("New Scrutiny database", "scrutiny.sqlite", (DATABASE,), ctx.store.path.parent)
        if path is None:
            return
        if path.exists():
            ctx.error("Cannot create the database", f"{path} already exists; it was left untouched.")
            return
        self.switch_store(path)

    # -- exports and imports -------------------------------------------------
    def export_actions(self) -> None:
        from scrutiny_app.exports.actions_xlsx import export_actions_xlsx

        ctx = self.context
        path = ctx.ask_save_path("Export action tracker", f"Action tracker {dt.date.today().isoformat()}.xlsx", (XLSX,))
        if path:
            store, series = ctx.store, ctx.record.series.id if ctx.record else None
            ctx.export(path, lambda p: export_actions_xlsx(store, p, series_id=series))

    def import_indicators(self) -> None:
        ctx = self.context
        if ctx.record is None:
            return
        from scrutiny_app.ui.indicator_import_dialog import IndicatorImportDialog

        path = ctx.ask_open_path("Import indicator tables", "Workbooks and CSV (*.xlsx *.csv);;All files (*)",
                                 settings.import_folder)
        if path is None:
            return
        dialog = IndicatorImportDialog(ctx.store, ctx.record.meeting.id, path, ctx.window)
        if dialog.exec() and dialog.report is not None:
            self.indicators.load(ctx.store, ctx.record.meeting.id)
            ctx.say(" ".join(dialog.report.lines()[-2:]))

    def export_indicators(self) -> None:
        ctx = self.context
        if ctx.record is None:
            return
        from scrutiny_app.exports.indicators_xlsx import export_indicators_xlsx
        from scrutiny_app.ui import chart_images

        path = ctx.ask_save_path("Export indicators", f"Indicators {ctx.record.meeting.date.isoformat()}.xlsx", (XLSX,))
        if path:
            store, meeting_id = ctx.store, ctx.record.meeting.id
            wanted = settings.charts_in_exports.get()
            charts = chart_images.published_chart_images(store, meeting_id) if wanted else None
            ctx.export(path, lambda p: export_indicators_xlsx(store, meeting_id, p, charts))

    def export_search(self) -> None:
        from scrutiny_app.exports.search_xlsx import export_search_xlsx

        ctx = self.context
        query, hits = self.search.query.text().strip(), list(self.search.hits)  # as shown when asked
        path = ctx.ask_save_path("Export search results", f"Search {query[:40].replace('/', ' ')}.xlsx", (XLSX,))
        if path:
            ctx.export(path, lambda p: export_search_xlsx(query, hits, p))
