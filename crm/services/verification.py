"""Identity verification without revealing (身份三要素): match / no match per element, lockout, reveal.

The agent types what the caller says; the answer is per element, never the stored value. Every attempt is
recorded (results only, never the typed values) and audited; repeated failures lock verification for a
while. Supervisors may reveal one identifier with a reason, audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crm import identifiers, names, settings
from crm.codes import AuditAction, VerificationStatus
from crm.errors import NotFound, PermissionDenied, ValidationError
from crm.models import Customer, CustomerCard, CustomerPhone, Interaction, StaffUser, VerificationAttempt
from crm.services import audit
from crm.services.base import now_utc
from crm.services.staff import require_supervisor

ELEMENT_NAME = "name"
ELEMENT_ID = "id_number"
ELEMENT_CARD = "card_number"
ELEMENT_MOBILE = "reserved_mobile"
MIN_REASON = 4


@dataclass(frozen=True)
class VerificationResult:
    attempt_id: int
    elements: dict[str, bool]
    success: bool
    status: str  # VerificationStatus
    failures_left: int


def _recent_failures(customer_id: int, lock_minutes: int) -> list[dt.datetime]:
    """Timestamps of failed attempts within the lock window since the last success, newest first."""
    since = now_utc() - dt.timedelta(minutes=lock_minutes)
    failures = []
    for ts, success in (VerificationAttempt.select(VerificationAttempt.ts, VerificationAttempt.success)
                        .where((VerificationAttempt.customer == customer_id) & (VerificationAttempt.ts >= since))
                        .order_by(VerificationAttempt.ts.desc()).tuples()):
        if success:
            break
        failures.append(ts)
    return failures


def locked_until(customer_id: int, max_failures: int | None = None,
                 lock_minutes: int | None = None) -> dt.datetime | None:
    """When verification for this customer unlocks, or None if it is not locked."""
    max_failures = max_failures or settings.default("verification.max_failures")
    lock_minutes = lock_minutes or settings.default("verification.lock_minutes")
    failures = _recent_failures(customer_id, lock_minutes)
    if len(failures) >= max_failures:
        return failures[max_failures - 1] + dt.timedelta(minutes=lock_minutes)
    return None


def verify(actor: StaffUser, customer_id: int, *, name: str, id_number: str, card_or_mobile: str,
           interaction_id: int | None = None, max_failures: int | None = None,
           lock_minutes: int | None = None) -> VerificationResult:
    max_failures = max_failures or settings.default("verification.max_failures")
    lock_minutes = lock_minutes or settings.default("verification.lock_minutes")
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFound("not_found", entity="customer", id=customer_id)
    for field_name, value in (("name", name), ("id_number", id_number), ("card_or_mobile", card_or_mobile)):
        if not (value or "").strip():
            raise ValidationError("required", field=field_name)
    until = locked_until(customer_id, max_failures, lock_minutes)
    if until is not None:
        audit.record(actor, AuditAction.VERIFY, "customer", customer_id, outcome="locked")
        raise PermissionDenied("verification_locked", until=until.isoformat(), customer=customer_id)
    elements = {
        ELEMENT_NAME: _same_name(name, customer.name),
        ELEMENT_ID: _same_id(id_number, customer.id_number),
    }
    third = identifiers.digits_only(card_or_mobile)
    if len(third) == 11 and third.startswith("1"):
        reserved = {n for (n,) in CustomerPhone.select(CustomerPhone.number)
                    .where((CustomerPhone.customer == customer_id) & CustomerPhone.is_reserved).tuples()}
        elements[ELEMENT_MOBILE] = third in reserved
    else:
        cards = {n for (n,) in CustomerCard.select(CustomerCard.card_number)
                 .where(CustomerCard.customer == customer_id).tuples()}
        elements[ELEMENT_CARD] = third in cards
    success = all(elements.values())
    status = (VerificationStatus.PASSED if success else
              VerificationStatus.PARTIAL if any(elements.values()) else VerificationStatus.FAILED)
    with Customer._meta.database.atomic():
        attempt = VerificationAttempt.create(customer=customer_id, interaction=interaction_id, staff=actor,
                                             results=elements, success=success)
        if interaction_id is not None:
            Interaction.update(verification=status).where(Interaction.id == interaction_id).execute()
        audit.record(actor, AuditAction.VERIFY, "customer", customer_id, outcome=status,
                     matched=sorted(k for k, v in elements.items() if v),
                     mismatched=sorted(k for k, v in elements.items() if not v))
    left = 0 if success else max(0, max_failures - len(_recent_failures(customer_id, lock_minutes)))
    return VerificationResult(attempt.id, elements, success, status, left)


def _same_name(typed: str, stored: str) -> bool:
    return names.fold(typed).replace(" ", "") == names.fold(stored).replace(" ", "")


def _same_id(typed: str, stored: str | None) -> bool:
    if not stored:
        return False
    cleaned = "".join(ch for ch in identifiers.to_halfwidth(typed) if ch.isalnum()).upper()
    return cleaned == stored.upper()


def reveal(actor: StaffUser, customer_id: int, field: str, reason: str) -> str:
    """A supervisor sees one identifier in full; the reveal (not the value) is audited."""
    require_supervisor(actor)
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        raise ValidationError("reason_required", field="reason", min=MIN_REASON)
    kind, _, row_id = field.partition(":")
    if kind == "id_number":
        value = Customer.select(Customer.id_number).where(Customer.id == customer_id).scalar()
    elif kind == "phone":
        value = (CustomerPhone.select(CustomerPhone.number)
                 .where((CustomerPhone.id == int(row_id)) & (CustomerPhone.customer == customer_id)).scalar())
    elif kind == "card":
        value = (CustomerCard.select(CustomerCard.card_number)
                 .where((CustomerCard.id == int(row_id)) & (CustomerCard.customer == customer_id)).scalar())
    else:
        raise ValidationError("invalid_choice", field="field", value=kind)
    if not value:
        raise NotFound("not_found", entity=kind, id=customer_id)
    audit.record(actor, AuditAction.REVEAL, "customer", customer_id, field=kind, reason=reason)
    return value
