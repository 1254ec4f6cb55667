"""VerificationPanel: the three elements (身份三要素) typed as the caller says them; match / no match only."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm.errors import CrmError, PermissionDenied, ValidationError
from crm.models import StaffUser
from crm.services import verification
from crm.services.verification import VerificationResult
from ui.customer_messages import code_label, error_message
from ui.formats import format_instant
from ui.widgets.field_message import FieldMessage

log = logging.getLogger(__name__)

MATCH_COLOR = QColor("#1d6b2c")
MISMATCH_COLOR = QColor("#b3261e")
THIRD_CARD = "card_number"
THIRD_MOBILE = "reserved_mobile"


def _colored(label: QLabel, color: QColor) -> None:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, color)
    label.setPalette(palette)


class VerificationPanel(QGroupBox):
    """Asks the core whether what the caller says matches; never shows or pre-fills a stored value.

    The attempts made during the current call are kept (``attempt_ids``) so the saved interaction can
    link them; ``clear_call_state`` forgets them once the call is logged, because a verification is valid
    for that one interaction only.
    """

    sig_status_changed = Signal(str)  # VerificationStatus code of the current call

    def __init__(self, actor: StaffUser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actor = actor
        self._customer_id: int | None = None
        self._attempts: list[int] = []
        self._last: VerificationResult | None = None
        self._last_at: dt.datetime | None = None
        self._locked_until: dt.datetime | None = None
        self._unlock_timer = QTimer(self)
        self._unlock_timer.setSingleShot(True)
        self._unlock_timer.timeout.connect(self._refresh_lock)
        self._build_ui()
        self.retranslateUi()
        self._show_state()

    def _build_ui(self) -> None:
        self.name_edit = QLineEdit(self)
        self.id_edit = QLineEdit(self)
        self.id_edit.setMaxLength(24)
        self.third_kind = QComboBox(self)
        self.third_kind.addItem("", THIRD_CARD)
        self.third_kind.addItem("", THIRD_MOBILE)
        self.third_edit = QLineEdit(self)
        self.third_edit.setMaxLength(32)
        self._name_label, self._id_label = QLabel(self), QLabel(self)
        self.results = {key: QLabel(self) for key in ("name", "id_number", "third")}
        self.messages = {key: FieldMessage(self) for key in ("name", "id_number", "card_or_mobile")}
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        rows = ((self._name_label, self.name_edit, "name", "name"),
                (self._id_label, self.id_edit, "id_number", "id_number"),
                (self.third_kind, self.third_edit, "third", "card_or_mobile"))
        # Name, then the ID number, then card or mobile: the order in which callers are usually asked.
        # The answer goes under its field, so the panel stays usable in a narrow column.
        for row, (label, edit, result, message) in enumerate(rows):
            grid.addWidget(label, row * 2, 0)
            grid.addWidget(edit, row * 2, 1)
            under = QHBoxLayout()
            under.setContentsMargins(0, 0, 0, 0)
            under.addWidget(self.results[result])
            under.addWidget(self.messages[message], 1)
            grid.addLayout(under, row * 2 + 1, 1)
            self.results[result].setVisible(False)
            if isinstance(label, QLabel):
                label.setBuddy(edit)
            edit.returnPressed.connect(self._on_verify_clicked)
        grid.setColumnStretch(1, 1)
        self.verify_button = QPushButton(self)
        self.verify_button.clicked.connect(self._on_verify_clicked)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.lock_message = FieldMessage(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.status_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addWidget(self.lock_message)
        self.third_kind.currentIndexChanged.connect(self._on_third_kind_changed)

    def retranslateUi(self) -> None:
        self.setTitle(self.tr("Identity verification"))
        self._name_label.setText(self.tr("&Name"))
        self._id_label.setText(self.tr("&ID number"))
        self.third_kind.setItemText(0, self.tr("Card number"))
        self.third_kind.setItemText(1, self.tr("Reserved mobile"))
        self.name_edit.setPlaceholderText(self.tr("As the caller says it"))
        self.id_edit.setPlaceholderText(self.tr("18 characters"))
        self._on_third_kind_changed()
        self.verify_button.setText(self.tr("&Verify"))
        self.verify_button.setToolTip(self.tr("Check what the caller said (Enter); the stored values are "
                                              "never shown"))
        self._show_state()

    def _on_third_kind_changed(self) -> None:
        mobile = self.third_kind.currentData() == THIRD_MOBILE
        self.third_edit.setPlaceholderText(self.tr("11-digit mobile number registered with the bank") if mobile
                                           else self.tr("Any of the customer's card numbers"))

    # --- public ----------------------------------------------------------------------------------

    def set_customer(self, customer_id: int | None) -> None:
        """Verify ``customer_id``; a different customer starts a fresh call state."""
        if customer_id != self._customer_id:
            self._customer_id = customer_id
            self._forget()
        self._refresh_lock()

    def attempt_ids(self) -> tuple[int, ...]:
        return tuple(self._attempts)

    def status(self) -> str:
        """The current call's verification: the latest attempt's outcome, or not_done."""
        return self._last.status if self._last is not None else "not_done"

    def clear_call_state(self) -> None:
        """The call was logged: its verification does not carry over to the next interaction."""
        self._forget()
        self._refresh_lock()

    # --- verifying -------------------------------------------------------------------------------

    def _on_verify_clicked(self) -> None:
        if self._customer_id is None or not self.verify_button.isEnabled():
            return
        for message in self.messages.values():
            message.clear_message()
        try:
            result = verification.verify(
                self._actor, self._customer_id, name=self.name_edit.text(), id_number=self.id_edit.text(),
                card_or_mobile=self.third_edit.text())
        except ValidationError as exc:
            target = self.messages.get(str(exc.details.get("field")), self.messages["name"])
            target.show_message(error_message(exc, where=False))
            return
        except PermissionDenied as exc:
            if exc.code == "verification_locked":
                self._refresh_lock()
            else:
                self.lock_message.show_message(error_message(exc))
            return
        except CrmError as exc:
            log.warning("verification failed: %s", exc)
            self.lock_message.show_message(error_message(exc))
            return
        self._attempts.append(result.attempt_id)
        self._last = result
        # The core tells a mobile from a card by its digits: show which one it checked.
        checked = THIRD_MOBILE if THIRD_MOBILE in result.elements else THIRD_CARD
        self.third_kind.setCurrentIndex(self.third_kind.findData(checked))
        self._last_at = dt.datetime.now(dt.UTC)
        # What the caller said is not kept on screen longer than needed.
        self.id_edit.clear()
        self.third_edit.clear()
        self._refresh_lock()
        self.sig_status_changed.emit(result.status)

    def _forget(self) -> None:
        changed = self._last is not None
        self._attempts = []
        self._last = None
        for edit in (self.name_edit, self.id_edit, self.third_edit):
            edit.clear()
        for message in self.messages.values():
            message.clear_message()
        self._show_state()
        if changed:
            self.sig_status_changed.emit("not_done")

    def _refresh_lock(self) -> None:
        self._locked_until = verification.locked_until(self._customer_id) if self._customer_id else None
        self._unlock_timer.stop()
        if self._locked_until is not None:
            wait_ms = (self._locked_until - dt.datetime.now(dt.UTC)).total_seconds() * 1000
            self._unlock_timer.start(max(1000, min(int(wait_ms) + 1000, 2**31 - 1)))
        self._show_state()

    # --- display ---------------------------------------------------------------------------------

    def _show_state(self) -> None:
        locked = self._locked_until is not None
        usable = self._customer_id is not None and not locked
        for widget in (self.name_edit, self.id_edit, self.third_kind, self.third_edit, self.verify_button):
            widget.setEnabled(usable)
        if locked:
            self.lock_message.show_message(error_message(
                PermissionDenied("verification_locked", until=self._locked_until.isoformat())))
        else:
            self.lock_message.clear_message()
        self._show_results()

    def _show_results(self) -> None:
        result = self._last
        elements = result.elements if result else {}
        third = next((k for k in (THIRD_CARD, THIRD_MOBILE) if k in elements), None)
        for key, element in (("name", "name"), ("id_number", "id_number"), ("third", third)):
            label = self.results[key]
            if element is None or element not in elements:
                label.clear()
                label.setVisible(False)
                continue
            label.setVisible(True)
            matched = elements[element]
            label.setText(self.tr("✓ Matches") if matched else self.tr("✗ Does not match"))
            label.setToolTip(code_label("verification_element", element))
            _colored(label, MATCH_COLOR if matched else MISMATCH_COLOR)
        if result is None:
            self.status_label.setText(self.tr("Not verified in this call"))
            _colored(self.status_label, self.palette().color(QPalette.ColorRole.PlaceholderText))
            return
        text = code_label("verification", result.status)
        if not result.success and result.failures_left:
            text = self.tr("{status} · attempts left before the lock: {left}").format(
                status=text, left=result.failures_left)
        self.status_label.setText(text)
        self.status_label.setToolTip(self.tr("Attempts in this call: {count}; the last at {time}").format(
            count=len(self._attempts), time=format_instant(self._last_at)))
        _colored(self.status_label, MATCH_COLOR if result.success else MISMATCH_COLOR)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
