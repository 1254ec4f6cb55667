"""Care cadences (定期回访): how often each segment gets a periodic-care call, per-customer overrides, and which
customers are due. Nothing is pre-generated: a customer is due when their last real contact
(``Customer.last_contact_at``; their creation if never contacted) is older than their interval, found by a
range query on the indexed ``last_contact_at`` (narrowed by the indexed ``owner`` for an agent's agenda)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee

from crm import identifiers
from crm.codes import AuditAction, FollowUpPurpose, FollowUpStatus, Segment
from crm.errors import NotFound, ValidationError
from crm.models import CareCadence, Customer, CustomerPhone, FollowUp, StaffUser
from crm.services import audit
from crm.services.base import now_utc, versioned_update
from crm.services.staff import require_supervisor

DEFAULT_INTERVALS: dict[Segment, int] = {Segment.VIP: 30, Segment.PRIVATE: 14}  # standard: no cadence
MAX_INTERVAL = 3650


@dataclass(frozen=True)
class CareDue:
    """A customer due a periodic-care call; ``due_since`` is when the interval ran out."""

    customer_id: int
    customer_name: str
    phone: str  # masked
    segment: str
    last_contact_at: dt.datetime | None
    interval_days: int
    due_since: dt.datetime


def intervals() -> dict[str, int]:
    """Segment -> days between care calls. CareCadence rows decide once there are any; before that, the
    defaults (VIP 30, 私行 14, standard none). A segment without a row has no cadence."""
    rows = dict(CareCadence.select(CareCadence.segment, CareCadence.interval_days).tuples())
    if not rows:
        return {str(s): d for s, d in DEFAULT_INTERVALS.items()}
    return {str(s): d for s, d in rows.items()}


def _check_days(days: int | None, field: str) -> int | None:
    if days is not None and (type(days) is not int or not 0 < days <= MAX_INTERVAL):
        raise ValidationError("out_of_range", field=field, min=1, max=MAX_INTERVAL)
    return days


def set_interval(actor: StaffUser, segment: str, days: int | None) -> dict[str, int]:
    """Set (or with None, switch off) a segment's cadence; supervisors only. Returns the new table."""
    require_supervisor(actor)
    try:
        segment = Segment(segment)
    except ValueError:
        raise ValidationError("invalid_choice", field="segment", value=str(segment)) from None
    _check_days(days, "interval_days")
    current = intervals()
    with CareCadence._meta.database.atomic():
        if not CareCadence.select().exists():  # make the defaults explicit before changing one of them
            CareCadence.insert_many([{"segment": s, "interval_days": d} for s, d in current.items()]).execute()
        row = CareCadence.get_or_none(CareCadence.segment == segment)
        if days is None and row is not None:
            row.delete_instance()
        elif days is not None and row is None:
            CareCadence.create(segment=segment, interval_days=days)
        elif days is not None:
            versioned_update(CareCadence, row.id, row.version, {"interval_days": days})
        audit.record(actor, AuditAction.UPDATE, "care_cadence", str(segment), interval_days=days,
                     previous=current.get(str(segment)))
    return intervals()


def set_customer_interval(actor: StaffUser, customer_id: int, days: int | None, *,
                          expected_version: int | None = None) -> None:
    """A per-customer interval overriding the segment's (None: back to the segment's)."""
    _check_days(days, "care_interval_days")
    row = Customer.select(Customer.id, Customer.version, Customer.care_interval_days).where(
        Customer.id == customer_id).first()
    if row is None:
        raise NotFound("not_found", entity="customer", id=customer_id)
    with Customer._meta.database.atomic():
        versioned_update(Customer, customer_id, expected_version or row.version, {"care_interval_days": days})
        audit.record(actor, AuditAction.UPDATE, "customer", customer_id, care_interval_days=days,
                     previous=row.care_interval_days)


def next_due(customer_id: int) -> dt.datetime | None:
    """When the customer's next care call is due (None: no cadence applies)."""
    c = Customer.select(Customer.segment, Customer.care_interval_days, Customer.last_contact_at,
                        Customer.created_at).where(Customer.id == customer_id).first()
    if c is None:
        raise NotFound("not_found", entity="customer", id=customer_id)
    days = c.care_interval_days or intervals().get(str(c.segment))
    return None if days is None else (c.last_contact_at or c.created_at) + dt.timedelta(days=days)


def _base(owner_id: int | None) -> peewee.Expression:
    scheduled = FollowUp.select(FollowUp.id).where(
        (FollowUp.customer == Customer.id) & (FollowUp.status == FollowUpStatus.OPEN)
        & (FollowUp.purpose == FollowUpPurpose.PERIODIC_CARE))
    where = ~Customer.do_not_disturb & ~peewee.fn.EXISTS(scheduled)
    return where & (Customer.owner == owner_id) if owner_id is not None else where


def _older(cutoff: dt.datetime) -> peewee.Expression:
    return (Customer.last_contact_at < cutoff) | (Customer.last_contact_at.is_null() & (Customer.created_at < cutoff))


def due_ids(owner: StaffUser | int | None, now: dt.datetime, horizon: dt.timedelta = dt.timedelta(0)) -> list[tuple]:
    """(id, last contact, created, interval) of every due customer (of ``owner``, or everyone's), unsorted."""
    owner_id = owner.id if isinstance(owner, StaffUser) else owner
    base = _base(owner_id)
    cols = (Customer.id, Customer.last_contact_at, Customer.created_at)
    out: list[tuple] = []
    for segment, days in intervals().items():
        cutoff = now + horizon - dt.timedelta(days=days)
        query = Customer.select(*cols).where(base & (Customer.segment == segment)
                                             & Customer.care_interval_days.is_null() & _older(cutoff))
        out += [(*r, days) for r in query.tuples()]
    # Overrides are few (set by hand); their cut-off differs per row, so they are checked here.
    query = Customer.select(*cols, Customer.care_interval_days).where(base & Customer.care_interval_days.is_null(False))
    out += [r for r in query.tuples() if (r[1] or r[2]) + dt.timedelta(days=r[3]) <= now + horizon]
    return out


def due_customers(owner: StaffUser | int | None, now: dt.datetime | None = None, *,
                  horizon: dt.timedelta = dt.timedelta(0), limit: int = 200) -> tuple[list[CareDue], int]:
    """The most overdue ``limit`` customers due a care call by ``now + horizon``, and how many are due."""
    now = now or now_utc()
    found = due_ids(owner, now, horizon)
    found.sort(key=lambda r: ((r[1] or r[2]) + dt.timedelta(days=r[3]), r[0]))
    page = found[:limit]
    if not page:
        return [], len(found)
    phone = (CustomerPhone.select(CustomerPhone.number).where(CustomerPhone.customer == Customer.id)
             .order_by(CustomerPhone.is_primary.desc(), CustomerPhone.id).limit(1))
    details = {r[0]: r for r in Customer.select(Customer.id, Customer.name, phone.alias("phone"), Customer.segment)
               .where(Customer.id.in_([p[0] for p in page])).tuples()}
    rows = [CareDue(cid, details[cid][1], identifiers.mask_phone(details[cid][2]) if details[cid][2] else "",
                    str(details[cid][3]), last, days, (last or created) + dt.timedelta(days=days))
            for cid, last, created, days in page]
    return rows, len(found)


def due_counts(now: dt.datetime | None = None) -> dict[int | None, int]:
    """Owner id -> number of customers due a care call (None: customers nobody owns)."""
    now = now or now_utc()
    counts: dict[int | None, int] = {}
    for segment, days in intervals().items():
        cutoff = now - dt.timedelta(days=days)
        query = (Customer.select(Customer.owner, peewee.fn.COUNT(Customer.id))
                 .where(_base(None) & (Customer.segment == segment) & Customer.care_interval_days.is_null()
                        & _older(cutoff)).group_by(Customer.owner))
        for owner_id, n in query.tuples():
            counts[owner_id] = counts.get(owner_id, 0) + n
    query = Customer.select(Customer.owner, Customer.last_contact_at, Customer.created_at,
                            Customer.care_interval_days).where(_base(None) & Customer.care_interval_days.is_null(False))
    for owner_id, last, created, days in query.tuples():
        if (last or created) + dt.timedelta(days=days) <= now:
            counts[owner_id] = counts.get(owner_id, 0) + 1
    return counts
