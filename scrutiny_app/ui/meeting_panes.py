"""The main window's panes for a meeting's own records: PCC questions, attendance, declarations, emerging risks.

Layer: ui. Built from the same columns (record_columns) and the same attendance
register as live mode, so there is one way to edit each record; edits go on the
window's undo stack and through core's rules (agreed minutes refuse them there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrutiny_app.ui.live.attendance import AttendancePage
from scrutiny_app.ui.record_columns import DECLARATION_COLUMNS, PCC_COLUMNS, RISK_COLUMNS, with_section
from scrutiny_app.ui.record_model import RecordTableModel
from scrutiny_app.ui.table_pane import TablePane

if TYPE_CHECKING:
    from scrutiny_app.core.queries import MeetingRecord
    from scrutiny_app.ui.window_context import WindowContext


class MeetingPanes:
    """The four panes, filled with the meeting on show whenever it changes."""

    def __init__(self, ctx: WindowContext, parent):
        self.ctx = ctx
        self.sections: dict[int, str] = {}
        self.pcc = self._pane(with_section(PCC_COLUMNS, self.section_of), parent, "PCC questions",
                              "No PCC questions recorded for this meeting")
        self.declarations = self._pane(with_section(DECLARATION_COLUMNS, self.section_of), parent, "declarations",
                                       "No declarations of interest recorded for this meeting")
        self.risks = self._pane(RISK_COLUMNS, parent, "emerging risks", "No emerging risks recorded for this meeting")
        self.attendance = AttendancePage(ctx.store, ctx.undo_stack, parent)
        self.attendance.failed.connect(ctx.warn)
        ctx.meeting_changed.connect(self.show)

    def section_of(self, item_id: int | None) -> str:
        """The agenda item (plan section) a record sits under, as the agenda numbers it."""
        return self.sections.get(item_id, "")

    def _pane(self, columns, parent, noun: str, empty_text: str) -> TablePane:
        model = RecordTableModel(self.ctx.store, columns, undo_stack=self.ctx.undo_stack, parent=parent)
        model.saved.connect(self.ctx.say)
        model.failed.connect(self.ctx.warn)
        return TablePane(model, placeholder=f"Filter {noun}", empty_text=empty_text)

    @property
    def tables(self) -> tuple[TablePane, ...]:
        return self.pcc, self.declarations, self.risks

    def set_store(self, store) -> None:
        for pane in self.tables:
            pane.model.set_store(store)
        self.attendance.store = store

    def show(self, record: MeetingRecord | None) -> None:
        """The meeting's records, PCC questions in agenda order (their plan section first)."""
        self.sections = {item.id: f"{item.number}. {item.title}" if item.number else item.title
                         for item in (record.agenda if record else [])}
        self.pcc.model.set_rows([q for q, _item in record.pcc_questions] if record else [])
        self.declarations.model.set_rows(record.declarations if record else [])
        self.risks.model.set_rows(record.risks if record else [])
        if record is not None:
            self.attendance.load(record.meeting.id)
        else:
            self.attendance.model.load([], {})
