"""The complaint-case board: ids of open cases for a filter (mine / all / overdue / near deadline), ordered by
resolution deadline, and the rows of one page with the customer's phone masked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from crm import identifiers
from crm.models import CaseCategory, ComplaintCase, Customer, CustomerPhone
from crm.services.base import now_utc
from crm.services.case_deadlines import OPEN_STATUSES, DeadlineState, deadline_info
from crm.workcalendar import WorkCalendar, default_calendar


class CaseFilter(StrEnum):
    MINE = "mine"
    ALL = "all"
    OVERDUE = "overdue"
    NEAR = "near"


@dataclass(frozen=True)
class CaseListRow:
    """One line of the case board (times aware UTC; ``customer_phone`` already masked)."""

    id: int
    case_no: str
    customer_id: int
    customer_name: str
    customer_phone: str
    category: str
    status: str
    priority: str
    escalated: bool
    repeat_of: int | None
    owner_id: int | None
    opened_at: dt.datetime
    first_feedback_due: dt.datetime | None
    first_feedback_at: dt.datetime | None
    resolution_due: dt.datetime
    paused_since: dt.datetime | None
    paused_seconds: int
    extension_level: int


_TIMES = (ComplaintCase.id, ComplaintCase.status, ComplaintCase.opened_at, ComplaintCase.first_feedback_due,
          ComplaintCase.first_feedback_at, ComplaintCase.resolution_due, ComplaintCase.paused_since,
          ComplaintCase.paused_seconds)


def case_ids(filter_: CaseFilter | str, owner_id: int | None = None, *, now: dt.datetime | None = None,
             calendar: WorkCalendar | None = None) -> list[int]:
    """Open cases for ``filter_``, soonest resolution deadline first (index (status, resolution_due), or
    (owner, status) for "mine"). Overdue/near are decided in working time, so those read the timing columns
    of every open case (a few thousand at most) and compute the state here."""
    filter_ = CaseFilter(filter_)
    where = ComplaintCase.status.in_(OPEN_STATUSES)
    if filter_ == CaseFilter.MINE:
        where &= ComplaintCase.owner == owner_id
    order = (ComplaintCase.resolution_due, ComplaintCase.id)
    if filter_ in (CaseFilter.MINE, CaseFilter.ALL):
        return [r[0] for r in ComplaintCase.select(ComplaintCase.id).where(where).order_by(*order).tuples()]
    wanted = DeadlineState.OVERDUE if filter_ == CaseFilter.OVERDUE else DeadlineState.NEAR
    ts, cal = now or now_utc(), calendar or default_calendar()
    return [c.id for c in ComplaintCase.select(*_TIMES).where(where).order_by(*order)
            if deadline_info(c, ts, cal).state == wanted]


def case_rows(ids: Sequence[int]) -> dict[int, CaseListRow]:
    """id -> row for one page of ids (two queries whatever the page size)."""
    if not ids:
        return {}
    query = (ComplaintCase.select(ComplaintCase, Customer.name.alias("customer_name"),
                                  CaseCategory.code.alias("category_code"))
             .join(Customer).switch(ComplaintCase).join(CaseCategory)
             .where(ComplaintCase.id.in_(list(ids))).objects())
    cases = list(query)
    phones: dict[int, str] = {}
    customer_ids = list({c.customer_id for c in cases})
    if customer_ids:
        rows = (CustomerPhone.select(CustomerPhone.customer, CustomerPhone.number)
                .where(CustomerPhone.customer.in_(customer_ids))
                .order_by(CustomerPhone.customer, CustomerPhone.is_primary.desc(), CustomerPhone.id).tuples())
        for customer_id, number in rows:
            phones.setdefault(customer_id, identifiers.mask_phone(number) if number else "")
    return {c.id: CaseListRow(
        id=c.id, case_no=c.case_no, customer_id=c.customer_id, customer_name=c.customer_name,
        customer_phone=phones.get(c.customer_id, ""), category=c.category_code, status=str(c.status),
        priority=str(c.priority), escalated=c.escalated, repeat_of=c.repeat_of_id, owner_id=c.owner_id,
        opened_at=c.opened_at, first_feedback_due=c.first_feedback_due, first_feedback_at=c.first_feedback_at,
        resolution_due=c.resolution_due, paused_since=c.paused_since, paused_seconds=c.paused_seconds,
        extension_level=c.extension_level) for c in cases}
