"""Sales opportunities (商机) detected in what customers say, and the leads (销售线索) agents pass to sales.

* Opportunities come from crm.services.opportunities (detection on save, confirm/dismiss); ``rule_report``
  counts, per rule, what was detected, confirmed, dismissed, turned into leads and won (how rules get tuned).
* ``create_lead`` checks suitability and consent (crm.services.suitability) and stores the lead even when
  blocked, with the first blocking code; a supervisor may override the overridable blocks with a reason
  (``override_block``). A lead from a fraud-flagged interaction, or for a customer with a fraud escalation in
  the last ``leads.fraud_block_days``, is refused outright.
* Leads move through ``ALLOWED`` states (``set_state``); the referring agent is credited (``referred_by``).
* A new lead's contact channel may change (``change_channel``): the fix for a lead blocked because the
  customer refused, or never agreed to, marketing on the channel first chosen. It is re-checked at once.
* The Leads view reads ``lead_ids`` (ids for a LeadFilter, allow-listed sorts) and ``lead_rows`` (one query per
  page, mobile masked); ``conversion_by_agent`` / ``conversion_by_rule`` report outcomes.

Conversion rate = won / handed over, where "handed over" counts the leads that reached sales: those now in
handed_over, accepted, contacted, won or lost, plus invalid ones that had left in an export batch. Leads still
new, or invalidated before reaching sales, are not the sales team's to convert and do not dilute the rate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import peewee

from crm import identifiers
from crm.codes import (
    AuditAction,
    LeadState,
    OpportunityStatus,
    ProductCategory,
)
from crm.errors import ConflictError, NotFound, ValidationError
from crm.models import (
    Customer,
    CustomerPhone,
    Lead,
    Opportunity,
    Product,
    StaffUser,
)
from crm.services import audit, suitability
from crm.services.base import now_utc, versioned_update
from crm.services.opportunities import detector_or_default
from crm.services.staff import require_supervisor
from crm.services.suitability import Check, CheckCode

ENTITY = "lead"
MAX_NOTE = 4000
MAX_REASON = 2000
MAX_SALES_OWNER = 100

S = LeadState
ALLOWED: dict[LeadState, frozenset[LeadState]] = {
    S.NEW: frozenset({S.HANDED_OVER, S.INVALID}),
    S.HANDED_OVER: frozenset({S.ACCEPTED, S.CONTACTED, S.WON, S.LOST, S.INVALID}),
    S.ACCEPTED: frozenset({S.CONTACTED, S.WON, S.LOST, S.INVALID}),
    S.CONTACTED: frozenset({S.WON, S.LOST, S.INVALID}),
    S.WON: frozenset(),
    S.LOST: frozenset(),
    S.INVALID: frozenset(),
}
OPEN_STATES = (S.NEW, S.HANDED_OVER, S.ACCEPTED, S.CONTACTED)  # a second lead for the same product is refused
REACHED_SALES = (S.HANDED_OVER, S.ACCEPTED, S.CONTACTED, S.WON, S.LOST)
STATE_ORDER = (S.NEW, S.HANDED_OVER, S.ACCEPTED, S.CONTACTED, S.WON, S.LOST, S.INVALID)  # pipeline order


# --- DTOs ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LeadResult:
    lead_id: int
    blocks: list[Check]
    flags: list[Check]

    @property
    def blocked(self) -> bool:
        return bool(self.blocks)


@dataclass(frozen=True)
class LeadFilter:
    states: tuple[str, ...] = ()
    product_ids: tuple[int, ...] = ()
    category: str | None = None
    referred_by: int | None = None  # staff id
    min_age_days: int | None = None  # whole days since created, inclusive
    max_age_days: int | None = None
    blocked: bool | None = None  # True: blocked and not overridden; False: free to go (or overridden)
    customer_id: int | None = None
    batch_id: int | None = None  # leads of one export batch


@dataclass(frozen=True)
class LeadRow:
    """One line of the Leads view. ``customer_mobile`` is masked; the customer's name is shown to agents."""

    id: int
    version: int
    created_at: dt.datetime
    age_days: int  # whole days since created
    state: str
    product_id: int
    product_code: str
    product_name_zh: str
    product_name_en: str
    category: str
    risk_level: int
    customer_id: int
    customer_name: str
    customer_mobile: str  # masked (138****5678), "" when none
    referred_by_id: int
    referred_by_name: str
    contact_channel: str
    block_reason: str | None
    overridden: bool
    override_reason: str | None
    dual_recording_required: bool
    flags: tuple[str, ...]
    batch_id: int | None
    opportunity_id: int | None
    rule_id: str | None
    sales_owner: str | None
    external_ref: str | None
    outcome_note: str

    # The names a catalogue product has, so product-name helpers accept a row as they accept a ProductRow.
    @property
    def code(self) -> str:
        return self.product_code

    @property
    def name_zh(self) -> str:
        return self.product_name_zh

    @property
    def name_en(self) -> str:
        return self.product_name_en


@dataclass(frozen=True)
class ConversionRow:
    """Outcomes of one agent's (key = staff id) or one rule's (key = rule id, None = entered by hand) leads."""

    key: int | str | None
    label: str
    leads: int
    handed_over: int  # reached sales (see the module docstring)
    won: int
    lost: int
    invalid: int
    blocked: int  # new, blocked and not overridden

    @property
    def conversion_rate(self) -> float | None:
        """won / handed over; None before anything reached sales."""
        return self.won / self.handed_over if self.handed_over else None


@dataclass(frozen=True)
class RuleReportRow:
    rule_id: str
    detected: int  # every opportunity the rule produced, whatever its status
    pending: int  # not yet confirmed or dismissed
    confirmed: int
    dismissed: int
    leads: int
    won: int

    @property
    def precision(self) -> float | None:
        """confirmed / decided: how often agents agree with the rule."""
        decided = self.confirmed + self.dismissed
        return self.confirmed / decided if decided else None


# --- leads -----------------------------------------------------------------------------------------

def _load(lead_id: int, expected_version: int | None = None) -> Lead:
    lead = Lead.get_or_none(Lead.id == lead_id)
    if lead is None:
        raise NotFound("not_found", entity=ENTITY, id=lead_id)
    if expected_version is not None and lead.version != expected_version:
        raise ConflictError("stale_version", entity=ENTITY, id=lead_id, expected=expected_version,
                            current=lead.version)
    return lead


def _codes(checks: Iterable[Check]) -> list[str]:
    return [str(c.code) for c in checks]


def create_lead(actor: StaffUser, *, customer_id: int, product_id: int, channel: str,
                opportunity_id: int | None = None, today: dt.date | None = None) -> LeadResult:
    """A lead referred by ``actor`` for sales to contact the customer on ``channel`` (a ConsentChannel).

    Checked first: a blocked lead is still stored (``block_reason`` = the first blocking code) so a supervisor
    can look at it; it cannot go to sales unless overridden. Refused outright (ValidationError): a lead from
    a fraud-flagged interaction or for a customer with a recent fraud escalation (``fraud_flagged``), a
    dismissed or another customer's opportunity, a second open lead for the same customer and product
    (``duplicate_lead``). A detected opportunity the lead comes from is confirmed by it."""
    channel = suitability.channel_of(channel)
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFound("not_found", entity="customer", id=customer_id)
    product = Product.get_or_none(Product.id == product_id)
    if product is None:
        raise NotFound("not_found", entity="product", id=product_id)
    opp = None
    if opportunity_id is not None:
        opp = Opportunity.get_or_none(Opportunity.id == opportunity_id)
        if opp is None:
            raise NotFound("not_found", entity="opportunity", id=opportunity_id)
        if opp.customer_id != customer.id:
            raise ValidationError("opportunity_mismatch", field="opportunity_id")
        if opp.status == OpportunityStatus.DISMISSED:
            raise ValidationError("opportunity_dismissed", field="opportunity_id")
    checks = suitability.check(customer, product, channel, today=today,
                               interaction_id=opp.interaction_id if opp else None)
    blocks, flags = suitability.blocking(checks), suitability.flags(checks)
    fraud = next((c for c in blocks if c.code == CheckCode.FRAUD_FLAGGED), None)
    if fraud is not None:  # on the interaction, or a recent fraud escalation of the customer: never a lead
        if "customer_id" in fraud.details:
            raise ValidationError(CheckCode.FRAUD_FLAGGED, field="customer_id", **fraud.details)
        raise ValidationError(CheckCode.FRAUD_FLAGGED, field="opportunity_id",
                              interaction_id=opp.interaction_id if opp else None)
    duplicate = (Lead.select(Lead.id).where((Lead.customer == customer.id) & (Lead.product == product.id)
                                            & Lead.state.in_(OPEN_STATES)).scalar())
    if duplicate is not None:
        raise ValidationError("duplicate_lead", field="product_id", existing=duplicate)
    with Lead._meta.database.atomic():
        lead = Lead.create(customer=customer.id, opportunity=opp.id if opp else None, product=product.id,
                           referred_by=actor.id, state=S.NEW, block_reason=blocks[0].code if blocks else None,
                           dual_recording_required=bool(product.dual_recording), contact_channel=channel,
                           flags=",".join(_codes(flags)))
        if opp is not None and opp.status == OpportunityStatus.DETECTED:
            versioned_update(Opportunity, opp.id, opp.version, {"status": OpportunityStatus.CONFIRMED,
                                                                "decided_by": actor.id, "decided_at": now_utc()})
            audit.record(actor, AuditAction.UPDATE, "opportunity", opp.id, status=OpportunityStatus.CONFIRMED,
                         rule=opp.rule_id, lead=lead.id)
        audit.record(actor, AuditAction.CREATE, ENTITY, lead.id, customer=customer.id, product=product.code,
                     channel=channel, opportunity=opp.id if opp else None, blocks=_codes(blocks),
                     flags=_codes(flags))
    return LeadResult(lead.id, blocks, flags)


def override_block(supervisor: StaffUser, lead_id: int, expected_version: int, reason: str, *,
                   today: dt.date | None = None) -> int:
    """A supervisor lets a blocked new lead go to sales, with a reason (audited as an override). Covers the
    blocks standing now, all of which must be overridable (fraud, consent and an inactive product never are).
    Returns the new version."""
    require_supervisor(supervisor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("required", field="reason")
    if len(reason) > MAX_REASON:
        raise ValidationError("too_long", field="reason", max=MAX_REASON)
    lead = _load(lead_id, expected_version)
    if lead.state != S.NEW:
        raise ValidationError("invalid_state", field="state", state=str(lead.state))
    checks = suitability.lead_checks(lead, today=today)
    blocks = suitability.blocking(checks)
    if not blocks:
        raise ValidationError("not_blocked", field="lead")
    fixed = [c for c in blocks if not c.overridable]
    if fixed:
        raise ValidationError("not_overridable", field="lead", check=str(fixed[0].code), checks=_codes(fixed))
    if not suitability.uncovered(lead, checks):
        raise ValidationError("already_overridden", field="lead")
    with Lead._meta.database.atomic():
        version = versioned_update(Lead, lead.id, expected_version, {
            "override_reason": reason, "override_by": supervisor.id, "override_codes": ",".join(_codes(blocks)),
            "block_reason": blocks[0].code})
        audit.record(supervisor, AuditAction.OVERRIDE, ENTITY, lead.id, checks=_codes(blocks), reason=reason,
                     referred_by=lead.referred_by_id)
    return version


def set_state(actor: StaffUser, lead_id: int, expected_version: int, state: str, *, note: str = "",
              sales_owner: str | None = None, batch_id: int | None = None, today: dt.date | None = None) -> int:
    """Move a lead along ``ALLOWED``; ``note`` becomes its outcome note, ``sales_owner`` who at sales has it.
    Handing over re-checks the lead: it must be exportable now (``lead_blocked`` otherwise). Returns the new
    version."""
    try:
        target = LeadState(state)
    except ValueError:
        raise ValidationError("invalid_choice", field="state", value=str(state)) from None
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ValidationError("too_long", field="note", max=MAX_NOTE)
    if sales_owner is not None:
        sales_owner = sales_owner.strip() or None
        if sales_owner and len(sales_owner) > MAX_SALES_OWNER:
            raise ValidationError("too_long", field="sales_owner", max=MAX_SALES_OWNER)
    lead = _load(lead_id, expected_version)
    current = LeadState(lead.state)
    if target not in ALLOWED[current]:
        raise ValidationError("invalid_transition", field="state", from_state=str(current), to_state=str(target))
    if target == S.HANDED_OVER:
        standing = suitability.uncovered(lead, suitability.lead_checks(lead, today=today))
        if standing:
            raise ValidationError("lead_blocked", field="state", check=str(standing[0].code),
                                  checks=_codes(standing))
    changes: dict[str, Any] = {"state": target}
    if note:
        changes["outcome_note"] = note
    if sales_owner is not None:
        changes["sales_owner"] = sales_owner
    if batch_id is not None:
        changes["batch"] = batch_id
    with Lead._meta.database.atomic():
        version = versioned_update(Lead, lead.id, expected_version, changes)
        audit.record(actor, AuditAction.UPDATE, ENTITY, lead.id, state_from=current, state_to=target,
                     **({"note": note} if note else {}),
                     **({"sales_owner": sales_owner} if sales_owner is not None else {}),
                     **({"batch": batch_id} if batch_id is not None else {}))
    return version


def recheck_leads(actor: StaffUser | None = None, lead_ids: Sequence[int] | None = None, *,
                  today: dt.date | None = None) -> int:
    """Check new leads again (consent given or withdrawn, a rating renewed, a case closed…) and store the
    result: ``block_reason`` and ``flags`` follow; an override lapses when a block it did not cover appears,
    so the lead shows as blocked until a supervisor looks again. Returns how many leads changed."""
    query = Lead.select().where(Lead.state == S.NEW)
    if lead_ids is not None:
        query = query.where(Lead.id.in_(list(lead_ids)))
    changed = 0
    with Lead._meta.database.atomic():
        for lead in query.order_by(Lead.id):
            checks = suitability.lead_checks(lead, today=today)
            blocks, flags = suitability.blocking(checks), suitability.flags(checks)
            changes = _rechecked(lead, checks)
            if not changes:
                continue
            versioned_update(Lead, lead.id, lead.version, changes)
            audit.record(actor, AuditAction.UPDATE, ENTITY, lead.id, recheck=True, blocks=_codes(blocks),
                         flags=_codes(flags), override_lapsed="override_by" in changes)
            changed += 1
    return changed


def _rechecked(lead: Lead, checks: Sequence[Check]) -> dict[str, Any]:
    """The columns a re-check changes: ``block_reason`` and ``flags`` follow ``checks``; the override lapses
    when a block it did not cover stands."""
    blocks, flags = suitability.blocking(checks), suitability.flags(checks)
    changes: dict[str, Any] = {}
    block = str(blocks[0].code) if blocks else None
    if block != lead.block_reason:
        changes["block_reason"] = block
    flag_text = ",".join(_codes(flags))
    if flag_text != lead.flags:
        changes["flags"] = flag_text
    if lead.override_by_id is not None and blocks and suitability.uncovered(lead, checks):
        changes.update(override_by=None, override_reason=None, override_codes="")
    return changes


def change_channel(actor: StaffUser, lead_id: int, expected_version: int, channel: str, *,
                   today: dt.date | None = None) -> LeadResult:
    """Sales is to contact the customer on ``channel`` (a ConsentChannel) instead: how a lead blocked by a
    refused or never-given consent (or do-not-disturb) on its channel is put right. Only a new lead, and only
    to another channel (``same_channel``). The lead is re-checked on the new channel as ``recheck_leads``
    does: ``block_reason`` and ``flags`` follow, and a supervisor's override stays only while it covers every
    block that stands. Audited with the old and the new channel; returns the lead's checks on the new one."""
    channel = suitability.channel_of(channel)
    lead = _load(lead_id, expected_version)
    if lead.state != S.NEW:
        raise ValidationError("invalid_state", field="state", state=str(lead.state), action="change_channel")
    old = str(lead.contact_channel)
    if channel == old:
        raise ValidationError("same_channel", field="channel", channel=old)
    lead.contact_channel = channel  # checked as it is about to be stored
    checks = suitability.lead_checks(lead, today=today)
    blocks, flags = suitability.blocking(checks), suitability.flags(checks)
    changes = {"contact_channel": channel, **_rechecked(lead, checks)}
    with Lead._meta.database.atomic():
        versioned_update(Lead, lead.id, expected_version, changes)
        audit.record(actor, AuditAction.UPDATE, ENTITY, lead.id, channel_from=old, channel_to=str(channel),
                     blocks=_codes(blocks), flags=_codes(flags), override_lapsed="override_by" in changes)
    return LeadResult(lead.id, blocks, flags)


# --- the list --------------------------------------------------------------------------------------

def _where(f: LeadFilter, now: dt.datetime) -> peewee.Expression:
    where: peewee.Expression = Lead.id.is_null(False)
    if f.states:
        where &= Lead.state.in_([LeadState(s) for s in f.states])
    if f.product_ids:
        where &= Lead.product.in_(list(f.product_ids))
    if f.category:
        where &= Lead.product.in_(Product.select(Product.id).where(Product.category == ProductCategory(f.category)))
    if f.referred_by is not None:
        where &= Lead.referred_by == (f.referred_by.id if isinstance(f.referred_by, StaffUser) else f.referred_by)
    if f.min_age_days is not None:
        where &= Lead.created_at <= now - dt.timedelta(days=f.min_age_days)
    if f.max_age_days is not None:
        where &= Lead.created_at > now - dt.timedelta(days=f.max_age_days + 1)
    if f.blocked is True:
        where &= Lead.block_reason.is_null(False) & Lead.override_by.is_null()
    elif f.blocked is False:
        where &= Lead.block_reason.is_null() | Lead.override_by.is_null(False)
    if f.customer_id is not None:
        where &= Lead.customer == f.customer_id
    if f.batch_id is not None:
        where &= Lead.batch == f.batch_id
    return where


def _state_rank():
    return peewee.Case(Lead.state, [(str(s), i) for i, s in enumerate(STATE_ORDER)], len(STATE_ORDER))


def _sorts() -> dict[str, tuple[tuple, tuple]]:
    """sort name -> (joins needed, ORDER BY terms). Ties always fall back to the newest first."""
    newest = (Lead.created_at.desc(), Lead.id.desc())
    rank = _state_rank()
    return {
        "created_desc": ((), newest),
        "created_asc": ((), (Lead.created_at.asc(), Lead.id.asc())),
        "state": ((), (rank.asc(), *newest)),
        "state_asc": ((), (rank.asc(), *newest)),
        "state_desc": ((), (rank.desc(), *newest)),
        "product": (("product",), (Product.code.asc(), *newest)),
        "product_asc": (("product",), (Product.code.asc(), *newest)),
        "product_desc": (("product",), (Product.code.desc(), *newest)),
        "risk_asc": (("product",), (Product.risk_level.asc(), Product.code.asc(), *newest)),
        "risk_desc": (("product",), (Product.risk_level.desc(), Product.code.asc(), *newest)),
        "agent": (("agent",), (StaffUser.display_name.asc(), *newest)),
        "agent_asc": (("agent",), (StaffUser.display_name.asc(), *newest)),
        "agent_desc": (("agent",), (StaffUser.display_name.desc(), *newest)),
        "referrer_asc": (("agent",), (StaffUser.display_name.asc(), *newest)),
        "referrer_desc": (("agent",), (StaffUser.display_name.desc(), *newest)),
    }


SORTS = tuple(_sorts())  # the allow-list


def lead_ids(f: LeadFilter | None = None, sort: str = "created_desc", *, now: dt.datetime | None = None) -> list[int]:
    """Ids of the leads matching ``f`` in ``sort`` order (one of ``SORTS``): what a lazy list model holds."""
    sorts = _sorts()
    if sort not in sorts:
        raise ValidationError("invalid_choice", field="sort", value=str(sort))
    joins, order = sorts[sort]
    query = Lead.select(Lead.id)
    if "product" in joins:
        query = query.join(Product, on=(Lead.product == Product.id))
    if "agent" in joins:
        query = query.switch(Lead).join(StaffUser, on=(Lead.referred_by == StaffUser.id))
    query = query.where(_where(f or LeadFilter(), now or now_utc())).order_by(*order)
    return [r[0] for r in query.tuples()]


def lead_rows(ids: Sequence[int], *, now: dt.datetime | None = None) -> list[LeadRow]:
    """The rows for a page of ids, in the order given (ids no longer there are left out): one query."""
    if not ids:
        return []
    now = now or now_utc()
    phone = (CustomerPhone.select(CustomerPhone.number).where(CustomerPhone.customer == Lead.customer)
             .order_by(CustomerPhone.is_primary.desc(), CustomerPhone.id).limit(1))
    query = (Lead.select(Lead, Product.code.alias("p_code"), Product.name_zh.alias("p_name_zh"),
                         Product.name_en.alias("p_name_en"), Product.category.alias("p_category"),
                         Product.risk_level.alias("p_risk_level"), Customer.name.alias("c_name"),
                         StaffUser.display_name.alias("agent_name"), Opportunity.rule_id.alias("o_rule_id"),
                         phone.alias("c_phone"))
             .join(Product, on=(Lead.product == Product.id))
             .switch(Lead).join(Customer, on=(Lead.customer == Customer.id))
             .switch(Lead).join(StaffUser, on=(Lead.referred_by == StaffUser.id))
             .switch(Lead).join(Opportunity, peewee.JOIN.LEFT_OUTER, on=(Lead.opportunity == Opportunity.id))
             .where(Lead.id.in_(list(ids))).objects())
    by_id = {}
    for r in query:
        by_id[r.id] = LeadRow(
            id=r.id, version=r.version, created_at=r.created_at,
            age_days=max(0, (now - r.created_at).days), state=str(r.state), product_id=r.product_id,
            product_code=r.p_code, product_name_zh=r.p_name_zh, product_name_en=r.p_name_en,
            category=str(r.p_category), risk_level=int(r.p_risk_level), customer_id=r.customer_id,
            customer_name=r.c_name, customer_mobile=identifiers.mask_phone(r.c_phone) if r.c_phone else "",
            referred_by_id=r.referred_by_id, referred_by_name=r.agent_name, contact_channel=str(r.contact_channel),
            block_reason=r.block_reason, overridden=r.override_by_id is not None, override_reason=r.override_reason,
            dual_recording_required=r.dual_recording_required,
            flags=tuple(c for c in (r.flags or "").split(",") if c), batch_id=r.batch_id,
            opportunity_id=r.opportunity_id, rule_id=r.o_rule_id, sales_owner=r.sales_owner,
            external_ref=r.external_ref, outcome_note=r.outcome_note)
    return [by_id[i] for i in ids if i in by_id]


def get_lead(lead_id: int) -> LeadRow:
    rows = lead_rows([lead_id])
    if not rows:
        raise NotFound("not_found", entity=ENTITY, id=lead_id)
    return rows[0]


# --- reports ---------------------------------------------------------------------------------------

def _count(cond: peewee.Expression):
    return peewee.fn.SUM(peewee.Case(None, [(cond, 1)], 0))


def _outcome_columns() -> tuple:
    reached = Lead.state.in_(REACHED_SALES) | ((Lead.state == S.INVALID) & Lead.batch.is_null(False))
    return (peewee.fn.COUNT(Lead.id), _count(reached), _count(Lead.state == S.WON), _count(Lead.state == S.LOST),
            _count(Lead.state == S.INVALID),
            _count((Lead.state == S.NEW) & Lead.block_reason.is_null(False) & Lead.override_by.is_null()))


def _conversion(key, label, counts) -> ConversionRow:
    leads, reached, won, lost, invalid, blocked = (int(c or 0) for c in counts)
    return ConversionRow(key, label, leads, reached, won, lost, invalid, blocked)


def conversion_by_agent(f: LeadFilter | None = None, *, now: dt.datetime | None = None) -> list[ConversionRow]:
    """Per referring agent (credited with the lead), most leads won first."""
    query = (Lead.select(Lead.referred_by, StaffUser.display_name, *_outcome_columns())
             .join(StaffUser, on=(Lead.referred_by == StaffUser.id))
             .where(_where(f or LeadFilter(), now or now_utc()))
             .group_by(Lead.referred_by, StaffUser.display_name).tuples())
    rows = [_conversion(staff_id, name, counts) for staff_id, name, *counts in query]
    return sorted(rows, key=lambda r: (-r.won, -r.leads, r.label, r.key))


def conversion_by_rule(f: LeadFilter | None = None, *, now: dt.datetime | None = None) -> list[ConversionRow]:
    """Per detection rule of the opportunity the lead came from; key None: leads entered without one."""
    query = (Lead.select(Opportunity.rule_id, *_outcome_columns())
             .join(Opportunity, peewee.JOIN.LEFT_OUTER, on=(Lead.opportunity == Opportunity.id))
             .where(_where(f or LeadFilter(), now or now_utc()))
             .group_by(Opportunity.rule_id).tuples())
    rows = [_conversion(rule, rule or "", counts) for rule, *counts in query]
    return sorted(rows, key=lambda r: (-r.won, -r.leads, r.key is None, r.key or ""))


def rule_report(*, since: dt.datetime | None = None, rule_ids: Iterable[str] | None = None,
                detector=None) -> list[RuleReportRow]:
    """Per opportunity rule: detected (all), pending, confirmed, dismissed, leads made from them and leads won;
    opportunities created since ``since`` when given. Every rule the detector has (or ``rule_ids``) is listed,
    with zeros when it never fired, so a dead rule shows up too; rules since removed keep their history."""
    if rule_ids is None:
        rule_ids = [r.id for r in detector_or_default(detector).rules("opportunity")]
    where = Opportunity.rule_id.is_null(False)
    if since is not None:
        where &= Opportunity.created_at >= since
    counts = (Opportunity.select(Opportunity.rule_id, peewee.fn.COUNT(Opportunity.id),
                                 _count(Opportunity.status == OpportunityStatus.DETECTED),
                                 _count(Opportunity.status == OpportunityStatus.CONFIRMED),
                                 _count(Opportunity.status == OpportunityStatus.DISMISSED))
              .where(where).group_by(Opportunity.rule_id).tuples())
    leads = (Lead.select(Opportunity.rule_id, peewee.fn.COUNT(Lead.id), _count(Lead.state == S.WON))
             .join(Opportunity, on=(Lead.opportunity == Opportunity.id))
             .where(where).group_by(Opportunity.rule_id).tuples())
    out: dict[str, list[int]] = {rule: [0] * 6 for rule in (rule_ids or ())}
    for rule, detected, pending, confirmed, dismissed in counts:
        out.setdefault(rule, [0] * 6)[:4] = [int(detected), int(pending or 0), int(confirmed or 0),
                                              int(dismissed or 0)]
    for rule, n, won in leads:
        out.setdefault(rule, [0] * 6)[4:] = [int(n), int(won or 0)]
    rows = [RuleReportRow(rule, *values) for rule, values in out.items()]
    return sorted(rows, key=lambda r: (-r.detected, r.rule_id))
