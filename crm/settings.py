"""Every option declared once (name, type, default), and where the per-user data folder is."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

APP_NAME = "BankCRM"
DATA_DIR_ENV = "CRM_DATA_DIR"
DB_URL_ENV = "CRM_DB_URL"


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir beats CRM_DATA_DIR beats the platform's per-user data folder."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    if os.environ.get(DATA_DIR_ENV):
        return Path(os.environ[DATA_DIR_ENV]).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def resolve_db_url(cli_value: str | None = None) -> str | None:
    return cli_value or os.environ.get(DB_URL_ENV) or None


@dataclass(frozen=True)
class Option:
    name: str
    type: type
    default: Any
    scope: str  # "team": stored in the database and shared; "machine": per machine (QSettings)


OPTIONS: tuple[Option, ...] = (
    Option("ui.language", str, "", "machine"),
    Option("mask.mobile", str, "3,4", "team"),
    Option("mask.id_number", str, "3,4", "team"),
    Option("mask.card", str, "0,4", "team"),
    Option("verification.max_failures", int, 3, "team"),
    Option("verification.lock_minutes", int, 30, "team"),
    Option("elderly.age_years", int, 60, "team"),
    Option("cases.first_feedback_hours", int, 2, "team"),
    Option("cases.resolution_days", int, 15, "team"),
    Option("cases.warn_fraction", float, 0.8, "team"),
    Option("cases.day_kind", str, "working", "team"),  # how the regulator's days count: working | calendar
    Option("cases.extension_days", int, 30, "team"),
    Option("cases.further_extension_days", int, 30, "team"),
    Option("cases.repeat_window_days", int, 30, "team"),
    Option("followups.max_attempts", int, 3, "team"),
    Option("leads.fraud_block_days", int, 30, "team"),  # a fraud escalation blocks every lead of the customer
    Option("followups.low_score_max", int, 2, "team"),
    Option("followups.escalation_hours", int, 1, "team"),
)
OPTIONS_BY_NAME = {option.name: option for option in OPTIONS}


def default(name: str) -> Any:
    return OPTIONS_BY_NAME[name].default
