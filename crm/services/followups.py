"""Follow-up promises (跟进回访): scheduling, call attempts with outcomes and the retry policy, chaining the
next step, logging the call made for one (``log_call``), snoozing, and moving an absent agent's queue. The
agenda reads them through ``list_rows``; the screen that makes the call through ``brief``."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import peewee

from crm import identifiers
from crm.codes import (
    AttemptOutcome,
    AuditAction,
    CaseStatus,
    CaseUpdateKind,
    FollowUpPurpose,
    FollowUpStatus,
    InteractionCategory,
    InteractionOutcome,
)
from crm.errors import ConflictError, NotFound, ValidationError
from crm.models import ComplaintCase, Customer, CustomerPhone, FollowUp, FollowUpAttempt, Interaction, StaffUser
from crm.services import audit
from crm.services.base import now_utc, versioned_update
from crm.services.cases import log_update
from crm.services.options import option
from crm.services.staff import require_supervisor, supervisor_for
from crm.workcalendar import WorkCalendar, default_calendar

if TYPE_CHECKING:
    from crm.services.interactions import NewInteraction, SavedInteraction

ENTITY = "followup"
MAX_NOTE = 2000
_FAILED = (AttemptOutcome.NO_ANSWER, AttemptOutcome.BUSY)


@dataclass(frozen=True)
class FollowUpRow:
    """A follow-up as the agenda and dialogs see it; ``phone`` is masked."""

    id: int
    customer_id: int
    customer_name: str
    phone: str
    owner_id: int
    due_at: dt.datetime
    purpose: str
    status: str
    attempts: int
    case_id: int | None
    opportunity_id: int | None
    chained_from: int | None
    note: str
    snoozed_until: dt.datetime | None
    completed_at: dt.datetime | None
    version: int


@dataclass(frozen=True)
class AttemptRow:
    id: int
    ts: dt.datetime
    staff_id: int
    outcome: str
    note: str
    rescheduled_to: dt.datetime | None


@dataclass(frozen=True)
class AttemptResult:
    """What one call attempt did: the follow-up after it and the follow-ups it created (chained)."""

    followup: FollowUpRow
    created: tuple[int, ...]
    escalated: bool


@dataclass(frozen=True)
class FollowUpBrief:
    """What the agent needs in view while calling about a follow-up: the row, the linked case's number and
    the last attempt (when and how it went)."""

    followup: FollowUpRow
    case_no: str | None
    last_attempt: AttemptRow | None


@dataclass(frozen=True)
class FollowUpCall:
    """A call logged for a follow-up: the saved interaction and the attempt it recorded."""

    interaction: SavedInteraction
    attempt: AttemptResult

    @property
    def created(self) -> tuple[int, ...]:
        """Every follow-up the call created: a supervisor's for a low score, chained ones."""
        return tuple(dict.fromkeys(self.interaction.followup_ids + self.attempt.created))


def _check_purpose(purpose: str) -> FollowUpPurpose:
    try:
        return FollowUpPurpose(purpose)
    except ValueError:
        raise ValidationError("invalid_choice", field="purpose", value=str(purpose)) from None


def _check_note(note: str, field: str = "note") -> str:
    if len(note or "") > MAX_NOTE:
        raise ValidationError("too_long", field=field, max=MAX_NOTE)
    return (note or "").strip()


def _check_future(due_at: dt.datetime | None, now: dt.datetime, field: str) -> dt.datetime:
    if due_at is None:
        raise ValidationError("required", field=field)
    if due_at.tzinfo is None:
        raise ValidationError("timezone_required", field=field)
    if due_at < now - dt.timedelta(minutes=1):
        raise ValidationError("in_the_past", field=field)
    return due_at


def schedule(actor: StaffUser, customer_id: int, due_at: dt.datetime, purpose: str, *,
             owner: StaffUser | int | None = None, note: str = "", interaction_id: int | None = None,
             case_id: int | None = None, opportunity_id: int | None = None) -> int:
    """Promise a call: validated (due in the future, known purpose), saved and audited. Returns its id."""
    purpose = _check_purpose(purpose)
    _check_future(due_at, now_utc(), "due_at")
    note = _check_note(note)
    if not Customer.select().where(Customer.id == customer_id).exists():
        raise NotFound("not_found", entity="customer", id=customer_id)
    if case_id is not None and not ComplaintCase.select().where(ComplaintCase.id == case_id).exists():
        raise NotFound("not_found", entity="complaint_case", id=case_id)
    with Customer._meta.database.atomic():
        return create(actor, customer_id, due_at, purpose, owner=owner or actor, note=note,
                      interaction_id=interaction_id, case_id=case_id, opportunity_id=opportunity_id)


def create(actor: StaffUser | None, customer_id: int, due_at: dt.datetime, purpose: FollowUpPurpose, *,
           owner: StaffUser | int | None, note: str = "", interaction_id: int | None = None,
           case_id: int | None = None, opportunity_id: int | None = None, chained_from: int | None = None) -> int:
    """Insert and audit one follow-up (no checks: for services that create them; the caller's transaction)."""
    row = FollowUp.create(customer=customer_id, owner=owner or actor, due_at=due_at, purpose=purpose, note=note,
                          interaction=interaction_id, case=case_id, opportunity=opportunity_id,
                          chained_from=chained_from, created_by=actor)
    audit.record(actor, AuditAction.CREATE, ENTITY, row.id, customer=customer_id, purpose=purpose,
                 owner=row.owner_id, chained_from=chained_from, case=case_id)
    return row.id


# --- reading ---------------------------------------------------------------------------------------

def list_rows(where: peewee.Expression, *, order=None, limit: int | None = None) -> list[FollowUpRow]:
    """Follow-ups matching ``where`` with the customer's name and primary phone (masked), in one query."""
    phone = (CustomerPhone.select(CustomerPhone.number).where(CustomerPhone.customer == FollowUp.customer)
             .order_by(CustomerPhone.is_primary.desc(), CustomerPhone.id).limit(1))
    query = (FollowUp.select(FollowUp.id, FollowUp.customer, Customer.name, phone.alias("phone"), FollowUp.owner,
                             FollowUp.due_at, FollowUp.purpose, FollowUp.status, FollowUp.attempts, FollowUp.case,
                             FollowUp.opportunity, FollowUp.chained_from, FollowUp.note, FollowUp.snoozed_until,
                             FollowUp.completed_at, FollowUp.version)
             .join(Customer).where(where).order_by(*(order or (FollowUp.due_at, FollowUp.id))))
    if limit is not None:
        query = query.limit(limit)
    return [FollowUpRow(r[0], r[1], r[2], identifiers.mask_phone(r[3]) if r[3] else "", *r[4:6], str(r[6]),
                        str(r[7]), *r[8:]) for r in query.tuples()]


def get(followup_id: int) -> FollowUpRow:
    rows = list_rows(FollowUp.id == followup_id)
    if not rows:
        raise NotFound("not_found", entity=ENTITY, id=followup_id)
    return rows[0]


def attempts_of(followup_id: int) -> list[AttemptRow]:
    rows = (FollowUpAttempt.select().where(FollowUpAttempt.followup == followup_id)
            .order_by(FollowUpAttempt.ts, FollowUpAttempt.id))
    return [AttemptRow(r.id, r.ts, r.staff_id, str(r.outcome), r.note, r.rescheduled_to) for r in rows]


def brief(followup_id: int) -> FollowUpBrief:
    row = get(followup_id)
    case_no = (ComplaintCase.select(ComplaintCase.case_no).where(ComplaintCase.id == row.case_id).scalar()
               if row.case_id is not None else None)
    attempts = attempts_of(followup_id)
    return FollowUpBrief(row, case_no, attempts[-1] if attempts else None)


def _load_open(followup_id: int, expected_version: int | None) -> FollowUp:
    row = FollowUp.get_or_none(FollowUp.id == followup_id)
    if row is None:
        raise NotFound("not_found", entity=ENTITY, id=followup_id)
    if expected_version is not None and row.version != expected_version:
        raise ConflictError("stale_version", entity=ENTITY, id=followup_id, expected=expected_version,
                            current=row.version)
    if row.status != FollowUpStatus.OPEN:
        raise ValidationError("not_open", field="status", status=str(row.status))
    return row


# --- outcomes --------------------------------------------------------------------------------------

def record_attempt(actor: StaffUser, followup_id: int, outcome: str, *, note: str = "",
                   reschedule_to: dt.datetime | None = None, score: int | None = None,
                   interaction_id: int | None = None, expected_version: int | None = None,
                   now: dt.datetime | None = None, calendar: WorkCalendar | None = None) -> AttemptResult:
    """Log one call and apply the policy:

    - reached: done; a satisfaction ``score`` (1–5) is kept on the linked case; a low score chains a supervisor
      call; reaching the customer about a resolved complaint chains the satisfaction visit;
    - no answer / busy: the next working day at the same time (or ``reschedule_to``); after
      ``followups.max_attempts`` such attempts it is escalated: status escalated and a supervisor follow-up;
    - call back later: ``reschedule_to`` (the time the customer asked for) is required;
    - wrong number: escalated at once (the contact details need fixing before anyone calls again).
    ``note`` is the attempt's note and the reschedule reason.
    """
    try:
        outcome = AttemptOutcome(outcome)
    except ValueError:
        raise ValidationError("invalid_choice", field="outcome", value=str(outcome)) from None
    note = _check_note(note)
    ts = now or now_utc()
    cal = calendar or default_calendar()
    if score is not None and (outcome != AttemptOutcome.REACHED or score not in range(1, 6)):
        raise ValidationError("out_of_range", field="score", min=1, max=5)
    if reschedule_to is not None or outcome == AttemptOutcome.CALL_BACK_LATER:
        _check_future(reschedule_to, ts, "reschedule_to")
    if interaction_id is not None and not Interaction.select().where(Interaction.id == interaction_id).exists():
        raise NotFound("not_found", entity="interaction", id=interaction_id)
    with FollowUp._meta.database.atomic():
        row = _load_open(followup_id, expected_version)
        changes: dict = {"attempts": row.attempts + 1, "snoozed_until": None}
        created: list[int] = []
        next_due = None
        if outcome == AttemptOutcome.REACHED:
            changes.update(status=FollowUpStatus.DONE, completed_at=ts)
            created += _after_reached(actor, row, score, interaction_id, ts, cal)
        elif outcome == AttemptOutcome.WRONG_NUMBER or (
                outcome in _FAILED and _failures(row.id) + 1 >= int(option("followups.max_attempts"))):
            changes["status"] = FollowUpStatus.ESCALATED
            created.append(_escalate(actor, row, f"escalation:{outcome}", ts, cal))
        else:
            next_due = reschedule_to or cal.same_time_next_workday(_minute(ts))
            changes["due_at"] = next_due
        FollowUpAttempt.create(followup=row.id, ts=ts, staff=actor, outcome=outcome, note=note,
                               rescheduled_to=next_due, interaction=interaction_id)
        versioned_update(FollowUp, row.id, row.version, changes)
        audit.record(actor, AuditAction.UPDATE, ENTITY, row.id, outcome=outcome, attempts=changes["attempts"],
                     status=changes.get("status", row.status), rescheduled_to=next_due, created=created)
    return AttemptResult(get(row.id), tuple(created), changes.get("status") == FollowUpStatus.ESCALATED)


def call_category(purpose: str) -> InteractionCategory:
    """How a call made for a follow-up is filed: a sales opportunity is marketing, anything else a return visit."""
    return InteractionCategory.MARKETING if purpose == FollowUpPurpose.OPPORTUNITY else InteractionCategory.RETURN_VISIT


def log_call(actor: StaffUser, followup_id: int, data: NewInteraction, *, expected_version: int | None = None,
             now: dt.datetime | None = None, calendar: WorkCalendar | None = None) -> FollowUpCall:
    """Log the call made for a follow-up and record it as the follow-up's attempt, all or nothing.

    The interaction is saved by ``interactions.log_interaction`` (its checks, its supervisor follow-up for a
    score of 1–2 with the reason required); the attempt is "reached" unless the call's outcome is
    "unreachable" ("no answer": the retry policy applies), and carries the satisfaction score, so a
    satisfaction visit's score is kept on its case. A low score's supervisor follow-up is linked to the
    follow-up's case and chained from it, and is not created twice.
    """
    # Imported here: the interaction service's hooks reach services that import this module.
    from crm.services import interactions

    if data.outcome == InteractionOutcome.UNREACHABLE:
        outcome = AttemptOutcome.NO_ANSWER
        if data.satisfaction is not None:
            raise ValidationError("not_reached", field="satisfaction")
    else:
        outcome = AttemptOutcome.REACHED
    ts = data.ts or now or now_utc()
    with FollowUp._meta.database.atomic():
        row = _load_open(followup_id, expected_version)
        if row.customer_id != data.customer_id:
            raise ValidationError("other_customer", field="customer_id", expected=row.customer_id)
        saved = interactions.log_interaction(actor, dataclasses.replace(data, ts=ts))
        if saved.followup_ids:
            (FollowUp.update(case=row.case_id, chained_from=row.id)
             .where(FollowUp.id.in_(list(saved.followup_ids)) & FollowUp.chained_from.is_null()).execute())
        attempt = record_attempt(actor, row.id, outcome, note=data.notes.strip()[:MAX_NOTE],
                                 score=data.satisfaction, interaction_id=saved.id, expected_version=row.version,
                                 now=ts, calendar=calendar)
    return FollowUpCall(saved, attempt)


def _minute(ts: dt.datetime) -> dt.datetime:
    """Promises are made to the minute."""
    return ts.replace(second=0, microsecond=0)


def _failures(followup_id: int) -> int:
    return (FollowUpAttempt.select().where((FollowUpAttempt.followup == followup_id)
                                           & FollowUpAttempt.outcome.in_(list(_FAILED))).count())


def _after_reached(actor: StaffUser, row: FollowUp, score: int | None, interaction_id: int | None,
                   ts: dt.datetime, cal: WorkCalendar) -> list[int]:
    created: list[int] = []
    (Customer.update(last_contact_at=ts)  # a real contact resets the care cadence
     .where((Customer.id == row.customer_id) & (Customer.last_contact_at.is_null()
                                                | (Customer.last_contact_at < ts))).execute())
    case = ComplaintCase.get_or_none(ComplaintCase.id == row.case_id) if row.case_id else None
    if case is not None and score is not None and row.purpose == FollowUpPurpose.SATISFACTION_VISIT:
        # The return visit's result belongs to the case even once it is locked: kept with an addendum.
        (ComplaintCase.update(satisfaction=score, version=ComplaintCase.version + 1, updated_at=ts)
         .where(ComplaintCase.id == case.id).execute())
        log_update(case.id, actor, CaseUpdateKind.ADDENDUM, f"satisfaction {score}", ts=ts)
        audit.record(actor, AuditAction.UPDATE, "complaint_case", case.id, satisfaction=score)
    # Logging the call with the score already sent a low one to a supervisor (services.interactions).
    told = interaction_id is not None and FollowUp.select().where(
        (FollowUp.interaction == interaction_id) & (FollowUp.purpose == FollowUpPurpose.SUPERVISOR_CALL)).exists()
    if score is not None and score <= int(option("followups.low_score_max")) and not told:
        created.append(_escalate(actor, row, f"low_score:{score}", ts, cal))
    if (case is not None and row.purpose == FollowUpPurpose.COMPLAINT_FEEDBACK
            and case.status in (CaseStatus.RESOLVED, CaseStatus.CLOSED)):
        visit = ensure_satisfaction_visit(actor, case.id, ts, cal, chained_from=row.id)
        if visit is not None:
            created.append(visit)
    return created


def _escalate(actor: StaffUser, row: FollowUp, reason: str, ts: dt.datetime, cal: WorkCalendar) -> int:
    due = cal.add_working_hours(_minute(ts), float(option("followups.escalation_hours")))
    return create(actor, row.customer_id, due, FollowUpPurpose.SUPERVISOR_CALL, owner=supervisor_for(row.owner),
                  case_id=row.case_id, opportunity_id=row.opportunity_id, chained_from=row.id,
                  note=f"{reason}\n{row.note}".strip())


def ensure_satisfaction_visit(actor: StaffUser, case_id: int, ts: dt.datetime, cal: WorkCalendar, *,
                              chained_from: int | None = None) -> int | None:
    """A satisfaction return visit for the case on the next working day, unless one is open or done."""
    exists = FollowUp.select().where((FollowUp.case == case_id)
                                     & (FollowUp.purpose == FollowUpPurpose.SATISFACTION_VISIT)
                                     & FollowUp.status.in_([FollowUpStatus.OPEN, FollowUpStatus.DONE])).exists()
    if exists:
        return None
    case = ComplaintCase.get_by_id(case_id)
    return create(actor, case.customer_id, cal.same_time_next_workday(_minute(ts)), FollowUpPurpose.SATISFACTION_VISIT,
                  owner=case.owner_id or actor, case_id=case_id, interaction_id=case.interaction_id,
                  chained_from=chained_from)


# --- moving them -----------------------------------------------------------------------------------

def reschedule(actor: StaffUser, followup_id: int, due_at: dt.datetime, reason: str, *,
               expected_version: int | None = None) -> FollowUpRow:
    """Move a promise without a call attempt (the reason is required and audited)."""
    _check_future(due_at, now_utc(), "due_at")
    reason = _check_note(reason, "reason")
    if not reason:
        raise ValidationError("required", field="reason")
    with FollowUp._meta.database.atomic():
        row = _load_open(followup_id, expected_version)
        versioned_update(FollowUp, row.id, row.version, {"due_at": due_at, "snoozed_until": None})
        audit.record(actor, AuditAction.UPDATE, ENTITY, row.id, due_from=row.due_at, due_to=due_at, reason=reason)
    return get(row.id)


def cancel(actor: StaffUser, followup_id: int, reason: str, *, expected_version: int | None = None) -> FollowUpRow:
    reason = _check_note(reason, "reason")
    if not reason:
        raise ValidationError("required", field="reason")
    with FollowUp._meta.database.atomic():
        row = _load_open(followup_id, expected_version)
        versioned_update(FollowUp, row.id, row.version, {"status": FollowUpStatus.CANCELLED,
                                                         "completed_at": now_utc()})
        audit.record(actor, AuditAction.UPDATE, ENTITY, row.id, status=FollowUpStatus.CANCELLED, reason=reason)
    return get(row.id)


def reassign(actor: StaffUser, from_owner: StaffUser | int, to_owner: StaffUser | int,
             ids: list[int] | None = None) -> list[int]:
    """Move an absent agent's open follow-ups (all, or just ``ids``) to a colleague; supervisors only."""
    require_supervisor(actor)
    source = from_owner.id if isinstance(from_owner, StaffUser) else int(from_owner)
    target = to_owner.id if isinstance(to_owner, StaffUser) else int(to_owner)
    if not StaffUser.select().where((StaffUser.id == target) & StaffUser.active).exists():
        raise ValidationError("invalid_choice", field="to_owner", value=str(target))
    if source == target:
        raise ValidationError("same_owner", field="to_owner")
    where = (FollowUp.owner == source) & (FollowUp.status == FollowUpStatus.OPEN)
    if ids is not None:
        where &= FollowUp.id.in_(list(ids))
    with FollowUp._meta.database.atomic():
        moved = [r[0] for r in FollowUp.select(FollowUp.id).where(where).order_by(FollowUp.id).tuples()]
        for chunk in range(0, len(moved), 500):
            part = moved[chunk:chunk + 500]
            (FollowUp.update(owner=target, version=FollowUp.version + 1, updated_at=now_utc())
             .where(FollowUp.id.in_(part) & (FollowUp.status == FollowUpStatus.OPEN)).execute())
        for fid in moved:
            audit.record(actor, AuditAction.UPDATE, ENTITY, fid, owner_from=source, owner_to=target,
                         reason="reassign")
    return moved
