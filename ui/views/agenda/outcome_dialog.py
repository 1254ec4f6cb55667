"""OutcomeDialog: the note (reschedule reason) and, for "call back later", the time the customer asked for."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.customer_messages import code_label
from ui.formats import to_local


class OutcomeDialog(QDialog):
    def __init__(self, outcome: str, customer: str, default_time: dt.datetime | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcome = outcome
        self.needs_time = outcome == "call_back_later"
        self.setWindowTitle(self.tr("Record Call Outcome"))
        layout = QVBoxLayout(self)
        self.summary = QLabel(self.tr("{outcome}: {customer}").format(
            outcome=code_label("attempt_outcome", outcome), customer=customer), self)
        layout.addWidget(self.summary)
        form = QFormLayout()
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
        self.note.setPlaceholderText(self.tr("Reason for the new time, what was said…"))
        note_label = QLabel(self.tr("&Note:"), self)
        note_label.setBuddy(self.note)
        form.addRow(note_label, self.note)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def reschedule_to(self) -> dt.datetime | None:
        if not self.needs_time:
            return None
        return dt.datetime.fromtimestamp(self.when.dateTime().toSecsSinceEpoch(), dt.UTC).replace(second=0)

    def note_text(self) -> str:
        return self.note.toPlainText().strip()
