"""LeadImportDialog: read what sales reported back (won, lost, contacted…) from their CSV or XLSX file.

A dry run comes first and shows every row's verdict — what would be applied, what is already so, what is
rejected and why — and nothing changes until Apply runs the import for real (again off the UI thread).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDir, QEvent, QStandardPaths, Qt, QThreadPool, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QProgressBar, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from crm.errors import CrmError
from crm.imports.lead_outcomes import ImportReport, RowResult, import_outcomes
from crm.models import StaffUser
from ui.views.leads import lead_messages
from ui.views.leads.jobs import ServiceJob
from ui.widgets.field_message import FieldMessage

REJECTED_BRUSH = QBrush(QColor("#f9c4c0"))
DARK_TEXT = QBrush(QColor("#1c1b1f"))
APPLIED, UNCHANGED, REJECTED = "applied", "unchanged", "rejected"
NO_OUTCOME = "no_outcome"  # an unchanged row that gave no outcome at all (sales left it blank)


def choose_open_file(parent: QWidget, title: str, folder: str, filters: str) -> str:
    """The file the user picked ("" when cancelled); tests replace this."""
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, filters)
    return path


class LeadImportDialog(QDialog):
    """Check (dry run) → report → Apply (for real) → final report. ``sig_applied`` follows a real import."""

    sig_applied = Signal(object)  # ImportReport
    sig_finished = Signal()  # a background run ended (tests wait for it)
    _built = False

    def __init__(self, actor: StaffUser, parent: QWidget | None = None, *,
                 choose_file: Callable[[QWidget, str, str, str], str] = choose_open_file,
                 pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._actor = actor
        self._choose_file = choose_file
        self._pool = pool or QThreadPool.globalInstance()
        self._job: ServiceJob | None = None
        self._report: ImportReport | None = None
        self._checked_path: Path | None = None
        self._build_ui()
        self.retranslateUi()
        self._built = True
        self._update_buttons()

    def _build_ui(self) -> None:
        self.file_label = QLabel(self)
        self.path_edit = QLineEdit(self)
        self.file_label.setBuddy(self.path_edit)
        self.browse_button = QPushButton(self)
        self.browse_button.clicked.connect(self._on_browse_clicked)
        self.check_button = QPushButton(self)
        self.check_button.clicked.connect(self.start_check)
        self.path_edit.textChanged.connect(self._on_path_changed)
        row = QHBoxLayout()
        row.addWidget(self.file_label)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        row.addWidget(self.check_button)
        self.hint_label = QLabel(self)
        self.hint_label.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.error_message = FieldMessage(self)
        self.table = QTableWidget(0, 4, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ApplyRole)
        self.apply_button.clicked.connect(self.start_apply)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.error_message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 480)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Import Lead Outcomes"))
        self.file_label.setText(self.tr("&File from sales:"))
        self.browse_button.setText(self.tr("C&hoose…"))
        self.check_button.setText(self.tr("&Check File"))
        self.apply_button.setText(self.tr("&Apply"))
        self.hint_label.setText(self.tr(
            "CSV (UTF-8 or GB18030) or Excel (XLSX) with the columns lead_id / 线索编号 and state / 状态 "
            "(成交, 未成交, 已联系, 已接收, 无效); sales_owner / 销售负责人 and note / 备注 are optional. "
            "The file is checked first: nothing changes until you press Apply."))
        self.table.setHorizontalHeaderLabels((self.tr("Row"), self.tr("Lead"), self.tr("Result"),
                                              self.tr("Details")))
        if self._report is not None:
            self._show_report(self._report)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslateUi()
        super().changeEvent(event)

    # --- the file ------------------------------------------------------------------------------------

    def _on_browse_clicked(self) -> None:
        folder = self.path_edit.text() or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        path = self._choose_file(self, self.tr("Import Lead Outcomes"), folder,
                                 self.tr("Sales files (*.csv *.xlsx);;All files (*)"))
        if path:
            self.path_edit.setText(QDir.toNativeSeparators(path))
            self.start_check()

    def _on_path_changed(self, _text: str) -> None:
        if self._job is None:  # another file: its report is not this one's
            self._report = None
            self._checked_path = None
            self.table.setRowCount(0)
            self.summary_label.clear()
            self.error_message.clear_message()
            self._update_buttons()

    def _path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(QDir.fromNativeSeparators(text)) if text else None

    # --- running -------------------------------------------------------------------------------------

    def is_running(self) -> bool:
        return self._job is not None

    def report(self) -> ImportReport | None:
        return self._report

    def start_check(self) -> None:
        """The dry run: every row judged, nothing changed."""
        path = self._path()
        if path is None:
            self.error_message.show_message(self.tr("Choose the file sales sent back first."))
            return
        self._start(path, dry_run=True)

    def start_apply(self) -> None:
        """The real import of the file just checked (judged again on what is stored now)."""
        if self._report is None or not self._report.dry_run or self._checked_path is None:
            return
        self._start(self._checked_path, dry_run=False)

    def _start(self, path: Path, *, dry_run: bool) -> None:
        if self._job is not None:
            return
        self.error_message.clear_message()
        actor = self._actor
        job = ServiceJob(lambda: import_outcomes(actor, path, dry_run=dry_run), "lead outcome import", self)
        job.signals.sig_finished.connect(lambda report: self._on_job_finished(path, report))
        job.signals.sig_failed.connect(self._on_job_failed)
        self._job = job
        self._set_busy(True, dry_run)
        self._pool.start(job)

    def _set_busy(self, busy: bool, dry_run: bool = True) -> None:
        for widget in (self.path_edit, self.browse_button, self.check_button, self.apply_button, self.close_button):
            widget.setEnabled(not busy)
        self.progress.setVisible(busy)
        if busy:
            self.summary_label.setText(self.tr("Checking every row…") if dry_run
                                       else self.tr("Applying the outcomes…"))
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def _on_job_finished(self, path: Path, report: ImportReport) -> None:
        self._job = None
        self._set_busy(False)
        self._report = report
        self._checked_path = path if report.dry_run else None
        self._show_report(report)
        self._update_buttons()
        if not report.dry_run:
            self.sig_applied.emit(report)
        self.sig_finished.emit()

    def _on_job_failed(self, exc: Exception) -> None:
        self._job = None
        self._set_busy(False)
        self.summary_label.clear()
        if isinstance(exc, CrmError):
            self.error_message.show_message(lead_messages.message_for(exc))
        elif isinstance(exc, OSError):
            self.error_message.show_message(self.tr("The file could not be read: {reason}").format(
                reason=exc.strerror or str(exc)))
        else:
            self.error_message.show_message(self.tr("The import failed unexpectedly; nothing was changed. The "
                                                    "details are in the log."))
        self._update_buttons()
        self.sig_finished.emit()

    def _update_buttons(self) -> None:
        report = self._report
        can_apply = report is not None and report.dry_run and bool(report.applied)
        self.apply_button.setEnabled(can_apply and self._job is None)
        self.apply_button.setVisible(report is None or report.dry_run)

    # --- the report ----------------------------------------------------------------------------------

    def _show_report(self, report: ImportReport) -> None:
        unchanged = [r for r in report.unchanged if r.code != NO_OUTCOME]
        if report.dry_run:
            text = self.tr("{file} — rows that can be applied: {applied}; already up to date: {unchanged}; no "
                           "outcome given: {no_outcome}; rejected: {rejected}. Nothing has been changed yet: "
                           "press Apply to import.")
        else:
            text = self.tr("{file} — rows applied: {applied}; already up to date: {unchanged}; no outcome "
                           "given: {no_outcome}; rejected: {rejected}.")
        self.summary_label.setText(text.format(file=report.file_name, applied=len(report.applied),
                                               unchanged=len(unchanged),
                                               no_outcome=len(report.unchanged) - len(unchanged),
                                               rejected=len(report.rejected)))
        rows = sorted([(r, APPLIED) for r in report.applied] + [(r, UNCHANGED) for r in report.unchanged]
                      + [(r, REJECTED) for r in report.rejected], key=lambda item: item[0].row)
        self.table.setRowCount(len(rows))
        for index, (result, verdict) in enumerate(rows):
            self._fill_row(index, result, verdict, report.dry_run)
        self.table.resizeRowsToContents()

    def _fill_row(self, index: int, result: RowResult, verdict: str, dry_run: bool) -> None:
        words = {APPLIED: self.tr("Will be applied") if dry_run else self.tr("Applied"),
                 UNCHANGED: self.tr("Unchanged"), REJECTED: self.tr("Rejected")}
        word = self.tr("No outcome") if result.code == NO_OUTCOME else words[verdict]
        cells = (str(result.row), "" if result.lead_id is None else str(result.lead_id), word,
                 lead_messages.row_reason(result.code, result.details))
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column < 2:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if verdict == REJECTED:
                item.setBackground(REJECTED_BRUSH)
                item.setForeground(DARK_TEXT)
            self.table.setItem(index, column, item)

    def row_texts(self) -> list[tuple[str, ...]]:
        """The report as shown: (row, lead, result, details) per line."""
        return [tuple(self.table.item(r, c).text() for c in range(4)) for r in range(self.table.rowCount())]

    def reject(self) -> None:
        if self._job is not None:
            return
        super().reject()

    def closeEvent(self, event) -> None:
        if self._job is not None:
            event.ignore()
            return
        super().closeEvent(event)
