"""Follow-up promises (跟进回访), their call attempts, and the periodic-care cadence per segment."""

from __future__ import annotations

import peewee

from crm.codes import AttemptOutcome, FollowUpPurpose, FollowUpStatus, Segment
from crm.models.base import BaseModel, EditableModel
from crm.models.cases import ComplaintCase
from crm.models.fields import CodeField, UtcDateTimeField, utc_now
from crm.models.people import Customer, StaffUser
from crm.models.sales import Opportunity
from crm.models.service import Interaction


class FollowUp(EditableModel):
    """A promise to contact a customer by ``due_at``; ``chained_from`` links a rescheduled successor."""

    customer = peewee.ForeignKeyField(Customer, backref="followups")
    owner = peewee.ForeignKeyField(StaffUser, backref="followups", index=False)
    due_at = UtcDateTimeField()
    purpose = CodeField(FollowUpPurpose)
    case = peewee.ForeignKeyField(ComplaintCase, null=True, backref="followups")
    opportunity = peewee.ForeignKeyField(Opportunity, null=True, backref="followups")
    interaction = peewee.ForeignKeyField(Interaction, null=True, backref="followups")  # where promised
    status = CodeField(FollowUpStatus, default=FollowUpStatus.OPEN)
    attempts = peewee.IntegerField(default=0)
    chained_from = peewee.ForeignKeyField("self", null=True, backref="successors")
    note = peewee.TextField(default="")
    created_by = peewee.ForeignKeyField(StaffUser, backref="+")
    completed_at = UtcDateTimeField(null=True)
    snoozed_until = UtcDateTimeField(null=True)

    class Meta:
        indexes = (
            (("owner", "status", "due_at"), False),  # the agent's agenda
            (("status", "due_at"), False),  # supervisor: everything overdue
        )


class FollowUpAttempt(BaseModel):
    followup = peewee.ForeignKeyField(FollowUp, backref="attempt_log", on_delete="CASCADE", index=False)
    ts = UtcDateTimeField(default=utc_now)
    staff = peewee.ForeignKeyField(StaffUser, backref="+")
    outcome = CodeField(AttemptOutcome)
    note = peewee.TextField(default="")
    rescheduled_to = UtcDateTimeField(null=True)
    interaction = peewee.ForeignKeyField(Interaction, null=True, backref="+")

    class Meta:
        indexes = ((("followup", "ts"), False),)


class CareCadence(EditableModel):
    """How often each segment gets a periodic-care call (Customer.care_interval_days overrides)."""

    segment = CodeField(Segment, unique=True)
    interval_days = peewee.IntegerField(constraints=[peewee.Check("interval_days > 0")])
