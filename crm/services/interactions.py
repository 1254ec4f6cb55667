"""Logging an interaction (服务记录): validated, saved atomically, with its follow-on effects.

Effects of one save: the interaction, its feedback tags, the customer's last contact, the verification
attempts made during the call linked to it, for a score of 1–2 a follow-up for a supervisor, and what the
detector finds in the notes (crm.services.opportunities.record_findings: sales opportunities, fraud and complaint
escalations).
Notes that look like authentication data (C3: PIN, password, CVN, SMS code) are refused before saving.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from crm import identifiers
from crm.codes import (
    AuditAction,
    Direction,
    FeedbackKind,
    FollowUpPurpose,
    InteractionCategory,
    InteractionChannel,
    InteractionOutcome,
    VerificationStatus,
)
from crm.errors import NotFound, ValidationError
from crm.models import Customer, FeedbackTag, FollowUp, Interaction, StaffUser, VerificationAttempt
from crm.services import audit, opportunities
from crm.services.base import now_utc
from crm.services.staff import supervisor_for

MAX_NOTES = 20000
MAX_DURATION_S = 8 * 3600
LOW_SCORES = (1, 2)
_OUTBOUND = {InteractionChannel.OUTBOUND_CALL}


@dataclass(frozen=True)
class NewInteraction:
    customer_id: int
    channel: str
    category: str
    notes: str = ""
    duration_s: int | None = None
    outcome: str | None = None
    satisfaction: int | None = None
    satisfaction_reason: str = ""
    feedback: tuple[tuple[str, int | None, str], ...] = ()  # (FeedbackKind, product id, text)
    verification_attempt_ids: tuple[int, ...] = ()
    ts: dt.datetime | None = None


@dataclass(frozen=True)
class SavedInteraction:
    id: int
    customer_id: int
    verification: str
    followup_ids: tuple[int, ...] = field(default=())
    opportunity_ids: tuple[int, ...] = field(default=())
    fraud_escalation_ids: tuple[int, ...] = field(default=())
    escalation_ids: tuple[int, ...] = field(default=())


def _choice(value, enum, field_name):
    try:
        return enum(value)
    except ValueError:
        raise ValidationError("invalid_choice", field=field_name, value=str(value)) from None


def validate(data: NewInteraction) -> None:
    """Raise the first problem, naming its field. Called by log_interaction and by the form as it goes."""
    _choice(data.channel, InteractionChannel, "channel")
    _choice(data.category, InteractionCategory, "category")
    if data.outcome is not None:
        _choice(data.outcome, InteractionOutcome, "outcome")
    if len(data.notes) > MAX_NOTES:
        raise ValidationError("too_long", field="notes", max=MAX_NOTES)
    hits = identifiers.find_auth_data(data.notes)
    if hits:
        raise ValidationError("auth_data_in_notes", field="notes", kinds=sorted({h.kind for h in hits}),
                              spans=[(h.start, h.end) for h in hits])
    if data.duration_s is not None and not 0 <= data.duration_s <= MAX_DURATION_S:
        raise ValidationError("out_of_range", field="duration_s", min=0, max=MAX_DURATION_S)
    if data.satisfaction is not None:
        if data.satisfaction not in (1, 2, 3, 4, 5):
            raise ValidationError("out_of_range", field="satisfaction", min=1, max=5)
        if data.satisfaction in LOW_SCORES and not data.satisfaction_reason.strip():
            raise ValidationError("reason_required", field="satisfaction_reason")
    for i, (kind, _product, text) in enumerate(data.feedback):
        _choice(kind, FeedbackKind, f"feedback[{i}]")
        if not text.strip():
            raise ValidationError("required", field=f"feedback[{i}]")


def log_interaction(actor: StaffUser, data: NewInteraction) -> SavedInteraction:
    validate(data)
    if not Customer.select().where(Customer.id == data.customer_id).exists():
        raise NotFound("not_found", entity="customer", id=data.customer_id)
    ts = data.ts or now_utc()
    channel = InteractionChannel(data.channel)
    verification = _verification_status(data.customer_id, data.verification_attempt_ids)
    followups: list[int] = []
    with Customer._meta.database.atomic():
        row = Interaction.create(
            customer=data.customer_id, staff=actor, ts=ts, channel=channel,
            direction=Direction.OUT if channel in _OUTBOUND else Direction.IN,
            category=InteractionCategory(data.category), notes=data.notes.strip(), duration_s=data.duration_s,
            outcome=data.outcome, verification=verification, satisfaction=data.satisfaction,
            satisfaction_reason=data.satisfaction_reason.strip() or None)
        for kind, product, text in data.feedback:
            FeedbackTag.create(interaction=row, kind=FeedbackKind(kind), product=product, text=text.strip())
        if data.verification_attempt_ids:
            (VerificationAttempt.update(interaction=row)
             .where(VerificationAttempt.id.in_(list(data.verification_attempt_ids))
                    & (VerificationAttempt.customer == data.customer_id)).execute())
        if data.outcome != InteractionOutcome.UNREACHABLE:  # a call nobody took is not a contact (cadence)
            (Customer.update(last_contact_at=ts)
             .where((Customer.id == data.customer_id)
                    & (Customer.last_contact_at.is_null() | (Customer.last_contact_at < ts))).execute())
        if data.satisfaction in LOW_SCORES:
            followups.append(_supervisor_followup(actor, row, data))
        audit.record(actor, AuditAction.CREATE, "interaction", row.id, customer=data.customer_id,
                     channel=channel, category=data.category, satisfaction=data.satisfaction)
        found = opportunities.record_findings(actor, row) if row.notes else opportunities.FindingsResult()
    return SavedInteraction(row.id, data.customer_id, verification, tuple(followups), found.opportunity_ids,
                            found.fraud_escalation_ids, found.escalation_ids)


def _verification_status(customer_id: int, attempt_ids: Sequence[int]) -> str:
    """The call's verification is its latest attempt's outcome; it lasts only for this interaction."""
    if not attempt_ids:
        return VerificationStatus.NOT_DONE
    latest = (VerificationAttempt.select().where(VerificationAttempt.id.in_(list(attempt_ids))
                                                & (VerificationAttempt.customer == customer_id))
              .order_by(VerificationAttempt.ts.desc(), VerificationAttempt.id.desc()).first())
    if latest is None:
        raise ValidationError("invalid_choice", field="verification_attempt_ids")
    if latest.success:
        return VerificationStatus.PASSED
    return VerificationStatus.PARTIAL if any(latest.results.values()) else VerificationStatus.FAILED


def _supervisor_followup(actor: StaffUser, row: Interaction, data: NewInteraction) -> int:
    owner = supervisor_for(actor)
    followup = FollowUp.create(
        customer=data.customer_id, owner=owner, due_at=row.ts + dt.timedelta(days=1),
        purpose=FollowUpPurpose.SUPERVISOR_CALL, interaction=row, created_by=actor,
        created_at=row.ts,  # same moment as the call, which the timeline then lists first
        note=data.satisfaction_reason.strip())
    audit.record(actor, AuditAction.CREATE, "followup", followup.id, customer=data.customer_id,
                 purpose=FollowUpPurpose.SUPERVISOR_CALL, reason="low_satisfaction")
    return followup.id
