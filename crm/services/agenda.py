"""The agent's day (我的日程): overdue follow-ups (rolled over until done), today's, the next 7 days', customers
due a care call and the agent's cases near or past their deadline; and every agent's queue for the supervisor.

Everything is index-served: follow-ups by ``(owner, status, due_at)``, care customers by ``owner`` and
``last_contact_at`` ranges, cases by ``(owner, status)``. Days are the working calendar's local days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee

from crm.codes import FollowUpStatus
from crm.models import ComplaintCase, Customer, FollowUp, StaffUser
from crm.services import cadence, followups
from crm.services.base import now_utc
from crm.services.cadence import CareDue
from crm.services.case_deadlines import OPEN_STATUSES, DeadlineState, deadline_info
from crm.services.followups import FollowUpRow
from crm.services.options import option
from crm.workcalendar import WorkCalendar, default_calendar

UPCOMING_DAYS = 7


@dataclass(frozen=True)
class CaseAlert:
    """An open case of the agent whose deadline is near or past (``which``: first_feedback / resolution)."""

    case_id: int
    case_no: str
    customer_id: int
    customer_name: str
    priority: str
    state: str
    which: str
    due: dt.datetime
    paused: bool


@dataclass(frozen=True)
class Agenda:
    now: dt.datetime
    overdue: tuple[FollowUpRow, ...]  # due before now, oldest first; rolled-over ones have due_at < today_start
    today: tuple[FollowUpRow, ...]  # the rest of today
    upcoming: tuple[FollowUpRow, ...]  # the next 7 days
    care_due: tuple[CareDue, ...]  # most overdue first, at most ``care_limit``
    care_due_total: int
    cases: tuple[CaseAlert, ...]  # overdue first, then near
    today_start: dt.datetime


@dataclass(frozen=True)
class QueueRow:
    """One agent's load for the supervisor view."""

    staff_id: int
    username: str
    display_name: str
    role: str
    active: bool
    open: int
    overdue: int
    due_today: int
    upcoming: int
    care_due: int
    cases_open: int
    cases_near: int
    cases_overdue: int


def _bounds(now: dt.datetime, cal: WorkCalendar) -> tuple[dt.datetime, dt.datetime, dt.datetime]:
    today = cal.local_date(now)
    start = cal.start_of_day(today)
    return start, cal.start_of_day(today + dt.timedelta(days=1)), \
        cal.start_of_day(today + dt.timedelta(days=UPCOMING_DAYS + 1))


def my_day(owner: StaffUser | int, now: dt.datetime | None = None, *, calendar: WorkCalendar | None = None,
           care_limit: int = 200) -> Agenda:
    cal = calendar or default_calendar()
    now = now or now_utc()
    owner_id = owner.id if isinstance(owner, StaffUser) else int(owner)
    start, tomorrow, horizon = _bounds(now, cal)
    rows = followups.list_rows((FollowUp.owner == owner_id) & (FollowUp.status == FollowUpStatus.OPEN)
                               & (FollowUp.due_at < horizon))
    overdue = tuple(r for r in rows if r.due_at < now)
    today = tuple(r for r in rows if now <= r.due_at < tomorrow)
    upcoming = tuple(r for r in rows if r.due_at >= tomorrow)
    care, care_total = cadence.due_customers(owner_id, now, limit=care_limit)
    return Agenda(now, overdue, today, upcoming, tuple(care), care_total, tuple(case_alerts(owner_id, now, cal)),
                  start)


def case_alerts(owner_id: int | None, now: dt.datetime, cal: WorkCalendar | None = None) -> list[CaseAlert]:
    """Open cases (of one owner, or all) near or past a deadline, overdue first, then by due time."""
    cal = cal or default_calendar()
    warn = float(option("cases.warn_fraction"))
    where = ComplaintCase.status.in_(OPEN_STATUSES)
    if owner_id is not None:
        where &= ComplaintCase.owner == owner_id
    query = (ComplaintCase.select(ComplaintCase, Customer.name.alias("customer_name")).join(Customer)
             .where(where).objects())
    alerts = []
    for case in query:
        info = deadline_info(case, now, cal, warn)
        if info.state == DeadlineState.OK:
            continue
        due = case.first_feedback_due if info.which == "first_feedback" else case.resolution_due
        alerts.append(CaseAlert(case.id, case.case_no, case.customer_id, case.customer_name, str(case.priority),
                                str(info.state), info.which, due, info.paused))
    alerts.sort(key=lambda a: (a.state != DeadlineState.OVERDUE, a.due, a.case_id))
    return alerts


def queues(now: dt.datetime | None = None, *, calendar: WorkCalendar | None = None) -> list[QueueRow]:
    """Every staff member with open work or active: follow-up counts, care customers due, case deadlines."""
    cal = calendar or default_calendar()
    now = now or now_utc()
    _, tomorrow, horizon = _bounds(now, cal)

    def when(cond: peewee.Expression) -> peewee.Function:
        return peewee.fn.SUM(peewee.Case(None, [(cond, 1)], 0))

    counts = {r[0]: r[1:] for r in FollowUp.select(
        FollowUp.owner, peewee.fn.COUNT(FollowUp.id), when(FollowUp.due_at < now),
        when((FollowUp.due_at >= now) & (FollowUp.due_at < tomorrow)),
        when((FollowUp.due_at >= tomorrow) & (FollowUp.due_at < horizon)))
        .where(FollowUp.status == FollowUpStatus.OPEN).group_by(FollowUp.owner).tuples()}
    care = cadence.due_counts(now)
    cases: dict[int, list[int]] = {}
    warn = float(option("cases.warn_fraction"))
    for case in ComplaintCase.select().where(ComplaintCase.status.in_(OPEN_STATUSES)):
        tally = cases.setdefault(case.owner_id, [0, 0, 0])
        state = deadline_info(case, now, cal, warn).state
        tally[0] += 1
        tally[1] += state == DeadlineState.NEAR
        tally[2] += state == DeadlineState.OVERDUE
    out = []
    for s in StaffUser.select().order_by(StaffUser.id):
        c = counts.get(s.id, (0, 0, 0, 0))
        k = cases.get(s.id, [0, 0, 0])
        if not s.active and not any(c) and not any(k):
            continue
        out.append(QueueRow(s.id, s.username, s.display_name, str(s.role), s.active, *(int(x or 0) for x in c),
                            care.get(s.id, 0), *k))
    return out
