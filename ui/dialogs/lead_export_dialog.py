"""LeadExportDialog: hand new leads to sales as a CSV or XLSX file (移交销售), off the UI thread, then say what
left, where the file is and which leads were kept back and why."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDir, QEvent, QStandardPaths, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox,
                               QFileDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QProgressBar,
                               QPushButton, QRadioButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from crm.errors import CrmError, ValidationError
from crm.exports.leads import ExportResult, export_leads
from crm.models import StaffUser
from crm.services import leads
from crm.services.leads import LeadFilter
from ui import sales_labels
from ui.views.leads import lead_messages
from ui.views.leads.jobs import ServiceJob
from ui.widgets.field_message import FieldMessage

FORMATS = ("csv", "xlsx")
PROFILES = ("generic", "salesforce", "hubspot")
MAX_LABEL = 200

log = logging.getLogger(__name__)


def choose_save_file(parent: QWidget, title: str, suggested: str, filters: str) -> str:
    """The file the user picked ("" when cancelled); tests replace this."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return path


class LeadExportDialog(QDialog):
    """Export runs ``export_leads`` on a pool thread; ``sig_exported`` follows a written file."""

    sig_exported = Signal(object)  # ExportResult
    sig_finished = Signal()  # the background run ended, written or not (tests wait for it)
    _built = False

    def __init__(self, actor: StaffUser, filter_: LeadFilter | None = None, selected: Sequence[int] = (),
                 parent: QWidget | None = None, *, choose_file: Callable[[QWidget, str, str, str], str]
                 = choose_save_file, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._actor = actor
        self._filter = filter_ or LeadFilter()
        self._selected = list(selected)
        self._choose_file = choose_file
        self._pool = pool or QThreadPool.globalInstance()
        self._job: ServiceJob | None = None
        self._result: ExportResult | None = None
        self._kept_back: tuple[ExportResult, dict[int, Any]] | None = None
        new = replace(self._filter, states=("new",))
        self._new_count = len(leads.lead_ids(new))
        # As last checked; the export checks every lead again and names any it keeps back.
        self._ready_count = 0 if self._filter.blocked is True else len(leads.lead_ids(replace(new, blocked=False)))
        self._build_ui()
        self.retranslateUi()
        self._built = True
        self.path_edit.setText(self._suggested_path())
        self._on_format_changed()

    def _build_ui(self) -> None:
        self.filter_radio = QRadioButton(self)
        self.selected_radio = QRadioButton(self)
        self._scope = QButtonGroup(self)
        self._scope.addButton(self.filter_radio)
        self._scope.addButton(self.selected_radio)
        self.selected_radio.setEnabled(bool(self._selected))
        # One selected row is usually just the lead being looked at; several are a deliberate choice.
        (self.selected_radio if len(self._selected) > 1 else self.filter_radio).setChecked(True)
        self.format_combo = QComboBox(self)
        self.profile_combo = QComboBox(self)
        self.bom_check = QCheckBox(self)
        self.bom_check.setChecked(True)
        self.recipient_edit = QLineEdit(self)
        self.recipient_edit.setMaxLength(MAX_LABEL)
        self.recipient_message = FieldMessage(self)
        self.purpose_edit = QLineEdit(self)
        self.purpose_edit.setMaxLength(MAX_LABEL)
        self.purpose_message = FieldMessage(self)
        self.path_edit = QLineEdit(self)
        self.browse_button = QPushButton(self)
        self.browse_button.clicked.connect(self._on_browse_clicked)
        self.path_message = FieldMessage(self)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        self._labels = [QLabel(self) for _ in range(6)]
        form = QFormLayout()
        scope = QVBoxLayout()
        scope.addWidget(self.filter_radio)
        scope.addWidget(self.selected_radio)
        self.scope_message = FieldMessage(self)
        self.filter_radio.toggled.connect(lambda _on: self._update_export_button())
        rows = ((scope, self.scope_message), (self.format_combo, None), (self.profile_combo, None), (self.recipient_edit,
                self.recipient_message), (self.purpose_edit, self.purpose_message), (path_row, self.path_message))
        for label, (field, message) in zip(self._labels, rows, strict=True):
            form.addRow(label, field)
            if isinstance(field, QWidget):
                label.setBuddy(field)
            if field is self.format_combo:
                form.addRow("", self.bom_check)  # CSV only: hidden for a workbook
            if message is not None:
                form.addRow("", message)
        self._labels[5].setBuddy(self.path_edit)
        self._form = form
        self.fields = QWidget(self)
        self.fields.setLayout(form)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: the core does not report progress
        self.progress.setVisible(False)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_message = FieldMessage(self)
        self.skipped_table = QTableWidget(0, 4, self)  # lead, customer, product, why
        self.skipped_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.skipped_table.verticalHeader().setVisible(False)
        for column in range(3):
            self.skipped_table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.skipped_table.horizontalHeader().setStretchLastSection(True)
        self.skipped_table.setWordWrap(False)
        self.skipped_table.setVisible(False)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_message)
        layout.addWidget(self.skipped_table, 1)
        layout.addWidget(self.buttons)
        self.format_combo.currentIndexChanged.connect(self._on_format_changed)
        self.setMinimumWidth(560)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Export Leads to Sales"))
        blocked = self._new_count - self._ready_count
        if blocked:
            self.filter_radio.setText(self.tr("&New leads of the current list that can go to sales: {ready} "
                                              "(blocked, kept back: {blocked})").format(ready=self._ready_count,
                                                                                        blocked=blocked))
        else:
            self.filter_radio.setText(self.tr("&New leads of the current list ({count})").format(
                count=self._new_count))
        self.filter_radio.setToolTip(self.tr("Blocked leads (not overridden) stay out of the file; every lead "
                                             "is checked again as it is exported."))
        self.selected_radio.setText(self.tr("&Selected leads ({count})").format(count=len(self._selected)))
        for label, text in zip(self._labels, (self.tr("Leads:"), self.tr("&Format:"), self.tr("&Columns for:"),
                                              self.tr("&Recipient:"), self.tr("&Purpose:"), self.tr("F&ile:")),
                               strict=True):
            label.setText(text)
        self._refill(self.format_combo, FORMATS, (self.tr("CSV"), self.tr("Excel workbook (XLSX)")))
        self._refill(self.profile_combo, PROFILES, (
            self.tr("Generic (Chinese headers; sales fill in the outcome columns)"),
            self.tr("Salesforce lead import"), self.tr("HubSpot contact import")))
        self.bom_check.setText(self.tr("UTF-8 with &BOM (for Excel)"))
        self.bom_check.setToolTip(self.tr("Excel opens a CSV file as UTF-8 only when it starts with a BOM; other "
                                          "programs may not want one"))
        self.recipient_edit.setPlaceholderText(self.tr("Who receives the file, e.g. 零售业务部 王经理"))
        self.purpose_edit.setPlaceholderText(self.tr("Why, e.g. 大额存单营销跟进"))
        self.browse_button.setText(self.tr("C&hoose…"))
        self.export_button.setText(self.tr("&Export"))
        self.skipped_table.setHorizontalHeaderLabels((self.tr("Lead"), self.tr("Customer"), self.tr("Product"),
                                                      self.tr("Kept back because")))
        if self._result is not None:
            self._show_result(self._result)
        self._update_export_button()

    def _update_export_button(self) -> None:
        """Export only when something may go: for the current list, when a new lead can go to sales (the
        core checks every lead again anyway); the selected leads are left to that check."""
        if self._job is not None or self._result is not None:
            return
        nothing = self.filter_radio.isChecked() and self._ready_count == 0
        self.export_button.setEnabled(not nothing)
        if not nothing:
            self.scope_message.clear_message()
        elif self._new_count == 0:
            self.scope_message.show_message(self.tr("The current list has no new leads to hand over."))
        else:
            self.scope_message.show_message(self.tr(
                "Every new lead of the current list is blocked, so none can go to sales. A supervisor can "
                "review a block and override it in the lead's detail."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslateUi()
        super().changeEvent(event)

    @staticmethod
    def _refill(combo: QComboBox, codes: Sequence[str], texts: Sequence[str]) -> None:
        index = max(0, combo.currentIndex())
        combo.blockSignals(True)
        combo.clear()
        for code, text in zip(codes, texts, strict=True):
            combo.addItem(text, code)
        combo.setCurrentIndex(index)
        combo.blockSignals(False)

    # --- the file ------------------------------------------------------------------------------------

    def _suggested_path(self) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or QDir.homePath()
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        return QDir.toNativeSeparators(str(Path(folder) / f"leads-{stamp}.{self.format_combo.currentData()}"))

    def _on_format_changed(self, *_args) -> None:
        fmt = self.format_combo.currentData()
        self.bom_check.setEnabled(fmt == "csv")
        self._form.setRowVisible(self.bom_check, fmt == "csv")
        text = self.path_edit.text().strip()
        if text:
            path = Path(text)
            if path.suffix.lower() in (".csv", ".xlsx"):
                self.path_edit.setText(QDir.toNativeSeparators(str(path.with_suffix("." + fmt))))

    def _on_browse_clicked(self) -> None:
        filters = (self.tr("CSV files (*.csv)") if self.format_combo.currentData() == "csv"
                   else self.tr("Excel workbooks (*.xlsx)"))
        path = self._choose_file(self, self.tr("Export Leads"), self.path_edit.text(), filters)
        if path:
            self.path_edit.setText(QDir.toNativeSeparators(path))

    # --- running -------------------------------------------------------------------------------------

    def is_running(self) -> bool:
        return self._job is not None

    def export_result(self) -> ExportResult | None:
        return self._result

    def _check_fields(self) -> bool:
        ok = True
        for edit, message in ((self.recipient_edit, self.recipient_message),
                              (self.purpose_edit, self.purpose_message), (self.path_edit, self.path_message)):
            empty = not edit.text().strip()
            message.show_message(self.tr("This must be filled in.") if empty else "")
            ok = ok and not empty
        return ok

    def start_export(self) -> None:
        if self._job is not None or self._result is not None or not self._check_fields():
            return
        self.error_message.clear_message()
        path = Path(QDir.fromNativeSeparators(self.path_edit.text().strip()))
        if not path.parent.is_dir():
            self.path_message.show_message(self.tr("This folder does not exist."))
            return
        ids = self._selected if self.selected_radio.isChecked() else None
        args = dict(fmt=self.format_combo.currentData(), profile=self.profile_combo.currentData(),
                    bom=self.bom_check.isChecked(), recipient=self.recipient_edit.text(),
                    purpose=self.purpose_edit.text(), lead_ids=ids, f=None if ids is not None else self._filter)
        actor = self._actor
        job = ServiceJob(lambda: export_leads(actor, path, **args), "lead export", self)
        job.signals.sig_finished.connect(self._on_job_finished)
        job.signals.sig_failed.connect(self._on_job_failed)
        self._job = job
        self._set_busy(True)
        self._pool.start(job)

    def _set_busy(self, busy: bool) -> None:
        self.fields.setEnabled(not busy)
        self.export_button.setEnabled(not busy)
        if not busy:
            self._update_export_button()
        self.close_button.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.status_label.setText(self.tr("Writing the file and handing the leads over…") if busy else "")
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def _on_job_finished(self, result: ExportResult) -> None:
        self._job = None
        self._set_busy(False)
        self._result = result
        self.fields.setEnabled(False)
        self.export_button.setVisible(False)
        self._show_result(result)
        self.sig_exported.emit(result)
        self.sig_finished.emit()

    def _on_job_failed(self, exc: Exception) -> None:
        self._job = None
        self._set_busy(False)
        if isinstance(exc, ValidationError) and exc.details.get("field") in ("recipient", "purpose"):
            message = self.recipient_message if exc.details["field"] == "recipient" else self.purpose_message
            message.show_message(lead_messages.message_for(exc))
        elif isinstance(exc, CrmError):
            text = lead_messages.message_for(exc)
            codes = exc.details.get("codes") if exc.code == "nothing_to_export" else None
            if codes:
                text += "\n" + "\n".join("• " + lead_messages.skip_reason(c) for c in codes)
            self.error_message.show_message(text)
        elif isinstance(exc, OSError):
            self.error_message.show_message(self.tr("The file could not be written: {reason}").format(
                reason=exc.strerror or str(exc)))
        else:
            self.error_message.show_message(self.tr("The export failed unexpectedly; nothing was handed over. "
                                                    "The details are in the log."))
        self.sig_finished.emit()

    def _show_result(self, result: ExportResult) -> None:
        self.status_label.setText(self.tr("Leads handed over to sales: {count}\nFile: {path}").format(
            count=result.row_count, path=QDir.toNativeSeparators(str(result.path))))
        table = self.skipped_table
        table.setRowCount(len(result.skipped))
        found = self._kept_back_rows(result)
        for row, (lead_id, code) in enumerate(result.skipped):
            lead = found.get(lead_id)
            texts = (str(lead_id), f"{lead.customer_name} {lead.customer_mobile}".strip() if lead else "",
                     sales_labels.product_name(lead) if lead else "", lead_messages.skip_reason(code))
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(row, column, item)
        table.setVisible(bool(result.skipped))
        if result.skipped:  # room for the list of kept-back leads
            self.resize(max(self.width(), 720), max(self.height(), 600))
        if result.skipped:
            self.status_label.setText(self.status_label.text() + "\n" + self.tr(
                "Leads kept back: {count}").format(count=len(result.skipped)))

    def _kept_back_rows(self, result: ExportResult) -> dict[int, Any]:
        """The kept-back leads as the Leads view shows them (customer masked), read once per result."""
        if self._kept_back is None or self._kept_back[0] is not result:
            try:
                rows = leads.lead_rows([lead_id for lead_id, _ in result.skipped])
            except CrmError as exc:  # the ids and reasons still say what matters
                log.warning("kept-back leads unavailable: %s", exc.code)
                rows = []
            self._kept_back = (result, {r.id: r for r in rows})
        return self._kept_back[1]

    def reject(self) -> None:
        if self._job is not None:  # the file is being written: closing now would hide how it ended
            return
        super().reject()

    def closeEvent(self, event) -> None:
        if self._job is not None:
            event.ignore()
            return
        super().closeEvent(event)
