"""Team options read at the point of use: a saved Setting row wins, else the declared default, else ours.

The service loop's options are listed here with their defaults so the services work before crm.settings
declares them; once declared there, that declaration's default is used.
"""

from __future__ import annotations

from typing import Any

from crm import settings
from crm.models import Setting

FALLBACKS: dict[str, Any] = {
    "cases.first_feedback_hours": 2,
    "cases.resolution_days": 15,
    "cases.day_kind": "working",  # "working" | "calendar": how the regulator's days are counted
    "cases.extension_days": 30,  # level 1: the deadline becomes this many days from receipt
    "cases.further_extension_days": 30,  # level 2: this many more
    "cases.warn_fraction": 0.8,
    "cases.repeat_window_days": 30,
    "followups.max_attempts": 3,
    "followups.low_score_max": 2,
    "followups.escalation_hours": 1,  # working hours a supervisor gets for an escalated follow-up
}


def option(name: str) -> Any:
    """The team's value for ``name`` (a JSON value in the setting table), or its default."""
    saved = Setting.select(Setting.value).where(Setting.key == name).scalar()
    if saved is not None:
        return saved
    declared = settings.OPTIONS_BY_NAME.get(name)
    if declared is not None:
        return declared.default
    return FALLBACKS[name]
