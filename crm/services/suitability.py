"""Whether a product may be suggested to a customer on a channel (适当性管理, consent, anti-fraud).

``check`` returns every finding as a ``Check``: blocking ones first (the first is what a stored lead keeps as
``block_reason``), then flags that only ask for care. The codes are stable strings (``CheckCode``) the UI
translates; ``details`` says why (rating and level, the channel, the open cases…).

Blocks a supervisor may override with a reason (the judgement is the supervisor's, and audited): the risk
rating missing or expired, an open complaint. Blocks nobody may override, because the fix is elsewhere or the
law forbids it: fraud (反诈: never turn such an interaction into a lead) — on the interaction the lead came
from, or any fraud escalation of the customer within ``leads.fraud_block_days`` (default 30) —, the product
above the customer's rating (a Cn customer may be offered up to Rn only: renew the questionnaire or pick
another product; ``max_level`` / ``rank_products`` / ``pick_product`` help choose one), an inactive product
(nothing to sell; an administrator reactivates it), and every consent block — no marketing consent, the
channel refused, do-not-disturb — since a lead without consent must not reach sales and a refused channel
must not be used again (PIPL / PBOC rules): record the customer's consent instead, or pick a channel they
agreed to.
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
from crm.models.fields import format_utc
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
    CheckCode.NO_MARKETING_CONSENT, CheckCode.RISK_LEVEL_EXCEEDED,
})
# The blocks that depend on the channel sales will use (another channel may clear them).
CHANNEL_CODES = frozenset({CheckCode.DO_NOT_DISTURB, CheckCode.CHANNEL_REFUSED, CheckCode.NO_MARKETING_CONSENT})
QUIET_CHANNELS = frozenset({ConsentChannel.PHONE, ConsentChannel.SMS})  # what do-not-disturb rules out
OPEN_CASE_STATUSES = tuple(s for s in CaseStatus if s not in (CaseStatus.RESOLVED, CaseStatus.CLOSED))
UNRATED_MAX_LEVEL = 1  # without a valid questionnaire only R1 products may be suggested
ELDERLY_CARE_LEVEL = 3  # elderly customer + R3 and above: extra care
HIGH_RISK_LEVEL = 4  # R4, R5
FRAUD_WINDOW_OPTION = "leads.fraud_block_days"  # a fraud escalation blocks every lead of the customer this long


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


def fraud_window_start(today: dt.date) -> dt.datetime:
    """The first instant (UTC) a fraud escalation still blocks every lead of its customer on ``today``."""
    days = max(0, int(option(FRAUD_WINDOW_OPTION)))
    return dt.datetime.combine(today - dt.timedelta(days=days), dt.time(), tzinfo=dt.UTC)


def customer_fraud(customer_id: int, today: dt.date) -> bool:
    """A fraud escalation for the customer (on any interaction, or raised by hand) within the window."""
    return Escalation.select().where(
        (Escalation.customer == customer_id) & (Escalation.kind == EscalationKind.FRAUD)
        & (Escalation.ts >= fraud_window_start(today))).exists()


def _customer_fraud_block(customer_id: int) -> Check:
    return _block(CheckCode.FRAUD_FLAGGED, customer_id=customer_id, days=max(0, int(option(FRAUD_WINDOW_OPTION))))


def max_level(customer: Customer | int, today: dt.date | None = None) -> int:
    """The highest product risk level (1-5) the customer may be offered: Rn for a valid Cn rating, R1 when the
    rating is missing or its questionnaire expired."""
    cust = _customer(customer)
    today = today or dt.date.today()
    if cust.risk_rating is None or cust.risk_expires_on is None or cust.risk_expires_on < today:
        return UNRATED_MAX_LEVEL
    return int(str(RiskRating(cust.risk_rating))[1:])


def rank_products(customer: Customer | int, products: Iterable[Product], today: dt.date | None = None
                  ) -> list[Product]:
    """``products`` in the order to offer them: active and within ``max_level`` first, then by risk level
    (lowest first; for an elderly customer that puts the ones below R3 first too), the given order breaking
    ties."""
    cust = _customer(customer)
    today = today or dt.date.today()
    allowed = max_level(cust, today)
    return sorted(products, key=lambda p: (not (p.active and int(p.risk_level) <= allowed), int(p.risk_level)))


def pick_product(customer: Customer | int, products: Sequence[Product], today: dt.date | None = None
                 ) -> Product | None:
    """The product to tie a detected opportunity to, from a rule's suggestions in the rule's order: the first
    active one the customer may be offered (for an elderly customer one below R3 when there is one), else the
    first active one (the lead will then say why it is blocked), else None."""
    active = [p for p in products if p.active]
    if not active:
        return None
    cust = _customer(customer)
    today = today or dt.date.today()
    allowed = max_level(cust, today)
    suitable = [p for p in active if int(p.risk_level) <= allowed]
    if is_elderly(cust, today):
        gentle = [p for p in suitable if int(p.risk_level) < ELDERLY_CARE_LEVEL]
        if gentle:
            return gentle[0]
    return suitable[0] if suitable else active[0]


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
    elif customer_fraud(cust.id, today):
        blocks.append(_customer_fraud_block(cust.id))
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


# --- many leads at once ------------------------------------------------------------------------------

MANY_CHUNK = 1000  # leads per facts query


def lead_checks_many(leads_or_ids: Iterable[Lead | int], *, today: dt.date | None = None) -> dict[int, list[Check]]:
    """``lead_checks`` for many leads: {lead id: checks}, in the order given, each list exactly what
    ``lead_checks`` returns for that lead (codes, order, overridability, details).

    One query per thousand leads reads each lead's customer, consent on its channel, open complaint and fraud
    facts (plus one for the case ids of the few customers with an open complaint), instead of six queries per
    lead. A Lead row is checked with its own customer, product and channel like ``lead_checks`` does; one that
    is unsaved or differs from what is stored goes through ``lead_checks`` itself. Raises NotFound as
    ``lead_checks`` does (an unknown lead, customer or product) and ValidationError for an unknown channel.
    """
    today = today or dt.date.today()
    items = list(leads_or_ids)
    out: dict[int, list[Check]] = {}
    checker = LeadFacts(today)
    for start in range(0, len(items), MANY_CHUNK):
        chunk = items[start:start + MANY_CHUNK]
        ids = list(dict.fromkeys(i.id if isinstance(i, Lead) else int(i) for i in chunk if not _unsaved(i)))
        facts = checker.read(ids)
        for item in chunk:
            if _unsaved(item):
                out[item.id] = lead_checks(item, today=today)
                continue
            lead_id = item.id if isinstance(item, Lead) else int(item)
            row = facts.get(lead_id)
            if row is None:
                raise NotFound("not_found", entity="lead", id=lead_id)
            if isinstance(item, Lead) and (item.customer_id, item.product_id, item.contact_channel,
                                           item.opportunity_id) != row[1:5]:
                out[lead_id] = lead_checks(item, today=today)  # checked as it is in memory, like lead_checks
                continue
            out[lead_id] = checker.checks(row)
    return out


def _unsaved(item: Lead | int) -> bool:
    return isinstance(item, Lead) and item.id is None


_COMPILED: dict[tuple, tuple] = {}  # (query name, database class) -> _compiled_in's answer


def _compiled(name: str, build: Any) -> tuple[str, str, list, list, str]:
    """``_compiled_in(build())`` once per SQL dialect: peewee takes ~2 ms to render the facts query."""
    db = Lead._meta.database
    key = (name, type(getattr(db, "obj", db)))
    found = _COMPILED.get(key)
    if found is None:
        found = _COMPILED[key] = _compiled_in(build())
    return found


def _compiled_in(query: Any) -> tuple[str, str, list, list, str]:
    """(sql before the id list, after it, params before, after, placeholder) of ``query`` with ``IN (0)``."""
    db = Lead._meta.database
    sql, params = db.get_sql_context().sql(query).query()
    head, tail = sql.split("(__ids__)")
    at = head.count(db.param)
    return head, tail, list(params[:at]), list(params[at:]), db.param


def _ids_slot(column: Any) -> Any:
    import peewee

    return peewee.Expression(column, peewee.OP.IN, peewee.SQL("(__ids__)"))


def _run_in(compiled: tuple, ids: Sequence[int]) -> list[tuple]:
    if not ids:
        return []
    head, tail, before, after, param = compiled
    marks = ", ".join([param] * len(ids))
    return Lead._meta.database.execute_sql(f"{head}({marks}){tail}", [*before, *ids, *after]).fetchall()


FACT_COLUMNS = 17  # the columns of facts_query() before any extra ones


def facts_query(*extra: Any) -> Any:
    """The facts query (Lead joined to its Customer and Opportunity, both LEFT OUTER) with ``extra`` columns
    after the FACT_COLUMNS that LeadFacts.checks reads, and ``Lead.id IN (__ids__)`` as its condition: a
    caller that needs more of each lead (the export) reads it all in one query. Compile it with the id slot
    filled per chunk; give every row to LeadFacts.prepare before LeadFacts.checks."""
    query = _facts_query()
    return query.select_extend(*extra) if extra else query


def _facts_query() -> Any:
    """Per lead: id, customer, product, channel, opportunity (as stored), the customer's facts, the latest
    marketing choice on the lead's channel, whether an open complaint exists, whether the interaction its
    opportunity came from is flagged or escalated for fraud, the customer's latest fraud escalation (UTC text).
    Raw driver values: booleans may be 0/1, dates text."""
    import peewee

    consent = (Consent.select(Consent.granted)
               .where((Consent.customer == Lead.customer) & (Consent.purpose == ConsentPurpose.MARKETING)
                      & (Consent.channel == Lead.contact_channel))
               .order_by(Consent.recorded_at.desc(), Consent.id.desc()).limit(1))
    cases = peewee.fn.EXISTS(ComplaintCase.select(ComplaintCase.id).where(
        (ComplaintCase.customer == Lead.customer) & ComplaintCase.status.in_(list(OPEN_CASE_STATUSES))))
    flagged = Interaction.select(Interaction.fraud_flag).where(Interaction.id == Opportunity.interaction)
    escalated = peewee.fn.EXISTS(Escalation.select(Escalation.id).where(
        (Escalation.interaction == Opportunity.interaction) & (Escalation.kind == EscalationKind.FRAUD)))
    # the latest rather than "since": the window start is not a constant, and the compiled SQL is cached
    latest_fraud = (Escalation.select(peewee.fn.MAX(Escalation.ts))
                    .where((Escalation.customer == Lead.customer) & (Escalation.kind == EscalationKind.FRAUD)))
    return (Lead.select(Lead.id, Lead.customer, Lead.product, Lead.contact_channel, Lead.opportunity,
                        Customer.id, Customer.do_not_disturb, Customer.risk_rating, Customer.risk_expires_on,
                        Customer.birth_date, Customer.elderly_override, Opportunity.interaction,
                        consent, cases, flagged, escalated, latest_fraud)
            .join(Customer, peewee.JOIN.LEFT_OUTER, on=(Lead.customer == Customer.id))
            .switch(Lead).join(Opportunity, peewee.JOIN.LEFT_OUTER, on=(Lead.opportunity == Opportunity.id))
            .where(_ids_slot(Lead.id)))


class LeadFacts:
    """The facts of a chunk of leads read at once, and ``check``'s rules applied to them row by row."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        years = int(option("elderly.age_years"))
        self.born_by = _born_by(today, years)
        self.born_by_text = self.born_by.isoformat()
        self.fraud_since = format_utc(fraud_window_start(today))
        self.fraud_days = max(0, int(option(FRAUD_WINDOW_OPTION)))
        self.facts = _compiled("facts", _facts_query)
        self.open_cases = _compiled("open_cases", lambda: (
            ComplaintCase.select(ComplaintCase.customer, ComplaintCase.id)
            .where(_ids_slot(ComplaintCase.customer) & ComplaintCase.status.in_(list(OPEN_CASE_STATUSES)))
            .order_by(ComplaintCase.id)))
        self.products: dict[int, tuple] = {}
        self.channels: dict[str, ConsentChannel] = {}
        self.ratings: dict[str, int] = {}
        self.cases: dict[int, list[int]] = {}

    def read(self, ids: Sequence[int]) -> dict[int, tuple]:
        """{lead id: facts row} for ``ids`` (those that exist), prepared for ``checks``."""
        rows = _run_in(self.facts, ids)
        self.prepare(rows)
        return {row[0]: row for row in rows}

    def prepare(self, rows: Sequence[tuple]) -> None:
        """Read what ``checks`` needs beyond the rows of one chunk: the open case ids of the customers that
        have any, and the products not seen yet."""
        with_cases = sorted({row[1] for row in rows if row[13]})
        self.cases = {}
        for cid, case_id in _run_in(self.open_cases, with_cases):
            self.cases.setdefault(cid, []).append(case_id)
        missing = sorted({row[2] for row in rows} - self.products.keys())
        if missing:
            query = Product.select(Product.id, Product.code, Product.risk_level, Product.dual_recording,
                                   Product.active).where(Product.id.in_(missing))
            self.products.update((row[0], row[1:]) for row in Lead._meta.database.execute(query).fetchall())

    def _channel(self, value: str) -> ConsentChannel:
        found = self.channels.get(value)
        if found is None:
            found = self.channels[value] = channel_of(value)
        return found

    def _allowed(self, rating: str) -> int:
        found = self.ratings.get(rating)
        if found is None:
            found = self.ratings[rating] = int(str(RiskRating(rating))[1:])
        return found

    def checks(self, row: tuple) -> list[Check]:
        """``check`` on one row of the facts query (extra columns after FACT_COLUMNS are ignored), after
        ``prepare`` saw its chunk; same order, same details."""
        (_, customer_id, product_id, contact_channel, _, found_customer, do_not_disturb, rating, expires_on,
         birth_date, elderly_override, interaction_id, consent, has_cases, flagged, escalated,
         latest_fraud) = row[:FACT_COLUMNS]
        channel = self._channel(contact_channel)
        if found_customer is None:
            raise NotFound("not_found", entity="customer", id=customer_id)
        product = self.products.get(product_id)
        if product is None:
            raise NotFound("not_found", entity="product", id=product_id)
        code, dual_recording, active = product[0], product[2], product[3]
        level = int(product[1])
        blocks: list[Check] = []
        if interaction_id is not None and (flagged or escalated):
            blocks.append(_block(CheckCode.FRAUD_FLAGGED, interaction_id=interaction_id))
        elif latest_fraud is not None and str(latest_fraud) >= self.fraud_since:  # fixed-width UTC text
            blocks.append(_block(CheckCode.FRAUD_FLAGGED, customer_id=customer_id, days=self.fraud_days))
        if not active:
            blocks.append(_block(CheckCode.PRODUCT_INACTIVE, product=code))
        if do_not_disturb and channel in QUIET_CHANNELS:
            blocks.append(_block(CheckCode.DO_NOT_DISTURB, channel=str(channel)))
        if consent is None:
            blocks.append(_block(CheckCode.NO_MARKETING_CONSENT, channel=str(channel)))
        elif not consent:
            blocks.append(_block(CheckCode.CHANNEL_REFUSED, channel=str(channel)))
        if has_cases:
            cases = self.cases.get(customer_id)
            if cases:  # closed in between the two queries: none then, as open_complaints would say
                blocks.append(_block(CheckCode.OPEN_COMPLAINT, case_ids=list(cases)))
        if level > UNRATED_MAX_LEVEL:
            if rating is None:
                blocks.append(_block(CheckCode.RISK_RATING_MISSING, level=level))
            else:
                expires = dt.date.fromisoformat(expires_on) if isinstance(expires_on, str) else expires_on
                if expires is None or expires < self.today:
                    blocks.append(_block(CheckCode.RISK_ASSESSMENT_EXPIRED, rating=str(rating), level=level,
                                         expires_on=expires.isoformat() if expires else None))
                if level > self._allowed(rating):
                    blocks.append(_block(CheckCode.RISK_LEVEL_EXCEEDED, rating=str(rating), level=level))
        if elderly_override is not None:
            elderly = bool(elderly_override)
        elif birth_date is None:
            elderly = False
        else:  # identifiers.is_elderly with the cut-off computed once: ISO text compares like its date
            elderly = birth_date <= (self.born_by_text if isinstance(birth_date, str) else self.born_by)
        if not elderly and level < HIGH_RISK_LEVEL and not dual_recording:
            return blocks
        if elderly:
            blocks.append(_flag(CheckCode.ELDERLY_CUSTOMER))
            if level >= ELDERLY_CARE_LEVEL:
                blocks.append(_flag(CheckCode.ELDERLY_HIGH_RISK, level=level))
        if level >= HIGH_RISK_LEVEL:
            blocks.append(_flag(CheckCode.HIGH_RISK_PRODUCT, level=level))
        if dual_recording:
            blocks.append(_flag(CheckCode.DUAL_RECORDING_REQUIRED, product=code))
        return blocks


def _born_by(today: dt.date, years: int) -> dt.date:
    """The last birth date that is ``years`` old or more on ``today`` (identifiers.age_on's rule)."""
    import calendar

    year = today.year - years
    if (today.month, today.day) == (2, 29) and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return today.replace(year=year)
