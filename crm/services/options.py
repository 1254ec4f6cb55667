"""Team options read at the point of use: a saved Setting row wins, else the default declared in crm.settings."""

from __future__ import annotations

from typing import Any

from crm import settings
from crm.models import Setting

def option(name: str) -> Any:
    """The team's value for ``name`` (a JSON value in the setting table), or its default."""
    saved = Setting.select(Setting.value).where(Setting.key == name).scalar()
    if saved is not None:
        return saved
    return settings.default(name)
