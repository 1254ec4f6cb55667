"""Customers: create and edit with field-level validation, optimistic locking and an audit trail."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from crm import identifiers, names
from crm.codes import AuditAction, CardType, Gender, IdType, PhoneKind, RiskRating, Segment
from crm.errors import NotFound, ValidationError
from crm.models import Customer, CustomerCard, CustomerEmail, CustomerPhone, StaffUser
from crm.services import audit, search
from crm.services.base import versioned_update

MAX_NAME = 100
# Fields a plain edit may change; identifiers and phones have their own validated paths.
EDITABLE = frozenset({
    "name", "segment", "risk_rating", "risk_assessed_on", "risk_expires_on", "do_not_disturb",
    "vulnerable", "elderly_override", "agent_name", "agent_relation", "notes", "care_interval_days",
    "owner",
})


@dataclass(frozen=True)
class NewCustomer:
    name: str
    phones: tuple[str, ...] = ()
    reserved_phone: str | None = None  # 银行预留手机号; also added to phones
    id_number: str | None = None
    cards: tuple[tuple[str, str], ...] = ()  # (number, CardType)
    emails: tuple[str, ...] = ()
    segment: str = Segment.STANDARD
    risk_rating: str | None = None
    risk_assessed_on: dt.date | None = None
    notes: str = ""


@dataclass(frozen=True)
class CustomerSummary:
    """What a list or header shows: identifiers masked."""

    id: int
    version: int
    name: str
    segment: str
    phone_masked: str
    id_masked: str
    risk_rating: str | None
    risk_expires_on: dt.date | None
    warnings: tuple[str, ...] = field(default=())


def _check_name(value: str) -> str:
    value = " ".join((value or "").split())
    if not value:
        raise ValidationError("required", field="name")
    if len(value) > MAX_NAME:
        raise ValidationError("too_long", field="name", max=MAX_NAME)
    return value


def _check_choice(value: Any, enum: type, field_name: str) -> Any:
    if value is None:
        return None
    try:
        return enum(value)
    except ValueError:
        raise ValidationError("invalid_choice", field=field_name, value=str(value)) from None


def _check_notes(notes: str) -> None:
    """Authentication data (C3) is never stored, not even in free text."""
    hits = identifiers.find_auth_data(notes)
    if hits:
        raise ValidationError("auth_data_in_notes", field="notes", kinds=sorted({h.kind for h in hits}),
                              spans=[(h.start, h.end) for h in hits])


def _one_year_after(day: dt.date) -> dt.date:
    """Risk questionnaires expire after a year (29 Feb rolls to 28 Feb)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _name_columns(name: str) -> dict[str, str]:
    keys = names.name_keys(name)
    return {"name": name, "name_pinyin": keys.pinyin, "name_initials": keys.initials}


def create_customer(actor: StaffUser | None, data: NewCustomer) -> CustomerSummary:
    """Validate every field first (the first problem is raised with its field), then save atomically."""
    name = _check_name(data.name)
    segment = _check_choice(data.segment, Segment, "segment")
    risk = _check_choice(data.risk_rating, RiskRating, "risk_rating")
    id_number = (identifiers.normalize_resident_id(data.id_number, field="id_number")
                 if data.id_number else None)
    phones = [identifiers.normalize_phone(p, field=f"phones[{i}]") for i, p in enumerate(data.phones)]
    reserved = (identifiers.normalize_phone(data.reserved_phone, field="reserved_phone")
                if data.reserved_phone else None)
    if reserved and reserved not in phones:
        phones.insert(0, reserved)
    cards = [(identifiers.normalize_card(n, field=f"cards[{i}]"), _check_choice(t, CardType, f"cards[{i}]"))
             for i, (n, t) in enumerate(data.cards)]
    warnings = tuple(f"cards[{i}]:luhn" for i, (n, _t) in enumerate(cards) if not identifiers.card_luhn_ok(n))
    _check_notes(data.notes)
    if id_number and Customer.select().where(Customer.id_number == id_number).exists():
        existing = Customer.select(Customer.id).where(Customer.id_number == id_number).scalar()
        raise ValidationError("duplicate", field="id_number", existing=existing)
    for i, email in enumerate(data.emails):
        if "@" not in email or email.startswith("@") or email.endswith("@"):
            raise ValidationError("invalid_email", field=f"emails[{i}]")
    expires = _one_year_after(data.risk_assessed_on) if data.risk_assessed_on else None
    columns: dict[str, Any] = {**_name_columns(name), "segment": segment, "risk_rating": risk,
                               "risk_assessed_on": data.risk_assessed_on, "risk_expires_on": expires,
                               "notes": data.notes, "owner": actor}
    if id_number:
        columns.update(id_type=IdType.RESIDENT_ID, id_number=id_number, id_tail=id_number[-6:],
                       birth_date=identifiers.id_birth_date(id_number),
                       gender=Gender.MALE if identifiers.id_gender(id_number) == "M" else Gender.FEMALE)
    with Customer._meta.database.atomic():
        customer = Customer.create(**columns)
        for i, number in enumerate(phones):
            CustomerPhone.create(customer=customer, number=number, number_rev=number[::-1],
                                 kind=PhoneKind.MOBILE if identifiers.is_mainland_mobile(number) else PhoneKind.HOME,
                                 is_reserved=number == reserved, is_primary=i == 0)
        for number, card_type in cards:
            CustomerCard.create(customer=customer, card_number=number, card_tail=number[-6:], card_type=card_type)
        for i, email in enumerate(data.emails):
            CustomerEmail.create(customer=customer, address=email.strip(), is_primary=i == 0)
        search.reindex_customers([customer.id])
        audit.record(actor, AuditAction.CREATE, "customer", customer.id, fields=sorted(columns),
                     phones_masked=[identifiers.mask_phone(p) for p in phones])
    return get_summary(customer.id, warnings=warnings)


def update_customer(actor: StaffUser | None, customer_id: int, expected_version: int,
                    changes: dict[str, Any]) -> int:
    """Edit plain fields; a stale ``expected_version`` raises ConflictError and nothing is written."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValidationError("not_editable", field=sorted(unknown)[0])
    clean = dict(changes)
    if "name" in clean:
        clean.update(_name_columns(_check_name(clean["name"])))
    if "segment" in clean:
        clean["segment"] = _check_choice(clean["segment"], Segment, "segment")
    if "risk_rating" in clean:
        clean["risk_rating"] = _check_choice(clean["risk_rating"], RiskRating, "risk_rating")
    if "notes" in clean:
        _check_notes(clean["notes"] or "")
    if clean.get("risk_assessed_on") and "risk_expires_on" not in clean:
        clean["risk_expires_on"] = _one_year_after(clean["risk_assessed_on"])
    if clean.get("care_interval_days") is not None and not 1 <= int(clean["care_interval_days"]) <= 366:
        raise ValidationError("out_of_range", field="care_interval_days", min=1, max=366)
    with Customer._meta.database.atomic():
        version = versioned_update(Customer, customer_id, expected_version, clean)
        if "name" in changes:
            search.reindex_customers([customer_id])
        audit.record(actor, AuditAction.UPDATE, "customer", customer_id, fields=sorted(changes),
                     version=version)
    return version


def get_summary(customer_id: int, warnings: tuple[str, ...] = ()) -> CustomerSummary:
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFound("not_found", entity="customer", id=customer_id)
    phone = (CustomerPhone.select(CustomerPhone.number).where(CustomerPhone.customer == customer_id)
             .order_by(CustomerPhone.is_primary.desc(), CustomerPhone.id).tuples().first())
    return CustomerSummary(
        id=customer.id, version=customer.version, name=customer.name, segment=customer.segment,
        phone_masked=identifiers.mask_phone(phone[0]) if phone else "",
        id_masked=identifiers.mask_id_number(customer.id_number) if customer.id_number else "",
        risk_rating=customer.risk_rating, risk_expires_on=customer.risk_expires_on, warnings=warnings,
    )
