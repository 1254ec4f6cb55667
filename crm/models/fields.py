"""Column types shared by the models: UTC timestamps as fixed-width text, JSON text, code enums."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import peewee
from playhouse.fields import EnumField

__all__ = ["CodeField", "JsonTextField", "UtcDateTimeField", "utc_now", "format_utc", "parse_utc"]

CODE_LENGTH = 32
UTC_TEXT_LENGTH = 32


def utc_now() -> dt.datetime:
    """The current time, timezone-aware, in UTC."""
    return dt.datetime.now(dt.UTC)


def format_utc(value: dt.datetime) -> str:
    """``YYYY-MM-DDTHH:MM:SS.ffffffZ``: fixed width, so text order is time order on every backend.

    Fixed width matters on PostgreSQL too: its collations may weigh punctuation differently, but with
    punctuation always in the same positions only the digits decide the order.
    """
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("naive_datetime: store timezone-aware datetimes only")
    u = value.astimezone(dt.UTC)
    return (f"{u.year:04d}-{u.month:02d}-{u.day:02d}T{u.hour:02d}:{u.minute:02d}:{u.second:02d}"
            f".{u.microsecond:06d}Z")


def parse_utc(text: str) -> dt.datetime:
    """Inverse of :func:`format_utc`; also accepts any ISO 8601 string with an offset."""
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError(f"naive_datetime: {text!r} has no offset")
    return value.astimezone(dt.UTC)


class UtcDateTimeField(peewee.CharField):
    """A timezone-aware instant stored as fixed-width ISO 8601 UTC text (VARCHAR(32)) on both backends.

    Comparisons in queries (``Interaction.ts >= some_datetime``) go through ``db_value``, so callers pass
    aware datetimes and never format text themselves. Naive datetimes are refused: they are a bug.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", UTC_TEXT_LENGTH)
        super().__init__(*args, **kwargs)

    def db_value(self, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = parse_utc(value)
        if not isinstance(value, dt.datetime):
            raise TypeError(f"UtcDateTimeField needs a datetime, got {type(value).__name__}")
        return format_utc(value)

    def python_value(self, value: Any) -> dt.datetime | None:
        if value is None or isinstance(value, dt.datetime):
            return value
        return parse_utc(value)


class JsonTextField(peewee.TextField):
    """A JSON document stored as TEXT (portable; no JSON operators are used on it in SQL)."""

    def db_value(self, value: Any) -> str | None:
        if value is None:
            return None
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def python_value(self, value: Any) -> Any:
        if value is None:
            return None
        return json.loads(value)


def CodeField(enum_class: type, **kwargs: Any) -> EnumField:  # noqa: N802 (reads like a field class)
    """A code column: the enum's value in VARCHAR(32); reads back as the StrEnum member."""
    kwargs.setdefault("max_length", CODE_LENGTH)
    return EnumField(enum_class, **kwargs)
