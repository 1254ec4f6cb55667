"""CasesView: the complaint-case board — a filter bar, the list (nearest deadline first) and the detail."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QComboBox, QHBoxLayout, QLabel, QPushButton, QSplitter,
                               QTableView, QVBoxLayout, QWidget)

from crm.models import StaffUser
from crm.services.case_list import CaseFilter
from ui.models.case_list_model import CaseListModel
from ui.views.cases.case_detail import CaseDetail
from ui.widgets.ask import Confirm, ask_yes_no

FILTERS = (CaseFilter.MINE, CaseFilter.ALL, CaseFilter.OVERDUE, CaseFilter.NEAR)


class CasesView(QWidget):
    """The current row (a click, the arrow keys) is the case in the detail pane; Enter or a double click also
    puts the cursor in its note. A note typed but not added is only dropped after asking."""

    _built = False

    def __init__(self, actor: StaffUser, open_customer: Callable[[int], None],
                 parent: QWidget | None = None, *, confirm: Confirm = ask_yes_no) -> None:
        super().__init__(parent)
        self._actor = actor
        self._confirm = confirm
        self._reverting = False  # putting the current row back: not the user's doing
        self.filter_label = QLabel(self)
        self.filter_combo = QComboBox(self)
        # Items change with the language ("My open cases" is longer than 我的未结工单): the combo follows them.
        self.filter_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filter_label.setBuddy(self.filter_combo)
        self.refresh_button = QPushButton(self)
        self.model = CaseListModel(actor, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Dates, case numbers and names are read whole; the last (free-text) column takes the rest.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(self.table.model().columnCount() - 1,
                                                           QHeaderView.ResizeMode.Stretch)
        self.detail = CaseDetail(actor, self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        bar = QHBoxLayout()
        bar.addWidget(self.filter_label)
        bar.addWidget(self.filter_combo)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.retranslateUi()
        self._built = True
        self.filter_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.refresh_button.clicked.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.table.activated.connect(self._on_table_activated)
        self.detail.sig_case_changed.connect(self._on_detail_case_changed)
        self.detail.sig_open_customer.connect(open_customer)
        self._loaded = False  # the list is read when the tab is first shown, not at start-up

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        if not self._loaded:
            self._loaded = True
            self.model.refresh()
        super().showEvent(event)

    def retranslateUi(self) -> None:
        self.filter_label.setText(self.tr("&Show:"))
        index = max(0, self.filter_combo.currentIndex())
        self.filter_combo.blockSignals(True)
        self.filter_combo.clear()
        for code, text in zip(FILTERS, (self.tr("My open cases"), self.tr("All open cases"), self.tr("Overdue"),
                                        self.tr("Near deadline")), strict=True):
            self.filter_combo.addItem(text, str(code))
        self.filter_combo.setCurrentIndex(index)
        self.filter_combo.blockSignals(False)
        self.refresh_button.setText(self.tr("&Refresh"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslateUi()
            self.detail.retranslateUi()
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        super().changeEvent(event)

    def refresh(self) -> None:
        self.model.refresh()
        self._select_shown()

    def open_case(self, case_id: int) -> None:
        if self._show(case_id):
            self.detail.note_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show(self, case_id: int) -> bool:
        """Show ``case_id`` in the detail unless the user keeps the note typed for the case shown now."""
        shown = self.detail.case()
        if shown is not None and shown.id == case_id:
            return True
        if shown is not None and self.detail.has_unsaved_note() and not self._confirm(
                self, self.tr("Note Not Added"), self.tr(
                    "The progress note you typed for case {case_no} has not been added. Discard it?").format(
                    case_no=shown.case_no)):
            self._select(shown.id)
            QTimer.singleShot(0, self, self._select_shown)  # a mouse press selects the clicked row after asking
            return False
        self.detail.show_case(case_id)
        return True

    def _select_shown(self) -> None:
        """Make the detail's case the current row again (a refresh or filter resets the list)."""
        shown = self.detail.case()
        if shown is not None:
            self._select(shown.id)

    def _select(self, case_id: int) -> None:
        row = self.model.row_of(case_id)
        self._reverting = True
        try:
            if row < 0:
                self.table.selectionModel().clear()
            else:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self._reverting = False

    def _on_filter_changed(self, _index: int) -> None:
        self.model.set_filter(self.filter_combo.currentData())
        self._select_shown()

    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        case_id = self.model.case_id(current.row()) if current.isValid() else None
        if case_id is not None and not self._reverting:
            self._show(case_id)

    def _on_table_activated(self, index: QModelIndex) -> None:
        case_id = self.model.case_id(index.row())
        if case_id is not None and index.row() == self.table.currentIndex().row():
            self.open_case(case_id)

    def _on_detail_case_changed(self, _case_id: int) -> None:
        self.refresh()
