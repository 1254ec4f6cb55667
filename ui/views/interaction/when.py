"""Local date-time shown in the UI ↔ the timezone-aware UTC datetimes the core stores."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime

from ui.formats import format_instant


def to_utc(value: QDateTime) -> dt.datetime:
    """The instant a QDateTime (local time) stands for, as an aware UTC datetime."""
    return dt.datetime.fromtimestamp(value.toSecsSinceEpoch(), tz=dt.UTC)


def from_utc(value: dt.datetime) -> QDateTime:
    if value.tzinfo is None:  # the core stores UTC; a naive value is UTC too
        value = value.replace(tzinfo=dt.UTC)
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp()))


def local_text(value: dt.datetime | QDateTime) -> str:
    """Short local date and time in the UI language ('2026/11/24 10:00' / '11/24/26 10:00 AM')."""
    return format_instant(value)
