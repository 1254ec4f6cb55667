"""Complaint deadlines in working time: the first-feedback promise, the resolution deadline with its
extensions and pauses, and how much of it is used (ok / near / overdue).

The regulator's "15 days, extendable to 30, then +30 with approval" (银行业保险业消费投诉处理管理办法) are
counted in Chinese working days by default (``cases.day_kind = "working"``): the issue asks for it, and as far
as we know the measure counts its 日 as working days. A team may switch to calendar days
(``"calendar"``), where a period ending on a day off runs to the next working day. The deadline is close of
business on the last day; the day of receipt is not counted. Compliance should confirm before these are
presented as law.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from crm.codes import CaseStatus
from crm.services.options import option
from crm.workcalendar import WorkCalendar, default_calendar

OPEN_STATUSES = (CaseStatus.ACCEPTED, CaseStatus.IN_PROGRESS, CaseStatus.AWAITING_CUSTOMER)


class DeadlineState(StrEnum):
    OK = "ok"
    NEAR = "near"
    OVERDUE = "overdue"


class CaseTimes(Protocol):
    """What the deadline arithmetic reads: a ComplaintCase row or a cases.CaseRow both fit."""

    status: str
    opened_at: dt.datetime
    first_feedback_due: dt.datetime | None
    first_feedback_at: dt.datetime | None
    resolution_due: dt.datetime
    paused_since: dt.datetime | None
    paused_seconds: int


_RANK = {DeadlineState.OK: 0, DeadlineState.NEAR: 1, DeadlineState.OVERDUE: 2}


@dataclass(frozen=True)
class DeadlineInfo:
    """Where a case stands against its deadlines at one instant."""

    state: DeadlineState  # the worse of the two
    which: str  # "first_feedback" | "resolution" | "" : which deadline gives ``state``
    feedback_state: DeadlineState
    resolution_state: DeadlineState
    resolution_due: dt.datetime
    fraction_used: float  # of the resolution budget, pauses excluded
    paused: bool


def resolution_days(level: int) -> int:
    """Days allowed from receipt at an extension level (0: 15; 1: 30; 2: 30 + 30)."""
    if level not in (0, 1, 2):
        raise ValueError(f"extension level {level}")
    if level == 0:
        return int(option("cases.resolution_days"))
    extended = int(option("cases.extension_days"))
    return extended if level == 1 else extended + int(option("cases.further_extension_days"))


def resolution_due(opened: dt.datetime, level: int, paused_seconds: int,
                   calendar: WorkCalendar | None = None) -> dt.datetime:
    """The resolution deadline: n days from receipt, then moved on by the working time spent paused."""
    cal = calendar or default_calendar()
    days = resolution_days(level)
    if option("cases.day_kind") == "calendar":
        base = cal.calendar_days_deadline(opened, days)
    else:
        base = cal.add_working_days(opened, days)
    return cal.add_working_time(base, dt.timedelta(seconds=paused_seconds))


def first_feedback_due(opened: dt.datetime, paused_seconds: int = 0,
                       calendar: WorkCalendar | None = None) -> dt.datetime:
    cal = calendar or default_calendar()
    hours = float(option("cases.first_feedback_hours"))
    return cal.add_working_time(opened, dt.timedelta(hours=hours, seconds=paused_seconds))


def deadline_info(case: CaseTimes, now: dt.datetime, calendar: WorkCalendar | None = None,
                  warn_fraction: float | None = None) -> DeadlineInfo:
    """Near when at least ``warn_fraction`` (default ``cases.warn_fraction``) of the working time allowed is
    used; overdue once past the deadline. While paused the clock stands at the pause. Finished cases are ok."""
    cal = calendar or default_calendar()
    warn = float(option("cases.warn_fraction") if warn_fraction is None else warn_fraction)
    paused = case.paused_since is not None
    if case.status not in OPEN_STATUSES:
        return DeadlineInfo(DeadlineState.OK, "", DeadlineState.OK, DeadlineState.OK, case.resolution_due,
                            0.0, False)
    clock = case.paused_since if paused else now
    budget = cal.working_seconds_between(case.opened_at, case.resolution_due) - case.paused_seconds
    used = cal.working_seconds_between(case.opened_at, clock) - case.paused_seconds
    fraction = used / budget if budget > 0 else 1.0
    resolution = _state(clock > case.resolution_due, fraction, warn)
    feedback = DeadlineState.OK
    if case.first_feedback_at is None and case.first_feedback_due is not None:
        allowed = cal.working_seconds_between(case.opened_at, case.first_feedback_due)
        spent = cal.working_seconds_between(case.opened_at, clock)
        feedback = _state(clock > case.first_feedback_due, spent / allowed if allowed > 0 else 1.0, warn)
    if _RANK[feedback] > _RANK[resolution]:
        state, which = feedback, "first_feedback"
    else:
        state, which = resolution, "resolution" if resolution != DeadlineState.OK else ""
    return DeadlineInfo(state, which, feedback, resolution, case.resolution_due, max(0.0, fraction), paused)


def deadline_state(case: CaseTimes, now: dt.datetime, calendar: WorkCalendar | None = None,
                   warn_fraction: float | None = None) -> DeadlineState:
    return deadline_info(case, now, calendar, warn_fraction).state


def needs_escalation(info: DeadlineInfo) -> bool:
    """A supervisor is told when the resolution deadline is near or past, or the promised first feedback
    is late (a near first feedback is the agent's own business: it is two hours long)."""
    return info.resolution_state != DeadlineState.OK or info.feedback_state == DeadlineState.OVERDUE


def _state(past: bool, fraction: float, warn: float) -> DeadlineState:
    if past:
        return DeadlineState.OVERDUE
    return DeadlineState.NEAR if fraction >= warn else DeadlineState.OK
