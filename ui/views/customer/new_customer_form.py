"""NewCustomerForm: record a caller who is not in the CRM yet (the incoming number is filled in)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm import identifiers
from crm.errors import CrmError, ValidationError
from crm.models import StaffUser
from crm.services import customers
from crm.services.customers import NewCustomer
from ui.customer_messages import code_choices, error_message
from ui.widgets.field_message import FieldMessage

log = logging.getLogger(__name__)

# Core field names (before any "[n]") → the message label under the matching input.
FIELD_KEYS = ("name", "phones", "reserved_phone", "id_number", "cards", "segment")


def _require_name(name: str) -> None:
    if not name.split():
        raise ValidationError("required", field="name")


class NewCustomerForm(QWidget):
    sig_created = Signal(int, tuple)  # new customer id, the core's warnings (e.g. "cards[0]:luhn")
    sig_cancelled = Signal()

    def __init__(self, actor: StaffUser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actor = actor
        self.title = QLabel(self)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(customers.MAX_NAME)
        self.phone_edit = QLineEdit(self)
        self.reserved_edit = QLineEdit(self)
        self.id_edit = QLineEdit(self)
        self.id_edit.setMaxLength(24)
        self.card_edit = QLineEdit(self)
        self.card_edit.setMaxLength(32)
        self.card_type_combo = QComboBox(self)
        self.segment_combo = QComboBox(self)
        self.messages = {key: FieldMessage(self) for key in FIELD_KEYS}
        self.general_message = FieldMessage(self)
        self.create_button = QPushButton(self)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.sig_cancelled)

        card_row = QHBoxLayout()
        card_row.addWidget(self.card_edit, 3)
        card_row.addWidget(self.card_type_combo, 1)
        fields = (("name", self.name_edit), ("phones", self.phone_edit), ("reserved_phone", self.reserved_edit),
                  ("id_number", self.id_edit), ("cards", card_row), ("segment", self.segment_combo))
        self.labels = {key: QLabel(self) for key, _ in fields}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, field in fields:
            box = QVBoxLayout()
            box.setSpacing(2)
            if isinstance(field, QWidget):
                box.addWidget(field)
                self.labels[key].setBuddy(field)
            else:
                box.addLayout(field)
                self.labels[key].setBuddy(self.card_edit)
            box.addWidget(self.messages[key])
            form.addRow(self.labels[key], box)
        for edit in (self.name_edit, self.phone_edit, self.reserved_edit, self.id_edit, self.card_edit):
            edit.returnPressed.connect(self.create)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.create_button)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        column = QVBoxLayout()
        column.addWidget(self.title)
        column.addWidget(self.hint)
        column.addLayout(form)
        column.addWidget(self.general_message)
        column.addLayout(buttons)
        column.addStretch(1)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.addLayout(column, 3)
        outer.addStretch(1)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.title.setText(self.tr("New customer"))
        self.hint.setText(self.tr("Only the name is required. Numbers are checked when you press Create; they "
                                  "are stored encrypted and shown masked."))
        texts = {"name": self.tr("&Name"), "phones": self.tr("&Phone"),
                 "reserved_phone": self.tr("&Reserved mobile"), "id_number": self.tr("&ID number"),
                 "cards": self.tr("&Card number"), "segment": self.tr("Se&gment")}
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.reserved_edit.setPlaceholderText(self.tr("The mobile registered with the bank (银行预留手机号)"))
        self.id_edit.setPlaceholderText(self.tr("Resident ID, 18 characters"))
        self.create_button.setText(self.tr("C&reate"))
        self.cancel_button.setText(self.tr("Cancel"))
        for combo, kind in ((self.card_type_combo, "card_type"), (self.segment_combo, "segment")):
            current = combo.currentData()
            combo.clear()
            for code, text in code_choices(kind):
                combo.addItem(text, code)
            combo.setCurrentIndex(max(0, combo.findData(current)))

    def start(self, phone: str = "") -> None:
        """A fresh form; ``phone`` is the caller's number as the telephony system gave it."""
        for edit in (self.name_edit, self.reserved_edit, self.id_edit, self.card_edit):
            edit.clear()
        self.phone_edit.setText(phone.strip())
        self.segment_combo.setCurrentIndex(0)
        self.card_type_combo.setCurrentIndex(0)
        self._clear_messages()
        self.name_edit.setFocus()

    def _clear_messages(self) -> None:
        for message in (*self.messages.values(), self.general_message):
            message.clear_message()

    def new_customer(self) -> NewCustomer:
        card = self.card_edit.text().strip()
        phone = self.phone_edit.text().strip()
        return NewCustomer(
            name=self.name_edit.text(), phones=(phone,) if phone else (),
            reserved_phone=self.reserved_edit.text().strip() or None, id_number=self.id_edit.text().strip() or None,
            cards=((card, self.card_type_combo.currentData()),) if card else (),
            segment=self.segment_combo.currentData())

    def _precheck(self, data: NewCustomer) -> bool:
        """Every field on its own (the core stops at the first problem): show all problems at once."""
        checks: list[tuple[str, Callable[[], object]]] = [("name", lambda: _require_name(data.name))]
        checks += [("phones", lambda p=p, i=i: identifiers.normalize_phone(p, field=f"phones[{i}]"))
                   for i, p in enumerate(data.phones)]
        if data.reserved_phone:
            checks.append(("reserved_phone",
                           lambda: identifiers.normalize_phone(data.reserved_phone, field="reserved_phone")))
        if data.id_number:
            checks.append(("id_number", lambda: identifiers.normalize_resident_id(data.id_number)))
        checks += [("cards", lambda n=n, i=i: identifiers.normalize_card(n, field=f"cards[{i}]"))
                   for i, (n, _t) in enumerate(data.cards)]
        ok = True
        for key, check in checks:
            try:
                check()
            except CrmError as exc:
                self.messages[key].show_message(error_message(exc, where=False))
                ok = False
        return ok

    def create(self) -> int | None:
        self._clear_messages()
        if not self._precheck(self.new_customer()):
            return None
        try:
            summary = customers.create_customer(self._actor, self.new_customer())
        except CrmError as exc:
            field = str(exc.details.get("field", "")).split("[", 1)[0]
            target = self.messages.get(field)
            if target is not None:
                target.show_message(error_message(exc, where=False))
            else:
                self.general_message.show_message(error_message(exc))
            return None
        self.sig_created.emit(summary.id, tuple(summary.warnings))
        return summary.id

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
