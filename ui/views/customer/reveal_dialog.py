"""RevealDialog: a supervisor sees one identifier in full, after giving a reason the core audits."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm.errors import CrmError
from crm.models import StaffUser
from crm.services import verification
from ui.customer_messages import error_message
from ui.widgets.field_message import FieldMessage

log = logging.getLogger(__name__)


class RevealDialog(QDialog):
    """The full value lives only in this dialog's label, and is wiped when the dialog closes.

    ``field`` is the core's identifier key: ``id_number``, ``phone:<id>`` or ``card:<id>``; ``what`` and
    ``masked`` say which identifier it is without revealing it.
    """

    def __init__(self, actor: StaffUser, customer_id: int, field: str, what: str, masked: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._actor = actor
        self._customer_id = customer_id
        self._field = field
        self.setWindowTitle(self.tr("Reveal {what}").format(what=what))
        intro = QLabel(self.tr("You are about to see the full {what} {masked}. Reveals are recorded in the "
                               "audit log with your name and the reason.").format(what=what, masked=masked), self)
        intro.setWordWrap(True)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText(self.tr("e.g. customer asked to confirm the card on file"))
        self.reason_edit.setMaxLength(200)
        self.reason_message = FieldMessage(self)
        self.value_label = QLabel(self)
        font = QFont(self.value_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        font.setFamilies(["monospace", *font.families()])
        self.value_label.setFont(font)
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.value_label.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.value_label.setVisible(False)
        form = QFormLayout()
        reason_label = QLabel(self.tr("&Reason:"), self)
        reason_label.setBuddy(self.reason_edit)
        form.addRow(reason_label, self.reason_edit)
        form.addRow("", self.reason_message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.reveal_button = QPushButton(self.tr("&Reveal"), self)
        self.buttons.addButton(self.reveal_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.reveal_button.setDefault(True)
        self.reveal_button.clicked.connect(self.reveal)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.value_label, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.buttons)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # the wrapped intro never clips
        self.setMinimumWidth(460)

    def reveal(self) -> bool:
        self.reason_message.clear_message()
        try:
            value = verification.reveal(self._actor, self._customer_id, self._field, self.reason_edit.text())
        except CrmError as exc:
            log.info("reveal of %s refused: %s", self._field.split(":", 1)[0], exc.code)
            self.reason_message.show_message(error_message(exc, where=exc.details.get("field") != "reason"))
            return False
        self.value_label.setText(value)
        self.value_label.setVisible(True)
        self.reason_edit.setReadOnly(True)
        self.reveal_button.setEnabled(False)
        self.adjustSize()
        return True

    def revealed(self) -> bool:
        return self.value_label.isVisible()

    def done(self, result: int) -> None:
        self.value_label.clear()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.value_label.clear()
        super().closeEvent(event)
