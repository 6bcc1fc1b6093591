"""Every setting the app keeps between runs (Qt's QSettings), each key named once with its type and default.

Layer: ui. QSettings hands back loosely typed values: under the ini format (the
tests', and Linux's) a flag comes back as the string ``"true"`` and a number
as ``"3"``, under the Windows registry as the values written. Each setting
converts what it reads to its declared type, and a value it cannot read
(edited by hand, or written by another version) counts as unset, so it
yields the default. No other module touches QSettings: a test checks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: Callable[[], T]
    read: Callable[[object], T | None]  # what was stored, as T; None when it cannot be read as one
    write: Callable[[T], object] = lambda value: value

    def get(self) -> T:
        stored = QSettings().value(self.key)
        value = self.read(stored) if stored is not None else None
        return self.default() if value is None else value

    def set(self, value: T) -> None:
        QSettings().setValue(self.key, self.write(value))


def _folder(stored: object) -> Path | None:
    return Path(stored) if isinstance(stored, str) and stored else None


def _flag(stored: object) -> bool | None:
    if isinstance(stored, bool):
        return stored
    if isinstance(stored, int):
        return stored != 0
    return {"true": True, "1": True, "false": False, "0": False}.get(str(stored).strip().lower())


def _whole_number(stored: object) -> int | None:
    if isinstance(stored, int) and not isinstance(stored, bool):
        return stored
    try:
        return int(str(stored).strip())
    except ValueError:
        return None


def _bytes(stored: object) -> QByteArray | None:
    return stored if isinstance(stored, QByteArray) and not stored.isEmpty() else None


def _folder_setting(key: str) -> Setting[Path]:
    """A folder a file dialog last used; the home folder until there is one."""
    return Setting(key, Path.home, _folder, str)


export_folder = _folder_setting("exportFolder")  # every export, the reminders, a returned tracker
import_folder = _folder_setting("importFolder")  # indicator tables
paper_folder = _folder_setting("paperFolder")  # papers attached to agenda items
pack_folder = _folder_setting("packFolder")  # agenda packs
charts_in_exports: Setting[bool] = Setting("indicatorChartsInExports", lambda: True, _flag)  # File › Include charts
window_geometry: Setting[QByteArray | None] = Setting("window/geometry", lambda: None, _bytes)
window_state: Setting[QByteArray | None] = Setting("window/state", lambda: None, _bytes)  # the docks' layout

SETTINGS = (export_folder, import_folder, paper_folder, pack_folder, charts_in_exports, window_geometry, window_state)


def last_meeting(database: Path) -> Setting[int | None]:
    """The meeting last shown from ``database``, so it opens on it next time."""
    return Setting(f"databases/{str(database).replace('/', '|')}/meeting", lambda: None, _whole_number)


def keep_in(folder: Path) -> None:
    """Read and write the settings as an ini file in ``folder`` rather than the user's own (the screenshot's)."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
