"""The customer view's data: one DTO with identifiers masked, and edits of contacts, consents and tags."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crm import identifiers, settings
from crm.codes import AuditAction, ConsentChannel, ConsentPurpose, ConsentSource, PhoneKind
from crm.errors import NotFound, ValidationError
from crm.models import (
    Consent,
    Customer,
    CustomerAddress,
    CustomerCard,
    CustomerEmail,
    CustomerPhone,
    CustomerTag,
    StaffUser,
)
from crm.services import audit, search
from crm.services.base import now_utc


@dataclass(frozen=True)
class PhoneRow:
    id: int
    masked: str
    kind: str
    is_reserved: bool
    is_primary: bool


@dataclass(frozen=True)
class CardRow:
    id: int
    masked: str
    card_type: str


@dataclass(frozen=True)
class ConsentRow:
    purpose: str
    channel: str
    granted: bool
    source: str
    recorded_at: dt.datetime


@dataclass(frozen=True)
class CustomerDetail:
    id: int
    version: int
    name: str
    gender: str
    birth_date: dt.date | None
    age: int | None
    elderly: bool
    id_masked: str
    segment: str
    risk_rating: str | None
    risk_assessed_on: dt.date | None
    risk_expires_on: dt.date | None
    risk_expired: bool
    do_not_disturb: bool
    vulnerable: bool
    elderly_override: bool | None
    agent_name: str | None
    agent_relation: str | None
    agent_phone_masked: str
    owner: str | None
    care_interval_days: int | None
    last_contact_at: dt.datetime | None
    notes: str
    phones: tuple[PhoneRow, ...]
    emails: tuple[str, ...]  # masked
    addresses: tuple[str, ...]
    cards: tuple[CardRow, ...]
    consents: tuple[ConsentRow, ...]  # the current choice per (purpose, channel)
    tags: tuple[str, ...]


def get_detail(customer_id: int, today: dt.date | None = None) -> CustomerDetail:
    c = Customer.get_or_none(Customer.id == customer_id)
    if c is None:
        raise NotFound("not_found", entity="customer", id=customer_id)
    today = today or dt.date.today()
    age = identifiers.age_on(c.birth_date, today) if c.birth_date else None
    derived_elderly = bool(c.birth_date) and identifiers.is_elderly(
        c.birth_date, today, settings.default("elderly.age_years"))
    owner = StaffUser.get_or_none(StaffUser.id == c.owner_id) if c.owner_id else None
    return CustomerDetail(
        id=c.id, version=c.version, name=c.name, gender=c.gender, birth_date=c.birth_date, age=age,
        elderly=c.elderly_override if c.elderly_override is not None else derived_elderly,
        id_masked=identifiers.mask_id_number(c.id_number) if c.id_number else "",
        segment=c.segment, risk_rating=c.risk_rating, risk_assessed_on=c.risk_assessed_on,
        risk_expires_on=c.risk_expires_on,
        risk_expired=c.risk_rating is None or c.risk_expires_on is None or c.risk_expires_on < today,
        do_not_disturb=c.do_not_disturb, vulnerable=c.vulnerable, elderly_override=c.elderly_override,
        agent_name=c.agent_name, agent_relation=c.agent_relation,
        agent_phone_masked=identifiers.mask_phone(c.agent_phone) if c.agent_phone else "",
        owner=owner.display_name if owner else None, care_interval_days=c.care_interval_days,
        last_contact_at=c.last_contact_at, notes=c.notes,
        phones=tuple(PhoneRow(p.id, identifiers.mask_phone(p.number), p.kind, p.is_reserved, p.is_primary)
                     for p in c.phones.order_by(CustomerPhone.is_primary.desc(), CustomerPhone.id)),
        emails=tuple(identifiers.mask_email(e.address) for e in c.emails.order_by(CustomerEmail.id)),
        addresses=tuple(a.text for a in c.addresses.order_by(CustomerAddress.id)),
        cards=tuple(CardRow(k.id, identifiers.mask_card(k.card_number), k.card_type)
                    for k in c.cards.order_by(CustomerCard.id)),
        consents=current_consents(customer_id),
        tags=tuple(t.tag for t in c.tags.order_by(CustomerTag.tag)),
    )


def current_consents(customer_id: int) -> tuple[ConsentRow, ...]:
    """The latest recorded choice per (purpose, channel); absent pairs were never asked."""
    latest: dict[tuple[str, str], ConsentRow] = {}
    rows = (Consent.select().where(Consent.customer == customer_id)
            .order_by(Consent.recorded_at, Consent.id))
    for r in rows:
        latest[(r.purpose, r.channel)] = ConsentRow(r.purpose, r.channel, r.granted, r.source, r.recorded_at)
    return tuple(latest[k] for k in sorted(latest))


def record_consent(actor: StaffUser | None, customer_id: int, purpose: str, channel: str, granted: bool,
                   source: str, note: str = "") -> ConsentRow:
    """Consent is append-only: a new row states the customer's current choice with where it came from."""
    for value, enum, field_name in ((purpose, ConsentPurpose, "purpose"), (channel, ConsentChannel, "channel"),
                                    (source, ConsentSource, "source")):
        try:
            enum(value)
        except ValueError:
            raise ValidationError("invalid_choice", field=field_name, value=str(value)) from None
    _require_customer(customer_id)
    with Customer._meta.database.atomic():
        row = Consent.create(customer=customer_id, purpose=purpose, channel=channel, granted=bool(granted),
                             source=source, recorded_by=actor, recorded_at=now_utc(), note=note)
        audit.record(actor, AuditAction.UPDATE, "customer", customer_id, consent=f"{purpose}/{channel}",
                     granted=bool(granted), source=source)
    return ConsentRow(row.purpose, row.channel, row.granted, row.source, row.recorded_at)


def add_phone(actor: StaffUser | None, customer_id: int, number: str, reserved: bool = False) -> PhoneRow:
    digits = identifiers.normalize_phone(number, field="phone")
    _require_customer(customer_id)
    if CustomerPhone.select().where((CustomerPhone.customer == customer_id)
                                    & (CustomerPhone.number == digits)).exists():
        raise ValidationError("duplicate", field="phone")
    with Customer._meta.database.atomic():
        first = not CustomerPhone.select().where(CustomerPhone.customer == customer_id).exists()
        row = CustomerPhone.create(customer=customer_id, number=digits, number_rev=digits[::-1],
                                   kind=PhoneKind.MOBILE if identifiers.is_mainland_mobile(digits) else PhoneKind.HOME,
                                   is_reserved=reserved, is_primary=first)
        search.reindex_customers([customer_id])
        audit.record(actor, AuditAction.UPDATE, "customer", customer_id,
                     phone_added_masked=identifiers.mask_phone(digits), reserved=reserved)
    return PhoneRow(row.id, identifiers.mask_phone(digits), row.kind, row.is_reserved, row.is_primary)


def remove_phone(actor: StaffUser | None, customer_id: int, phone_id: int) -> None:
    row = CustomerPhone.get_or_none((CustomerPhone.id == phone_id) & (CustomerPhone.customer == customer_id))
    if row is None:
        raise NotFound("not_found", entity="customer_phone", id=phone_id)
    with Customer._meta.database.atomic():
        row.delete_instance()
        search.reindex_customers([customer_id])
        audit.record(actor, AuditAction.UPDATE, "customer", customer_id,
                     phone_removed_masked=identifiers.mask_phone(row.number))


def set_tags(actor: StaffUser | None, customer_id: int, tags: list[str]) -> tuple[str, ...]:
    clean = sorted({t.strip() for t in tags if t.strip()})
    for i, tag in enumerate(clean):
        if len(tag) > 64:
            raise ValidationError("too_long", field=f"tags[{i}]", max=64)
    _require_customer(customer_id)
    with Customer._meta.database.atomic():
        CustomerTag.delete().where(CustomerTag.customer == customer_id).execute()
        for tag in clean:
            CustomerTag.create(customer=customer_id, tag=tag)
        audit.record(actor, AuditAction.UPDATE, "customer", customer_id, tags=clean)
    return tuple(clean)


def _require_customer(customer_id: int) -> None:
    if not Customer.select().where(Customer.id == customer_id).exists():
        raise NotFound("not_found", entity="customer", id=customer_id)
