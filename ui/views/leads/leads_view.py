"""LeadsView (销售线索): filters, the lazy lead list with its detail, conversion reports, export and import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget)

from crm.models import StaffUser
from crm.services import products, staff
from crm.services.leads import STATE_ORDER, LeadFilter
from crm.services.products import ProductRow
from crm.services.staff import StaffRow
from ui import sales_labels
from ui.formats import format_instant
from ui.models.lead_list_model import (COL_AGE, COL_AGENT, COL_BLOCKED, COL_CATEGORY, COL_CREATED, COL_CUSTOMER,
                                       COL_DUAL, COL_MOBILE, COL_PRODUCT, COL_RISK, COL_STATE, LeadListModel)
from ui.views.leads.lead_detail import LeadDetail
from ui.views.leads.lead_reports import LeadReports

# Age filter choices: (min_age_days, max_age_days).
AGES = ((None, None), (None, 7), (None, 30), (31, None))
LIST_PAGE, REPORTS_PAGE = 0, 1


class LeadsView(QWidget):
    """The filter bar drives both the list and the reports; the detail follows the current row."""

    sig_leads_changed = Signal()
    _built = False

    def __init__(self, actor: StaffUser, open_customer: Callable[[int], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actor = actor
        self._loaded = False
        self._catalogue: list[ProductRow] = []
        self._staff: list[StaffRow] = []
        self.state_label, self.state_combo = QLabel(self), QComboBox(self)
        self.product_label, self.product_combo = QLabel(self), QComboBox(self)
        self.agent_label, self.agent_combo = QLabel(self), QComboBox(self)
        self.age_label, self.age_combo = QLabel(self), QComboBox(self)
        for label, combo in ((self.state_label, self.state_combo), (self.product_label, self.product_combo),
                             (self.agent_label, self.agent_combo), (self.age_label, self.age_combo)):
            label.setBuddy(combo)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.product_combo.setMaxVisibleItems(20)
        self.blocked_check = QCheckBox(self)
        self.refresh_button = QPushButton(self)
        self.export_button = QPushButton(self)
        self.import_button = QPushButton(self)
        self.count_label = QLabel(self)
        self.model = LeadListModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSortIndicator(COL_CREATED, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_BLOCKED, QHeaderView.ResizeMode.Stretch)
        self.detail = LeadDetail(actor, self)
        self.reports = LeadReports(self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.pages = QTabWidget(self)
        self.pages.setDocumentMode(True)
        self.pages.addTab(splitter, "")
        self.pages.addTab(self.reports, "")
        bar = QHBoxLayout()
        for label, combo in ((self.state_label, self.state_combo), (self.product_label, self.product_combo),
                             (self.agent_label, self.agent_combo), (self.age_label, self.age_combo)):
            bar.addWidget(label)
            bar.addWidget(combo)
        bar.addWidget(self.blocked_check)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        bar.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.count_label)
        layout.addWidget(self.pages, 1)
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_action.triggered.connect(self.refresh)
        self.addAction(self.refresh_action)
        self.retranslateUi()
        self._built = True
        for combo in (self.state_combo, self.product_combo, self.agent_combo, self.age_combo):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.blocked_check.toggled.connect(self._on_filter_changed)
        self.refresh_button.clicked.connect(self.reload)
        self.export_button.clicked.connect(self.export_leads)
        self.import_button.clicked.connect(self.import_outcomes)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.table.activated.connect(self._on_table_activated)
        self.model.modelReset.connect(self._update_count)
        self.pages.currentChanged.connect(self._on_pages_current_changed)
        self.detail.sig_lead_changed.connect(self._on_detail_lead_changed)
        if open_customer is not None:
            self.detail.sig_open_customer.connect(open_customer)

    # --- language ------------------------------------------------------------------------------------

    def retranslateUi(self) -> None:
        self.state_label.setText(self.tr("&State:"))
        self.product_label.setText(self.tr("&Product:"))
        self.agent_label.setText(self.tr("Referred &by:"))
        self.age_label.setText(self.tr("A&ge:"))
        self.blocked_check.setText(self.tr("Bloc&ked only"))
        self.blocked_check.setToolTip(self.tr("Leads that cannot go to sales: blocked and not overridden"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.export_button.setText(self.tr("&Export…"))
        self.export_button.setToolTip(self.tr("Hand the new leads of this list (or the selected ones) to sales "
                                              "as a CSV or Excel file"))
        self.import_button.setText(self.tr("&Import Outcomes…"))
        self.import_button.setToolTip(self.tr("Read what sales reported back (won, lost, contacted…)"))
        self.refresh_action.setText(self.tr("Refresh"))
        self.pages.setTabText(LIST_PAGE, self.tr("Leads"))
        self.pages.setTabText(REPORTS_PAGE, self.tr("Conversion Reports"))
        self._fill_static_combos()
        self._size_columns()
        self._fill_data_combos()
        self._update_count()

    def _size_columns(self) -> None:
        """Widths from the header and typical contents: measuring the rows would fetch hundreds of them."""
        metrics = self.table.fontMetrics()
        samples = {
            COL_CREATED: format_instant(dt.datetime(2026, 12, 28, 23, 59, tzinfo=dt.UTC)),
            COL_STATE: max((sales_labels.lead_state_label(s) for s in STATE_ORDER), key=metrics.horizontalAdvance),
            COL_PRODUCT: "大额存单大额存单大额存单",
            COL_CATEGORY: "Structured deposit",
            COL_RISK: "R5", COL_CUSTOMER: "欧阳娜娜娜", COL_MOBILE: "139****0000", COL_AGENT: "王客服王客服",
            COL_AGE: "999", COL_DUAL: LeadListModel.tr("Required"),
        }
        header = self.table.horizontalHeader()
        for column, sample in samples.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(metrics.horizontalAdvance(sample), header.fontMetrics().horizontalAdvance(title) + 18)
            header.resizeSection(column, width + 16)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslateUi()
            self.detail.retranslateUi()
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
            self.model.relabel()
        super().changeEvent(event)

    def _fill_static_combos(self) -> None:
        states = [(None, self.tr("All states"))] + [(str(s), sales_labels.lead_state_label(s)) for s in STATE_ORDER]
        self._refill(self.state_combo, states)
        ages = (self.tr("Any age"), self.tr("Up to 7 days"), self.tr("Up to 30 days"), self.tr("Older than 30 days"))
        self._refill(self.age_combo, [(f"{lo}-{hi}", text) for (lo, hi), text in zip(AGES, ages, strict=True)])

    def _fill_data_combos(self) -> None:
        """Products (grouped by category) and staff, as read when the tab was first shown."""
        items: list[tuple[object, str]] = [(None, self.tr("All products"))]
        catalogue = self._catalogue
        for code in sales_labels.CATEGORIES:
            if any(p.category == code for p in catalogue):
                items.append((f"category:{code}", self.tr("All of {category}").format(
                    category=sales_labels.category_label(code))))
        for p in sorted(catalogue, key=lambda p: (p.category, p.code)):
            name = sales_labels.product_name(p)
            items.append((f"product:{p.id}", f"    {name}" if p.active else self.tr("    {name} (not on sale)")
                          .format(name=name)))
        self._refill(self.product_combo, items)
        agents = [(None, self.tr("Anyone"))] + [(s.id, s.display_name) for s in self._staff]
        self._refill(self.agent_combo, agents)

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[object, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for data, text in items:
            combo.addItem(text, data)
        index = next((i for i, (data, _text) in enumerate(items) if data == current), 0)
        combo.setCurrentIndex(index)
        combo.blockSignals(False)

    # --- loading -------------------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        if not self._loaded:  # the lists are read when the tab is first shown, not at start-up
            self.load()
        super().showEvent(event)

    def load(self) -> None:
        self._loaded = True
        self._read_choices()
        self.model.set_filter(self.current_filter())

    def reload(self) -> None:
        """Refresh, reading the products and staff of the filters again too."""
        self._loaded = True
        self._read_choices()
        self.refresh()

    def _read_choices(self) -> None:
        self._catalogue = products.list_products(active_only=False)
        self._staff = staff.list_staff()
        self._fill_data_combos()

    def current_filter(self) -> LeadFilter:
        state = self.state_combo.currentData()
        kind, _, value = (self.product_combo.currentData() or "").partition(":")
        min_age, max_age = AGES[max(0, self.age_combo.currentIndex())]
        return LeadFilter(
            states=(state,) if state else (),
            product_ids=(int(value),) if kind == "product" else (),
            category=value if kind == "category" else None,
            referred_by=self.agent_combo.currentData(),
            min_age_days=min_age, max_age_days=max_age,
            blocked=True if self.blocked_check.isChecked() else None)

    def refresh(self) -> None:
        """Read the list again, keeping the lead in the detail selected when it still matches."""
        current = self.detail.lead()
        self.model.set_filter(self.current_filter())
        if current is not None:
            row = self.model.row_of(current.id)
            if row >= 0:
                self.table.selectRow(row)
            else:
                self.detail.show_lead(current.id)
        if self.pages.currentIndex() == REPORTS_PAGE:
            self.reports.refresh(self.model.filter())

    def _on_filter_changed(self, *_args) -> None:
        if self._loaded:
            self.refresh()

    def _update_count(self) -> None:
        if not self._loaded:
            self.count_label.setText("")
            return
        self.count_label.setText(self.tr("{count} leads").format(count=self.model.rowCount()))

    # --- selection and detail ------------------------------------------------------------------------

    def selected_lead_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [lead_id for lead_id in (self.model.lead_id(r) for r in rows) if lead_id is not None]

    def select_lead(self, lead_id: int) -> bool:
        row = self.model.row_of(lead_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        return row >= 0

    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.detail.show_lead(self.model.lead_id(current.row()) if current.isValid() else None)

    def _on_table_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.detail.note_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_detail_lead_changed(self, _lead_id: int) -> None:
        self.refresh()
        self.sig_leads_changed.emit()

    def _on_pages_current_changed(self, index: int) -> None:
        if index == REPORTS_PAGE:
            self.reports.refresh(self.model.filter())

    # --- export and import ---------------------------------------------------------------------------

    def export_leads(self) -> None:
        """The export dialog for this list's new leads, or the selected ones; the list is read again after."""
        from ui.dialogs.lead_export_dialog import LeadExportDialog

        if not self._loaded:
            self.load()
        dialog = LeadExportDialog(self._actor, self.model.filter(), self.selected_lead_ids(), self)
        dialog.sig_exported.connect(self._on_leads_changed_elsewhere)
        dialog.exec()

    def import_outcomes(self) -> None:
        from ui.dialogs.lead_import_dialog import LeadImportDialog

        dialog = LeadImportDialog(self._actor, self)
        dialog.sig_applied.connect(self._on_leads_changed_elsewhere)
        dialog.exec()

    def _on_leads_changed_elsewhere(self, *_args) -> None:
        if self._loaded:
            self.refresh()
        self.sig_leads_changed.emit()

