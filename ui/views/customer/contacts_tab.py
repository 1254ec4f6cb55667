"""ContactsTab: masked phones (with the reserved-mobile badge), cards, e-mails, addresses; add a phone."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from crm.errors import CrmError
from crm.models import StaffUser
from crm.services import customer_detail
from crm.services.customer_detail import CustomerDetail, PhoneRow
from crm.services.staff import SUPERVISOR_ROLES
from ui.customer_messages import code_label, error_message
from ui.views.customer.reveal_dialog import RevealDialog
from ui.widgets.chip import Chip
from ui.widgets.field_message import FieldMessage
from ui.widgets.masked_label import MaskedLabel

log = logging.getLogger(__name__)


def _clear(layout: QLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            item.widget().hide()
            item.widget().deleteLater()
        elif item.layout() is not None:
            _clear(item.layout())


class ContactsTab(QWidget):
    """Every identifier is shown masked (the core masks it); supervisors get one Reveal… per identifier."""

    sig_changed = Signal(int)  # customer id, after a phone was added or removed

    def __init__(self, actor: StaffUser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actor = actor
        self._detail: CustomerDetail | None = None
        self.reveal_dialog: RevealDialog | None = None
        self.reveal_buttons: dict[str, QPushButton] = {}
        self._build_ui()
        self.retranslateUi()

    def can_reveal(self) -> bool:
        return self._actor.role in SUPERVISOR_ROLES and self._actor.active

    def _build_ui(self) -> None:
        self.identity_box, self.phones_box = QGroupBox(self), QGroupBox(self)
        self.cards_box, self.emails_box, self.addresses_box = QGroupBox(self), QGroupBox(self), QGroupBox(self)
        self.identity_grid, self.phones_grid = QGridLayout(self.identity_box), QGridLayout()
        self.cards_grid = QGridLayout(self.cards_box)
        self.emails_layout = QVBoxLayout(self.emails_box)
        self.addresses_layout = QVBoxLayout(self.addresses_box)
        self.new_phone_edit = QLineEdit(self)
        self.new_phone_edit.setMaxLength(32)
        self.new_phone_edit.returnPressed.connect(self.add_phone)
        self.new_reserved_check = QCheckBox(self)
        self.add_phone_button = QPushButton(self)
        self.add_phone_button.clicked.connect(self.add_phone)
        self.phone_message = FieldMessage(self)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_phone_edit, 1)
        add_row.addWidget(self.new_reserved_check)
        add_row.addWidget(self.add_phone_button)
        phones_layout = QVBoxLayout(self.phones_box)
        phones_layout.addLayout(self.phones_grid)
        phones_layout.addLayout(add_row)
        phones_layout.addWidget(self.phone_message)
        for grid in (self.identity_grid, self.phones_grid, self.cards_grid):
            grid.setColumnStretch(5, 1)
            grid.setHorizontalSpacing(12)

        inner = QWidget(self)
        column = QVBoxLayout(inner)
        for box in (self.identity_box, self.phones_box, self.cards_box, self.emails_box, self.addresses_box):
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def retranslateUi(self) -> None:
        self.identity_box.setTitle(self.tr("Identity"))
        self.phones_box.setTitle(self.tr("Phone numbers"))
        self.cards_box.setTitle(self.tr("Cards"))
        self.emails_box.setTitle(self.tr("E-mail addresses"))
        self.addresses_box.setTitle(self.tr("Addresses"))
        self.new_phone_edit.setPlaceholderText(self.tr("New phone number, e.g. 138 1234 5678 or 010-6512 3456"))
        self.new_reserved_check.setText(self.tr("Reserved mobile"))
        self.new_reserved_check.setToolTip(self.tr("The mobile number the customer registered with the bank "
                                                   "(银行预留手机号); used for identity verification"))
        self.add_phone_button.setText(self.tr("&Add phone"))
        self._show_rows()

    def set_detail(self, detail: CustomerDetail | None) -> None:
        if detail is None or self._detail is None or detail.id != self._detail.id:
            self.new_phone_edit.clear()
            self.new_reserved_check.setChecked(False)
            self.phone_message.clear_message()
        self._detail = detail
        self.setEnabled(detail is not None)
        self._show_rows()

    # --- rows -----------------------------------------------------------------------------------

    def _show_rows(self) -> None:
        for layout in (self.identity_grid, self.phones_grid, self.cards_grid, self.emails_layout,
                       self.addresses_layout):
            _clear(layout)
        self.reveal_buttons = {}
        d = self._detail
        if d is None:
            return
        self._identity_rows(d)
        for row, phone in enumerate(d.phones):
            self._phone_row(row, phone)
        if not d.phones:
            self.phones_grid.addWidget(self._empty(self.tr("No phone number recorded")), 0, 0, 1, 6)
        for row, card in enumerate(d.cards):
            label = MaskedLabel("", self.cards_box)
            label.set_masked(card.masked, code_label("card_type", card.card_type))
            self.cards_grid.addWidget(label, row, 0)
            self.cards_grid.addWidget(QLabel(code_label("card_type", card.card_type), self.cards_box), row, 1)
            self._reveal_button(self.cards_grid, row, f"card:{card.id}", self.tr("card number"), card.masked)
        if not d.cards:
            self.cards_grid.addWidget(self._empty(self.tr("No card recorded")), 0, 0, 1, 6)
        for email in d.emails:
            self.emails_layout.addWidget(MaskedLabel(email, self.emails_box))
        if not d.emails:
            self.emails_layout.addWidget(self._empty(self.tr("No e-mail address recorded")))
        for address in d.addresses:
            label = QLabel(address, self.addresses_box)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.addresses_layout.addWidget(label)
        if not d.addresses:
            self.addresses_layout.addWidget(self._empty(self.tr("No address recorded")))

    def _identity_rows(self, d: CustomerDetail) -> None:
        box = self.identity_box
        self.identity_grid.addWidget(QLabel(self.tr("ID number"), box), 0, 0)
        id_label = MaskedLabel("", box)
        id_label.set_masked(d.id_masked or "—", self.tr("ID number (masked)") if d.id_masked else "")
        self.identity_grid.addWidget(id_label, 0, 1)
        if d.id_masked:
            self._reveal_button(self.identity_grid, 0, "id_number", self.tr("ID number"), d.id_masked)
        if d.agent_name:
            self.identity_grid.addWidget(QLabel(self.tr("Authorised agent"), box), 1, 0)
            relation = code_label("agent_relation", d.agent_relation)
            text = f"{d.agent_name} ({relation})" if relation else d.agent_name
            self.identity_grid.addWidget(QLabel(text, box), 1, 1)
            if d.agent_phone_masked:
                self.identity_grid.addWidget(MaskedLabel(d.agent_phone_masked, box), 1, 2)

    def _phone_row(self, row: int, phone: PhoneRow) -> None:
        box = self.phones_box
        kind = code_label("phone_kind", phone.kind)
        label = MaskedLabel("", box)
        label.set_masked(phone.masked, self.tr("Reserved mobile") if phone.is_reserved else kind)
        self.phones_grid.addWidget(label, row, 0)
        self.phones_grid.addWidget(QLabel(kind, box), row, 1)
        badges = QHBoxLayout()
        badges.setSpacing(4)
        if phone.is_reserved:
            chip = Chip("info", box)
            chip.show_text(self.tr("Reserved"))
            chip.setToolTip(self.tr("Reserved mobile (银行预留手机号): one of the three verification elements"))
            badges.addWidget(chip)
        if phone.is_primary:
            chip = Chip("neutral", box)
            chip.show_text(self.tr("Primary"))
            badges.addWidget(chip)
        badges.addStretch(1)
        self.phones_grid.addLayout(badges, row, 2)
        self._reveal_button(self.phones_grid, row, f"phone:{phone.id}", self.tr("phone number"), phone.masked)
        remove = QPushButton(self.tr("Remove…"), box)
        remove.setToolTip(self.tr("Remove {phone} from this customer").format(phone=phone.masked))
        remove.clicked.connect(lambda _=False, p=phone: self._on_remove_clicked(p))
        self.phones_grid.addWidget(remove, row, 4)

    def _reveal_button(self, grid: QGridLayout, row: int, field: str, what: str, masked: str) -> None:
        if not self.can_reveal():
            return
        button = QPushButton(self.tr("Reveal…"), grid.parentWidget() or self)
        button.setToolTip(self.tr("Show the full {what} (supervisors; a reason is required and audited)")
                          .format(what=what))
        button.clicked.connect(lambda _=False: self.open_reveal(field, what, masked))
        grid.addWidget(button, row, 3)
        self.reveal_buttons[field] = button

    def _empty(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setEnabled(False)
        return label

    # --- actions --------------------------------------------------------------------------------

    def open_reveal(self, field: str, what: str, masked: str) -> RevealDialog:
        """The reason-and-value dialog for one identifier; the core checks the role and audits."""
        if self.reveal_dialog is not None:
            self.reveal_dialog.close()
        dialog = RevealDialog(self._actor, self._detail.id, field, what, masked, self)
        dialog.destroyed.connect(lambda: setattr(self, "reveal_dialog", None))
        self.reveal_dialog = dialog
        dialog.open()
        return dialog

    def add_phone(self) -> bool:
        if self._detail is None:
            return False
        self.phone_message.clear_message()
        try:
            customer_detail.add_phone(self._actor, self._detail.id, self.new_phone_edit.text(),
                                      reserved=self.new_reserved_check.isChecked())
        except CrmError as exc:
            self.phone_message.show_message(error_message(exc, where=False))
            return False
        self.new_phone_edit.clear()
        self.new_reserved_check.setChecked(False)
        self.sig_changed.emit(self._detail.id)
        return True

    def _on_remove_clicked(self, phone: PhoneRow) -> None:
        answer = QMessageBox.question(
            self, self.tr("Remove phone number"),
            self.tr("Remove {phone} from this customer?").format(phone=phone.masked),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.remove_phone(phone.id)

    def remove_phone(self, phone_id: int) -> bool:
        try:
            customer_detail.remove_phone(self._actor, self._detail.id, phone_id)
        except CrmError as exc:
            self.phone_message.show_message(error_message(exc))
            return False
        self.sig_changed.emit(self._detail.id)
        return True

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
