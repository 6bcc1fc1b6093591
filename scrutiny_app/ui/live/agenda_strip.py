"""The agenda down the side of live mode, with the current item highlighted and timed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from scrutiny_app.core import live
from scrutiny_app.core.formatting import clock
from scrutiny_app.core.models import AgendaItem

CURRENT_COLOUR = "#ffe8a3"


def item_title(item: AgendaItem) -> str:
    return f"{item.number}. {item.title}" if item.number is not None else item.title


def schedule_text(item: AgendaItem) -> str:
    """'scheduled 10:45 · started 10:52' (local clock time)."""
    parts = []
    if item.start_time:
        parts.append(f"scheduled {clock(item.start_time)}")
    if item.started_at:
        parts.append(f"started {clock(live.as_utc(item.started_at).astimezone().time())}")
    return " · ".join(parts)


class AgendaStrip(QWidget):
    """``picked`` gives the index of an item the officer clicked (not a start)."""

    picked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[AgendaItem] = []
        self.current = -1
        self.now = QLabel(self)
        self.now.setObjectName("liveNow")
        self.now.setWordWrap(True)
        font = self.now.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.now.setFont(font)
        self.timing = QLabel(self)
        self.timing.setObjectName("liveTiming")
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(False)
        self.list.itemActivated.connect(lambda it: self.picked.emit(self.list.row(it)))
        self.list.itemClicked.connect(lambda it: self.picked.emit(self.list.row(it)))
        hint = QLabel("F8 or Ctrl+Down: next item (starts its clock) · Ctrl+Up: back", self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.now)
        layout.addWidget(self.timing)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)

    def load(self, items: list[AgendaItem], current: int) -> None:
        self.items = items
        self.list.clear()
        for item in items:
            entry = QListWidgetItem(self.list)
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
        self.show_current(current)

    def show_current(self, current: int) -> None:
        self.current = current
        for row, item in enumerate(self.items):
            entry = self.list.item(row)
            detail = schedule_text(item)
            entry.setText(item_title(item) + (f"\n    {detail}" if detail else ""))
            font = QFont(self.list.font())
            font.setBold(row == current)
            entry.setFont(font)
            entry.setBackground(QBrush(QColor(CURRENT_COLOUR)) if row == current else QBrush())
        if 0 <= current < len(self.items):
            self.list.setCurrentRow(current)
            self.list.scrollToItem(self.list.item(current))
        self.tick()

    def tick(self) -> None:
        """Refresh the heading and the elapsed time (every second)."""
        if not 0 <= self.current < len(self.items):
            self.now.setText("No agenda items for this meeting")
            self.timing.setText("")
            return
        item = self.items[self.current]
        self.now.setText(f"Now: {item_title(item)}")
        running = live.elapsed(item.started_at)
        detail = schedule_text(item) or "no scheduled time"
        self.timing.setText(f"{detail} · elapsed {running}" if running else f"{detail} · not started (F8)")
