"""A filterable, sortable table of records: the body of the Agenda, Public questions and Action log panes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scrutiny_app.ui.cell_editors import TextDelegate, TypingDelegate
from scrutiny_app.ui.record_model import ROW_ROLE, SORT_ROLE, RecordTableModel


MAX_FITTED_ROWS = 300
ROWS_FITTED_PER_TURN = 2
MIN_STRETCH_WIDTH = 170  # px a long-text column keeps before the others narrow
MIN_COLUMN_SCALE = 0.65


class _ChoiceDelegate(QStyledItemDelegate):
    def __init__(self, choices: tuple[str, ...], parent=None):
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        box.addItems(self.choices)
        return box

    def setEditorData(self, editor: QComboBox, index) -> None:
        editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor: QComboBox, model, index) -> None:
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class RowFilterProxy(QSortFilterProxyModel):
    """The filter box's text and optionally a predicate, matched in Python on values kept per row.

    A change decides every row in one pass of Python and then filters again
    with one ``invalidate()``, a single layout change: Qt's own refiltering
    signals each run of rows that comes or goes, and the view pays for every
    signal with a walk of all rows, so that a change on 4,000 rows took
    seconds. What the text is matched with (the cells' shown text) and what the
    predicate reads (``facts(row)``) are worked out once per row, again only
    for rows the source model changes; the text while the user has not typed
    yet, a slice of rows per turn of the event loop, so the first keystroke does
    not pay for it.
    """

    TEXTS_PER_TURN = 1000

    def __init__(self, parent=None):
        super().__init__(parent)
        self.predicate = None
        self.facts = _as_is
        self.text = ""
        self._facts: list | None = None  # by source row, once wanted
        self._texts: list[str] | None = None
        self._accepted: list[bool] | None = None
        self._texts_ahead = QTimer(self)
        self._texts_ahead.timeout.connect(self._work_out_texts)

    def setSourceModel(self, model: RecordTableModel) -> None:
        # Connected before Qt's own handlers, which filter the changed rows at once.
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved,
                       model.rowsMoved, model.columnsInserted, model.columnsRemoved):
            signal.connect(self._forget_all)
        model.dataChanged.connect(self._forget_rows)
        super().setSourceModel(model)

    def _forget_all(self, *_) -> None:
        self._facts = self._texts = self._accepted = None
        self._texts_ahead.start(0)

    def _work_out_texts(self) -> None:
        """Some more rows' text, until every row's is known."""
        rows = len(self.sourceModel().rows)
        if self._texts is None:
            self._texts = []
        done = len(self._texts)
        self._texts += [self._text_of(r) for r in range(done, min(done + self.TEXTS_PER_TURN, rows))]
        if len(self._texts) >= rows:
            self._texts_ahead.stop()

    def _forget_rows(self, top_left: QModelIndex, bottom_right: QModelIndex, *_) -> None:
        rows = self.sourceModel().rows
        for r in range(top_left.row(), bottom_right.row() + 1):
            if self._facts is not None:
                self._facts[r] = self.facts(rows[r])
            if self._texts is not None and r < len(self._texts):
                self._texts[r] = self._text_of(r)
            if self._accepted is not None:
                self._accepted[r] = self._accepts(r)

    def _text_of(self, r: int) -> str:
        return "\n".join(self.sourceModel().shown_texts(r)).casefold()

    def _accepts(self, r: int) -> bool:
        return ((self.predicate is None or self.predicate(self._facts[r]))
                and (not self.text or self.text in self._texts[r]))

    def _decide(self) -> list[bool]:
        """Whether each source row shows, worked out in one pass."""
        rows = self.sourceModel().rows
        accepted = [True] * len(rows)
        if self.predicate is not None:
            if self._facts is None:
                self._facts = [self.facts(row) for row in rows]
            accepted = [self.predicate(facts) for facts in self._facts]
        if self.text:
            self._texts_ahead.stop()
            done = self._texts or []
            self._texts = done + [self._text_of(r) for r in range(len(done), len(rows))]
            accepted = [shown and self.text in text for shown, text in zip(accepted, self._texts)]
        return accepted

    def set_text(self, text: str) -> None:
        """Show the rows with ``text`` in any cell, whatever its case."""
        self.text = text.casefold()
        self._accepted = None
        self.invalidate()

    def set_predicate(self, predicate, facts=None, *, refilter: bool = True) -> None:
        """``predicate(facts(row)) -> bool`` decides with the text filter which rows show; None shows all.

        ``facts`` (the row itself when not given) turns a row into the plain values
        the predicate reads, worked out once per row. With ``refilter`` False the
        shown rows are not filtered again now: for a predicate set just before the
        source model is reset, which filters anyway."""
        facts = facts or _as_is
        if facts is not self.facts:
            self.facts = facts
            self._facts = None
        self.predicate = predicate
        self._accepted = None
        if refilter:
            self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        if self._accepted is None:
            self._accepted = self._decide()
        return self._accepted[source_row]


def _as_is(row):
    return row


class TablePane(QWidget):
    """A table with a filter box; ``current_changed`` gives the selected row object."""

    current_changed = Signal(object)

    def __init__(self, model: RecordTableModel, *, placeholder: str = "Filter", empty_text: str = "Nothing here yet",
                 parent=None):
        super().__init__(parent)
        self.model = model
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)

        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(placeholder)
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.set_text)
        self.count = QLabel(self)
        self.count.setObjectName("rowCount")

        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setItemDelegate(TypingDelegate(self.view))
        self.view.verticalHeader().setVisible(False)
        # Wrapped rows grow with their text, up to about six lines; the tooltip has the rest.
        self.view.verticalHeader().setMaximumSectionSize(self.fontMetrics().lineSpacing() * 6 + 8)
        self.view.horizontalHeader().setHighlightSections(False)
        self.empty = QLabel(empty_text, self.view.viewport())
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #777;")
        self.empty.setWordWrap(True)
        self.view.viewport().installEventFilter(self)
        self._row_fitter = QTimer(self)
        self._row_fitter.setSingleShot(True)
        self._row_fitter.timeout.connect(self._fit_rows)
        self.view.horizontalHeader().sectionResized.connect(lambda *_: self._row_fitter.start(0))
        self._rest_fitter = QTimer(self)
        self._rest_fitter.timeout.connect(self._fit_more_rows)
        self._next_unfitted = 0
        self.view.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.setup_columns()

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view)

        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        # Once per change, never per row: a filter change is a single layout change of the proxy,
        # but an edit the filter then hides (or a row added) comes as rows inserted or removed.
        for signal in (model.modelReset, model.dataChanged, self.proxy.layoutChanged, self.proxy.rowsInserted,
                       self.proxy.rowsRemoved):
            signal.connect(self._refresh)
        self._refresh()

    def setup_columns(self) -> None:
        """Widths, editors and the stretching column, from the model's columns."""
        header = self.view.horizontalHeader()
        columns = self.model.columns
        for i, column in enumerate(columns):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
            self.view.setColumnWidth(i, column.width)
            if column.choices:
                self.view.setItemDelegateForColumn(i, _ChoiceDelegate(column.choices, self.view))
            elif column.multiline:
                self.view.setItemDelegateForColumn(i, TextDelegate(self.view))
            else:
                self.view.setItemDelegateForColumn(i, None)
            if column.stretch:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(36)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self.empty.setGeometry(self.view.viewport().rect())
            self._fit_columns()
            self._row_fitter.start(0)
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """In a narrow pane, narrow the fixed columns so the stretching ones stay readable."""
        columns = self.model.columns
        stretching = sum(1 for c in columns if c.stretch)
        fixed = sum(c.width for c in columns if not c.stretch)
        if not stretching or not fixed:
            return
        room = self.view.viewport().width() - MIN_STRETCH_WIDTH * stretching
        factor = min(1.0, max(MIN_COLUMN_SCALE, room / fixed))
        for i, column in enumerate(columns):
            if not column.stretch:
                self.view.setColumnWidth(i, max(int(column.width * factor), column.min_width))

    def _fit_rows(self) -> None:
        """Row heights follow wrapped text, in tables of up to a few hundred rows.

        Measuring a row asks every cell for its size, some milliseconds a row: the
        rows on screen are measured at once, the others a few per turn of the event
        loop, so that a keystroke in the filter box waits for a screenful at most.
        """
        self._rest_fitter.stop()
        if self.view.wordWrap() and self.proxy.rowCount() <= MAX_FITTED_ROWS:
            self._fit_visible_rows()
            self._next_unfitted = 0
            self._rest_fitter.start(0)

    def _fit_visible_rows(self) -> None:
        row, bottom, height, rows = max(self.view.rowAt(0), 0), 0, self.view.viewport().height(), self.proxy.rowCount()
        while row < rows and bottom < height:
            self.view.resizeRowToContents(row)
            bottom += self.view.rowHeight(row)
            row += 1

    def _fit_more_rows(self) -> None:
        rows = self.proxy.rowCount()
        end = min(self._next_unfitted + ROWS_FITTED_PER_TURN, rows)
        for row in range(self._next_unfitted, end):
            self.view.resizeRowToContents(row)
        self._next_unfitted = end
        if end >= rows:
            self._rest_fitter.stop()

    def _scrolled(self, *_) -> None:
        if self._rest_fitter.isActive():  # scrolled to rows not measured yet
            self._fit_visible_rows()

    def total_rows(self) -> int:
        """The rows the count compares the shown ones with; a pane that hides some rows always counts fewer."""
        return self.model.rowCount()

    def _refresh(self, *args) -> None:
        shown, total = self.proxy.rowCount(), self.total_rows()
        self.count.setText(f"{total}" if shown == total else f"{shown} of {total}")
        self.empty.setVisible(self.model.rowCount() == 0)
        self._row_fitter.start(0)  # once, however many changes arrive together

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_changed.emit(current.data(ROW_ROLE) if current.isValid() else None)

    def select_record(self, record_id: int) -> bool:
        """Clear the filter and select the row whose record has ``record_id``; False if there is none."""
        for row, value in enumerate(self.model.rows):
            if self.model.record_of(value).id == record_id:
                self.filter.clear()
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
                return True
        return False

    def select_first(self) -> None:
        if self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))
