"""WorkspaceView: the agent's main screen — find the caller on the left, their record on the right."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Callable, Protocol

from PySide6.QtCore import QEvent, QItemSelectionModel, QLocale, QModelIndex, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QSplitter, QTableView,
                               QVBoxLayout, QWidget)

from crm.errors import CrmError
from crm.search_keys import MIN_DIGITS
from ui.errors import error_message
from ui.models.customer_search_source import CustomerSearchSource
from ui.models.customer_table_model import (COL_LAST_CONTACT, COL_MATCH, COL_NAME, COL_PHONE, COL_SEGMENT, RANK,
                                            SORT_KEYS, CustomerTableModel)
from ui.widgets.field_message import ERROR_COLOR
from ui.widgets.search_box import SearchBox

if TYPE_CHECKING:
    from crm.models import StaffUser

log = logging.getLogger(__name__)
COLUMNS_KEY = "workspace/result_columns"
SPLITTER_KEY = "workspace/splitter"
# Fits the left third of a 1280-pixel window; "matched by" (last) stretches over what is left.
DEFAULT_WIDTHS = {COL_NAME: 84, COL_PHONE: 92, COL_SEGMENT: 64, COL_LAST_CONTACT: 88, COL_MATCH: 72}
DEFAULT_LEFT_WIDTH = 430
_OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
NOTICE_COLOR = QColor("#8a5300")  # amber, readable on light backgrounds: "your results are cut off"


def _too_few_digits(query: str) -> bool:
    digits = query.replace(" ", "").replace("-", "").lstrip("+")
    return digits.isdigit() and len(digits) < MIN_DIGITS


class CustomerPanelLike(Protocol):
    """What the workspace needs from the customer panel (ui/views/customer/customer_panel.py)."""

    sig_customer_saved: Any  # Signal(int)

    def show_customer(self, customer_id: int) -> None: ...
    def show_new_customer(self, phone: str = "") -> None: ...


CustomerPanelFactory = Callable[["StaffUser | None", QWidget], QWidget]


class WorkspaceView(QWidget):
    """Search box and results (left), the customer panel (right); built for the keyboard."""

    sig_customer_opened = Signal(int)
    sig_followup_attempt_recorded = Signal(int)  # follow-up id: a call was logged as its attempt

    def __init__(self, actor: StaffUser | None, customer_panel_factory: CustomerPanelFactory,
                 parent: QWidget | None = None, *, source: CustomerSearchSource | None = None) -> None:
        super().__init__(parent)
        self._actor = actor
        self._source = source or CustomerSearchSource.from_core()
        self._error: CrmError | None = None
        self._current_id: int | None = None
        self.model = CustomerTableModel(self._source, self)
        self.model.sig_fetch_failed.connect(self._on_model_fetch_failed)
        self.model.modelReset.connect(self._show_count)
        self._panel_factory = customer_panel_factory
        self._panel: QWidget | None = None
        self._build_ui()
        self.retranslateUi()
        self._restore_state()
        # The customer record starts empty: build it just after the first paint, not before it.
        QTimer.singleShot(0, self, lambda: self.panel)

    @property
    def panel(self) -> QWidget:
        """The customer panel, built on first use (the record and call form weigh on start-up)."""
        if self._panel is None:
            self._panel = self._panel_factory(self._actor, self)
            self._panel.sig_customer_saved.connect(self._on_panel_customer_saved)
            form = self._call_form()
            if form is not None:
                form.sig_followup_attempt_recorded.connect(self.sig_followup_attempt_recorded)
            sizes = self.splitter.sizes()
            placeholder = self.splitter.replaceWidget(1, self._panel)
            if placeholder is not None:
                placeholder.deleteLater()
            self.splitter.setSizes(sizes)
        return self._panel

    # --- construction ----------------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.search_box = SearchBox(self)
        self.search_box.sig_search_requested.connect(self._on_search_box_search_requested)
        self.search_box.sig_move_to_results.connect(self.focus_results)
        self.search_box.returnPressed.connect(self._on_search_box_return_pressed)
        self.count_label = QLabel(self)
        self.count_label.setWordWrap(True)
        self.new_customer_button = QPushButton(self)
        self.new_customer_button.clicked.connect(self._on_new_customer_button_clicked)
        status = QHBoxLayout()
        status.addWidget(self.count_label, 1)
        status.addWidget(self.new_customer_button)
        self.results = self._build_table()

        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search_box)
        column.addLayout(status)
        column.addWidget(self.results, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(QWidget(self))  # replaced by the customer panel on first use
        self.splitter.setStretchFactor(0, 0)  # a wider window gives the room to the customer record
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)
        self.setTabOrder(self.search_box, self.results)
        self.setFocusProxy(self.search_box)

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSortIndicatorClearable(True)  # a third click returns to "best match first"
        header.setSortIndicator(RANK, Qt.SortOrder.AscendingOrder)
        for col, width in DEFAULT_WIDTHS.items():
            header.resizeSection(col, width)
        header.setStretchLastSection(True)  # after sizing: it never shrinks below its size at this moment
        table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._on_header_sort_indicator_changed)
        table.doubleClicked.connect(self._on_results_double_clicked)
        table.installEventFilter(self)
        return table

    def retranslateUi(self) -> None:
        self.new_customer_button.setText(self.tr("New Customer"))
        self.new_customer_button.setToolTip(self.tr("Enter a customer who is not in the database yet"))
        self.results.setToolTip(self.tr("Enter or double-click: open the customer. Esc: back to the search box"))
        self.model.retranslate()
        self._show_count()

    # --- public ----------------------------------------------------------------------------------

    @property
    def current_customer_id(self) -> int | None:
        """The customer last opened in the panel."""
        return self._current_id

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def focus_results(self) -> None:
        """Move the keyboard to the results, on the selected row (the first when none is)."""
        if self.model.rowCount() == 0:
            return
        if not self.results.currentIndex().isValid():
            self._select_row(0)
        self.results.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_customer(self, customer_id: int) -> None:
        self._current_id = customer_id
        self._forget_followup_unless(customer_id)
        self.panel.show_customer(customer_id)
        self.sig_customer_opened.emit(customer_id)

    def open_followup(self, followup_id: int) -> bool:
        """From My Day: the follow-up's customer, with the call form set to log the call as its attempt."""
        from crm.services import followups

        try:
            customer_id = followups.get(followup_id).customer_id
        except CrmError as exc:
            log.warning("follow-up %s cannot be opened: %s", followup_id, exc)
            self._show_error(exc)
            return False
        self.open_customer(customer_id)
        form = self._call_form()
        if form is None or self.panel.current_customer_id() != customer_id:
            return False
        if not form.set_followup(followup_id):
            return False
        form.notes_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _call_form(self) -> Any:
        """The call form the composition root put into the customer panel (None without one)."""
        return getattr(self.panel, "call_form", None)

    def _forget_followup_unless(self, customer_id: int | None) -> None:
        """Another customer on screen: the call being logged is no longer the follow-up's."""
        form = self._call_form() if self._panel is not None else None
        brief = form.followup() if form is not None else None
        if brief is not None and brief.followup.customer_id != customer_id:
            form.set_followup(None)

    def open_number(self, number: str) -> None:
        """Screen pop: open the customer with this exact phone number, else start a new one with it."""
        from crm.identifiers import caller_digits

        digits = caller_digits(number) or number.strip()
        try:
            hits = self._source.search(digits, 5)
        except CrmError as exc:  # the database is away: say so, and do not offer a "new" customer
            log.warning("screen pop search failed: %s", exc)
            self._show_error(exc)
            return
        self.search_box.set_text_and_search(digits)
        if hits and hits[0].match == "phone_exact":
            row = self.model.row_of(hits[0].id)
            if row >= 0:
                self._select_row(row)
            self.open_customer(hits[0].id)
            return
        log.info("screen pop: no exact phone match, starting a new customer")
        self._current_id = None
        self._forget_followup_unless(None)
        self.panel.show_new_customer(phone=digits)

    def save_state(self, settings: QSettings | None = None) -> None:
        """Column widths and the split, per machine (QSettings)."""
        settings = settings or QSettings()
        header = self.results.horizontalHeader()
        settings.setValue(COLUMNS_KEY, [header.sectionSize(c) for c in range(header.count())])
        settings.setValue(SPLITTER_KEY, self.splitter.saveState())

    def _restore_state(self) -> None:
        settings = QSettings()
        widths = settings.value(COLUMNS_KEY)
        if isinstance(widths, list) and len(widths) == self.model.columnCount():
            header = self.results.horizontalHeader()
            for col, width in enumerate(widths):
                if str(width).isdigit() and int(width) > 0:
                    header.resizeSection(col, int(width))
        splitter = settings.value(SPLITTER_KEY)
        self._split_pending = splitter is None or not self.splitter.restoreState(splitter)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._split_pending:  # sizes given before the first layout would be rescaled: set them now
            self._split_pending = False
            left = min(DEFAULT_LEFT_WIDTH, self.splitter.width() // 2)
            self.splitter.setSizes([left, max(self.splitter.width() - left, 1)])

    # --- slots -----------------------------------------------------------------------------------

    def _on_search_box_search_requested(self, text: str) -> None:
        try:
            self.model.set_query(text)
        except CrmError as exc:
            log.warning("search failed: %s", exc)
            self._show_error(exc)
            return
        self._error = None
        if self.model.rowCount():
            self._select_row(0, focus=False)
        self._show_count()

    def _on_search_box_return_pressed(self) -> None:
        """Enter in the box: a single match opens at once; several go to the list, first row selected."""
        if self.model.rowCount() == 1:
            self._select_row(0)
            self._open_current()
        else:
            self.focus_results()

    def _on_results_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self._open_current()

    def _on_new_customer_button_clicked(self) -> None:
        from crm.identifiers import caller_digits

        query = self.model.query
        digits = caller_digits(query) if query and query.replace(" ", "").lstrip("+").isdigit() else ""
        self._current_id = None
        self._forget_followup_unless(None)
        self.panel.show_new_customer(phone=digits if len(digits) >= 7 else "")

    def _on_panel_customer_saved(self, customer_id: int) -> None:
        """Repaint the saved customer's row; a customer new to the list is looked for again."""
        self._current_id = customer_id
        if not self.model.refresh_rows([customer_id]) or not self.model.query:
            return
        self._on_search_box_search_requested(self.model.query)
        row = self.model.row_of(customer_id)
        if row >= 0:
            self._select_row(row, focus=False)

    def _on_model_fetch_failed(self, error: CrmError) -> None:
        self._show_error(error)

    def _on_header_sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        if column == RANK or column in SORT_KEYS:
            return
        header = self.results.horizontalHeader()  # not sortable: put the indicator back
        header.blockSignals(True)
        header.setSortIndicator(self.model.sort_column, self.model.sort_order)
        header.blockSignals(False)

    # --- helpers ---------------------------------------------------------------------------------

    def _select_row(self, row: int, *, focus: bool = True) -> None:
        index = self.model.index(row, COL_NAME)
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.results.selectionModel().setCurrentIndex(index, flags)
        self.results.scrollTo(index)
        if focus:
            self.results.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_current(self) -> None:
        index = self.results.currentIndex()
        customer_id = self.model.customer_id(index.row()) if index.isValid() else None
        if customer_id is not None:
            self.open_customer(customer_id)

    def _show_error(self, error: CrmError) -> None:
        self._error = error
        self._show_count()

    def _show_count(self) -> None:
        locale = QLocale()
        count = self.model.rowCount()
        if self._error is not None:
            text = error_message(self._error)
        elif not self.model.query:
            text = self.tr("Type to find the caller (Ctrl+F from anywhere).")
        elif self.model.truncated:
            text = self.tr("More than {max} customers match; the first {max} are listed. Type more to "
                           "narrow the search.").format(max=locale.toString(count))
        elif count == 0 and _too_few_digits(self.model.query):
            text = self.tr("Type at least {count} digits of a number.").format(count=MIN_DIGITS)
        elif count == 0:
            text = self.tr("No customer found. Check the spelling, or search by mobile number.")
        elif count == 1:
            text = self.tr("1 customer")
        else:
            text = self.tr("{count} customers").format(count=locale.toString(count))
        self.count_label.setText(text)
        palette = self.palette()
        if self._error is not None:
            palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOR)
        elif self.model.truncated:
            palette.setColor(QPalette.ColorRole.WindowText, NOTICE_COLOR)
        self.count_label.setPalette(palette)

    # --- events ----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.results and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key in _OPEN_KEYS:
                self._open_current()
                return True
            if key == Qt.Key.Key_Escape:
                self.focus_search()
                return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
