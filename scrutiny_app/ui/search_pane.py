"""The Search pane: every meeting searched as you type, ranked hits with highlighted snippets.

The pane only finds; opening a hit (switching meeting, selecting the record)
is the main window's job, asked for through ``open_requested``.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QDate, QEvent, QModelIndex, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QPalette, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scrutiny_app.core.search import DEFAULT_LIMIT, KINDS, Hit, search
from scrutiny_app.core.store import Store
from scrutiny_app.errors import UserError
from scrutiny_app.ui.background import Runner
from scrutiny_app.ui.record_model import ROW_ROLE, Column, RecordTableModel, show_date

DEBOUNCE_MS = 150  # results follow typing, but not every keystroke of a fast typist
NO_DATE = QDate(1900, 1, 1)  # the date boxes' minimum, shown as "any"
SNIPPET_COLUMN = 2

# The kind of record is named in "where" ("Action 18", "PCC question 2 on item 5"), so the
# snippet keeps the width.
RESULT_COLUMNS = [
    Column("Date", lambda h: h.date, show=show_date, width=80),
    Column("Where", lambda h: h.where, width=120),
    Column("Snippet", lambda h: h.marked_snippet(), width=300, stretch=True),
]


class _SnippetDelegate(QStyledItemDelegate):
    """Draws a hit's snippet as rich text with the matched words highlighted.

    Laid-out documents are kept until the next set of hits, so scrolling and
    repainting do not lay the text out again.
    """

    MARGIN = 3

    def __init__(self, parent):
        super().__init__(parent)
        self._documents: dict[tuple, QTextDocument] = {}

    def _document(self, hit: Hit, option: QStyleOptionViewItem, width: int) -> QTextDocument:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        key = (hit.snippet, width, selected)
        doc = self._documents.get(key)
        if doc is None:
            colour = option.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
            marked = hit.marked_snippet('<b style="background-color:#ffe680;color:#000">', "</b>", escape=html.escape)
            doc = self._documents[key] = QTextDocument()
            doc.setDefaultFont(option.font)
            doc.setDocumentMargin(self.MARGIN)
            doc.setHtml(f'<span style="color:{colour.name()}">{marked}</span>')
            doc.setTextWidth(width)
        return doc

    def paint(self, painter, option, index) -> None:
        hit = index.data(ROW_ROLE)
        self.initStyleOption(option, index)
        option.text = ""
        widget = option.widget
        widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        doc = self._document(hit, option, option.rect.width())
        painter.save()
        painter.translate(option.rect.topLeft())
        doc.drawContents(painter, QRectF(0, 0, option.rect.width(), option.rect.height()))
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        # Row fitting asks every row, so measure the plain text rather than lay out rich text;
        # measuring it all in bold never gives fewer lines than the marked snippet needs.
        width = self.parent().columnWidth(index.column())
        font = QFont(option.font)
        font.setBold(True)
        inner = QRect(0, 0, max(width - 2 * self.MARGIN, 1), 100_000)
        text = index.data(ROW_ROLE).marked_snippet("", "")
        height = QFontMetrics(font).boundingRect(inner, Qt.TextFlag.TextWordWrap, text).height()
        return QSize(width, height + 2 * self.MARGIN + 2)

    def forget(self, *_) -> None:
        self._documents.clear()


def _date_box() -> QDateEdit:
    box = QDateEdit()
    box.setCalendarPopup(True)
    box.setDisplayFormat("dd/MM/yyyy")
    box.setMinimumDate(NO_DATE)
    box.setSpecialValueText("any")
    box.setDate(NO_DATE)
    return box


class SearchPane(QWidget):
    open_requested = Signal(object)  # a Hit
    export_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.store: Store | None = None
        self.hits: list[Hit] = []
        self.runner = Runner(self)  # quiet: typing goes on while it searches
        self._asked = 0  # searches asked for; an answer to any but the last is stale
        self._searching = False
        self._open_when_answered = False

        self.query = QLineEdit(self)
        self.query.setObjectName("searchQuery")
        self.query.setPlaceholderText('Search every meeting: words, "a phrase", prefix*, OR, -leave out')
        self.query.setClearButtonEnabled(True)
        # The boxes' values are kept here, not as item data: a None read back from Qt
        # ("All …") cost PySide6 6.12 a reference to None each time.
        self.series = QComboBox(self)
        self.series_names: list[str | None] = [None]
        self.kind = QComboBox(self)
        self.kinds: list[str | None] = [None, *KINDS]
        self.kind.addItem("All kinds")
        for key, label in KINDS.items():
            self.kind.addItem(label, key)  # findData(key) finds a kind's choice
        self.since, self.until = _date_box(), _date_box()
        self.count = QLabel(self)
        self.count.setObjectName("searchCount")
        self.count.setWordWrap(True)
        self.export = QPushButton("Export…", self)
        self.export.setToolTip("Save these results as an Excel workbook")
        self.export.setEnabled(False)
        self.export.clicked.connect(self.export_requested)

        self.model = RecordTableModel(None, RESULT_COLUMNS, parent=self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.snippets = _SnippetDelegate(self.view)
        self.view.setItemDelegateForColumn(SNIPPET_COLUMN, self.snippets)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        for i, column in enumerate(RESULT_COLUMNS):
            self.view.setColumnWidth(i, column.width)
        header.setSectionResizeMode(SNIPPET_COLUMN, QHeaderView.ResizeMode.Stretch)
        # Wrapped snippets set the row heights, once the column widths have settled.
        self._row_fitter = QTimer(self)
        self._row_fitter.setSingleShot(True)
        self._row_fitter.timeout.connect(self.view.resizeRowsToContents)
        header.sectionResized.connect(self.snippets.forget)
        header.sectionResized.connect(lambda *_: self._row_fitter.start(0))
        self.view.activated.connect(self._activated)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.view, self._open_current, context=Qt.ShortcutContext.WidgetShortcut)

        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.query, 0, 0, 1, 4)
        grid.addWidget(self.series, 1, 0, 1, 2)
        grid.addWidget(self.kind, 1, 2, 1, 2)
        grid.addWidget(QLabel("From"), 2, 0)
        grid.addWidget(self.since, 2, 1)
        grid.addWidget(QLabel("to"), 2, 2, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.until, 2, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        bottom = QGridLayout()
        bottom.addWidget(self.count, 0, 0)
        bottom.addWidget(self.export, 0, 1)
        bottom.setColumnStretch(0, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(grid)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run)
        restart = lambda *_: self.timer.start()  # noqa: E731 - the signals' arguments are not a delay
        self.query.textChanged.connect(restart)
        self.query.returnPressed.connect(self._open_current)
        self.query.installEventFilter(self)
        for box in (self.series, self.kind):
            box.currentIndexChanged.connect(restart)
        for box in (self.since, self.until):
            box.dateChanged.connect(restart)
        self._show_count("Type to search every meeting.")

    # -- store and filters ------------------------------------------------
    def set_store(self, store: Store | None, series_names: list[str]) -> None:
        self.store = store
        self.series.blockSignals(True)
        self.series.clear()
        self.series.addItems(["All series", *series_names])
        self.series_names = [None, *series_names]
        self.series.blockSignals(False)
        self.run()

    def _date(self, box: QDateEdit) -> dt.date | None:
        return None if box.date() == NO_DATE else box.date().toPython()

    # -- searching --------------------------------------------------------
    def run(self) -> None:
        """Search now with the typed text and filters (the timer calls this after a pause).

        The search runs on the thread pool; only the answer to the newest
        request is shown, so a slow answer never overwrites a newer query's.
        """
        self.timer.stop()
        self._asked += 1
        typed = self.query.text()
        if self.store is None or not typed.strip():
            self._searching = False
            self._set_hits([])
            self._show_count("Type to search every meeting.")
            return
        kind = self.kinds[self.kind.currentIndex()]
        store, asked = self.store, self._asked
        options = dict(series=self.series_names[self.series.currentIndex()], since=self._date(self.since),
                       until=self._date(self.until), kinds=[kind] if kind else None)
        self._searching = True
        self.runner.run("Searching", lambda _progress: search(store, typed, **options),
                        lambda hits: self._answered(asked, hits), on_user_error=lambda exc: self._answered(asked, exc),
                        quiet=True)

    @property
    def searching(self) -> bool:
        """Whether a search is running whose answer will be shown."""
        return self._searching

    def _answered(self, asked: int, answer: list[Hit] | UserError) -> None:
        if asked != self._asked:
            return  # the query changed since: a newer answer is on its way
        self._searching = False
        if isinstance(answer, UserError):
            self._set_hits([])
            self._show_count(str(answer), error=True)
        else:
            self._set_hits(answer)
            self._show_count(self._summary(len(answer)))
        if self._open_when_answered:
            self._open_when_answered = False
            self._open_current()

    @staticmethod
    def _summary(found: int) -> str:
        if found == 0:
            return "No matches. Try fewer words, or a prefix such as train*."
        if found >= DEFAULT_LIMIT:
            return f"The best {found} matches; add words to narrow the search."
        return f"{found} match{'es' if found != 1 else ''}, best first. Enter opens the selected one."

    def _set_hits(self, hits: list[Hit]) -> None:
        self.hits = hits
        self.snippets.forget()
        self.model.set_rows(hits)
        self._row_fitter.start(0)
        self.export.setEnabled(bool(hits))
        if hits:
            self.view.setCurrentIndex(self.model.index(0, 0))

    def _show_count(self, text: str, *, error: bool = False) -> None:
        self.count.setText(text)
        self.count.setStyleSheet("color: #a00;" if error else "color: #555;")

    # -- opening ----------------------------------------------------------
    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(index.data(ROW_ROLE))

    def _open_current(self) -> None:
        if self.timer.isActive():  # Enter straight after typing: search first
            self.run()
        if self._searching:  # open the best hit once the answer comes
            self._open_when_answered = True
            return
        index = self.view.currentIndex()
        if not index.isValid() and self.hits:
            index = self.model.index(0, 0)
        self._activated(index)

    def eventFilter(self, watched, event) -> bool:
        # Down from the search box moves into the results.
        if watched is self.query and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            if self.hits:
                self.view.setFocus()
                return True
        return super().eventFilter(watched, event)

    def focus_query(self) -> None:
        self.query.setFocus()
        self.query.selectAll()
