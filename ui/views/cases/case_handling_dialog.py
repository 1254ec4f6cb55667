"""CaseHandlingDialog: who handles a complaint case, which department is responsible for it, and whom the
customer complained about (回避: that employee may never handle it). Saved together, or not at all."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget)

from crm.errors import CrmError, ValidationError
from crm.models import StaffUser
from crm.services import cases
from crm.services.cases import CaseRow
from crm.services.staff import StaffRow, list_staff
from ui.views.cases.case_labels import message_for
from ui.widgets.field_message import FieldMessage, fit_height

NOBODY = -1  # the accused-employee choice "nobody named"


class CaseHandlingDialog(QDialog):
    """Save calls ``cases.change_handling`` with what changed; ``changed_case`` is the case afterwards."""

    def __init__(self, actor: StaffUser, case: CaseRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actor = actor
        self._case = case
        self.changed_case: CaseRow | None = None
        self.setWindowTitle(self.tr("Case Handling — {case_no}").format(case_no=case.case_no))
        staff = list_staff(include=(case.owner_id, case.accused_staff_id))
        self.owner_combo = QComboBox(self)
        self._fill_staff(self.owner_combo, staff, case.owner_id)
        self.department_combo = QComboBox(self)
        if case.department is None:
            self.department_combo.addItem(self.tr("(not set)"), None)
        for _id, name in cases.departments():
            self.department_combo.addItem(name, name)
        self.department_combo.setCurrentIndex(max(0, self.department_combo.findData(case.department)))
        self.accused_combo = QComboBox(self)
        self.accused_combo.addItem(self.tr("(nobody named)"), NOBODY)
        self._fill_staff(self.accused_combo, staff, case.accused_staff_id if case.accused_staff_id else NOBODY)
        self.messages = {name: FieldMessage(self) for name in ("owner", "department", "accused_staff")}
        self.error_message = FieldMessage(self)
        self.rule_label = QLabel(self.tr(
            "The employee the customer complained about may never handle the complaint."), self)
        self.rule_label.setWordWrap(True)
        form = QFormLayout()
        for text, combo, name in ((self.tr("Handled &by:"), self.owner_combo, "owner"),
                                  (self.tr("Responsible &department:"), self.department_combo, "department"),
                                  (self.tr("Complaint &about:"), self.accused_combo, "accused_staff")):
            label = QLabel(text, self)
            label.setBuddy(combo)
            form.addRow(label, combo)
            form.addRow("", self.messages[name])
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rule_label)
        layout.addLayout(form)
        layout.addWidget(self.error_message)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        for combo in (self.owner_combo, self.accused_combo):
            combo.currentIndexChanged.connect(self._on_staff_changed)

    def _fill_staff(self, combo: QComboBox, staff: list[StaffRow], current: int | None) -> None:
        for person in staff:
            text = person.display_name if person.active else self.tr("{name} (inactive)").format(
                name=person.display_name)
            combo.addItem(text, person.id)
        combo.setCurrentIndex(max(0, combo.findData(current)))

    def select(self, *, owner: int | None = None, department: str | None = None,
               accused: int | None = None) -> None:
        """Choose values as the user would (tests; ``accused=NOBODY`` for nobody)."""
        for combo, value in ((self.owner_combo, owner), (self.department_combo, department),
                             (self.accused_combo, accused)):
            if value is not None:
                combo.setCurrentIndex(combo.findData(value))

    def _on_staff_changed(self, _index: int) -> None:
        """Say at once when the chosen handler is the accused employee (the core refuses it on save)."""
        for message in (self.messages["owner"], self.messages["accused_staff"]):
            message.clear_message()
        if self.owner_combo.currentData() == self.accused_combo.currentData():
            self._message_for_accused().show_message(message_for(ValidationError("accused_cannot_handle")))
            fit_height(self)

    def _message_for_accused(self) -> FieldMessage:
        """Under the choice that was changed (the handler when both were)."""
        return self.messages["accused_staff" if "owner" not in self._changes() else "owner"]

    def _changes(self) -> dict:
        case = self._case
        changes = {}
        owner = self.owner_combo.currentData()
        if owner is not None and owner != case.owner_id:
            changes["owner"] = owner
        department = self.department_combo.currentData()
        if department is not None and department != case.department:
            changes["department"] = department
        accused = self.accused_combo.currentData()
        accused = None if accused == NOBODY else accused
        if accused != case.accused_staff_id:
            changes["accused_staff"] = accused
        return changes

    def accept(self) -> None:
        for message in (*self.messages.values(), self.error_message):
            message.clear_message()
        changes = self._changes()
        if not changes:
            super().reject()
            return
        try:
            self.changed_case = cases.change_handling(self._actor, self._case.id, expected_version=self._case.version,
                                                      **changes)
        except ValidationError as exc:
            self._show_error(exc)
            return
        except CrmError as exc:
            self.error_message.show_message(message_for(exc))
            return
        super().accept()

    def _show_error(self, error: ValidationError) -> None:
        field = str(error.details.get("field", ""))
        if error.code == "accused_cannot_handle":
            field = "accused_staff" if "owner" not in self._changes() else "owner"
        self.messages.get(field, self.error_message).show_message(message_for(error))
        fit_height(self)
        combo = {"owner": self.owner_combo, "department": self.department_combo,
                 "accused_staff": self.accused_combo}.get(field)
        if combo is not None:
            combo.setFocus(Qt.FocusReason.OtherFocusReason)
