"""The one place for translated sales labels: product categories, suitability/consent checks, lead states.

The core (crm.services.suitability, crm.services.leads) returns codes; the call form, the lead dialog and
the Leads view ask here for the words, so a check reads the same everywhere. Context "SalesLabels".

    category_label("large_cd")            -> "大额存单"
    check_label(check)                    -> "产品风险等级高于客户风险承受能力等级：客户风险等级 C2，产品 R3。"
    check_title("no_marketing_consent")   -> "无营销同意"   (short, for a table column)
    lead_state_label("handed_over")       -> "已移交"
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_CONTEXT = "SalesLabels"

CATEGORIES: dict[str, str] = {
    "deposit": QT_TRANSLATE_NOOP("SalesLabels", "Deposits"),
    "large_cd": QT_TRANSLATE_NOOP("SalesLabels", "Large-denomination CDs"),
    "structured_deposit": QT_TRANSLATE_NOOP("SalesLabels", "Structured deposits"),
    "wealth": QT_TRANSLATE_NOOP("SalesLabels", "Wealth management"),
    "fund": QT_TRANSLATE_NOOP("SalesLabels", "Funds"),
    "insurance": QT_TRANSLATE_NOOP("SalesLabels", "Insurance"),
    "loan": QT_TRANSLATE_NOOP("SalesLabels", "Loans"),
    "consumer_loan": QT_TRANSLATE_NOOP("SalesLabels", "Consumer loans"),
    "mortgage": QT_TRANSLATE_NOOP("SalesLabels", "Mortgages"),
    "credit_card": QT_TRANSLATE_NOOP("SalesLabels", "Credit cards"),
    "fx": QT_TRANSLATE_NOOP("SalesLabels", "Foreign exchange"),
    "cross_border": QT_TRANSLATE_NOOP("SalesLabels", "Cross-border payments"),
    "e_banking": QT_TRANSLATE_NOOP("SalesLabels", "E-banking"),
    "pension": QT_TRANSLATE_NOOP("SalesLabels", "Pension products"),
    "education": QT_TRANSLATE_NOOP("SalesLabels", "Education savings"),
}

# Channels sales may use for the lead (ConsentChannel), in the order the lead dialog offers them.
CHANNELS: dict[str, str] = {
    "phone": QT_TRANSLATE_NOOP("SalesLabels", "Phone"),
    "sms": QT_TRANSLATE_NOOP("SalesLabels", "SMS"),
    "email": QT_TRANSLATE_NOOP("SalesLabels", "Email"),
    "app": QT_TRANSLATE_NOOP("SalesLabels", "Mobile app"),
    "mail": QT_TRANSLATE_NOOP("SalesLabels", "Post"),
}

LEAD_STATES: dict[str, str] = {
    "new": QT_TRANSLATE_NOOP("SalesLabels", "New"),
    "handed_over": QT_TRANSLATE_NOOP("SalesLabels", "Handed over"),
    "accepted": QT_TRANSLATE_NOOP("SalesLabels", "Accepted"),
    "contacted": QT_TRANSLATE_NOOP("SalesLabels", "Contacted"),
    "won": QT_TRANSLATE_NOOP("SalesLabels", "Won"),
    "lost": QT_TRANSLATE_NOOP("SalesLabels", "Lost"),
    "invalid": QT_TRANSLATE_NOOP("SalesLabels", "Invalid"),
}

OPPORTUNITY_STATUSES: dict[str, str] = {
    "detected": QT_TRANSLATE_NOOP("SalesLabels", "To confirm"),
    "confirmed": QT_TRANSLATE_NOOP("SalesLabels", "Confirmed"),
    "dismissed": QT_TRANSLATE_NOOP("SalesLabels", "Dismissed"),
}

# What was done about a fraud warning (EscalationAction), as the record shows it afterwards.
FRAUD_ACTIONS: dict[str, str] = {
    "dissuasion_script": QT_TRANSLATE_NOOP("SalesLabels", "Dissuasion script read"),
    "branch_security_notified": QT_TRANSLATE_NOOP("SalesLabels", "Branch security notified"),
    "police_96110": QT_TRANSLATE_NOOP("SalesLabels", "96110 called"),
    "supervisor_notified": QT_TRANSLATE_NOOP("SalesLabels", "Supervisor notified"),
    "priority_raised": QT_TRANSLATE_NOOP("SalesLabels", "Priority raised"),
    "other": QT_TRANSLATE_NOOP("SalesLabels", "Other action"),
}

# Short names of the suitability and consent checks (table columns, filters).
CHECK_TITLES: dict[str, str] = {
    "risk_rating_missing": QT_TRANSLATE_NOOP("SalesLabels", "No risk rating"),
    "risk_assessment_expired": QT_TRANSLATE_NOOP("SalesLabels", "Risk assessment expired"),
    "risk_level_exceeded": QT_TRANSLATE_NOOP("SalesLabels", "Product risk too high"),
    "no_marketing_consent": QT_TRANSLATE_NOOP("SalesLabels", "No marketing consent"),
    "channel_refused": QT_TRANSLATE_NOOP("SalesLabels", "Channel refused"),
    "open_complaint": QT_TRANSLATE_NOOP("SalesLabels", "Open complaint"),
    "fraud_flagged": QT_TRANSLATE_NOOP("SalesLabels", "Fraud warning"),
    "product_inactive": QT_TRANSLATE_NOOP("SalesLabels", "Product not on sale"),
    "do_not_disturb": QT_TRANSLATE_NOOP("SalesLabels", "Do not disturb"),
    "elderly_customer": QT_TRANSLATE_NOOP("SalesLabels", "Elderly customer"),
    "elderly_high_risk": QT_TRANSLATE_NOOP("SalesLabels", "Elderly, high-risk product"),
    "high_risk_product": QT_TRANSLATE_NOOP("SalesLabels", "High-risk product"),
    "dual_recording_required": QT_TRANSLATE_NOOP("SalesLabels", "Dual recording required"),
}

# The full sentence for each check: (with the details, without them). The first is used when every
# placeholder it names can be filled from Check.details.
CHECK_SENTENCES: dict[str, tuple[str, str]] = {
    "risk_rating_missing": (
        "",
        QT_TRANSLATE_NOOP("SalesLabels", "The customer has no risk-tolerance rating: the risk assessment "
                          "questionnaire must be completed first.")),
    "risk_assessment_expired": (
        QT_TRANSLATE_NOOP("SalesLabels", "The customer's risk assessment expired on {expired_on}: it must be "
                          "redone before any product is offered."),
        QT_TRANSLATE_NOOP("SalesLabels", "The customer's risk assessment has expired: it must be redone before "
                          "any product is offered.")),
    "risk_level_exceeded": (
        QT_TRANSLATE_NOOP("SalesLabels", "The product's risk level is above the customer's risk tolerance: "
                          "customer rated {rating}, product {level}."),
        QT_TRANSLATE_NOOP("SalesLabels", "The product's risk level is above the customer's risk tolerance.")),
    "no_marketing_consent": (
        QT_TRANSLATE_NOOP("SalesLabels", "The customer has not agreed to marketing by {channel}."),
        QT_TRANSLATE_NOOP("SalesLabels", "The customer has not agreed to marketing contact.")),
    "channel_refused": (
        QT_TRANSLATE_NOOP("SalesLabels", "The customer refused marketing by {channel}: choose another channel."),
        QT_TRANSLATE_NOOP("SalesLabels", "The customer refused marketing on this channel: choose another "
                          "channel.")),
    "open_complaint": (
        "",
        QT_TRANSLATE_NOOP("SalesLabels", "The customer has an open complaint case: no marketing until it is "
                          "closed.")),
    "fraud_flagged": (
        "",
        QT_TRANSLATE_NOOP("SalesLabels", "A fraud warning was raised for this customer or call: it can never "
                          "become a lead, and no one can override this.")),
    "product_inactive": (
        "",
        QT_TRANSLATE_NOOP("SalesLabels", "The product is no longer on sale.")),
    "do_not_disturb": (
        "",
        QT_TRANSLATE_NOOP("SalesLabels", "The customer asked not to be disturbed (do-not-disturb list).")),
    "elderly_customer": (
        QT_TRANSLATE_NOOP("SalesLabels", "Elderly customer (aged {age}): speak slowly and repeat the key "
                          "information and risks."),
        QT_TRANSLATE_NOOP("SalesLabels", "Elderly customer: speak slowly and repeat the key information and "
                          "risks.")),
    "elderly_high_risk": (
        QT_TRANSLATE_NOOP("SalesLabels", "Elderly customer and a high-risk product ({level}): take extra care "
                          "that the customer understands the risk."),
        QT_TRANSLATE_NOOP("SalesLabels", "Elderly customer and a high-risk product: take extra care that the "
                          "customer understands the risk.")),
    "high_risk_product": (
        QT_TRANSLATE_NOOP("SalesLabels", "High-risk product ({level}): disclose the risks; the principal is "
                          "not guaranteed."),
        QT_TRANSLATE_NOOP("SalesLabels", "High-risk product: disclose the risks; the principal is not "
                          "guaranteed.")),
    "dual_recording_required": (
        "",
        QT_TRANSLATE_NOOP("SalesLabels", "Audio and video recording of the sale (dual recording) is "
                          "required.")),
}

# Names the core may use in Check.details for the values the sentences show.
_DETAIL_KEYS: dict[str, tuple[str, ...]] = {
    "expired_on": ("expires_on", "expired_on"),
    "rating": ("rating", "risk_rating"),
    "level": ("level", "risk_level"),
    "channel": ("channel",),
    "age": ("age",),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _lookup(table: Mapping[str, str], code: object) -> str:
    """The label of ``code``; an unknown code is shown as it is (better than nothing)."""
    key = str(code) if code is not None else ""
    text = table.get(key)
    return _tr(text) if text else key


def category_label(code: object) -> str:
    return _lookup(CATEGORIES, code)


def channel_label(code: object) -> str:
    return _lookup(CHANNELS, code)


def lead_state_label(code: object) -> str:
    return _lookup(LEAD_STATES, code)


def opportunity_status_label(code: object) -> str:
    return _lookup(OPPORTUNITY_STATUSES, code)


def fraud_action_label(code: object) -> str:
    return _lookup(FRAUD_ACTIONS, code)


def check_title(code: object) -> str:
    """A short name for a check code, e.g. for the "blocked by" column."""
    return _lookup(CHECK_TITLES, code)


def check_label(check: Any) -> str:
    """The sentence for a suitability/consent ``Check`` (code + details), e.g. with both risk levels."""
    code = str(getattr(check, "code", check))
    details = getattr(check, "details", None) or {}
    return check_sentence(code, details)


def check_sentence(code: str, details: Mapping[str, Any] | None = None) -> str:
    """Like ``check_label`` for a bare code (a stored ``block_reason``) and optional details."""
    sentences = CHECK_SENTENCES.get(code)
    if sentences is None:
        return check_title(code)
    detailed, plain = sentences
    values = _detail_values(details or {})
    if detailed:
        try:
            return _tr(detailed).format(**values)
        except (KeyError, IndexError):
            pass
    return _tr(plain)


def _detail_values(details: Mapping[str, Any]) -> dict[str, str]:
    values: dict[str, str] = {}
    for name, keys in _DETAIL_KEYS.items():
        for key in keys:
            value = details.get(key)
            if value not in (None, ""):
                values[name] = _shown(name, value)
                break
    return values


def _shown(name: str, value: Any) -> str:
    if name == "channel":
        return channel_label(value)
    if name == "level":
        return risk_level_label(value)
    return str(value)


def risk_level_label(level: object) -> str:
    """A product risk level as agents write it: 3 -> "R3" (already "R3" stays)."""
    text = str(level)
    return f"R{text}" if text.isdigit() else text


def product_name(product: Any, language: str | None = None) -> str:
    """A catalogue product's name in the UI language (Chinese unless the UI is English)."""
    if language is None:
        from ui import i18n
        language = i18n.current_language()
    zh, en = getattr(product, "name_zh", "") or "", getattr(product, "name_en", "") or ""
    if language == "en":
        return en or zh or str(getattr(product, "code", ""))
    return zh or en or str(getattr(product, "code", ""))


def rule_explanation(rule_id: str | None, language: str | None = None) -> str | None:
    """What an opportunity rule detects, in the UI language (its ``explanation_zh``/``_en``); None for a rule
    not in the rules file (gone, or the file cannot be read: that is reported where rules are edited)."""
    texts = _rule_texts().get(rule_id or "")
    if texts is None:
        return None
    if language is None:
        from ui import i18n
        language = i18n.current_language()
    zh, en = texts
    return (en or zh) if language == "en" else (zh or en)


@functools.cache
def _rule_texts() -> dict[str, tuple[str, str]]:
    from crm import detection
    from crm.errors import CrmError

    try:
        rules = detection.default_detector().rules("opportunity")  # itself read once per process
    except CrmError:
        return {}
    return {r.id: (r.explanation_zh or "", r.explanation_en or "") for r in rules}


def ordered(table: Mapping[str, str]) -> list[tuple[str, str]]:
    """(code, translated label) pairs in the table's order, for combo boxes."""
    return [(code, _tr(text)) for code, text in table.items()]
