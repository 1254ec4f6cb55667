"""Working days and hours (工作日历): public holidays and 调休 make-up workdays from an editable TOML file.

Every instant in and out is a timezone-aware datetime; the arithmetic runs on the calendar's local wall
clock (Asia/Shanghai has no daylight saving). Working time is the closed union of the day's periods on
working days, so "2 working hours from 15:30" is 17:30 the same day, not 09:00 the next.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crm import paths
from crm.errors import ValidationError

FILE_ERROR = "invalid_calendar_file"
STATUSES = frozenset({"official", "pending"})
MAX_HOLIDAY_DAYS = 15  # longer is a typo (a wrong year in "to")
_WEEKEND = frozenset({5, 6})  # date.weekday(): Saturday, Sunday
_PERIOD = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
_TOML_POSITION = re.compile(r"line (\d+), column (\d+)")
_DAY = dt.timedelta(days=1)


def default_path() -> Path:
    """resources/calendar/cn_workdays.toml next to the packages, or inside the PyInstaller bundle."""
    return paths.resource("calendar", "cn_workdays.toml")


@functools.cache
def default_calendar() -> WorkCalendar:
    """The shipped calendar, loaded once per process (services take a ``calendar=`` to use another)."""
    return WorkCalendar.load()


@dataclass(frozen=True)
class WorkCalendar:
    tz: ZoneInfo
    periods: tuple[tuple[dt.time, dt.time], ...]
    holidays: Mapping[dt.date, str]
    workdays: Mapping[dt.date, str]  # 调休: weekend days that are worked
    years: Mapping[int, str]  # year -> "official" | "pending"

    # --- loading ---------------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path | str | None = None) -> WorkCalendar:
        """Read and validate a calendar file; problems raise ValidationError('invalid_calendar_file',
        field=<key path>, line=<line or None>, reason=<code>)."""
        path = Path(path) if path is not None else default_path()
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ValidationError(FILE_ERROR, field="file", reason="not_found", path=str(path)) from None
        except (OSError, UnicodeDecodeError) as exc:
            reason = "encoding" if isinstance(exc, UnicodeDecodeError) else "unreadable"
            raise ValidationError(FILE_ERROR, field="file", reason=reason, path=str(path)) from None
        return cls.from_toml(text)

    @classmethod
    def from_toml(cls, text: str) -> WorkCalendar:
        return cls(**_Reader(text).read())

    # --- days ------------------------------------------------------------------------------------

    def covers(self, day: dt.date) -> bool:
        """Whether the file declares ``day``'s year (otherwise only weekends are days off)."""
        return day.year in self.years

    def is_workday(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        return day not in self.holidays and day.weekday() not in _WEEKEND

    def next_workday(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        day += _DAY
        while not self.is_workday(day):
            day += _DAY
        return day

    def add_working_days(self, start: dt.datetime, n: int) -> dt.datetime:
        """Close of business on the n-th working day after ``start``'s local date (the start day itself is not
        counted, as for a period "within n days of receipt"). n = 0: close of business of the start day if it
        is a working day, else of the next working day."""
        if n < 0:
            raise ValueError("n must be >= 0")
        day = self._local(start).date()
        if n == 0 and not self.is_workday(day):
            day = self.next_workday(day)
        for _ in range(n):
            day = self.next_workday(day)
        return self._aware(dt.datetime.combine(day, self.periods[-1][1]))

    def calendar_days_deadline(self, start: dt.datetime, n: int) -> dt.datetime:
        """Close of business n calendar days after ``start``'s date; a period ending on a day off ends on the
        next working day (民法典 第二百零三条)."""
        day = self._local(start).date() + dt.timedelta(days=n)
        if not self.is_workday(day):
            day = self.next_workday(day)
        return self._aware(dt.datetime.combine(day, self.periods[-1][1]))

    # --- hours -----------------------------------------------------------------------------------

    def day_periods(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        """The working periods of ``day`` as naive local datetimes (none on a day off)."""
        if not self.is_workday(day):
            return []
        return [(dt.datetime.combine(day, s), dt.datetime.combine(day, e)) for s, e in self.periods]

    def is_working_time(self, moment: dt.datetime) -> bool:
        t = self._local(moment)
        return any(s <= t <= e for s, e in self.day_periods(t.date()))

    def add_working_hours(self, start: dt.datetime, hours: float) -> dt.datetime:
        return self.add_working_time(start, dt.timedelta(hours=hours))

    def add_working_time(self, start: dt.datetime, amount: dt.timedelta) -> dt.datetime:
        """The instant after ``amount`` of working time from ``start``; for amount > 0 it lies in working time
        (a period's end included). amount = 0 gives the first working instant at or after ``start``."""
        if amount < dt.timedelta(0):
            raise ValueError("amount must be >= 0")
        t = self._local(start)
        day, remaining = t.date(), amount
        full = self.day_length
        while True:
            for s, e in self.day_periods(day):
                if e < t:
                    continue
                begin = max(s, t)
                if remaining <= e - begin:
                    return self._aware(begin + remaining)
                remaining -= e - begin
            day += _DAY
            t = dt.datetime.combine(day, dt.time.min)
            # Skip whole working days at once: long deadlines (60 working days) stay cheap.
            while remaining > full and self.is_workday(day):
                remaining -= full
                day += _DAY
                t = dt.datetime.combine(day, dt.time.min)

    def working_seconds_between(self, a: dt.datetime, b: dt.datetime) -> float:
        """Working seconds in [a, b]; negative when b is before a."""
        return self.working_time_between(a, b).total_seconds()

    def working_time_between(self, a: dt.datetime, b: dt.datetime) -> dt.timedelta:
        la, lb = self._local(a), self._local(b)
        if lb < la:
            return -self.working_time_between(b, a)
        total = dt.timedelta(0)
        for day in {la.date(), lb.date()}:  # the partial first and last days
            for s, e in self.day_periods(day):
                lo, hi = max(s, la), min(e, lb)
                if hi > lo:
                    total += hi - lo
        day, whole = la.date() + _DAY, 0
        while day < lb.date():  # whole days between: count them, no datetimes needed
            whole += self.is_workday(day)
            day += _DAY
        return total + whole * self.day_length

    def same_time_next_workday(self, moment: dt.datetime) -> dt.datetime:
        """The same wall-clock time on the next working day, moved to the next working period start when it
        falls outside working hours (after the close: the next working day's opening)."""
        local = self._local(moment)
        day = self.next_workday(local.date())
        candidate = dt.datetime.combine(day, local.time())
        for s, e in self.day_periods(day):
            if candidate <= e:
                return self._aware(max(s, candidate))
        return self._aware(dt.datetime.combine(day, self.periods[0][0]))

    def next_working_instant(self, moment: dt.datetime) -> dt.datetime:
        return self.add_working_time(moment, dt.timedelta(0))

    def local_date(self, moment: dt.datetime) -> dt.date:
        return self._local(moment).date()

    def start_of_day(self, day: dt.date) -> dt.datetime:
        return self._aware(dt.datetime.combine(day, dt.time.min))

    # --- helpers ---------------------------------------------------------------------------------

    @functools.cached_property
    def day_length(self) -> dt.timedelta:
        """Working time in one working day (7 h by default)."""
        return sum((dt.datetime.combine(dt.date.min, e) - dt.datetime.combine(dt.date.min, s)
                    for s, e in self.periods), dt.timedelta(0))

    def _local(self, moment: dt.datetime) -> dt.datetime:
        if not isinstance(moment, dt.datetime) or moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("naive_datetime: the working calendar needs timezone-aware datetimes")
        return moment.astimezone(self.tz).replace(tzinfo=None)

    def _aware(self, local: dt.datetime) -> dt.datetime:
        return local.replace(tzinfo=self.tz)


class _Reader:
    """Validates the file; every error names the key path and, where it can be found, the line."""

    def __init__(self, text: str) -> None:
        self.text = text

    def bad(self, field: str, reason: str, line: int | None = None) -> ValidationError:
        return ValidationError(FILE_ERROR, field=field, reason=reason, line=line)

    def line_of(self, pattern: str, nth: int = 0) -> int | None:
        found = list(re.finditer(pattern, self.text, re.MULTILINE))
        return self.text.count("\n", 0, found[nth].start()) + 1 if len(found) > nth else None

    def read(self) -> dict[str, Any]:
        try:
            data = tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as exc:
            pos = _TOML_POSITION.search(str(exc))
            raise self.bad("syntax", "toml_syntax", int(pos.group(1)) if pos else None) from None
        for key in data:
            if key not in ("timezone", "hours", "year", "holiday", "workday"):
                raise self.bad(key, "unknown_key", self.line_of(rf"^\s*\[*\s*{re.escape(key)}\b"))
        tz = self.zone(data.get("timezone", "Asia/Shanghai"))
        periods = self.periods(data.get("hours", {"periods": ["09:00-12:00", "13:30-17:30"]}))
        years = self.years(data.get("year", {}))
        holidays = self.holidays(data.get("holiday", []), years)
        workdays = self.workdays(data.get("workday", []), years, holidays)
        return {"tz": tz, "periods": periods, "holidays": holidays, "workdays": workdays, "years": years}

    def zone(self, name: Any) -> ZoneInfo:
        line = self.line_of(r"^\s*timezone\s*=")
        if not isinstance(name, str):
            raise self.bad("timezone", "not_a_string", line)
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise self.bad("timezone", "unknown_timezone", line) from None

    def periods(self, hours: Any) -> tuple[tuple[dt.time, dt.time], ...]:
        line = self.line_of(r"^\s*periods\s*=")
        raw = hours.get("periods") if isinstance(hours, dict) else None
        if not isinstance(raw, list) or not raw:
            raise self.bad("hours.periods", "missing", line)
        out: list[tuple[dt.time, dt.time]] = []
        for i, item in enumerate(raw):
            found = _PERIOD.match(item) if isinstance(item, str) else None
            try:
                h1, m1, h2, m2 = (int(g) for g in found.groups()) if found else (-1,) * 4
                start, end = dt.time(h1, m1), dt.time(h2, m2)
            except ValueError:
                raise self.bad(f"hours.periods[{i}]", "bad_period", line) from None
            if end <= start or (out and start < out[-1][1]):
                raise self.bad(f"hours.periods[{i}]", "period_order", line)
            out.append((start, end))
        return tuple(out)

    def years(self, table: Any) -> dict[int, str]:
        if not isinstance(table, dict):
            raise self.bad("year", "not_a_table", self.line_of(r"^\s*year\s*="))
        out: dict[int, str] = {}
        for key, entry in table.items():
            line = self.line_of(rf"^\s*\[\s*year\.{re.escape(key)}\s*\]")
            if not (key.isdigit() and len(key) == 4):
                raise self.bad(f"year.{key}", "bad_year", line)
            status = entry.get("status") if isinstance(entry, dict) else None
            if status not in STATUSES:
                raise self.bad(f"year.{key}.status", "bad_status", line)
            out[int(key)] = status
        return out

    def _entries(self, kind: str, raw: Any) -> list[tuple[dict, str, int | None]]:
        if not isinstance(raw, list):
            raise self.bad(kind, "not_a_list", self.line_of(rf"^\s*{kind}\s*="))
        lines = [self.line_of(rf"^\s*\[\[\s*{kind}\s*\]\]", i) for i in range(len(raw))]
        out = []
        for i, (entry, line) in enumerate(zip(raw, lines, strict=True)):
            label = f"{kind}[{i + 1}]"
            if not isinstance(entry, dict):
                raise self.bad(label, "not_a_table", line)
            name = entry.get("name")
            if not isinstance(name, str) or not name.strip():
                raise self.bad(f"{label}.name", "missing", line)
            allowed = {"name", "from", "to"} if kind == "holiday" else {"name", "date"}
            for key in entry:
                if key not in allowed:
                    raise self.bad(f"{label}.{key}", "unknown_key", line)
            out.append((entry, label, line))
        return out

    def _date(self, value: Any, field: str, line: int | None, years: Mapping[int, str]) -> dt.date:
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise self.bad(field, "not_a_date", line)
        if value.year not in years:
            raise self.bad(field, "year_not_declared", line)
        return value

    def holidays(self, raw: Any, years: Mapping[int, str]) -> dict[dt.date, str]:
        out: dict[dt.date, str] = {}
        for entry, label, line in self._entries("holiday", raw):
            first = self._date(entry.get("from"), f"{label}.from", line, years)
            last = self._date(entry.get("to", first), f"{label}.to", line, years)
            if last < first or (last - first).days >= MAX_HOLIDAY_DAYS:
                raise self.bad(f"{label}.to", "bad_range", line)
            day = first
            while day <= last:
                if day in out:
                    raise self.bad(f"{label}.from", "duplicate_date", line)
                out[day] = entry["name"].strip()
                day += _DAY
        return out

    def workdays(self, raw: Any, years: Mapping[int, str], holidays: Mapping[dt.date, str]) -> dict[dt.date, str]:
        out: dict[dt.date, str] = {}
        for entry, label, line in self._entries("workday", raw):
            day = self._date(entry.get("date"), f"{label}.date", line, years)
            if day.weekday() not in _WEEKEND:
                raise self.bad(f"{label}.date", "not_a_weekend_day", line)
            if day in holidays:
                raise self.bad(f"{label}.date", "inside_holiday", line)
            if day in out:
                raise self.bad(f"{label}.date", "duplicate_date", line)
            out[day] = entry["name"].strip()
        return out
