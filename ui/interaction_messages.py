"""Translated text for the error codes the call screens show that ``ui/errors.py`` does not know yet.

``message_for(error)`` looks here first and falls back to ``ui.errors.error_message``, so the call
screens have one function to ask. When ``ui/errors.py`` gains a code, drop it from here.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from crm.errors import CrmError
from ui.errors import error_message

_CONTEXT = "InteractionMessages"

_MESSAGES: dict[str, str] = {
    "auth_data_in_notes": QT_TRANSLATE_NOOP(
        "InteractionMessages", "This looks like {kinds}. Authentication data is never saved: remove it "
        "before saving."),
    "reason_required": QT_TRANSLATE_NOOP(
        "InteractionMessages", "A score of 1 or 2 needs the reason: what was the customer unhappy with?"),
    "in_the_past": QT_TRANSLATE_NOOP("InteractionMessages", "This time has already passed: choose a later one."),
    "timezone_required": QT_TRANSLATE_NOOP("InteractionMessages", "The time has no time zone."),
    "role_required": QT_TRANSLATE_NOOP(
        "InteractionMessages", "Only supervisors and administrators may do this."),
    "no_customer": QT_TRANSLATE_NOOP("InteractionMessages", "Open a customer first."),
    "not_reached": QT_TRANSLATE_NOOP(
        "InteractionMessages", "Nobody answered, so there is no satisfaction score: clear it or change the outcome."),
    "other_customer": QT_TRANSLATE_NOOP(
        "InteractionMessages", "This follow-up belongs to another customer."),
}

# What each kind of authentication data (C3) is called in the warning.
AUTH_KINDS: dict[str, str] = {
    "pin": QT_TRANSLATE_NOOP("InteractionMessages", "a card PIN"),
    "password": QT_TRANSLATE_NOOP("InteractionMessages", "a password"),
    "cvn": QT_TRANSLATE_NOOP("InteractionMessages", "a card security code (CVN)"),
    "sms_code": QT_TRANSLATE_NOOP("InteractionMessages", "an SMS verification code"),
    "card_expiry": QT_TRANSLATE_NOOP("InteractionMessages", "a card expiry date"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def auth_data_message(kinds: Iterable[str]) -> str:
    """'This looks like a password, an SMS verification code. …' for the kinds found (in a stable order)."""
    names = [_tr(AUTH_KINDS[k]) if k in AUTH_KINDS else k for k in sorted(set(kinds), key=_kind_order)]
    separator = QCoreApplication.translate("InteractionMessages", ", ", "between kinds of authentication data")
    return _tr(_MESSAGES["auth_data_in_notes"]).format(kinds=separator.join(names))


def _kind_order(kind: str) -> int:
    order = list(AUTH_KINDS)
    return order.index(kind) if kind in order else len(order)


def message_for(error: CrmError) -> str:
    """The sentence for ``error`` as shown under its field (no "field: …" suffix)."""
    if error.code == "auth_data_in_notes":
        return auth_data_message(error.details.get("kinds", ()))
    template = _MESSAGES.get(error.code)
    if template is None:
        return error_message(error, where=False)
    return _tr(template).format_map(_Missing({k: str(v) for k, v in error.details.items()}))


def no_customer_message() -> str:
    return _tr(_MESSAGES["no_customer"])


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
