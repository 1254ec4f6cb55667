"""FollowUpBanner: the follow-up the agent is calling about, above the call form — purpose, due time, case
number, attempts so far, the promise's note — and a way to log the call without it."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from crm.codes import FollowUpPurpose, FollowUpStatus
from crm.services.followups import FollowUpBrief, FollowUpCall
from ui.customer_messages import code_label
from ui.formats import format_instant

OVERDUE_COLOR = "#b3261e"
_STYLE = ("QFrame#followup_banner { background: #e3eefc; border: 1px solid #9dbbe6; border-radius: 4px; }"
          " QFrame#followup_banner QLabel { color: #14325c; }")
NOTE_CHARS = 300  # the whole note is in the tooltip


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class FollowUpBanner(QFrame):
    """Hidden until ``set_brief``; the × button emits ``sig_detach_requested``."""

    _built = False

    sig_detach_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, clock: Callable[[], dt.datetime] = _utc_now) -> None:
        super().__init__(parent)
        self.setObjectName("followup_banner")
        self.setStyleSheet(_STYLE)
        self._clock = clock
        self._brief: FollowUpBrief | None = None
        self.title_label = QLabel(self)
        self.title_label.setTextFormat(Qt.TextFormat.RichText)
        self.title_label.setWordWrap(True)
        self.details_label = QLabel(self)
        self.details_label.setTextFormat(Qt.TextFormat.PlainText)
        self.details_label.setWordWrap(True)
        self.note_label = QLabel(self)
        self.note_label.setTextFormat(Qt.TextFormat.PlainText)
        self.note_label.setWordWrap(True)
        self.note_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint_label = QLabel(self)
        self.hint_label.setTextFormat(Qt.TextFormat.PlainText)
        self.hint_label.setWordWrap(True)
        font = self.hint_label.font()
        font.setBold(True)
        self.hint_label.setFont(font)
        self.detach_button = QToolButton(self)
        self.detach_button.setText("×")
        self.detach_button.setAutoRaise(True)
        self.detach_button.clicked.connect(self.sig_detach_requested)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.detach_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.details_label)
        layout.addWidget(self.note_label)
        layout.addWidget(self.hint_label)
        self.setVisible(False)
        self.retranslateUi()
        self._built = True

    def retranslateUi(self) -> None:
        self.detach_button.setToolTip(self.tr("Log this call without the follow-up"))
        self.detach_button.setAccessibleName(self.tr("Remove the follow-up from this call"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslateUi()
        super().changeEvent(event)

    def brief(self) -> FollowUpBrief | None:
        return self._brief

    def set_brief(self, brief: FollowUpBrief | None) -> None:
        self._brief = brief
        self._fill()
        self.setVisible(brief is not None)

    def texts(self) -> str:
        """Everything the banner says, one line each (for the call log's tests and screen readers)."""
        return "\n".join(label.text() for label in (self.title_label, self.details_label, self.note_label,
                                                     self.hint_label) if label.text())

    def _fill(self) -> None:
        brief = self._brief
        if brief is None:
            for label in (self.title_label, self.details_label, self.note_label, self.hint_label):
                label.clear()
            return
        row = brief.followup
        due = html.escape(format_instant(row.due_at))
        if row.due_at < self._clock():
            overdue = self.tr("{due} (overdue)").format(due=due)
            due = f'<span style="color:{OVERDUE_COLOR}">{overdue}</span>'
        self.title_label.setText(self.tr("<b>Follow-up: {purpose}</b> · due {due}").format(
            purpose=html.escape(code_label("followup_purpose", row.purpose)), due=due))
        self.details_label.setText(self._details(brief))
        note = row.note.strip()
        self.note_label.setText(self.tr("Note: {note}").format(
            note=note if len(note) <= NOTE_CHARS else note[:NOTE_CHARS] + "…") if note else "")
        self.note_label.setToolTip(note)
        self.note_label.setVisible(bool(note))
        visit = row.purpose == FollowUpPurpose.SATISFACTION_VISIT
        self.hint_label.setText(self.tr("Ask the customer for a satisfaction score (Alt+1 … Alt+5).") if visit else "")
        self.hint_label.setVisible(visit)
        self.setToolTip(self.tr("Saving the call records it as an attempt for this follow-up; a call that "
                                "reaches the customer completes it."))

    def saved_text(self, call: FollowUpCall) -> str:
        """The call form's confirmation: what logging the call did to the follow-up."""
        row = call.attempt.followup
        if call.attempt.escalated:
            return self.tr("Saved; the follow-up was escalated to a supervisor.")
        if row.status != FollowUpStatus.DONE:
            return self.tr("Saved; the follow-up is moved to {when}.").format(when=format_instant(row.due_at))
        if call.interaction.followup_ids:
            return self.tr("Saved; the follow-up is done and a supervisor will call the customer back.")
        if call.attempt.created:
            return self.tr("Saved; the follow-up is done and the next one is on the agenda.")
        return self.tr("Saved; the follow-up is done.")

    def _details(self, brief: FollowUpBrief) -> str:
        parts = []
        if brief.case_no:
            parts.append(self.tr("Case {case_no}").format(case_no=brief.case_no))
        parts.append(self.tr("Attempts so far: {count}").format(count=brief.followup.attempts))
        last = brief.last_attempt
        if last is not None:
            parts.append(self.tr("last: {outcome}, {when}").format(
                outcome=code_label("attempt_outcome", last.outcome), when=format_instant(last.ts)))
        return " · ".join(parts)
