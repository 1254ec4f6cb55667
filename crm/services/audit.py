"""The audit trail: record who did what to which row (identifiers masked), and read a row's history."""

from __future__ import annotations

import datetime as dt
import decimal
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from crm.codes import AuditAction
from crm.errors import NotFound
from crm.models import AuditLog, StaffUser
from crm.models.fields import format_utc

SYSTEM_ACTOR = "system"
MAX_HISTORY = 1000

# Keys naming authentication data (C3): refused whatever the value, masked or not.
_AUTH_KEY = re.compile(
    r"(^|_)(pin|pins|password|passwd|pwd|passcode|cvn|cvv|cvv2|cvc|cvc2|otp|expiry|"
    r"sms_code|verification_code|security_code)(_|$)")
# Keys naming a raw identifier (C2): the value must be masked first and the key say so (``*_masked``).
_RAW_ID_KEY = re.compile(
    r"(^|_)(phone|phones|mobile|mobiles|id_number|id_numbers|card_number|card_numbers|"
    r"account_number|account_numbers|pan)$|^number$")


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One audit row as the UI sees it; ``detail`` is read-only."""

    id: int
    ts: dt.datetime
    actor_id: int | None
    actor_name: str
    action: AuditAction
    entity: str
    entity_id: str | None
    detail: Mapping[str, Any]


def record(actor: StaffUser | int | str | None, action: AuditAction | str, entity: str,
           entity_id: int | str | None, **detail: Any) -> int:
    """Append one audit row; returns its id.

    ``actor`` is the acting StaffUser (or its id), a process name such as "import", or None (system).
    Every string in ``detail`` goes through ``mask_identifiers_in_text``; keys that name a raw
    identifier (``phone``, ``id_number``, ``card_number``…) or authentication data are refused with
    ValueError: pass ``phone_masked=mask_phone(n)`` instead. The caller owns the transaction.
    """
    from crm.identifiers import mask_identifiers_in_text  # lazily: the audit log must never be unmasked

    action = AuditAction(action)
    actor_id, actor_name = _actor(actor)
    clean = _clean_mapping(detail, mask_identifiers_in_text, path="")
    row = AuditLog.create(
        actor=actor_id, actor_name=actor_name, action=action, entity=entity,
        entity_id=None if entity_id is None else str(entity_id), detail=clean)
    return row.id


def history(entity: str, entity_id: int | str | None, limit: int = 50) -> list[AuditEntry]:
    """The newest ``limit`` audit rows about one row, newest first."""
    limit = max(1, min(int(limit), MAX_HISTORY))
    key = None if entity_id is None else str(entity_id)
    query = AuditLog.select().where(AuditLog.entity == entity)
    query = query.where(AuditLog.entity_id.is_null() if key is None else AuditLog.entity_id == key)
    rows = query.order_by(AuditLog.ts.desc(), AuditLog.id.desc()).limit(limit)
    return [
        AuditEntry(id=r.id, ts=r.ts, actor_id=r.actor_id, actor_name=r.actor_name, action=r.action,
                   entity=r.entity, entity_id=r.entity_id, detail=MappingProxyType(r.detail or {}))
        for r in rows
    ]


def _actor(actor: StaffUser | int | str | None) -> tuple[int | None, str]:
    if actor is None:
        return None, SYSTEM_ACTOR
    if isinstance(actor, StaffUser):
        return actor.id, actor.username
    if isinstance(actor, str):
        return None, actor
    username = (StaffUser.select(StaffUser.username).where(StaffUser.id == actor).scalar())
    if username is None:
        raise NotFound("not_found", entity="staff_user", id=actor)
    return int(actor), username


def _check_key(key: Any, path: str) -> str:
    if not isinstance(key, str):
        raise TypeError(f"audit detail keys must be strings, got {key!r} at {path or 'top level'}")
    lowered = key.lower()
    if _AUTH_KEY.search(lowered):
        raise ValueError(f"audit_detail_auth_data: key {path + key!r} names authentication data")
    if not lowered.endswith("_masked") and _RAW_ID_KEY.search(lowered):
        raise ValueError(f"audit_detail_raw_identifier: key {path + key!r}; pass it masked as "
                         f"{key}_masked")
    return key


def _clean_mapping(mapping: Mapping[Any, Any], mask, path: str) -> dict[str, Any]:
    return {_check_key(k, path): _clean(v, mask, f"{path}{k}.") for k, v in mapping.items()}


def _clean(value: Any, mask, path: str) -> Any:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):  # StrEnum codes included
        return mask(str(value))
    if isinstance(value, dt.datetime):
        return format_utc(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return _clean_mapping(value, mask, path)
    if isinstance(value, list | tuple | set | frozenset):
        return [_clean(v, mask, path) for v in value]
    raise TypeError(f"audit detail value at {path.rstrip('.')!r} is not JSON-able: {type(value).__name__}")
