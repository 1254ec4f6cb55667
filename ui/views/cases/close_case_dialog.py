"""CloseCaseDialog: close a resolved complaint case with its resolution, root cause (溯源), corrective action
(整改) and the customer told of their further channels; what is missing is said under each field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit,
                               QVBoxLayout, QWidget)

from crm.errors import CrmError, ValidationError
from crm.models import StaffUser
from crm.services import case_workflow
from crm.services.cases import CaseRow
from ui.views.cases.case_labels import message_for
from ui.widgets.field_message import FieldMessage


class CloseCaseDialog(QDialog):
    """Accept closes the case (and so schedules the satisfaction return visit); the case is then locked."""

    def __init__(self, actor: StaffUser, case: CaseRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actor = actor
        self._case = case
        self.setWindowTitle(self.tr("Close Case {case_no}").format(case_no=case.case_no))
        self.resolution_edit = self._text_edit(case.resolution)
        self.root_cause_edit = self._text_edit()
        self.corrective_edit = self._text_edit()
        self.channels_check = QCheckBox(self.tr(
            "The customer was told of further channels (e.g. the regulator's hotline 12378)"), self)
        self.messages = {name: FieldMessage(self) for name in
                         ("resolution", "root_cause", "corrective_action", "further_channels_told")}
        self.error_message = FieldMessage(self)
        form = QFormLayout()
        for text, field, name in ((self.tr("&Resolution:"), self.resolution_edit, "resolution"),
                                  (self.tr("Root &cause:"), self.root_cause_edit, "root_cause"),
                                  (self.tr("Corrective &action:"), self.corrective_edit, "corrective_action")):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
            form.addRow("", self.messages[name])
        form.addRow("", self.channels_check)
        form.addRow("", self.messages["further_channels_told"])
        buttons = QDialogButtonBox(self)
        self.close_button = buttons.addButton(self.tr("Close &Case"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_message)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.closed_case: CaseRow | None = None

    def _text_edit(self, text: str = "") -> QPlainTextEdit:
        edit = QPlainTextEdit(text, self)
        edit.setTabChangesFocus(True)
        edit.setMaximumHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
        return edit

    def accept(self) -> None:
        for message in (*self.messages.values(), self.error_message):
            message.clear_message()
        values = {"resolution": self.resolution_edit.toPlainText().strip(),
                  "root_cause": self.root_cause_edit.toPlainText().strip(),
                  "corrective_action": self.corrective_edit.toPlainText().strip()}
        missing = [name for name, value in values.items() if not value]
        for name in missing:  # every missing field at once, not one per attempt
            self.messages[name].show_message(message_for(ValidationError("required", field=name)))
        if not self.channels_check.isChecked():
            missing.append("further_channels_told")
            self.messages["further_channels_told"].show_message(self.tr(
                "Tell the customer where else they can turn, then tick this."))
        if missing:
            self._focus(missing[0])
            return
        try:
            self.closed_case = case_workflow.close_case(
                self._actor, self._case.id, root_cause=values["root_cause"],
                corrective_action=values["corrective_action"], further_channels_told=True,
                resolution=values["resolution"], expected_version=self._case.version)
        except ValidationError as exc:
            field = str(exc.details.get("field"))
            self.messages.get(field, self.error_message).show_message(message_for(exc))
            return
        except CrmError as exc:
            self.error_message.show_message(message_for(exc))
            return
        super().accept()

    def _focus(self, name: str) -> None:
        widget = {"resolution": self.resolution_edit, "root_cause": self.root_cause_edit,
                  "corrective_action": self.corrective_edit}.get(name, self.channels_check)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
