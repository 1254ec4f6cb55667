"""Complaint cases (投诉工单) with their history and extensions; escalation (fraud/complaint) records."""

from __future__ import annotations

import peewee

from crm.codes import (
    CasePriority,
    CaseSeverity,
    CaseStatus,
    CaseUpdateKind,
    EscalationAction,
    EscalationKind,
)
from crm.models.base import BaseModel, EditableModel
from crm.models.fields import CodeField, UtcDateTimeField, utc_now
from crm.models.people import Customer, StaffUser
from crm.models.service import Interaction


class Department(EditableModel):
    """A responsible department (责任部门); an editable list."""

    name = peewee.CharField(max_length=100, unique=True)
    active = peewee.BooleanField(default=True)


class CaseCategory(EditableModel):
    code = peewee.CharField(max_length=32, unique=True)
    name_zh = peewee.CharField(max_length=100)
    name_en = peewee.CharField(max_length=100, default="")
    active = peewee.BooleanField(default=True)


class ComplaintCase(EditableModel):
    """A complaint tracked to closure. Deadlines are instants computed by the service (working days)."""

    case_no = peewee.CharField(max_length=32, unique=True)
    customer = peewee.ForeignKeyField(Customer, backref="cases")
    interaction = peewee.ForeignKeyField(Interaction, null=True, backref="cases")
    category = peewee.ForeignKeyField(CaseCategory, backref="cases")
    severity = CodeField(CaseSeverity, default=CaseSeverity.MEDIUM)
    department = peewee.ForeignKeyField(Department, null=True, backref="cases")
    owner = peewee.ForeignKeyField(StaffUser, null=True, backref="owned_cases", index=False)
    accused_staff = peewee.ForeignKeyField(StaffUser, null=True, backref="+")  # 回避: may not own it
    status = CodeField(CaseStatus, default=CaseStatus.ACCEPTED)
    priority = CodeField(CasePriority, default=CasePriority.NORMAL)
    escalated = peewee.BooleanField(default=False)
    repeat_of = peewee.ForeignKeyField("self", null=True, backref="repeats")
    summary = peewee.CharField(max_length=200, default="")
    description = peewee.TextField(default="")  # what the customer says and wants (诉求)
    opened_at = UtcDateTimeField(default=utc_now)
    first_feedback_due = UtcDateTimeField(null=True)
    first_feedback_at = UtcDateTimeField(null=True)
    resolution_due = UtcDateTimeField()
    extension_level = peewee.IntegerField(
        default=0, constraints=[peewee.Check("extension_level BETWEEN 0 AND 2")])
    paused_since = UtcDateTimeField(null=True)  # awaiting the customer: the clock is stopped
    paused_seconds = peewee.IntegerField(default=0)
    resolution = peewee.TextField(default="")
    root_cause = peewee.TextField(default="")  # 溯源
    corrective_action = peewee.TextField(default="")  # 整改
    further_channels_told = peewee.BooleanField(default=False)
    resolved_at = UtcDateTimeField(null=True)
    satisfaction = peewee.IntegerField(
        null=True, constraints=[peewee.Check("satisfaction BETWEEN 1 AND 5")])
    closed_at = UtcDateTimeField(null=True)

    class Meta:
        indexes = (
            (("status", "resolution_due"), False),  # deadline board
            (("owner", "status"), False),  # "my cases"
        )


class CaseUpdate(BaseModel):
    """Append-only case history: progress notes, status changes, pauses, escalations."""

    case = peewee.ForeignKeyField(ComplaintCase, backref="updates", on_delete="CASCADE", index=False)
    ts = UtcDateTimeField(default=utc_now)
    author = peewee.ForeignKeyField(StaffUser, backref="+")
    kind = CodeField(CaseUpdateKind)
    text = peewee.TextField(default="")
    status_from = CodeField(CaseStatus, null=True)
    status_to = CodeField(CaseStatus, null=True)

    class Meta:
        indexes = ((("case", "ts"), False),)


class CaseExtension(BaseModel):
    """A deadline extension (level 1: to 30 days; level 2: +30 with approval)."""

    case = peewee.ForeignKeyField(ComplaintCase, backref="extensions", on_delete="CASCADE")
    level = peewee.IntegerField(constraints=[peewee.Check("level BETWEEN 1 AND 2")])
    requested_by = peewee.ForeignKeyField(StaffUser, backref="+")
    approved_by = peewee.ForeignKeyField(StaffUser, null=True, backref="+")
    reason = peewee.TextField()
    ts = UtcDateTimeField(default=utc_now)
    new_due = UtcDateTimeField()


class Escalation(BaseModel):
    """A fraud alert acted on, or a complaint escalated (e.g. "投诉到银保监"); append-only evidence."""

    interaction = peewee.ForeignKeyField(Interaction, null=True, backref="escalations")
    customer = peewee.ForeignKeyField(Customer, backref="escalations")
    case = peewee.ForeignKeyField(ComplaintCase, null=True, backref="escalations")
    kind = CodeField(EscalationKind)
    rule_id = peewee.CharField(max_length=64, null=True)  # None when raised by hand
    evidence_text = peewee.TextField(default="")
    action_taken = CodeField(EscalationAction, null=True)
    note = peewee.TextField(default="")
    created_by = peewee.ForeignKeyField(StaffUser, backref="+")
    ts = UtcDateTimeField(default=utc_now)

    class Meta:
        indexes = ((("kind", "ts"), False),
                   (("customer", "kind", "ts"), False))  # a customer's latest fraud escalation: one seek
