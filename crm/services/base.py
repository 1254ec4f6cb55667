"""Helpers every service uses: the clock and the optimistic-locking update."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import peewee

from crm.errors import ConflictError, NotFound
from crm.models.base import EditableModel
from crm.models.fields import utc_now

# Columns versioned_update maintains itself; a caller setting them is a bug.
_MANAGED = frozenset({"id", "version", "created_at", "updated_at"})


def now_utc() -> dt.datetime:
    """The current instant, timezone-aware UTC (what every timestamp column stores)."""
    return utc_now()


def versioned_update(
    model_cls: type[EditableModel],
    row_id: int,
    expected_version: int,
    changes: Mapping[str | peewee.Field, Any],
) -> int:
    """Apply ``changes`` to one row if nobody saved it since it was read at ``expected_version``.

    Runs ``UPDATE … SET …, version = version + 1, updated_at = now WHERE id = ? AND version = ?``.
    Returns the new version. Raises ``ConflictError('stale_version', entity, id, expected, current)``
    when someone else saved first (nothing is written), ``NotFound('not_found', …)`` when the row is gone.
    """
    if not issubclass(model_cls, EditableModel):
        raise TypeError(f"{model_cls.__name__} has no version column")
    values: dict[peewee.Field, Any] = {}
    for key, value in changes.items():
        field = _field(model_cls, key)
        if field.name in _MANAGED:
            raise ValueError(f"versioned_update manages {field.name!r} itself")
        values[field] = value
    values[model_cls.version] = model_cls.version + 1
    values[model_cls.updated_at] = now_utc()
    updated = (model_cls.update(values)
               .where((model_cls.id == row_id) & (model_cls.version == expected_version))
               .execute())
    if updated == 1:
        return expected_version + 1
    entity = model_cls._meta.table_name
    current = (model_cls.select(model_cls.version).where(model_cls.id == row_id).tuples().first())
    if current is None:
        raise NotFound("not_found", entity=entity, id=row_id)
    raise ConflictError("stale_version", entity=entity, id=row_id, expected=expected_version,
                        current=current[0])


def _field(model_cls: type[peewee.Model], key: str | peewee.Field) -> peewee.Field:
    if isinstance(key, peewee.Field):
        if key.model is not model_cls:
            raise ValueError(f"{key.model.__name__}.{key.name} is not a column of {model_cls.__name__}")
        return key
    field = model_cls._meta.fields.get(key)
    if field is None:
        raise ValueError(f"{model_cls.__name__} has no field {key!r}")
    return field
