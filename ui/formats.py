"""Dates and times for display: local time, the UI locale's order, always a four-digit year."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QLocale


def date_format(locale: QLocale | None = None) -> str:
    """The locale's short date format with a four-digit year (3/1/25 could be 1925 or 2025)."""
    fmt = (locale or QLocale()).dateFormat(QLocale.FormatType.ShortFormat)
    return fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy")


def to_local(value: dt.datetime | QDateTime) -> QDateTime:
    """An aware instant (the core stores UTC; naive means UTC) as local QDateTime."""
    if isinstance(value, QDateTime):
        return value.toLocalTime()
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return QDateTime.fromMSecsSinceEpoch(int(value.timestamp() * 1000)).toLocalTime()


def format_date(value: dt.date | QDate | None, locale: QLocale | None = None) -> str:
    if value is None:
        return ""
    qdate = value if isinstance(value, QDate) else QDate(value.year, value.month, value.day)
    return (locale or QLocale()).toString(qdate, date_format(locale))


def format_instant(value: dt.datetime | QDateTime | str | None, locale: QLocale | None = None) -> str:
    """Local date (four-digit year) and short time."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    moment = to_local(value)
    locale = locale or QLocale()
    return f"{format_date(moment.date(), locale)} {locale.toString(moment.time(), QLocale.FormatType.ShortFormat)}"
