"""CaseOpenDialog: open a complaint case (投诉工单) from a call, then show its number and deadline."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from crm.codes import CaseSeverity
from crm.errors import CrmError, ValidationError
from crm.models import StaffUser
from crm.services import cases
from ui import i18n
from ui.interaction_messages import message_for
from ui.views.interaction import labels
from ui.views.interaction.auth_data_watch import AuthDataWatch
from ui.views.interaction.when import local_text
from ui.widgets.field_message import FieldMessage

MAX_SUMMARY = 200


class CaseOpenDialog(QDialog):
    """Open fills in the case; the dialog then shows the case number and deadline and offers Close."""

    _built = False  # LanguageChange can arrive before __init__ has made the widgets

    def __init__(self, actor: StaffUser, customer_id: int, interaction_id: int | None, summary: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actor = actor
        self._customer_id = customer_id
        self._interaction_id = interaction_id
        self._categories = cases.categories()  # (id, code, name_zh, name_en), a few rows
        self._case_id: int | None = None
        self._case_no = ""
        self._resolution_due = None
        self._build_ui()
        self.retranslateUi()
        self.summary_edit.setText(summary[:MAX_SUMMARY])  # no category preselected: a default goes unnoticed
        self._built = True

    def _build_ui(self) -> None:
        self.category_combo = QComboBox(self)
        self.category_message = FieldMessage(self)
        self.severity_combo = QComboBox(self)
        self.severity_message = FieldMessage(self)
        self.summary_edit = QLineEdit(self)
        self.summary_edit.setMaxLength(MAX_SUMMARY)
        self.summary_message = FieldMessage(self)
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMinimumHeight(self.description_edit.fontMetrics().lineSpacing() * 5 + 12)
        self.description_message = FieldMessage(self)
        self._description_watch = AuthDataWatch(self.description_edit, self.description_message)
        self.link_label = QLabel(self)
        self.link_label.setWordWrap(True)
        self._labels = [QLabel(self) for _ in range(4)]
        form = QFormLayout()
        for label, field, message in zip(self._labels, (
                self.category_combo, self.severity_combo, self.summary_edit, self.description_edit), (
                self.category_message, self.severity_message, self.summary_message, self.description_message),
                strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
            form.addRow("", message)
        self._fields = QWidget(self)
        self._fields.setLayout(form)

        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.result_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.result_label.setFont(font)
        self.result_label.setVisible(False)
        self.error_message = FieldMessage(self)

        self._buttons = QDialogButtonBox(self)
        self.open_button = QPushButton(self)
        self.open_button.setDefault(True)
        self._buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.link_label)
        layout.addWidget(self._fields)
        layout.addWidget(self.result_label)
        layout.addWidget(self.error_message)
        layout.addStretch(1)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(520)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Open a Complaint Case"))
        chinese = i18n.current_language() == i18n.CHINESE
        current = self.category_combo.currentData()
        self.category_combo.clear()
        for _id, code, name_zh, name_en in self._categories:
            self.category_combo.addItem(name_zh if chinese else name_en, code)
        self.category_combo.setCurrentIndex(-1)
        if current is not None:
            labels.select_code(self.category_combo, current)
        had_severity = self.severity_combo.count() > 0
        labels.fill_combo(self.severity_combo, labels.SEVERITIES)
        if not had_severity:
            labels.select_code(self.severity_combo, CaseSeverity.MEDIUM)
        for label, text in zip(self._labels, (self.tr("&Category:"), self.tr("Se&verity:"), self.tr("S&ummary:"),
                                              self.tr("&Description:")), strict=True):
            label.setText(text)
        self.category_combo.setPlaceholderText(self.tr("Choose…"))
        self.summary_edit.setPlaceholderText(self.tr("One line: what the customer complains about"))
        self.description_edit.setPlaceholderText(self.tr(
            "The facts: what happened, when, what the customer expects"))
        self.link_label.setText(
            self.tr("The case will be linked to the call just saved.") if self._interaction_id is not None
            else self.tr("The case will not be linked to a call."))
        self.open_button.setText(self.tr("&Close") if self._case_id is not None else self.tr("&Open Case"))
        self._description_watch.retranslate()
        if self._case_id is not None:
            self._show_result()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslateUi()
        super().changeEvent(event)

    def case_id(self) -> int | None:
        return self._case_id

    def case_no(self) -> str:
        return self._case_no

    def accept(self) -> None:
        """First press opens the case and shows its number; the second (Close) closes the dialog."""
        if self._case_id is not None:
            super().accept()
            return
        for message in (self.category_message, self.severity_message, self.summary_message, self.error_message):
            message.clear_message()
        if self._description_watch.check_now():
            self._description_watch.select_first()
            return
        if self.category_combo.currentIndex() < 0:
            self._show_error(ValidationError("required", field="category"))
            return
        try:
            case = cases.open_case(self._actor, self._customer_id, self.category_combo.currentData() or "",
                                   self.summary_edit.text(), description=self.description_edit.toPlainText().strip(),
                                   interaction_id=self._interaction_id,
                                   severity=self.severity_combo.currentData() or CaseSeverity.MEDIUM)
        except ValidationError as exc:
            self._show_error(exc)
            return
        except CrmError as exc:
            self.error_message.show_message(message_for(exc))
            return
        self._case_id, self._case_no, self._resolution_due = case.id, case.case_no, case.resolution_due
        self._fields.setEnabled(False)
        self.cancel_button.setVisible(False)
        self.retranslateUi()
        self.open_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def reject(self) -> None:
        # Escape after the case exists still reports it: the case is saved whatever the key.
        if self._case_id is not None:
            super().accept()
        else:
            super().reject()

    def _show_result(self) -> None:
        self.result_label.setText(self.tr(
            "Complaint case <b>{case_no}</b> is open. Reply to the customer by <b>{due}</b>.").format(
            case_no=self._case_no, due=local_text(self._resolution_due)))
        self.result_label.setVisible(True)

    def _show_error(self, error: ValidationError) -> None:
        field = str(error.details.get("field"))
        target = {"category": (self.category_message, self.category_combo),
                  "severity": (self.severity_message, self.severity_combo),
                  "summary": (self.summary_message, self.summary_edit)}.get(field, (self.error_message, None))
        target[0].show_message(message_for(error))
        if target[1] is not None:
            target[1].setFocus(Qt.FocusReason.OtherFocusReason)
