"""Translated names of case statuses, priorities and deadline states, and the case screens' error texts."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from crm.codes import CasePriority, CaseStatus
from crm.errors import CrmError
from crm.services.case_deadlines import DeadlineState
from crm.workcalendar import default_calendar
from ui.interaction_messages import message_for as _fallback

_CONTEXT = "CaseLabels"

STATUSES: dict[str, str] = {
    CaseStatus.ACCEPTED: QT_TRANSLATE_NOOP("CaseLabels", "Accepted"),
    CaseStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("CaseLabels", "In progress"),
    CaseStatus.AWAITING_CUSTOMER: QT_TRANSLATE_NOOP("CaseLabels", "Awaiting customer"),
    CaseStatus.RESOLVED: QT_TRANSLATE_NOOP("CaseLabels", "Resolved"),
    CaseStatus.CLOSED: QT_TRANSLATE_NOOP("CaseLabels", "Closed"),
}
PRIORITIES: dict[str, str] = {
    CasePriority.NORMAL: QT_TRANSLATE_NOOP("CaseLabels", "Normal"),
    CasePriority.HIGH: QT_TRANSLATE_NOOP("CaseLabels", "High"),
    CasePriority.URGENT: QT_TRANSLATE_NOOP("CaseLabels", "Urgent"),
}
STATES: dict[str, str] = {
    DeadlineState.OK: QT_TRANSLATE_NOOP("CaseLabels", "on time"),
    DeadlineState.NEAR: QT_TRANSLATE_NOOP("CaseLabels", "near deadline"),
    DeadlineState.OVERDUE: QT_TRANSLATE_NOOP("CaseLabels", "overdue"),
}
_MESSAGES: dict[str, str] = {
    "invalid_transition": QT_TRANSLATE_NOOP("CaseLabels", "This step is not allowed from the case's current status."),
    "case_closed": QT_TRANSLATE_NOOP("CaseLabels", "The case is closed: only addenda can be added."),
    "approver_is_requester": QT_TRANSLATE_NOOP(
        "CaseLabels", "Another supervisor must approve an extension you requested yourself."),
    "extension_pending": QT_TRANSLATE_NOOP("CaseLabels", "An extension request is already waiting for approval."),
    "no_further_extension": QT_TRANSLATE_NOOP("CaseLabels", "The deadline cannot be extended any further."),
    "stale_extension": QT_TRANSLATE_NOOP("CaseLabels", "This extension request was already handled."),
    "accused_cannot_handle": QT_TRANSLATE_NOOP(
        "CaseLabels", "The employee the customer complained about may not handle this complaint (conflict of "
        "interest): choose someone else to handle it."),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def status_label(code: str) -> str:
    return tr(STATUSES[code]) if code in STATUSES else code


def priority_label(code: str) -> str:
    return tr(PRIORITIES[code]) if code in PRIORITIES else code


def state_label(code: str) -> str:
    return tr(STATES[code]) if code in STATES else code


def remaining_text(remaining: dt.timedelta, day: dt.timedelta | None = None) -> str:
    """Working time left or over as agents count it: whole working days from two on ('15 working days
    left'), a day and hours below that, hours within a day ('5.5 working h left'). ``day``: the length of a
    working day (the shipped calendar's by default)."""
    days, rest = divmod(abs(remaining), day or default_calendar().day_length)
    hours = rest.total_seconds() / 3600
    amount = f"{hours:.0f}" if hours >= 10 else f"{hours:.1f}".removesuffix(".0")
    if remaining.total_seconds() >= 0:
        if days >= 2:
            text = QCoreApplication.translate("CaseLabels", "{days} working days left")
        elif days == 1:
            text = QCoreApplication.translate("CaseLabels", "1 working day {hours} h left")
        else:
            text = QCoreApplication.translate("CaseLabels", "{hours} working h left")
    elif days >= 2:
        text = QCoreApplication.translate("CaseLabels", "overdue by {days} working days")
    elif days == 1:
        text = QCoreApplication.translate("CaseLabels", "overdue by 1 working day {hours} h")
    else:
        text = QCoreApplication.translate("CaseLabels", "overdue by {hours} working h")
    return text.format(days=days, hours=amount)


def message_for(error: CrmError) -> str:
    """The sentence for ``error`` as shown in the case screens."""
    if error.code in _MESSAGES:
        return tr(_MESSAGES[error.code])
    return _fallback(error)
