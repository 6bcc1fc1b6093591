"""Asking for a file to write or read: the folder used last time, remembered, and the suffix added.

Layer: ui. Every "Save as" and "Open" of the app goes through these two, so
each starts in the folder its kind of file was last saved to or read from
(a :mod:`~scrutiny_app.ui.settings` folder setting) and a name typed without
its suffix still gets one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from scrutiny_app.ui.settings import Setting


@dataclass(frozen=True)
class FileKind:
    description: str  # "Excel workbooks"
    suffix: str  # "xlsx", without its dot

    @property
    def filter(self) -> str:
        return f"{self.description} (*.{self.suffix})"


XLSX = FileKind("Excel workbooks", "xlsx")
DOCX = FileKind("Word documents", "docx")
PDF = FileKind("PDF files", "pdf")
PNG = FileKind("PNG image", "png")
SVG = FileKind("SVG drawing", "svg")
DATABASE = FileKind("Scrutiny databases", "sqlite")


def _start(folder: Setting[Path] | Path) -> Path:
    return folder.get() if isinstance(folder, Setting) else folder


def ask_save_path(parent: QWidget | None, title: str, folder: Setting[Path] | Path, name: str,
                  kinds: tuple[FileKind, ...]) -> Path | None:
    """Where to write ``name``, starting in ``folder``; None when the user cancels.

    A name without one of the ``kinds``' suffixes gets the suffix of the kind chosen in the dialog (the first
    kind's, when the dialog does not say). A ``folder`` setting remembers the folder chosen; a plain folder is
    only where the dialog starts.
    """
    chosen_name, chosen_filter = QFileDialog.getSaveFileName(parent, title, str(_start(folder) / name),
                                                            ";;".join(k.filter for k in kinds))
    if not chosen_name:
        return None
    path = Path(chosen_name)
    if path.suffix.lower().lstrip(".") not in {k.suffix for k in kinds}:
        kind = next((k for k in kinds if k.filter == chosen_filter), kinds[0])
        path = path.with_name(f"{path.name}.{kind.suffix}")
    if isinstance(folder, Setting):
        folder.set(path.parent)
    return path


def ask_open_path(parent: QWidget | None, title: str, folder: Setting[Path] | Path, filters: str) -> Path | None:
    """Which file to read, starting in ``folder`` (remembered, when it is a setting); None when cancelled."""
    chosen_name, _ = QFileDialog.getOpenFileName(parent, title, str(_start(folder)), filters)
    if not chosen_name:
        return None
    path = Path(chosen_name)
    if isinstance(folder, Setting):
        folder.set(path.parent)
    return path
