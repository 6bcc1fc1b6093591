"""Opening a database from the window: damaged files, their backups, and restoring one by choice."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from scrutiny_app.core.backups import list_backups, restore_backup
from scrutiny_app.errors import DatabaseDamaged, UserError

if TYPE_CHECKING:
    from scrutiny_app.core.store import Store


def open_with_dialogs(parent: QWidget | None, path: Path, *, backups: bool = True, backup_later: bool = False,
                      announce: Callable[[str], None] = lambda step: None) -> Store | None:
    """Open ``path``, offering the newest backup of a damaged file; None when nothing was opened.

    ``announce`` is told of each slow step (see ``open_store``)."""
    from scrutiny_app.core.store import open_store  # the database layer: imported once the window has painted

    try:
        return open_store(path, backups=backups, backup_later=backup_later, announce=announce)
    except DatabaseDamaged as exc:
        question = f"{exc}\n\nRestore that backup? The damaged file is kept beside it, renamed."
        answer = QMessageBox.question(parent, "The database is damaged", question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return None
        kept = restore_backup(exc.backup, path)
        QMessageBox.information(parent, "Backup restored", f"The backup is in place. The damaged file was kept as {kept.name}.")
        return open_with_dialogs(parent, path, backups=backups, backup_later=backup_later, announce=announce)
    except UserError as exc:
        QMessageBox.warning(parent, "Cannot open the database", str(exc))
        return None


def choose_backup(parent: QWidget, db: Path) -> Path | None:
    """Ask which automatic backup of ``db`` to restore; None if there are none or the user cancels."""
    backups = list_backups(db)
    if not backups:
        QMessageBox.information(parent, "No backups", f"There are no automatic backups of {db.name} yet.")
        return None
    labels = [f"{b.name[6:8]}/{b.name[4:6]}/{b.name[:4]} {b.name[9:11]}:{b.name[11:13]}:{b.name[13:15]}  ({b.stem.split('-', 3)[-1]})"
              for b in backups]
    label, ok = QInputDialog.getItem(parent, "Restore from a backup",
                                     "Replace the database with the backup taken on:", labels, 0, False)
    return backups[labels.index(label)] if ok else None
