"""The product catalogue, interactions (service records), feedback, verification attempts, answer templates."""

from __future__ import annotations

import peewee

from crm.codes import (
    Direction,
    FeedbackKind,
    InteractionCategory,
    InteractionChannel,
    InteractionOutcome,
    Language,
    ProductCategory,
    VerificationStatus,
)
from crm.models.base import BaseModel, EditableModel
from crm.models.fields import CodeField, JsonTextField, UtcDateTimeField, utc_now
from crm.models.people import Customer, StaffUser


class Product(EditableModel):
    code = peewee.CharField(max_length=32, unique=True)
    name_zh = peewee.CharField(max_length=200)
    name_en = peewee.CharField(max_length=200, default="")
    category = CodeField(ProductCategory)
    risk_level = peewee.IntegerField(default=1, constraints=[peewee.Check("risk_level BETWEEN 1 AND 5")])
    dual_recording = peewee.BooleanField(default=False)  # 双录 required at sale
    active = peewee.BooleanField(default=True)


class Interaction(EditableModel):
    """One call, chat, visit, e-mail or SMS with a customer (服务记录)."""

    customer = peewee.ForeignKeyField(Customer, backref="interactions", index=False)
    staff = peewee.ForeignKeyField(StaffUser, backref="interactions", index=False)
    ts = UtcDateTimeField(default=utc_now, index=True)
    channel = CodeField(InteractionChannel)
    direction = CodeField(Direction)
    category = CodeField(InteractionCategory)
    notes = peewee.TextField(default="")
    duration_s = peewee.IntegerField(null=True)
    outcome = CodeField(InteractionOutcome, null=True)
    verification = CodeField(VerificationStatus, default=VerificationStatus.NOT_DONE)
    satisfaction = peewee.IntegerField(
        null=True, constraints=[peewee.Check("satisfaction BETWEEN 1 AND 5")])
    satisfaction_reason = peewee.TextField(null=True)
    fraud_flag = peewee.BooleanField(default=False)

    class Meta:
        indexes = (
            (("customer", "ts"), False),  # the timeline
            (("staff", "ts"), False),  # per-agent KPIs and quality sampling
        )


class FeedbackTag(BaseModel):
    """A pain point noted during an interaction, for the product/process owners (收集市场信息)."""

    interaction = peewee.ForeignKeyField(Interaction, backref="feedback", on_delete="CASCADE")
    kind = CodeField(FeedbackKind)
    product = peewee.ForeignKeyField(Product, null=True, backref="feedback")
    text = peewee.TextField()
    created_at = UtcDateTimeField(default=utc_now)

    class Meta:
        indexes = ((("kind", "created_at"), False),)


class VerificationAttempt(BaseModel):
    """One identity check. ``results`` maps element code -> matched (bool); typed values are never kept."""

    customer = peewee.ForeignKeyField(Customer, backref="verification_attempts", index=False)
    interaction = peewee.ForeignKeyField(Interaction, null=True, backref="verification_attempts")
    staff = peewee.ForeignKeyField(StaffUser, backref="+")
    ts = UtcDateTimeField(default=utc_now)
    results = JsonTextField(default=dict)
    success = peewee.BooleanField()

    class Meta:
        indexes = ((("customer", "ts"), False),)  # recent failures -> lockout


class AnswerTemplate(EditableModel):
    """A standard answer (标准化应答模板) from the knowledge base."""

    title = peewee.CharField(max_length=200)
    body = peewee.TextField()
    language = CodeField(Language, default=Language.ZH)
    category = peewee.CharField(max_length=64, default="")
    keywords = peewee.TextField(default="")  # space-separated
    active = peewee.BooleanField(default=True)
    updated_by = peewee.ForeignKeyField(StaffUser, null=True, backref="+")
