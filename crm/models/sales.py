"""Sales opportunities detected in interactions, leads handed to sales, and export batches."""

from __future__ import annotations

import peewee

from crm.codes import ConsentChannel, FileFormat, LeadState, OpportunityStatus, ProductCategory
from crm.models.base import BaseModel, EditableModel
from crm.models.fields import CodeField, UtcDateTimeField, utc_now
from crm.models.people import Customer, StaffUser
from crm.models.service import Interaction, Product


class Opportunity(EditableModel):
    """A need spotted in what the customer said (需求挖掘); ``evidence_*`` locate it in the notes."""

    customer = peewee.ForeignKeyField(Customer, backref="opportunities")
    interaction = peewee.ForeignKeyField(Interaction, null=True, backref="opportunities")
    rule_id = peewee.CharField(max_length=64, null=True)  # None when entered by hand
    category = CodeField(ProductCategory)
    product = peewee.ForeignKeyField(Product, null=True, backref="opportunities")
    evidence_text = peewee.TextField(default="")
    evidence_start = peewee.IntegerField(null=True)  # character offsets into the interaction notes
    evidence_end = peewee.IntegerField(null=True)
    status = CodeField(OpportunityStatus, default=OpportunityStatus.DETECTED)
    decided_by = peewee.ForeignKeyField(StaffUser, null=True, backref="+")
    decided_at = UtcDateTimeField(null=True)

    class Meta:
        indexes = ((("status", "created_at"), False),)


class ExportBatch(BaseModel):
    """One file handed to sales (or anyone): who, to whom, why, and a fingerprint of what left."""

    created_by = peewee.ForeignKeyField(StaffUser, backref="+")
    created_at = UtcDateTimeField(default=utc_now, index=True)
    recipient = peewee.CharField(max_length=200)
    purpose = peewee.CharField(max_length=200)
    profile = peewee.CharField(max_length=64)  # the column/masking profile used
    file_format = CodeField(FileFormat)
    row_count = peewee.IntegerField(default=0)
    file_sha256 = peewee.CharField(max_length=64)
    file_name = peewee.CharField(max_length=255)


class Lead(EditableModel):
    """A sales lead (销售线索). Blocked (no consent, unsuitable) unless overridden with a reason.

    ``block_reason`` is the first blocking check when last checked (crm.services.suitability gives the full
    list); an override covers the block codes in ``override_codes``. ``flags`` lists the non-blocking checks
    (elderly customer, high-risk product, 双录…) comma-separated. The three columns added later carry DDL
    defaults so existing rows were filled in (migration 0005).
    """

    customer = peewee.ForeignKeyField(Customer, backref="leads")
    opportunity = peewee.ForeignKeyField(Opportunity, null=True, backref="leads")
    product = peewee.ForeignKeyField(Product, backref="leads")
    referred_by = peewee.ForeignKeyField(StaffUser, backref="referred_leads", index=False)  # see Meta
    state = CodeField(LeadState, default=LeadState.NEW)
    batch = peewee.ForeignKeyField(ExportBatch, null=True, backref="leads")
    block_reason = peewee.CharField(max_length=64, null=True)  # a code, e.g. "no_marketing_consent"
    override_reason = peewee.TextField(null=True)
    override_by = peewee.ForeignKeyField(StaffUser, null=True, backref="+")
    dual_recording_required = peewee.BooleanField(default=False)
    external_ref = peewee.CharField(max_length=100, null=True, index=True)  # id in the sales team's CRM
    sales_owner = peewee.CharField(max_length=100, null=True)  # as reported back by sales
    outcome_note = peewee.TextField(default="")
    contact_channel = CodeField(ConsentChannel, default=ConsentChannel.PHONE,
                                constraints=[peewee.SQL("DEFAULT 'phone'")])  # how sales may contact them
    flags = peewee.CharField(max_length=200, default="", constraints=[peewee.SQL("DEFAULT ''")])
    override_codes = peewee.CharField(max_length=200, default="", constraints=[peewee.SQL("DEFAULT ''")])

    class Meta:
        indexes = (
            (("state", "created_at"), False),
            (("referred_by", "state"), False),  # per-agent lists and conversion
        )
