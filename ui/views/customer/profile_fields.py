"""The editable profile fields: their order, their values from a CustomerDetail, and how a value reads."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication

from crm.services.customer_detail import CustomerDetail
from ui.customer_messages import code_label
from ui.formats import format_date

# The keys update_customer accepts that the profile form edits, in form order.
FIELDS = ("name", "segment", "risk_rating", "risk_assessed_on", "risk_expires_on", "do_not_disturb",
          "vulnerable", "elderly_override", "agent_name", "agent_relation", "care_interval_days", "notes")


def values_of(detail: CustomerDetail) -> dict[str, Any]:
    """The form's values as stored, normalised the way the form normalises what the agent types."""
    return {
        "name": detail.name,
        "segment": _code(detail.segment),
        "risk_rating": _code(detail.risk_rating),
        "risk_assessed_on": detail.risk_assessed_on,
        "risk_expires_on": detail.risk_expires_on,
        "do_not_disturb": bool(detail.do_not_disturb),
        "vulnerable": bool(detail.vulnerable),
        "elderly_override": detail.elderly_override,
        "agent_name": (detail.agent_name or "").strip() or None,
        "agent_relation": _code(detail.agent_relation),
        "care_interval_days": detail.care_interval_days,
        "notes": detail.notes or "",
    }


def _code(value: Any) -> str | None:
    """Stored codes arrive as StrEnum members; the form's combo boxes hold plain strings."""
    return str(value) if value else None


def field_label(field: str) -> str:
    return code_label("customer_field", field)


def display_value(field: str, value: Any) -> str:
    """How a value reads in the conflict dialog (short, translated, never a raw code)."""
    translate = QCoreApplication.translate
    if field == "elderly_override":
        if value is None:
            return translate("ProfileFields", "Automatic (from date of birth)")
        return translate("ProfileFields", "Yes") if value else translate("ProfileFields", "No")
    if value is None or value == "":
        if field == "care_interval_days":
            return translate("ProfileFields", "Segment default")
        return "—"
    if isinstance(value, bool):
        return translate("ProfileFields", "Yes") if value else translate("ProfileFields", "No")
    if isinstance(value, dt.date):
        return format_date(value)
    if field in ("segment", "risk_rating", "agent_relation"):
        return code_label(field, value)
    if field == "care_interval_days":
        return translate("ProfileFields", "{days} days").format(days=value)
    text = " ".join(str(value).split())
    return text if len(text) <= 80 else text[:79] + "…"
