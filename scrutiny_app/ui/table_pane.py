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
    """The filter box's text match, and optionally a predicate on the row object as well."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.predicate = None

    def set_predicate(self, predicate, *, refilter: bool = True) -> None:
        """``predicate(row) -> bool`` decides with the text filter which rows show; None shows all.

        With ``refilter`` False the shown rows are not filtered again now: for a
        predicate set just before the source model is reset, which filters anyway."""
        if not refilter:
            self.predicate = predicate
        elif hasattr(self, "beginFilterChange"):  # Qt 6.10 and later; invalidateRowsFilter is deprecated there
            self.beginFilterChange()
            self.predicate = predicate
            self.endFilterChange()
        else:
            self.predicate = predicate
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        if self.predicate is not None:
            if not self.predicate(self.sourceModel().rows[source_row]):
                return False
        return super().filterAcceptsRow(source_row, source_parent)


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
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)

        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(placeholder)
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
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
        for signal in (model.modelReset, model.dataChanged, self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.layoutChanged):
            signal.connect(self._refresh)
        self.filter.textChanged.connect(self._refresh)
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
        # Row heights follow wrapped text; past a few hundred rows this costs more than it gives.
        if self.view.wordWrap() and self.proxy.rowCount() <= MAX_FITTED_ROWS:
            self.view.resizeRowsToContents()

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
