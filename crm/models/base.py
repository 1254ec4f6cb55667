"""The model base classes: the shared database proxy and the version/timestamp columns of editable rows."""

from __future__ import annotations

import peewee

from crm.db import database_proxy
from crm.models.fields import UtcDateTimeField, utc_now


class BaseModel(peewee.Model):
    """Every table: bound to the one database proxy; snake_case table names (StaffUser -> staff_user)."""

    class Meta:
        database = database_proxy
        legacy_table_names = False


class EditableModel(BaseModel):
    """A row edited in place: ``version`` guards against lost updates (see services.base.versioned_update)."""

    version = peewee.IntegerField(default=1)
    created_at = UtcDateTimeField(default=utc_now)
    updated_at = UtcDateTimeField(default=utc_now)
