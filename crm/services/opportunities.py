"""Sales opportunities (商机) and fraud/escalation records from what customers say.

``record_findings`` runs the detector (crm.detection) over a saved interaction's notes, inside the save's
transaction: one Opportunity per opportunity rule that matched, one fraud Escalation per fraud rule (the
interaction is flagged and yields no opportunity at all: 反诈), one complaint Escalation per escalation rule.
Agents confirm or dismiss opportunities (``decide_opportunity``) and record what they did about a fraud alert
(``record_fraud_action``). Leads made from opportunities are crm.services.leads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import peewee

from crm.codes import AuditAction, EscalationAction, EscalationKind, OpportunityStatus, ProductCategory
from crm.errors import ConflictError, NotFound, ValidationError
from crm.models import Customer, Escalation, Interaction, Lead, Opportunity, Product, StaffUser
from crm.services import audit, suitability
from crm.services.base import now_utc, versioned_update
from crm.services.suitability import CheckCode

RULE_ID_MAX = 64  # the rule_id columns
MAX_NOTE = 4000


@dataclass(frozen=True)
class FindingsResult:
    opportunity_ids: tuple[int, ...] = ()
    fraud_escalation_ids: tuple[int, ...] = ()
    escalation_ids: tuple[int, ...] = ()
    findings: list = field(default_factory=list)  # crm.detection.Finding, as the detector returned them


@dataclass(frozen=True)
class OpportunityRow:
    id: int
    version: int
    customer_id: int
    interaction_id: int | None
    rule_id: str | None
    category: str
    product_id: int | None
    product_code: str | None
    product_name_zh: str | None
    product_name_en: str | None
    evidence_text: str
    evidence_start: int | None
    evidence_end: int | None
    status: str
    decided_by: int | None
    decided_at: dt.datetime | None
    created_at: dt.datetime
    lead_count: int


# --- detection -------------------------------------------------------------------------------------

def detector_or_default(detector):
    if detector is not None:
        return detector
    from crm.detection import default_detector  # lazily: the rule files load on first use

    return default_detector()


def record_findings(actor: StaffUser, interaction: Interaction | int, *, detector=None) -> FindingsResult:
    """Store what the detector finds in the interaction's notes (offsets refer to the notes as stored).

    Call inside the transaction that saved the interaction (log_interaction does). One row per rule: a rule
    matching twice keeps its first match. Running it again for the same interaction adds nothing twice."""
    if not isinstance(interaction, Interaction):
        found = Interaction.get_or_none(Interaction.id == interaction)
        if found is None:
            raise NotFound("not_found", entity="interaction", id=interaction)
        interaction = found
    text = interaction.notes or ""
    if not text.strip():
        return FindingsResult()
    findings = list(detector_or_default(detector).detect(text))
    if not findings:
        return FindingsResult(findings=findings)
    ts = interaction.ts or now_utc()  # when it was said: a call logged afterwards keeps its own time
    by_kind: dict[str, dict[str, Any]] = {"opportunity": {}, "fraud": {}, "escalation": {}}
    for f in sorted(findings, key=lambda f: (f.evidence.start, f.evidence.end)):
        if f.kind in by_kind:
            by_kind[f.kind].setdefault(f.rule, f)
    fraud_ids: list[int] = []
    escalation_ids: list[int] = []
    opportunity_ids: list[int] = []
    with Interaction._meta.database.atomic():
        existing = set(Escalation.select(Escalation.kind, Escalation.rule_id)
                       .where(Escalation.interaction == interaction.id).tuples())
        for kind, ids, esc_kind in (("fraud", fraud_ids, EscalationKind.FRAUD),
                                    ("escalation", escalation_ids, EscalationKind.COMPLAINT_ESCALATION)):
            for rule, f in by_kind[kind].items():
                if (esc_kind, rule[:RULE_ID_MAX]) in existing:
                    continue
                row = Escalation.create(interaction=interaction.id, customer=interaction.customer_id,
                                        kind=esc_kind, rule_id=rule[:RULE_ID_MAX], evidence_text=f.evidence.text,
                                        created_by=actor, ts=ts)
                audit.record(actor, AuditAction.CREATE, "escalation", row.id, kind=esc_kind, rule=rule,
                             interaction=interaction.id, customer=interaction.customer_id)
                ids.append(row.id)
        fraud = bool(by_kind["fraud"]) or suitability.interaction_fraud(interaction.id)
        if fraud:
            if not interaction.fraud_flag:
                Interaction.update(fraud_flag=True).where(Interaction.id == interaction.id).execute()
        else:
            opportunity_ids = _opportunities(actor, interaction, by_kind["opportunity"])
    return FindingsResult(tuple(opportunity_ids), tuple(fraud_ids), tuple(escalation_ids), findings)


def _opportunities(actor: StaffUser, interaction: Interaction, found: dict[str, Any]) -> list[int]:
    if not found:
        return []
    known = {r for (r,) in Opportunity.select(Opportunity.rule_id)
             .where(Opportunity.interaction == interaction.id).tuples()}
    codes = {code for f in found.values() for code in (f.products or ())}
    active = {p.code: p for p in Product.select(Product.id, Product.code, Product.risk_level, Product.active)
              .where(Product.code.in_(list(codes)) & Product.active)} if codes else {}
    customer = Customer.get_or_none(Customer.id == interaction.customer_id)
    today = dt.date.today()
    ids = []
    for rule, f in found.items():
        if rule[:RULE_ID_MAX] in known:
            continue
        try:
            category = ProductCategory(f.category)
        except ValueError:
            continue  # a rule naming a category this build does not know: nothing sensible to store
        # the first suggestion the customer may be offered (suitability.pick_product), not merely the first
        # on sale: a 76-year-old C2 customer's fund opportunity is not tied to an R4 index fund
        offered = [active[c] for c in dict.fromkeys(f.products or ()) if c in active]
        chosen = (suitability.pick_product(customer, offered, today) if customer is not None
                  else (offered[0] if offered else None))
        product = chosen.id if chosen is not None else None
        row = Opportunity.create(created_at=interaction.ts or now_utc(), updated_at=now_utc(),
                                 customer=interaction.customer_id, interaction=interaction.id,
                                 rule_id=rule[:RULE_ID_MAX],
                                 category=category, product=product, evidence_text=f.evidence.text,
                                 evidence_start=f.evidence.start, evidence_end=f.evidence.end,
                                 status=OpportunityStatus.DETECTED)
        audit.record(actor, AuditAction.CREATE, "opportunity", row.id, rule=rule, category=category,
                     product=product, interaction=interaction.id, customer=interaction.customer_id)
        ids.append(row.id)
    return ids


def record_fraud_action(actor: StaffUser, escalation_id: int, action: str, note: str = "") -> int:
    """What was done about an escalation (劝阻话术 read, branch security or 96110 called…). The first action
    fills in the escalation; each later one is appended as a new row on the same interaction and rule, so the
    evidence stays append-only. Returns the id of the row that holds the action."""
    try:
        action = EscalationAction(action)
    except ValueError:
        raise ValidationError("invalid_choice", field="action", value=str(action)) from None
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ValidationError("too_long", field="note", max=MAX_NOTE)
    esc = Escalation.get_or_none(Escalation.id == escalation_id)
    if esc is None:
        raise NotFound("not_found", entity="escalation", id=escalation_id)
    with Escalation._meta.database.atomic():
        filled = (Escalation.update(action_taken=action, note=note)
                  .where((Escalation.id == esc.id) & Escalation.action_taken.is_null()).execute())
        if filled:
            row_id = esc.id
        else:
            row_id = Escalation.create(interaction=esc.interaction_id, customer=esc.customer_id, case=esc.case_id,
                                       kind=esc.kind, rule_id=esc.rule_id, evidence_text=esc.evidence_text,
                                       action_taken=action, note=note, created_by=actor, ts=now_utc()).id
        audit.record(actor, AuditAction.UPDATE if filled else AuditAction.CREATE, "escalation", row_id,
                     action_taken=action, kind=esc.kind, follows=None if filled else esc.id,
                     customer=esc.customer_id)
    return row_id


# --- opportunities ---------------------------------------------------------------------------------

def _opportunity_query():
    leads = (Lead.select(peewee.fn.COUNT(Lead.id)).where(Lead.opportunity == Opportunity.id))
    return (Opportunity.select(Opportunity, Product.code.alias("product_code"),
                               Product.name_zh.alias("product_name_zh"), Product.name_en.alias("product_name_en"),
                               leads.alias("lead_count"))
            .join(Product, peewee.JOIN.LEFT_OUTER, on=(Opportunity.product == Product.id)))


def _opportunity_row(o) -> OpportunityRow:
    return OpportunityRow(
        id=o.id, version=o.version, customer_id=o.customer_id, interaction_id=o.interaction_id, rule_id=o.rule_id,
        category=str(o.category), product_id=o.product_id, product_code=o.product_code,
        product_name_zh=o.product_name_zh, product_name_en=o.product_name_en, evidence_text=o.evidence_text,
        evidence_start=o.evidence_start, evidence_end=o.evidence_end, status=str(o.status),
        decided_by=o.decided_by_id, decided_at=o.decided_at, created_at=o.created_at, lead_count=o.lead_count)


def opportunities_for_interaction(interaction_id: int) -> list[OpportunityRow]:
    """The interaction's opportunities in the order their evidence appears in the notes."""
    rows = (_opportunity_query().where(Opportunity.interaction == interaction_id)
            .order_by(Opportunity.evidence_start, Opportunity.id).objects())
    return [_opportunity_row(o) for o in rows]


def get_opportunity(opportunity_id: int) -> OpportunityRow:
    row = _opportunity_query().where(Opportunity.id == opportunity_id).objects().first()
    if row is None:
        raise NotFound("not_found", entity="opportunity", id=opportunity_id)
    return _opportunity_row(row)


def decide_opportunity(actor: StaffUser, opportunity_id: int, expected_version: int, *, confirm: bool) -> int:
    """The agent agrees (confirm) or not (dismiss): kept either way, for rule tuning. Only a detected
    opportunity is decided; one from a fraud-flagged interaction cannot be confirmed. Returns the new version."""
    opp = Opportunity.get_or_none(Opportunity.id == opportunity_id)
    if opp is None:
        raise NotFound("not_found", entity="opportunity", id=opportunity_id)
    if opp.version != expected_version:
        raise ConflictError("stale_version", entity="opportunity", id=opportunity_id, expected=expected_version,
                            current=opp.version)
    if opp.status != OpportunityStatus.DETECTED:
        raise ValidationError("already_decided", field="status", status=str(opp.status))
    if confirm and suitability.interaction_fraud(opp.interaction_id):
        raise ValidationError(CheckCode.FRAUD_FLAGGED, field="opportunity_id", interaction_id=opp.interaction_id)
    status = OpportunityStatus.CONFIRMED if confirm else OpportunityStatus.DISMISSED
    with Opportunity._meta.database.atomic():
        version = versioned_update(Opportunity, opp.id, expected_version,
                                   {"status": status, "decided_by": actor.id, "decided_at": now_utc()})
        audit.record(actor, AuditAction.UPDATE, "opportunity", opp.id, status=status, rule=opp.rule_id)
    return version
