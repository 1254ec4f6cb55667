"""Follow-up promises (跟进回访): scheduling one from a call (the agenda and outcomes build on this)."""

from __future__ import annotations

import datetime as dt

from crm.codes import AuditAction, FollowUpPurpose
from crm.errors import NotFound, ValidationError
from crm.models import ComplaintCase, Customer, FollowUp, StaffUser
from crm.services import audit
from crm.services.base import now_utc

MAX_NOTE = 2000


def schedule(actor: StaffUser, customer_id: int, due_at: dt.datetime, purpose: str, *,
             owner: StaffUser | int | None = None, note: str = "", interaction_id: int | None = None,
             case_id: int | None = None, opportunity_id: int | None = None) -> int:
    """Promise a call: validated (due in the future, known purpose), saved and audited. Returns its id."""
    try:
        purpose = FollowUpPurpose(purpose)
    except ValueError:
        raise ValidationError("invalid_choice", field="purpose", value=str(purpose)) from None
    if due_at.tzinfo is None:
        raise ValidationError("timezone_required", field="due_at")
    if due_at < now_utc() - dt.timedelta(minutes=1):
        raise ValidationError("in_the_past", field="due_at")
    if len(note) > MAX_NOTE:
        raise ValidationError("too_long", field="note", max=MAX_NOTE)
    if not Customer.select().where(Customer.id == customer_id).exists():
        raise NotFound("not_found", entity="customer", id=customer_id)
    if case_id is not None and not ComplaintCase.select().where(ComplaintCase.id == case_id).exists():
        raise NotFound("not_found", entity="complaint_case", id=case_id)
    with Customer._meta.database.atomic():
        row = FollowUp.create(customer=customer_id, owner=owner or actor, due_at=due_at, purpose=purpose,
                              note=note.strip(), interaction=interaction_id, case=case_id,
                              opportunity=opportunity_id, created_by=actor)
        audit.record(actor, AuditAction.CREATE, "followup", row.id, customer=customer_id, purpose=purpose)
    return row.id
