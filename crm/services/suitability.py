"""Whether a product may be suggested to a customer on a channel (适当性管理, consent, anti-fraud).

``check`` returns every finding as a ``Check``: blocking ones first (the first is what a stored lead keeps as
``block_reason``), then flags that only ask for care. The codes are stable strings (``CheckCode``) the UI
translates; ``details`` says why (rating and level, the channel, the open cases…).

Blocks a supervisor may override with a reason (the judgement is the supervisor's, and audited): the risk
rating missing or expired, the product above the customer's rating, an open complaint. Blocks nobody may
override, because the fix is elsewhere or the law forbids it: fraud on the interaction the lead came from
(反诈: never turn such an interaction into a lead), an inactive product (nothing to sell; an administrator
reactivates it), and every consent block — no marketing consent, the channel refused, do-not-disturb — since a
lead without consent must not reach sales and a refused channel must not be used again (PIPL / PBOC rules):
record the customer's consent instead, or pick a channel they agreed to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from crm import identifiers
from crm.codes import CaseStatus, ConsentChannel, ConsentPurpose, EscalationKind, RiskRating
from crm.errors import NotFound, ValidationError
from crm.models import ComplaintCase, Consent, Customer, Escalation, Interaction, Lead, Opportunity, Product
from crm.services.options import option


class CheckCode(StrEnum):
    # blocking
    FRAUD_FLAGGED = "fraud_flagged"
    PRODUCT_INACTIVE = "product_inactive"
    DO_NOT_DISTURB = "do_not_disturb"
    CHANNEL_REFUSED = "channel_refused"
    NO_MARKETING_CONSENT = "no_marketing_consent"
    OPEN_COMPLAINT = "open_complaint"
    RISK_RATING_MISSING = "risk_rating_missing"
    RISK_ASSESSMENT_EXPIRED = "risk_assessment_expired"
    RISK_LEVEL_EXCEEDED = "risk_level_exceeded"
    # flags (care, not blocking)
    ELDERLY_CUSTOMER = "elderly_customer"
    ELDERLY_HIGH_RISK = "elderly_high_risk"
    HIGH_RISK_PRODUCT = "high_risk_product"
    DUAL_RECORDING_REQUIRED = "dual_recording_required"


BLOCKING_CODES = frozenset({
    CheckCode.FRAUD_FLAGGED, CheckCode.PRODUCT_INACTIVE, CheckCode.DO_NOT_DISTURB, CheckCode.CHANNEL_REFUSED,
    CheckCode.NO_MARKETING_CONSENT, CheckCode.OPEN_COMPLAINT, CheckCode.RISK_RATING_MISSING,
    CheckCode.RISK_ASSESSMENT_EXPIRED, CheckCode.RISK_LEVEL_EXCEEDED,
})
NOT_OVERRIDABLE = frozenset({
    CheckCode.FRAUD_FLAGGED, CheckCode.PRODUCT_INACTIVE, CheckCode.DO_NOT_DISTURB, CheckCode.CHANNEL_REFUSED,
    CheckCode.NO_MARKETING_CONSENT,
})
QUIET_CHANNELS = frozenset({ConsentChannel.PHONE, ConsentChannel.SMS})  # what do-not-disturb rules out
OPEN_CASE_STATUSES = tuple(s for s in CaseStatus if s not in (CaseStatus.RESOLVED, CaseStatus.CLOSED))
UNRATED_MAX_LEVEL = 1  # without a valid questionnaire only R1 products may be suggested
ELDERLY_CARE_LEVEL = 3  # elderly customer + R3 and above: extra care
HIGH_RISK_LEVEL = 4  # R4, R5


@dataclass(frozen=True)
class Check:
    code: str
    blocking: bool
    overridable: bool = True
    details: dict = field(default_factory=dict)


def _block(code: CheckCode, **details: Any) -> Check:
    return Check(code, True, code not in NOT_OVERRIDABLE, details)


def _flag(code: CheckCode, **details: Any) -> Check:
    return Check(code, False, True, details)


def _customer(customer: Customer | int) -> Customer:
    if isinstance(customer, Customer):
        return customer
    row = Customer.get_or_none(Customer.id == customer)
    if row is None:
        raise NotFound("not_found", entity="customer", id=customer)
    return row


def _product(product: Product | int) -> Product:
    if isinstance(product, Product):
        return product
    row = Product.get_or_none(Product.id == product)
    if row is None:
        raise NotFound("not_found", entity="product", id=product)
    return row


def channel_of(value: str) -> ConsentChannel:
    try:
        return ConsentChannel(value)
    except ValueError:
        raise ValidationError("invalid_choice", field="channel", value=str(value)) from None


def is_elderly(customer: Customer, today: dt.date) -> bool:
    """The override when set, else the birth date against the team's ``elderly.age_years``."""
    if customer.elderly_override is not None:
        return bool(customer.elderly_override)
    if customer.birth_date is None:
        return False
    return identifiers.is_elderly(customer.birth_date, today, int(option("elderly.age_years")))


def marketing_consent(customer_id: int, channel: str) -> bool | None:
    """The customer's current marketing choice on ``channel``: True, False (refused) or None (never asked)."""
    return (Consent.select(Consent.granted)
            .where((Consent.customer == customer_id) & (Consent.purpose == ConsentPurpose.MARKETING)
                   & (Consent.channel == channel))
            .order_by(Consent.recorded_at.desc(), Consent.id.desc()).scalar())


def open_complaints(customer_id: int) -> list[int]:
    return [case_id for (case_id,) in ComplaintCase.select(ComplaintCase.id)
            .where((ComplaintCase.customer == customer_id) & ComplaintCase.status.in_(OPEN_CASE_STATUSES))
            .order_by(ComplaintCase.id).tuples()]


def interaction_fraud(interaction_id: int | None) -> bool:
    """The interaction was flagged for fraud, or a fraud escalation names it."""
    if interaction_id is None:
        return False
    flagged = Interaction.select(Interaction.fraud_flag).where(Interaction.id == interaction_id).scalar()
    return bool(flagged) or Escalation.select().where(
        (Escalation.interaction == interaction_id) & (Escalation.kind == EscalationKind.FRAUD)).exists()


def check(customer: Customer | int, product: Product | int, channel: str, *, today: dt.date | None = None,
          interaction_id: int | None = None) -> list[Check]:
    """Everything that stands in the way of (blocks) or needs care for (flags) suggesting ``product`` to
    ``customer`` through ``channel`` (a ConsentChannel), blocks first."""
    channel = channel_of(channel)
    cust, prod = _customer(customer), _product(product)
    today = today or dt.date.today()
    level = int(prod.risk_level)
    blocks: list[Check] = []
    if interaction_fraud(interaction_id):
        blocks.append(_block(CheckCode.FRAUD_FLAGGED, interaction_id=interaction_id))
    if not prod.active:
        blocks.append(_block(CheckCode.PRODUCT_INACTIVE, product=prod.code))
    if cust.do_not_disturb and channel in QUIET_CHANNELS:
        blocks.append(_block(CheckCode.DO_NOT_DISTURB, channel=str(channel)))
    consent = marketing_consent(cust.id, channel)
    if consent is False:
        blocks.append(_block(CheckCode.CHANNEL_REFUSED, channel=str(channel)))
    elif consent is None:
        blocks.append(_block(CheckCode.NO_MARKETING_CONSENT, channel=str(channel)))
    cases = open_complaints(cust.id)
    if cases:
        blocks.append(_block(CheckCode.OPEN_COMPLAINT, case_ids=cases))
    blocks += _risk_checks(cust, level, today)

    flags: list[Check] = []
    elderly = is_elderly(cust, today)
    if elderly:
        flags.append(_flag(CheckCode.ELDERLY_CUSTOMER))
        if level >= ELDERLY_CARE_LEVEL:
            flags.append(_flag(CheckCode.ELDERLY_HIGH_RISK, level=level))
    if level >= HIGH_RISK_LEVEL:
        flags.append(_flag(CheckCode.HIGH_RISK_PRODUCT, level=level))
    if prod.dual_recording:
        flags.append(_flag(CheckCode.DUAL_RECORDING_REQUIRED, product=prod.code))
    return blocks + flags


def _risk_checks(cust: Customer, level: int, today: dt.date) -> list[Check]:
    """Cn may be offered up to Rn; without a valid questionnaire only R1. An expired rating is reported with
    what the stale rating would also say, so an override covers exactly what the supervisor saw."""
    if level <= UNRATED_MAX_LEVEL:
        return []
    rating = cust.risk_rating
    if rating is None:
        return [_block(CheckCode.RISK_RATING_MISSING, level=level)]
    out: list[Check] = []
    expires = cust.risk_expires_on
    if expires is None or expires < today:
        out.append(_block(CheckCode.RISK_ASSESSMENT_EXPIRED, rating=str(rating), level=level,
                          expires_on=expires.isoformat() if expires else None))
    allowed = int(str(RiskRating(rating))[1:])
    if level > allowed:
        out.append(_block(CheckCode.RISK_LEVEL_EXCEEDED, rating=str(rating), level=level))
    return out


def lead_checks(lead: Lead | int, *, today: dt.date | None = None) -> list[Check]:
    """``check`` for a stored lead (its customer, product, contact channel and the interaction its opportunity
    came from), as things stand now: run again at export, since consent, ratings and cases change."""
    if not isinstance(lead, Lead):
        found = Lead.get_or_none(Lead.id == lead)
        if found is None:
            raise NotFound("not_found", entity="lead", id=lead)
        lead = found
    interaction_id = None
    if lead.opportunity_id is not None:
        interaction_id = (Opportunity.select(Opportunity.interaction)
                          .where(Opportunity.id == lead.opportunity_id).scalar())
    return check(lead.customer_id, lead.product_id, lead.contact_channel, today=today,
                 interaction_id=interaction_id)


def blocking(checks: Iterable[Check]) -> list[Check]:
    return [c for c in checks if c.blocking]


def flags(checks: Iterable[Check]) -> list[Check]:
    return [c for c in checks if not c.blocking]


def overridden_codes(lead: Lead) -> frozenset[str]:
    """The block codes a supervisor's override covered (empty when never overridden)."""
    if lead.override_by_id is None:
        return frozenset()
    return frozenset(c for c in (lead.override_codes or "").split(",") if c)


def uncovered(lead: Lead, checks: Sequence[Check]) -> list[Check]:
    """The blocks that still stand: those the lead's override (if any) did not cover, or could not."""
    covered = overridden_codes(lead)
    return [c for c in blocking(checks) if not (c.overridable and c.code in covered)]


def is_exportable(lead: Lead, checks: Sequence[Check]) -> bool:
    """No block stands: none found, or every one overridable and covered by the supervisor's override.

    An override covers the blocks it was given for; a block that appears later (a new complaint, a refused
    channel) stops the lead again until a supervisor looks at it again."""
    return not uncovered(lead, checks)
