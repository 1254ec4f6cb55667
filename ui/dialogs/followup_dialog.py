"""FollowUpDialog: promise the customer a call back (预约回访) — when, why, and a note."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, QDateTime, QEvent, Qt, QTime
from PySide6.QtWidgets import (QComboBox, QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from crm.errors import CrmError, ValidationError
from crm.models import StaffUser
from crm.services import followups
from ui.interaction_messages import message_for
from ui.views.interaction import labels
from ui.views.interaction.auth_data_watch import AuthDataWatch
from ui.views.interaction.when import local_text, to_utc
from ui.widgets.field_message import FieldMessage

MORNING = QTime(10, 0)
ROUND_MINUTES = 5


def tomorrow_morning(now: QDateTime) -> QDateTime:
    return QDateTime(now.date().addDays(1), MORNING)


def in_two_hours(now: QDateTime) -> QDateTime:
    """Two hours from now, rounded up to the next five minutes (nobody promises 15:37)."""
    later = now.addSecs(2 * 3600)
    minute = later.time().minute()
    extra = (-minute) % ROUND_MINUTES
    rounded = later.addSecs(extra * 60)
    return QDateTime(rounded.date(), QTime(rounded.time().hour(), rounded.time().minute()))


def next_monday(now: QDateTime) -> QDateTime:
    days = 8 - now.date().dayOfWeek()  # Monday is 1: from a Monday, the Monday after
    return QDateTime(now.date().addDays(days), MORNING)


class FollowUpDialog(QDialog):
    """On Schedule the follow-up is saved; ``followup_id()`` and ``due_text()`` describe it."""

    _built = False  # LanguageChange can arrive before __init__ has made the widgets

    def __init__(self, actor: StaffUser, customer_id: int, interaction_id: int | None = None,
                 parent: QWidget | None = None, *, purpose: str | None = None, case_id: int | None = None,
                 now: Callable[[], QDateTime] = QDateTime.currentDateTime) -> None:
        super().__init__(parent)
        self._actor = actor
        self._customer_id = customer_id
        self._interaction_id = interaction_id
        self._case_id = case_id
        self._now = now
        self._followup_id: int | None = None
        self._build_ui()
        self.retranslateUi()
        if purpose:
            labels.select_code(self.purpose_combo, purpose)
        self.due_edit.setDateTime(tomorrow_morning(now()))
        self._built = True

    def _build_ui(self) -> None:
        self.due_edit = QDateTimeEdit(self)
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("yyyy-MM-dd ddd HH:mm")
        self.due_edit.setMinimumDate(QDate(2000, 1, 1))
        self.due_edit.dateTimeChanged.connect(lambda _v: self.due_message.clear_message())
        self.tomorrow_button = QPushButton(self)
        self.two_hours_button = QPushButton(self)
        self.monday_button = QPushButton(self)
        quick = QHBoxLayout()
        quick.setContentsMargins(0, 0, 0, 0)
        for button, pick in ((self.tomorrow_button, tomorrow_morning), (self.two_hours_button, in_two_hours),
                             (self.monday_button, next_monday)):
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, pick=pick: self.due_edit.setDateTime(pick(self._now())))
            quick.addWidget(button)
        quick.addStretch(1)
        self.due_message = FieldMessage(self)
        self.purpose_combo = QComboBox(self)
        self.purpose_message = FieldMessage(self)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.note_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.note_message = FieldMessage(self)
        self._note_watch = AuthDataWatch(self.note_edit, self.note_message)
        self.error_message = FieldMessage(self)

        self._due_label, self._purpose_label, self._note_label = QLabel(self), QLabel(self), QLabel(self)
        self._due_label.setBuddy(self.due_edit)
        self._purpose_label.setBuddy(self.purpose_combo)
        self._note_label.setBuddy(self.note_edit)
        form = QFormLayout()
        form.addRow(self._due_label, self.due_edit)
        form.addRow("", quick)
        form.addRow("", self.due_message)
        form.addRow(self._purpose_label, self.purpose_combo)
        form.addRow("", self.purpose_message)
        form.addRow(self._note_label, self.note_edit)
        form.addRow("", self.note_message)

        self._buttons = QDialogButtonBox(self)
        self.schedule_button = QPushButton(self)
        self.schedule_button.setDefault(True)
        self._buttons.addButton(self.schedule_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_message)
        layout.addStretch(1)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(460)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Schedule a Follow-up Call"))
        self._due_label.setText(self.tr("&When:"))
        self.tomorrow_button.setText(self.tr("Tomorrow &morning"))
        self.two_hours_button.setText(self.tr("In &2 hours"))
        self.monday_button.setText(self.tr("Next Mon&day"))
        self._purpose_label.setText(self.tr("&Purpose:"))
        labels.fill_combo(self.purpose_combo, labels.PURPOSES)
        self._note_label.setText(self.tr("&Note:"))
        self.note_edit.setPlaceholderText(self.tr("What was promised, what to check before calling"))
        self.schedule_button.setText(self.tr("&Schedule"))
        self._note_watch.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslateUi()
        super().changeEvent(event)

    def followup_id(self) -> int | None:
        return self._followup_id

    def due_text(self) -> str:
        return local_text(self.due_edit.dateTime())

    def accept(self) -> None:
        """Save the follow-up; stay open with the message under the field when the core refuses."""
        for message in (self.due_message, self.purpose_message, self.error_message):
            message.clear_message()
        if self._note_watch.check_now():
            self._note_watch.select_first()
            return
        try:
            self._followup_id = followups.schedule(
                self._actor, self._customer_id, to_utc(self.due_edit.dateTime()),
                self.purpose_combo.currentData(), note=self.note_edit.toPlainText(),
                interaction_id=self._interaction_id, case_id=self._case_id)
        except ValidationError as exc:
            self._show_error(exc)
            return
        except CrmError as exc:
            self.error_message.show_message(message_for(exc))
            return
        super().accept()

    def _show_error(self, error: ValidationError) -> None:
        field = error.details.get("field")
        target = {"due_at": (self.due_message, self.due_edit),
                  "purpose": (self.purpose_message, self.purpose_combo),
                  "note": (self.note_message, self.note_edit)}.get(str(field), (self.error_message, None))
        target[0].show_message(message_for(error))
        if target[1] is not None:
            target[1].setFocus(Qt.FocusReason.OtherFocusReason)
