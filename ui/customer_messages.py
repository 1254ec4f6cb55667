"""Words for the customer screens: error codes ui/errors.py lacks, and labels for the core's code enums.

Error texts use the "ErrorMessages" context and the same placeholder and location conventions as
ui/errors.py, so the integrator can move the tables there unchanged; until then ``error_message`` here
answers for the extra codes and defers to ui/errors.py for everything else. Code labels ("CodeLabels")
turn stored codes (``inbound_call``, ``C3``, ``service_notice``…) into the words the users know.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from crm.errors import CrmError
from ui import errors
from ui.formats import format_instant

_ERRORS = "ErrorMessages"
_LABELS = "CodeLabels"

_MESSAGES: dict[str, str] = {
    "reason_required": QT_TRANSLATE_NOOP(
        "ErrorMessages", "Give a reason of at least {min} characters; it is kept in the audit log."),
    "role_required": QT_TRANSLATE_NOOP("ErrorMessages", "Only a supervisor may do this."),
    "verification_locked": QT_TRANSLATE_NOOP(
        "ErrorMessages", "Identity verification for this customer is locked after repeated failures "
        "until {until}."),
    "duplicate": QT_TRANSLATE_NOOP("ErrorMessages", "This value is already recorded for the customer."),
    "auth_data_in_notes": QT_TRANSLATE_NOOP(
        "ErrorMessages", "The text looks like a PIN, password, security code or SMS code. Such data must "
        "never be recorded: remove it."),
    "invalid_phone/invalid": QT_TRANSLATE_NOOP(
        "ErrorMessages", "This number does not exist in the mainland China numbering plan; check the "
        "digits."),
    "invalid_id_number/checksum": QT_TRANSLATE_NOOP(
        "ErrorMessages", "The check character of this ID number does not match; check each digit."),
    "invalid_id_number/length": QT_TRANSLATE_NOOP(
        "ErrorMessages", "A resident ID number has 18 characters."),
    "invalid_card_number/length": QT_TRANSLATE_NOOP(
        "ErrorMessages", "A card number has 12 to 19 digits."),
}

_FIELDS: dict[str, str] = {
    "phone": QT_TRANSLATE_NOOP("ErrorMessages", "phone number"),
    "reason": QT_TRANSLATE_NOOP("ErrorMessages", "reason"),
    "segment": QT_TRANSLATE_NOOP("ErrorMessages", "customer segment"),
    "risk_rating": QT_TRANSLATE_NOOP("ErrorMessages", "risk rating"),
    "card_or_mobile": QT_TRANSLATE_NOOP("ErrorMessages", "card number or reserved mobile"),
    "agent_name": QT_TRANSLATE_NOOP("ErrorMessages", "authorised agent"),
    "notes": QT_TRANSLATE_NOOP("ErrorMessages", "notes"),
    "purpose": QT_TRANSLATE_NOOP("ErrorMessages", "purpose"),
    "channel": QT_TRANSLATE_NOOP("ErrorMessages", "channel"),
    "source": QT_TRANSLATE_NOOP("ErrorMessages", "source"),
}


def error_message(error: CrmError, *, where: bool = True) -> str:
    """Like ``ui.errors.error_message``, knowing the extra codes and fields of the customer screens."""
    details = dict(error.details)
    if error.code == "verification_locked" and "until" in details:
        details["until"] = format_instant(details["until"])
    template = (_MESSAGES.get(f"{error.code}/{details.get('reason')}") or _MESSAGES.get(error.code))
    if template is None:
        text = errors.error_message(error, where=False)
    else:
        text = QCoreApplication.translate(_ERRORS, template).format_map(
            _Missing({k: str(v) for k, v in details.items()}))
    place = _location(details) if where else ""
    if not place:
        return text
    return QCoreApplication.translate(_ERRORS, "{message} ({where})").format(message=text, where=place)


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _location(details: dict[str, Any]) -> str:
    if "field" not in details:
        return errors._location(details)  # noqa: SLF001 - rows and lines are said the same way
    base = str(details["field"]).split("[", 1)[0]
    if base not in _FIELDS:
        return errors._location(details)  # noqa: SLF001
    label = QCoreApplication.translate(_ERRORS, _FIELDS[base])
    return QCoreApplication.translate(_ERRORS, "field: {field}").format(field=label)


# --- code labels -----------------------------------------------------------------------------------

_CODE_LABELS: dict[str, dict[str, str]] = {
    "segment": {
        "standard": QT_TRANSLATE_NOOP("CodeLabels", "Standard"),
        "vip": QT_TRANSLATE_NOOP("CodeLabels", "VIP"),
        "private": QT_TRANSLATE_NOOP("CodeLabels", "Private banking"),
    },
    "risk_rating": {
        "C1": QT_TRANSLATE_NOOP("CodeLabels", "C1 Conservative"),
        "C2": QT_TRANSLATE_NOOP("CodeLabels", "C2 Cautious"),
        "C3": QT_TRANSLATE_NOOP("CodeLabels", "C3 Balanced"),
        "C4": QT_TRANSLATE_NOOP("CodeLabels", "C4 Growth"),
        "C5": QT_TRANSLATE_NOOP("CodeLabels", "C5 Aggressive"),
    },
    "gender": {
        "male": QT_TRANSLATE_NOOP("CodeLabels", "Male"),
        "female": QT_TRANSLATE_NOOP("CodeLabels", "Female"),
        "unknown": QT_TRANSLATE_NOOP("CodeLabels", "Gender unknown"),
    },
    "agent_relation": {
        "spouse": QT_TRANSLATE_NOOP("CodeLabels", "Spouse"),
        "parent": QT_TRANSLATE_NOOP("CodeLabels", "Parent"),
        "child": QT_TRANSLATE_NOOP("CodeLabels", "Child"),
        "relative": QT_TRANSLATE_NOOP("CodeLabels", "Other relative"),
        "guardian": QT_TRANSLATE_NOOP("CodeLabels", "Guardian"),
        "other": QT_TRANSLATE_NOOP("CodeLabels", "Other"),
    },
    "phone_kind": {
        "mobile": QT_TRANSLATE_NOOP("CodeLabels", "Mobile"),
        "home": QT_TRANSLATE_NOOP("CodeLabels", "Home"),
        "work": QT_TRANSLATE_NOOP("CodeLabels", "Work"),
        "other": QT_TRANSLATE_NOOP("CodeLabels", "Other"),
    },
    "card_type": {
        "debit": QT_TRANSLATE_NOOP("CodeLabels", "Debit card"),
        "credit": QT_TRANSLATE_NOOP("CodeLabels", "Credit card"),
    },
    "consent_purpose": {
        "marketing": QT_TRANSLATE_NOOP("CodeLabels", "Marketing"),
        "service_notice": QT_TRANSLATE_NOOP("CodeLabels", "Service notices"),
        "data_sharing": QT_TRANSLATE_NOOP("CodeLabels", "Data sharing"),
    },
    "consent_channel": {
        "phone": QT_TRANSLATE_NOOP("CodeLabels", "Phone"),
        "sms": QT_TRANSLATE_NOOP("CodeLabels", "SMS"),
        "email": QT_TRANSLATE_NOOP("CodeLabels", "Email"),
        "app": QT_TRANSLATE_NOOP("CodeLabels", "Mobile app"),
        "mail": QT_TRANSLATE_NOOP("CodeLabels", "Post"),
    },
    "consent_source": {
        "branch_form": QT_TRANSLATE_NOOP("CodeLabels", "Branch form"),
        "call": QT_TRANSLATE_NOOP("CodeLabels", "Phone call"),
        "app": QT_TRANSLATE_NOOP("CodeLabels", "Mobile app"),
        "online_banking": QT_TRANSLATE_NOOP("CodeLabels", "Online banking"),
        "other": QT_TRANSLATE_NOOP("CodeLabels", "Other"),
    },
    "channel": {
        "inbound_call": QT_TRANSLATE_NOOP("CodeLabels", "Inbound call"),
        "outbound_call": QT_TRANSLATE_NOOP("CodeLabels", "Outbound call"),
        "online_chat": QT_TRANSLATE_NOOP("CodeLabels", "Online chat"),
        "branch": QT_TRANSLATE_NOOP("CodeLabels", "Branch visit"),
        "email": QT_TRANSLATE_NOOP("CodeLabels", "Email"),
        "sms": QT_TRANSLATE_NOOP("CodeLabels", "SMS"),
    },
    "category": {
        "consultation": QT_TRANSLATE_NOOP("CodeLabels", "Consultation"),
        "guidance": QT_TRANSLATE_NOOP("CodeLabels", "Business guidance"),
        "complaint": QT_TRANSLATE_NOOP("CodeLabels", "Complaint"),
        "return_visit": QT_TRANSLATE_NOOP("CodeLabels", "Return visit"),
        "marketing": QT_TRANSLATE_NOOP("CodeLabels", "Marketing"),
    },
    "outcome": {
        "resolved": QT_TRANSLATE_NOOP("CodeLabels", "Resolved"),
        "follow_up": QT_TRANSLATE_NOOP("CodeLabels", "Follow-up promised"),
        "transferred": QT_TRANSLATE_NOOP("CodeLabels", "Transferred"),
        "escalated": QT_TRANSLATE_NOOP("CodeLabels", "Escalated"),
        "unreachable": QT_TRANSLATE_NOOP("CodeLabels", "Not reached"),
        "other": QT_TRANSLATE_NOOP("CodeLabels", "Other"),
    },
    "verification": {
        "not_done": QT_TRANSLATE_NOOP("CodeLabels", "Not verified"),
        "passed": QT_TRANSLATE_NOOP("CodeLabels", "Verified"),
        "failed": QT_TRANSLATE_NOOP("CodeLabels", "Verification failed"),
        "partial": QT_TRANSLATE_NOOP("CodeLabels", "Partly matched"),
    },
    "case_status": {
        "accepted": QT_TRANSLATE_NOOP("CodeLabels", "Accepted"),
        "in_progress": QT_TRANSLATE_NOOP("CodeLabels", "In progress"),
        "awaiting_customer": QT_TRANSLATE_NOOP("CodeLabels", "Awaiting customer"),
        "resolved": QT_TRANSLATE_NOOP("CodeLabels", "Resolved"),
        "closed": QT_TRANSLATE_NOOP("CodeLabels", "Closed"),
    },
    "case_priority": {
        "normal": QT_TRANSLATE_NOOP("CodeLabels", "Normal priority"),
        "high": QT_TRANSLATE_NOOP("CodeLabels", "High priority"),
        "urgent": QT_TRANSLATE_NOOP("CodeLabels", "Urgent"),
    },
    "case_update_kind": {
        "progress": QT_TRANSLATE_NOOP("CodeLabels", "Progress"),
        "status": QT_TRANSLATE_NOOP("CodeLabels", "Status change"),
        "addendum": QT_TRANSLATE_NOOP("CodeLabels", "Addendum"),
        "pause": QT_TRANSLATE_NOOP("CodeLabels", "Paused"),
        "resume": QT_TRANSLATE_NOOP("CodeLabels", "Resumed"),
        "escalation": QT_TRANSLATE_NOOP("CodeLabels", "Escalation"),
        "extension": QT_TRANSLATE_NOOP("CodeLabels", "Deadline extended"),
        "reassignment": QT_TRANSLATE_NOOP("CodeLabels", "Reassigned"),
    },
    "followup_purpose": {
        "complaint_feedback": QT_TRANSLATE_NOOP("CodeLabels", "Complaint feedback"),
        "satisfaction_visit": QT_TRANSLATE_NOOP("CodeLabels", "Satisfaction return visit"),
        "opportunity": QT_TRANSLATE_NOOP("CodeLabels", "Sales opportunity"),
        "periodic_care": QT_TRANSLATE_NOOP("CodeLabels", "Periodic care call"),
        "supervisor_call": QT_TRANSLATE_NOOP("CodeLabels", "Supervisor call-back"),
        "other": QT_TRANSLATE_NOOP("CodeLabels", "Other"),
    },
    "followup_status": {
        "open": QT_TRANSLATE_NOOP("CodeLabels", "Open"),
        "done": QT_TRANSLATE_NOOP("CodeLabels", "Done"),
        "cancelled": QT_TRANSLATE_NOOP("CodeLabels", "Cancelled"),
        "escalated": QT_TRANSLATE_NOOP("CodeLabels", "Escalated"),
    },
    "attempt_outcome": {
        "reached": QT_TRANSLATE_NOOP("CodeLabels", "Reached"),
        "no_answer": QT_TRANSLATE_NOOP("CodeLabels", "No answer"),
        "busy": QT_TRANSLATE_NOOP("CodeLabels", "Busy"),
        "wrong_number": QT_TRANSLATE_NOOP("CodeLabels", "Wrong number"),
        "call_back_later": QT_TRANSLATE_NOOP("CodeLabels", "Call back later"),
    },
    "audit_action": {
        "create": QT_TRANSLATE_NOOP("CodeLabels", "Created"),
        "update": QT_TRANSLATE_NOOP("CodeLabels", "Changed"),
        "delete": QT_TRANSLATE_NOOP("CodeLabels", "Deleted"),
        "reveal": QT_TRANSLATE_NOOP("CodeLabels", "Identifier revealed"),
        "verify": QT_TRANSLATE_NOOP("CodeLabels", "Identity verification"),
        "export": QT_TRANSLATE_NOOP("CodeLabels", "Exported"),
        "import": QT_TRANSLATE_NOOP("CodeLabels", "Imported"),
        "override": QT_TRANSLATE_NOOP("CodeLabels", "Rule overridden"),
    },
    "verification_element": {
        "name": QT_TRANSLATE_NOOP("CodeLabels", "Name"),
        "id_number": QT_TRANSLATE_NOOP("CodeLabels", "ID number"),
        "card_number": QT_TRANSLATE_NOOP("CodeLabels", "Card number"),
        "reserved_mobile": QT_TRANSLATE_NOOP("CodeLabels", "Reserved mobile"),
        "phone": QT_TRANSLATE_NOOP("CodeLabels", "Phone number"),  # what a supervisor revealed
        "card": QT_TRANSLATE_NOOP("CodeLabels", "Card number"),
    },
    # Names of the editable customer fields, as the conflict dialog and the change log show them.
    "customer_field": {
        "name": QT_TRANSLATE_NOOP("CodeLabels", "Name"),
        "segment": QT_TRANSLATE_NOOP("CodeLabels", "Segment"),
        "risk_rating": QT_TRANSLATE_NOOP("CodeLabels", "Risk rating"),
        "risk_assessed_on": QT_TRANSLATE_NOOP("CodeLabels", "Risk assessed on"),
        "risk_expires_on": QT_TRANSLATE_NOOP("CodeLabels", "Risk rating valid until"),
        "do_not_disturb": QT_TRANSLATE_NOOP("CodeLabels", "Do not disturb"),
        "vulnerable": QT_TRANSLATE_NOOP("CodeLabels", "Vulnerable customer"),
        "elderly_override": QT_TRANSLATE_NOOP("CodeLabels", "Elderly customer"),
        "agent_name": QT_TRANSLATE_NOOP("CodeLabels", "Authorised agent"),
        "agent_relation": QT_TRANSLATE_NOOP("CodeLabels", "Agent's relation"),
        "notes": QT_TRANSLATE_NOOP("CodeLabels", "Notes"),
        "care_interval_days": QT_TRANSLATE_NOOP("CodeLabels", "Return-visit interval"),
        "owner": QT_TRANSLATE_NOOP("CodeLabels", "Account owner"),
    },
}


def code_label(kind: str, code: str | None) -> str:
    """The translated word for a stored code; an unknown code is shown as it is (never hidden)."""
    if code is None:
        return ""
    text = _CODE_LABELS.get(kind, {}).get(str(code))
    return QCoreApplication.translate(_LABELS, text) if text else str(code)


def code_choices(kind: str) -> list[tuple[str, str]]:
    """(code, translated label) pairs in declaration order, for combo boxes."""
    return [(code, QCoreApplication.translate(_LABELS, text)) for code, text in _CODE_LABELS[kind].items()]
