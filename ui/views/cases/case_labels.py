"""Translated names of case statuses, priorities and deadline states, and the case screens' error texts."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

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


# How the core writes its own lines in a case's history (crm.services.cases): rendered in words here.
NOBODY = QT_TRANSLATE_NOOP("CaseLabels", "nobody")
OWNER_MOVE = re.compile(r"^(\d+|None) -> (\d+)$")
_DEPARTMENT_MOVE = re.compile(r"^department: (.*) -> (.*)$")
_PRIORITY_MOVE = re.compile(r"^priority (\w+) -> (\w+)$")


def history_text(kind: str, text: str, status_from: str | None, status_to: str | None,
                 name_of: Callable[[int | None], str]) -> str:
    """One line of a case's history in the UI language: the core's reassignment and escalation lines in
    words (staff by ``name_of`` their id), a status move before the note."""
    translate = QCoreApplication.translate
    text = text or ""
    if kind == "reassignment":
        owner, department = OWNER_MOVE.match(text), _DEPARTMENT_MOVE.match(text)
        if owner:
            old = int(owner.group(1)) if owner.group(1).isdigit() else None
            return translate("CaseLabels", "[Reassigned] {old} → {new}").format(
                old=name_of(old), new=name_of(int(owner.group(2))))
        if department:
            return translate("CaseLabels", "[Responsible department] {old} → {new}").format(
                old=department.group(1) or translate("CaseLabels", "not set"), new=department.group(2))
    if kind == "escalation":
        priority = _PRIORITY_MOVE.match(text)
        if priority:
            return translate("CaseLabels", "[Priority raised] {old} → {new}").format(
                old=priority_label(priority.group(1)), new=priority_label(priority.group(2)))
    if status_to:
        moved = status_label(status_to)
        if status_from:
            moved = f"{status_label(status_from)} → {moved}"
        return f"[{moved}] {text}".strip()
    return text


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
