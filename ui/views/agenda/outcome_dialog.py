"""OutcomeDialog: what a follow-up call attempt brought — the note (reschedule reason), for "call back later"
the time the customer asked for, and for "reached" the satisfaction score (asked for first, and required
unless the customer declines, on a satisfaction return visit) with the reason a score of 1–2 needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from crm.codes import AttemptOutcome, FollowUpPurpose
from crm.errors import CrmError, ValidationError
from crm.services.interactions import LOW_SCORES
from ui.customer_messages import code_label
from ui.formats import to_local
from ui.interaction_messages import message_for
from ui.views.interaction.satisfaction_picker import SatisfactionPicker
from ui.widgets.field_message import ERROR_COLOR, FieldMessage, fit_height


@dataclass(frozen=True)
class OutcomeValues:
    note: str
    reschedule_to: dt.datetime | None = None
    score: int | None = None
    reason: str = ""


# Saves the outcome (raising CrmError when the core refuses); what it returns is kept in ``saved``.
Save = Callable[[OutcomeValues], object]


class OutcomeDialog(QDialog):
    """With ``save`` the dialog saves on OK and stays open, the problem shown under its field, when refused."""

    def __init__(self, outcome: str, customer: str, default_time: dt.datetime | None,
                 parent: QWidget | None = None, *, purpose: str | None = None, save: Save | None = None) -> None:
        super().__init__(parent)
        self.outcome = outcome
        self.needs_time = outcome == AttemptOutcome.CALL_BACK_LATER
        self.asks_score = outcome == AttemptOutcome.REACHED
        self.score_expected = self.asks_score and purpose == FollowUpPurpose.SATISFACTION_VISIT
        self._save = save
        self.saved: object = None
        self.setWindowTitle(self.tr("Record Call Outcome"))
        layout = QVBoxLayout(self)
        self.summary = QLabel(self.tr("{outcome}: {customer}").format(
            outcome=code_label("attempt_outcome", outcome), customer=customer), self)
        layout.addWidget(self.summary)
        self.question = QLabel(self.tr("How satisfied is the customer with how the complaint was handled?"), self)
        self.question.setWordWrap(True)
        font = self.question.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.question.setFont(font)
        self.question.setVisible(self.score_expected)
        layout.addWidget(self.question)
        form = QFormLayout()
        self._add_score_rows(form)
        self.when = QDateTimeEdit(self)
        self.when.setCalendarPopup(True)
        self.when.setDateTime(to_local(default_time) if default_time else QDateTime.currentDateTime().addSecs(3600))
        self.when.setMinimumDateTime(QDateTime.currentDateTime())
        self.when.setVisible(self.needs_time)
        self.when_label = QLabel(self.tr("Call back &at:"), self)
        self.when_label.setBuddy(self.when)
        self.when_label.setVisible(self.needs_time)
        form.addRow(self.when_label, self.when)
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(self.tr("What the customer said, what was agreed…") if self.asks_score
                                     else self.tr("Reason for the new time, what was said…"))
        note_label = QLabel(self.tr("&Note:"), self)
        note_label.setBuddy(self.note)
        form.addRow(note_label, self.note)
        self.note_message = FieldMessage(self)
        form.addRow("", self.note_message)
        layout.addLayout(form)
        self.error_message = FieldMessage(self)
        layout.addWidget(self.error_message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self._update_reason_required()
        first = self.satisfaction.buttons[0] if self.score_expected else self.note
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _add_score_rows(self, form: QFormLayout) -> None:
        self.satisfaction = SatisfactionPicker(self)
        self.satisfaction.sig_changed.connect(self._on_satisfaction_changed)
        self.satisfaction_label = QLabel(self.tr("Satisfaction:"), self)
        self.satisfaction_label.setBuddy(self.satisfaction.buttons[0])
        self.satisfaction_message = FieldMessage(self)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setMaxLength(500)
        self.reason_edit.textChanged.connect(self._update_reason_required)
        self.reason_label = QLabel(self.tr("&Reason:"), self)
        self.reason_label.setBuddy(self.reason_edit)
        self.reason_message = FieldMessage(self)
        self.declined_check = QCheckBox(self.tr("The customer &declined to give a score"), self)
        self.declined_check.toggled.connect(self._on_declined_toggled)
        self.declined_check.setVisible(self.score_expected)
        for row in ((self.satisfaction_label, self.satisfaction), ("", self.declined_check),
                    ("", self.satisfaction_message), (self.reason_label, self.reason_edit),
                    ("", self.reason_message)):
            form.addRow(*row)
        for widget in (self.satisfaction_label, self.satisfaction, self.reason_label, self.reason_edit):
            widget.setVisible(self.asks_score)

    # --- values --------------------------------------------------------------------------------------

    def reschedule_to(self) -> dt.datetime | None:
        if not self.needs_time:
            return None
        return dt.datetime.fromtimestamp(self.when.dateTime().toSecsSinceEpoch(), dt.UTC).replace(second=0)

    def note_text(self) -> str:
        return self.note.toPlainText().strip()

    def score(self) -> int | None:
        return self.satisfaction.value() if self.asks_score else None

    def values(self) -> OutcomeValues:
        return OutcomeValues(self.note_text(), self.reschedule_to(), self.score(),
                             self.reason_edit.text().strip() if self.asks_score else "")

    # --- state ---------------------------------------------------------------------------------------

    def _on_satisfaction_changed(self, value: object) -> None:
        self.satisfaction_message.clear_message()
        if value is not None:
            self.declined_check.setChecked(False)
        self._update_reason_required()

    def _on_declined_toggled(self, checked: bool) -> None:
        if checked:
            self.satisfaction.set_value(None)
            self.satisfaction_message.clear_message()

    def _update_reason_required(self) -> None:
        required = self.score() in LOW_SCORES
        self.reason_label.setStyleSheet(f"color: {ERROR_COLOR.name()}; font-weight: bold;" if required else "")
        self.reason_edit.setPlaceholderText(
            self.tr("Required: why is the customer unhappy? A supervisor will call back.") if required
            else self.tr("Why this score (optional)"))
        if required and not self.reason_edit.text().strip():
            self.reason_message.show_message(message_for(ValidationError("reason_required")))
        else:
            self.reason_message.clear_message()
        fit_height(self)

    # --- saving --------------------------------------------------------------------------------------

    def accept(self) -> None:
        for message in (self.satisfaction_message, self.note_message, self.error_message):
            message.clear_message()
        if self.score_expected and self.score() is None and not self.declined_check.isChecked():
            self.satisfaction_message.show_message(self.tr(
                "Ask the customer for a score (Alt+1 … Alt+5), or tick that they declined to give one."))
            self.satisfaction.buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)
            fit_height(self)
            return
        if self._save is not None:
            try:
                self.saved = self._save(self.values())
            except ValidationError as exc:
                self._show_error(exc)
                fit_height(self)
                return
            except CrmError as exc:
                self.error_message.show_message(message_for(exc))
                fit_height(self)
                return
        super().accept()

    def _show_error(self, error: ValidationError) -> None:
        field = str(error.details.get("field", ""))
        message, widget = {
            "satisfaction_reason": (self.reason_message, self.reason_edit),
            "satisfaction": (self.satisfaction_message, self.satisfaction.buttons[0]),
            "score": (self.satisfaction_message, self.satisfaction.buttons[0]),
            "notes": (self.note_message, self.note),
            "note": (self.note_message, self.note),
            "reschedule_to": (self.error_message, self.when),
        }.get(field, (self.error_message, None))
        message.show_message(message_for(error))
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
