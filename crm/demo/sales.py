"""Demo sales data: opportunities found in the demo notes by the real detection rules, and leads in every
state — some blocked (no marketing consent, a refused channel, an open complaint, an unsuitable product),
some overridden by a supervisor, handed over in real export batches and reported back by sales.

Opportunities are written in bulk (one per rule hit, at most ``MAX_OPPORTUNITIES``). Leads go through the
real services (``create_lead`` runs every suitability and consent check, ``export_leads`` writes a real file
and its batch record, ``set_state`` moves them on), so the demo shows what the rules really decide; that is
why their number is bounded (``MAX_LEADS``).
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

from crm.codes import ConsentChannel, ConsentPurpose, InteractionCategory, LeadState, OpportunityStatus
from crm.demo.catalog import Reference
from crm.demo.writer import BulkWriter, TsText
from crm.errors import CrmError
from crm.models import Consent, Interaction, Lead, Opportunity, StaffUser

OPPORTUNITY_FIELDS = ("id", "version", "created_at", "updated_at", "customer", "interaction", "rule_id",
                      "category", "product", "evidence_text", "evidence_start", "evidence_end", "status",
                      "decided_by", "decided_at")
MAX_OPPORTUNITIES = 60_000
MAX_LEADS = 800
LOOKBACK_DAYS = 365  # opportunities from the last year of notes; older needs were served or went stale
_CATEGORIES = (InteractionCategory.CONSULTATION, InteractionCategory.GUIDANCE, InteractionCategory.MARKETING,
               InteractionCategory.RETURN_VISIT)
_CHANNELS = (ConsentChannel.PHONE, ConsentChannel.PHONE, ConsentChannel.PHONE, ConsentChannel.SMS,
             ConsentChannel.APP, ConsentChannel.EMAIL)
# What sales report back, for leads handed over: (state, cumulative share).
_OUTCOMES = ((LeadState.HANDED_OVER, 0.25), (LeadState.ACCEPTED, 0.40), (LeadState.CONTACTED, 0.55),
             (LeadState.WON, 0.75), (LeadState.LOST, 0.92), (LeadState.INVALID, 1.0))
_SALES_OWNERS = ("王理财", "李经理", "张客户经理", "陈经理", "刘理财", "Zhou Wei (wealth)")
_LOST_NOTES = ("客户已在他行办理", "客户暂无资金安排", "利率不满意", "联系三次未接通", "")
_WON_NOTES = ("已成交，客户满意", "客户已购买", "已签约", "")


def generate_sales(writer: BulkWriter, ref: Reference, rng: random.Random, now_epoch: int, ts_text: TsText,
                   say: Callable[[str], None]) -> dict[str, int]:
    """Add opportunities for the demo notes (from ``now - LOOKBACK_DAYS``) and up to ``MAX_LEADS`` leads."""
    from crm.detection import default_detector

    detector = default_detector()
    now = dt.datetime.fromtimestamp(now_epoch, dt.UTC)
    since = now - dt.timedelta(days=LOOKBACK_DAYS)
    taken = {i for (i,) in Opportunity.select(Opportunity.interaction).where(
        Opportunity.interaction.is_null(False)).tuples()}
    # Notes repeat (templates with slots): detect once per distinct text.
    memo: dict[str, list] = {}
    rows: list[tuple] = []
    query = (Interaction.select(Interaction.id, Interaction.customer, Interaction.staff, Interaction.ts,
                                Interaction.notes)
             .where((Interaction.ts >= since) & Interaction.category.in_(list(_CATEGORIES))
                    & ~Interaction.fraud_flag)
             .order_by(Interaction.ts.desc()).tuples())
    products = ref.products
    sups = ref.supervisors
    for iid, cid, staff, ts, notes in query.iterator():
        if iid in taken or not notes:
            continue
        found = memo.get(notes)
        if found is None:
            hits = detector.detect(notes)
            found = memo[notes] = ([] if any(f.kind == "fraud" for f in hits)
                                   else [f for f in hits if f.kind == "opportunity"])
        for f in found:
            product = next((products[c] for c in f.products if c in products), None)
            age_days = (now - ts).days
            status, decided_by, decided_at = OpportunityStatus.DETECTED, None, None
            if age_days > 3:
                x = rng.random()
                if x < 0.45:
                    status = OpportunityStatus.CONFIRMED
                elif x < 0.75:
                    status = OpportunityStatus.DISMISSED
                if status != OpportunityStatus.DETECTED:
                    decided_by = staff if rng.random() < 0.85 else sups[int(rng.random() * len(sups))]
                    decided_at = ts_text(int(ts.timestamp()) + 120)
            t = ts_text(int(ts.timestamp()) + 1)
            rows.append([None, 1, t, t, cid, iid, f.rule[:64], f.category, product, f.evidence.text,
                         f.evidence.start, f.evidence.end, status, decided_by, decided_at])
        if len(rows) >= MAX_OPPORTUNITIES:
            break
    with writer.transaction():
        ids = writer.reserve_ids(Opportunity, len(rows))
        for row, i in zip(rows, ids, strict=True):
            row[0] = i
        writer.insert(Opportunity, OPPORTUNITY_FIELDS, [tuple(r) for r in rows])
    say(f"opportunities {len(rows)} ({len(memo)} distinct notes checked)")
    with writer.transaction():  # one commit for the whole stage: the services' own transactions nest inside
        return _leads(rng, now, [r for r in rows if r[12] == OpportunityStatus.CONFIRMED and r[8]], ref, say)


def _leads(rng: random.Random, now: dt.datetime, confirmed: list[list], ref: Reference,
           say: Callable[[str], None]) -> dict[str, int]:
    from crm.exports.leads import export_leads
    from crm.services import leads

    staff = {s.id: s for s in StaffUser.select()}
    supervisor = staff[ref.supervisors[0]]
    rng.shuffle(confirmed)
    created: list[tuple[int, bool]] = []  # (lead id, blocked)
    refused = 0
    today = (now + dt.timedelta(hours=8)).date()
    for row in confirmed:
        if len(created) >= MAX_LEADS:
            break
        opp_id, cid, product, ts_text = row[0], row[4], row[8], row[2]
        actor = staff.get(row[13]) or supervisor
        # Agents mostly pass the channel the customer agreed to be marketed on; some leads go out without.
        consented = [c for (c,) in Consent.select(Consent.channel).where(
            (Consent.customer == cid) & (Consent.purpose == ConsentPurpose.MARKETING) & Consent.granted).tuples()]
        channel = (consented[int(rng.random() * len(consented))] if consented and rng.random() < 0.8
                   else _CHANNELS[int(rng.random() * len(_CHANNELS))])
        try:
            result = leads.create_lead(actor, customer_id=cid, product_id=product, channel=channel,
                                       opportunity_id=opp_id, today=today)
        except CrmError:  # a second open lead for the same product, …: the service said no
            refused += 1
            continue
        when = _parse(ts_text) + dt.timedelta(minutes=5 + int(rng.random() * 600))
        Lead.update(created_at=when, updated_at=when).where(Lead.id == result.lead_id).execute()
        created.append((result.lead_id, result.blocked))
    blocked = [i for i, b in created if b]
    overridden = 0
    for lead_id in blocked:
        if rng.random() < 0.2:
            lead = Lead.get_by_id(lead_id)
            try:
                leads.override_block(supervisor, lead_id, lead.version, "客户经理已当面确认需求与风险承受能力（演示数据）",
                                     today=today)
                overridden += 1
            except CrmError:  # not overridable (consent, inactive product): it stays blocked, as it should
                pass
    free = [i for i, b in created if not b]
    keep_new = set(free[: len(free) // 4])  # a quarter waits for the next batch
    to_send = [i for i in free if i not in keep_new]
    batches = 0
    moved = {state: 0 for state, _ in _OUTCOMES}
    with tempfile.TemporaryDirectory(prefix="crm-demo-export-") as folder:
        for b, start in enumerate(range(0, len(to_send), 200)):
            chunk = to_send[start:start + 200]
            try:
                result = export_leads(supervisor, Path(folder) / f"demo-leads-{b + 1}.csv", fmt="csv",
                                      profile="generic", lead_ids=chunk, recipient="零售财富管理部（演示）",
                                      purpose="商机移交", today=today)
            except CrmError:
                continue
            batches += 1
            for lead in Lead.select(Lead.id, Lead.version).where(Lead.batch == result.batch_id):
                target = _outcome(rng.random())
                moved[target] += 1
                if target == LeadState.HANDED_OVER:
                    continue
                version = lead.version
                path = ([LeadState.ACCEPTED] if target != LeadState.INVALID else []) + \
                       ([LeadState.CONTACTED] if target in (LeadState.WON, LeadState.LOST) else [])
                owner = _SALES_OWNERS[int(rng.random() * len(_SALES_OWNERS))]
                for step in [s for s in path if s != target] + [target]:
                    note = ""
                    if step == LeadState.WON:
                        note = _WON_NOTES[int(rng.random() * len(_WON_NOTES))]
                    elif step == LeadState.LOST:
                        note = _LOST_NOTES[int(rng.random() * len(_LOST_NOTES))]
                    version = leads.set_state(supervisor, lead.id, version, step, note=note, sales_owner=owner)
    say(f"leads {len(created)} ({len(blocked)} blocked, {overridden} overridden, {refused} refused), "
        f"{batches} export batches")
    return {"lead": len(created), "export_batch": batches}


def _outcome(x: float) -> LeadState:
    for state, cum in _OUTCOMES:
        if x < cum:
            return state
    return LeadState.INVALID


def _parse(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
