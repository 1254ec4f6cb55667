"""Translated names of the codes the call screens offer (channels, categories, outcomes, purposes…).

The core stores stable codes; these tables give each code its label. Order is the order of the combo
boxes, most frequent first. Context "InteractionLabels" keeps them together for translators.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox

from crm.codes import (
    CaseSeverity,
    FeedbackKind,
    FollowUpPurpose,
    InteractionCategory,
    InteractionChannel,
    InteractionOutcome,
)

_CONTEXT = "InteractionLabels"

CHANNELS: tuple[tuple[str, str], ...] = (
    (InteractionChannel.INBOUND_CALL, QT_TRANSLATE_NOOP("InteractionLabels", "Inbound call")),
    (InteractionChannel.OUTBOUND_CALL, QT_TRANSLATE_NOOP("InteractionLabels", "Outbound call")),
    (InteractionChannel.ONLINE_CHAT, QT_TRANSLATE_NOOP("InteractionLabels", "Online chat")),
    (InteractionChannel.BRANCH, QT_TRANSLATE_NOOP("InteractionLabels", "Branch visit")),
    (InteractionChannel.EMAIL, QT_TRANSLATE_NOOP("InteractionLabels", "Email")),
    (InteractionChannel.SMS, QT_TRANSLATE_NOOP("InteractionLabels", "SMS")),
)
CATEGORIES: tuple[tuple[str, str], ...] = (
    (InteractionCategory.CONSULTATION, QT_TRANSLATE_NOOP("InteractionLabels", "Consultation")),
    (InteractionCategory.GUIDANCE, QT_TRANSLATE_NOOP("InteractionLabels", "Business guidance")),
    (InteractionCategory.COMPLAINT, QT_TRANSLATE_NOOP("InteractionLabels", "Complaint")),
    (InteractionCategory.RETURN_VISIT, QT_TRANSLATE_NOOP("InteractionLabels", "Return visit")),
    (InteractionCategory.MARKETING, QT_TRANSLATE_NOOP("InteractionLabels", "Marketing")),
)
OUTCOMES: tuple[tuple[str | None, str], ...] = (
    (None, QT_TRANSLATE_NOOP("InteractionLabels", "(not stated)")),
    (InteractionOutcome.RESOLVED, QT_TRANSLATE_NOOP("InteractionLabels", "Resolved")),
    (InteractionOutcome.FOLLOW_UP, QT_TRANSLATE_NOOP("InteractionLabels", "Follow-up promised")),
    (InteractionOutcome.TRANSFERRED, QT_TRANSLATE_NOOP("InteractionLabels", "Transferred")),
    (InteractionOutcome.ESCALATED, QT_TRANSLATE_NOOP("InteractionLabels", "Escalated")),
    (InteractionOutcome.UNREACHABLE, QT_TRANSLATE_NOOP("InteractionLabels", "Not reached")),
    (InteractionOutcome.OTHER, QT_TRANSLATE_NOOP("InteractionLabels", "Other")),
)
FEEDBACK_KINDS: tuple[tuple[str, str], ...] = (
    (FeedbackKind.PRODUCT, QT_TRANSLATE_NOOP("InteractionLabels", "Product")),
    (FeedbackKind.PROCESS, QT_TRANSLATE_NOOP("InteractionLabels", "Process")),
    (FeedbackKind.SYSTEM, QT_TRANSLATE_NOOP("InteractionLabels", "System")),
    (FeedbackKind.SERVICE, QT_TRANSLATE_NOOP("InteractionLabels", "Service")),
)
PURPOSES: tuple[tuple[str, str], ...] = (
    (FollowUpPurpose.SATISFACTION_VISIT, QT_TRANSLATE_NOOP("InteractionLabels", "Satisfaction visit")),
    (FollowUpPurpose.COMPLAINT_FEEDBACK, QT_TRANSLATE_NOOP("InteractionLabels", "Complaint progress")),
    (FollowUpPurpose.OPPORTUNITY, QT_TRANSLATE_NOOP("InteractionLabels", "Sales opportunity")),
    (FollowUpPurpose.PERIODIC_CARE, QT_TRANSLATE_NOOP("InteractionLabels", "Periodic care")),
    (FollowUpPurpose.SUPERVISOR_CALL, QT_TRANSLATE_NOOP("InteractionLabels", "Supervisor call")),
    (FollowUpPurpose.OTHER, QT_TRANSLATE_NOOP("InteractionLabels", "Other")),
)
SEVERITIES: tuple[tuple[str, str], ...] = (
    (CaseSeverity.LOW, QT_TRANSLATE_NOOP("InteractionLabels", "Low")),
    (CaseSeverity.MEDIUM, QT_TRANSLATE_NOOP("InteractionLabels", "Medium")),
    (CaseSeverity.HIGH, QT_TRANSLATE_NOOP("InteractionLabels", "High")),
    (CaseSeverity.CRITICAL, QT_TRANSLATE_NOOP("InteractionLabels", "Critical")),
)
# Categories of the answer templates shipped in resources/templates (supervisors may add their own).
TEMPLATE_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("service", QT_TRANSLATE_NOOP("InteractionLabels", "Service scripts")),
    ("account", QT_TRANSLATE_NOOP("InteractionLabels", "Accounts")),
    ("card", QT_TRANSLATE_NOOP("InteractionLabels", "Bank cards")),
    ("credit_card", QT_TRANSLATE_NOOP("InteractionLabels", "Credit cards")),
    ("e_banking", QT_TRANSLATE_NOOP("InteractionLabels", "E-banking")),
    ("deposit", QT_TRANSLATE_NOOP("InteractionLabels", "Deposits")),
    ("wealth", QT_TRANSLATE_NOOP("InteractionLabels", "Wealth management")),
    ("loan", QT_TRANSLATE_NOOP("InteractionLabels", "Loans")),
    ("fx", QT_TRANSLATE_NOOP("InteractionLabels", "Foreign exchange")),
    ("complaint", QT_TRANSLATE_NOOP("InteractionLabels", "Complaints")),
    ("anti_fraud", QT_TRANSLATE_NOOP("InteractionLabels", "Anti-fraud")),
)
LANGUAGES: tuple[tuple[str, str], ...] = (
    ("zh", QT_TRANSLATE_NOOP("InteractionLabels", "Chinese")),
    ("en", QT_TRANSLATE_NOOP("InteractionLabels", "English")),
)
SATISFACTION: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("InteractionLabels", "Very dissatisfied"),
    QT_TRANSLATE_NOOP("InteractionLabels", "Dissatisfied"),
    QT_TRANSLATE_NOOP("InteractionLabels", "Neutral"),
    QT_TRANSLATE_NOOP("InteractionLabels", "Satisfied"),
    QT_TRANSLATE_NOOP("InteractionLabels", "Very satisfied"),
)


def combo_code(combo: QComboBox) -> str | None:
    """The selected code, None for "(not stated)"."""
    return combo.currentData() or None


def label(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def code_label(choices: tuple[tuple[str | None, str], ...], code: str | None) -> str:
    """The label of ``code``; an unknown code (a category a supervisor typed) is shown as it is."""
    for known, text in choices:
        if known == code:
            return label(text)
    return code or ""


def fill_combo(combo: QComboBox, choices: tuple[tuple[str | None, str], ...]) -> None:
    """(Re)fill ``combo`` with translated labels, keeping the selected code (used again on LanguageChange)."""
    current = combo.currentData()
    keep = combo.currentIndex() >= 0
    combo.blockSignals(True)
    combo.clear()
    for code, text in choices:
        combo.addItem(label(text), "" if code is None else str(code))  # "" = nothing chosen
    if keep:
        index = combo.findData(current)
        combo.setCurrentIndex(index if index >= 0 else 0)
    combo.blockSignals(False)


def select_code(combo: QComboBox, code: str | None) -> None:
    index = combo.findData("" if code is None else str(code))
    if index >= 0:
        combo.setCurrentIndex(index)
