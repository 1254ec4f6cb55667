"""Team/domain settings and the append-only audit log."""

from __future__ import annotations

import peewee

from crm.codes import AuditAction
from crm.models.base import BaseModel, EditableModel
from crm.models.fields import CodeField, JsonTextField, UtcDateTimeField, utc_now
from crm.models.people import StaffUser


class Setting(EditableModel):
    """One team/domain setting; ``value`` is JSON. Declared (name, type, default) in crm.settings."""

    key = peewee.CharField(max_length=128, unique=True)
    value = JsonTextField(null=True)
    updated_by = peewee.ForeignKeyField(StaffUser, null=True, backref="+")


class AuditLog(BaseModel):
    """Who did what to which row. The database itself refuses UPDATE and DELETE (triggers, 0001)."""

    ts = UtcDateTimeField(default=utc_now, index=True)
    actor = peewee.ForeignKeyField(StaffUser, null=True, backref="+", index=False)
    actor_name = peewee.CharField(max_length=100)  # kept as it was, whatever happens to the user
    action = CodeField(AuditAction)
    entity = peewee.CharField(max_length=64)  # table name, e.g. "customer"
    entity_id = peewee.CharField(max_length=64, null=True)  # text: also fits setting keys
    detail = JsonTextField(default=dict)  # identifiers masked before they get here

    class Meta:
        indexes = (
            (("entity", "entity_id", "ts"), False),
            (("actor", "ts"), False),
        )
