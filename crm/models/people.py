"""Staff users, customers with their contact details, tags, search keys and consents."""

from __future__ import annotations

import peewee

from crm.codes import (
    AddressKind,
    AgentRelation,
    CardType,
    ConsentChannel,
    ConsentPurpose,
    ConsentSource,
    Gender,
    IdType,
    PhoneKind,
    RiskRating,
    Segment,
    StaffRole,
)
from crm.models.base import BaseModel, EditableModel
from crm.models.fields import CodeField, UtcDateTimeField, utc_now


class StaffUser(EditableModel):
    """A person using the CRM. No credentials here: sign-in is the OS account / PostgreSQL role."""

    username = peewee.CharField(max_length=64, unique=True)
    display_name = peewee.CharField(max_length=100)
    role = CodeField(StaffRole, default=StaffRole.AGENT)
    active = peewee.BooleanField(default=True)


class Customer(EditableModel):
    """A bank customer. Identifiers (C2) are stored whole: the database file itself is encrypted."""

    name = peewee.CharField(max_length=100, index=True)  # range queries serve name-prefix search
    name_pinyin = peewee.CharField(max_length=200, default="", index=True)  # "zhangsan"
    name_initials = peewee.CharField(max_length=50, default="", index=True)  # "zs"
    gender = CodeField(Gender, default=Gender.UNKNOWN)
    birth_date = peewee.DateField(null=True)  # derived from a resident ID when there is one
    id_type = CodeField(IdType, null=True)
    id_number = peewee.CharField(max_length=64, null=True, index=True)
    id_tail = peewee.CharField(max_length=6, null=True, index=True)  # last 6 characters of id_number
    segment = CodeField(Segment, default=Segment.STANDARD)
    risk_rating = CodeField(RiskRating, null=True)
    risk_assessed_on = peewee.DateField(null=True)
    risk_expires_on = peewee.DateField(null=True)
    do_not_disturb = peewee.BooleanField(default=False)
    vulnerable = peewee.BooleanField(default=False)
    # None: elderly is derived from birth_date against the configured age; True/False overrides that.
    elderly_override = peewee.BooleanField(null=True)
    agent_name = peewee.CharField(max_length=100, null=True)  # authorised agent (代理人)
    agent_relation = CodeField(AgentRelation, null=True)
    agent_phone = peewee.CharField(max_length=32, null=True)
    agent_id_tail = peewee.CharField(max_length=6, null=True)
    owner = peewee.ForeignKeyField(StaffUser, null=True, backref="customers")
    care_interval_days = peewee.IntegerField(null=True)  # overrides CareCadence for the segment
    last_contact_at = UtcDateTimeField(null=True, index=True)  # denormalised from Interaction.ts
    notes = peewee.TextField(default="")

    class Meta:
        indexes = ((("segment", "last_contact_at"), False),)  # care cadence: due customers per segment


class CustomerPhone(EditableModel):
    customer = peewee.ForeignKeyField(Customer, backref="phones", on_delete="CASCADE")
    number = peewee.CharField(max_length=32)  # digits only (a leading + kept for foreign numbers)
    number_rev = peewee.CharField(max_length=32, index=True)  # reversed digits: "last N digits" = prefix
    kind = CodeField(PhoneKind, default=PhoneKind.MOBILE)
    is_reserved = peewee.BooleanField(default=False)  # 银行预留手机号, one of the three elements
    is_primary = peewee.BooleanField(default=False)


class CustomerEmail(EditableModel):
    customer = peewee.ForeignKeyField(Customer, backref="emails", on_delete="CASCADE")
    address = peewee.CharField(max_length=254, index=True)
    is_primary = peewee.BooleanField(default=False)


class CustomerAddress(EditableModel):
    customer = peewee.ForeignKeyField(Customer, backref="addresses", on_delete="CASCADE")
    kind = CodeField(AddressKind, default=AddressKind.HOME)
    text = peewee.TextField()
    postal_code = peewee.CharField(max_length=16, null=True)
    is_primary = peewee.BooleanField(default=False)


class CustomerCard(EditableModel):
    customer = peewee.ForeignKeyField(Customer, backref="cards", on_delete="CASCADE")
    card_number = peewee.CharField(max_length=32)  # PAN only; never expiry, CVN or PIN (C3)
    card_tail = peewee.CharField(max_length=6, index=True)
    card_type = CodeField(CardType, default=CardType.DEBIT)


class CustomerTag(BaseModel):
    customer = peewee.ForeignKeyField(Customer, backref="tags", on_delete="CASCADE", index=False)
    tag = peewee.CharField(max_length=64, index=True)
    created_at = UtcDateTimeField(default=utc_now)

    class Meta:
        indexes = ((("customer", "tag"), True),)


class CustomerSearchKey(BaseModel):
    """Derived lookup keys (name suffixes, pinyin variants, reversed phones…), rebuilt by the search code."""

    customer = peewee.ForeignKeyField(Customer, backref="search_keys", on_delete="CASCADE")
    kind = peewee.CharField(max_length=32)
    key = peewee.CharField(max_length=255)

    class Meta:
        indexes = ((("kind", "key", "customer"), False),)  # covering: candidates come from the index alone


class Consent(BaseModel):
    """Append-only: the latest row per (customer, purpose, channel) is the customer's current choice."""

    customer = peewee.ForeignKeyField(Customer, backref="consents", index=False)
    purpose = CodeField(ConsentPurpose)
    channel = CodeField(ConsentChannel)
    granted = peewee.BooleanField()  # False = explicitly refused
    source = CodeField(ConsentSource)
    recorded_at = UtcDateTimeField(default=utc_now)
    recorded_by = peewee.ForeignKeyField(StaffUser, null=True, backref="+")
    note = peewee.TextField(default="")

    class Meta:
        indexes = ((("customer", "purpose", "channel", "recorded_at"), False),)
