"""Leads end to end on both backends: every block named by its code, fraud never becoming a lead, supervisor
overrides, the state machine, the lazy list (one query per page), conversion and rule reports, and migration
0005 on existing rows. Opportunities (detection, decisions, fraud actions) are in test_opportunities.py."""

from __future__ import annotations

import datetime as dt

import peewee
import pytest
from loop_world import PHONE
from playhouse.sqlcipher_ext import SqlCipherDatabase
from playhouse.test_utils import count_queries
from sales_world import (
    FakeDetector,
    another_customer,
    audits,
    complaint,
    dnd,
    expired,
    finding,
    inactive,
    interaction,
    lead_row,
    low_rating,
    make_lead,
    make_sales_world,
    no_rating,
    opportunity,
    pid,
    refused,
)

from crm.codes import AuditAction, EscalationKind, LeadState, OpportunityStatus
from crm.db import MIGRATIONS_DIR, apply_migrations, database_proxy
from crm.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from crm.models import Customer, Escalation, ExportBatch, Lead, Opportunity, Product
from crm.services import customer_detail, leads, opportunities, suitability
from crm.services.leads import LeadFilter


@pytest.fixture
def w(storage):
    return make_sales_world()


# --- creating leads --------------------------------------------------------------------------------

def test_a_clean_lead_is_stored_new_credited_to_the_referrer_and_audited(w):
    result = make_lead(w, "WM-BAL", channel="phone")  # R3 for a C3 customer; 双录
    assert result.blocks == [] and not result.blocked
    assert [c.code for c in result.flags] == ["dual_recording_required"]
    lead = lead_row(result.lead_id)
    assert (lead.state, lead.referred_by_id, lead.customer_id, lead.contact_channel) == \
        (LeadState.NEW, w.agent.id, w.customer_id, "phone")
    assert (lead.block_reason, lead.flags, lead.dual_recording_required) == (None, "dual_recording_required", True)
    assert suitability.is_exportable(lead, suitability.lead_checks(lead))
    (entry,) = audits("lead", lead.id, AuditAction.CREATE)
    assert entry.actor_id == w.agent.id and entry.detail["blocks"] == [] and entry.detail["product"] == "WM-BAL"


# (what happens, channel, the code that must block the lead, overridable by a supervisor)
BLOCKS = [
    (no_rating, "phone", "risk_rating_missing", True),
    (expired, "phone", "risk_assessment_expired", True),
    (low_rating, "phone", "risk_level_exceeded", False),  # Cn up to Rn only: no override (DOMAIN)
    (lambda w: None, "sms", "no_marketing_consent", False),
    (refused, "phone", "channel_refused", False),
    (dnd, "phone", "do_not_disturb", False),
    (complaint, "phone", "open_complaint", True),
    (inactive, "phone", "product_inactive", False),
]


@pytest.mark.parametrize(("setup", "channel", "code", "overridable"), BLOCKS,
                         ids=[b[2] for b in BLOCKS])
def test_each_rule_blocks_the_lead_by_its_own_code(w, setup, channel, code, overridable):
    setup(w)
    result = make_lead(w, "WM-STEADY", channel=channel)  # R2: above R1, within C3
    assert [str(c.code) for c in result.blocks] == [code]
    lead = lead_row(result.lead_id)
    assert lead.block_reason == code and lead.state == LeadState.NEW  # stored, blocked
    checks = suitability.lead_checks(lead)
    assert [str(c.code) for c in suitability.blocking(checks)] == [code]
    assert not suitability.is_exportable(lead, checks)
    assert leads.get_lead(lead.id).block_reason == code
    with pytest.raises(ValidationError) as info:
        leads.set_state(w.agent, lead.id, lead.version, "handed_over")
    assert (info.value.code, info.value.details["check"]) == ("lead_blocked", code)
    assert leads.lead_ids(LeadFilter(blocked=True)) == [lead.id]
    if overridable:
        version = leads.override_block(w.supervisor, lead.id, lead.version, "客户主动要求，已电话确认")
        lead = lead_row(lead.id)
        assert suitability.is_exportable(lead, suitability.lead_checks(lead))
        assert leads.lead_ids(LeadFilter(blocked=True)) == [] and leads.get_lead(lead.id).overridden
        leads.set_state(w.agent, lead.id, version, "handed_over")
        assert lead_row(lead.id).state == LeadState.HANDED_OVER
    else:
        with pytest.raises(ValidationError) as info:
            leads.override_block(w.supervisor, lead.id, lead.version, "主管同意")
        assert (info.value.code, info.value.details["check"]) == ("not_overridable", code)
        assert lead_row(lead.id).override_by_id is None


def test_a_customer_with_a_recent_fraud_escalation_gets_no_lead_at_all(w):
    """Not only from the flagged interaction: from the next call's opportunity, or entered by hand."""
    earlier = make_lead(w, "DEP-1Y")  # made before the fraud came to light
    clean = opportunity(w)
    scam = interaction(w, "对方让客户把钱转到安全账户")
    opportunities.record_findings(w.agent, scam, detector=FakeDetector(
        finding(scam.notes, "fraud", "fraud.safe_account", "安全账户")))
    for kw in ({}, {"opportunity_id": clean.id}):
        with pytest.raises(ValidationError) as info:
            make_lead(w, "FX-CASH", **kw)
        assert (info.value.code, info.value.details["field"]) == ("fraud_flagged", "customer_id")
        assert info.value.details["customer_id"] == w.customer_id
    assert Lead.select().count() == 1
    lead = lead_row(earlier.lead_id)
    checks = suitability.lead_checks(lead)
    assert [str(c.code) for c in suitability.blocking(checks)] == ["fraud_flagged"]
    assert not checks[0].overridable and not suitability.is_exportable(lead, checks)
    with pytest.raises(ValidationError) as info:
        leads.override_block(w.supervisor, lead.id, lead.version, "主管认为不是诈骗")
    assert (info.value.code, info.value.details["check"]) == ("not_overridable", "fraud_flagged")
    assert leads.recheck_leads(w.supervisor) == 1 and lead_row(lead.id).block_reason == "fraud_flagged"
    # another customer is not affected
    other = another_customer(w, "李四", "13700000001")
    assert make_lead(w, "FX-CASH", customer_id=other).blocks == []


def test_products_are_ranked_suitable_first_then_by_risk(w):
    Customer.update(risk_rating="C2").where(Customer.id == w.customer_id).execute()
    rows = [Product.get(Product.code == c) for c in ("FUND-IDX", "WM-STEADY", "FUND-QDII", "DEP-1Y", "WM-BAL")]
    Product.update(active=False).where(Product.code == "DEP-1Y").execute()
    rows[3] = Product.get(Product.code == "DEP-1Y")
    ranked = suitability.rank_products(w.customer_id, rows)
    # within C2 and on sale first; the rest (an inactive one included) by risk level
    assert [p.code for p in ranked] == ["WM-STEADY", "DEP-1Y", "WM-BAL", "FUND-IDX", "FUND-QDII"]
    assert suitability.max_level(w.customer_id) == 2
    Customer.update(risk_expires_on=dt.date.today() - dt.timedelta(days=1)).where(
        Customer.id == w.customer_id).execute()
    assert suitability.max_level(w.customer_id) == 1


def test_flags_are_stored_and_do_not_block(w):
    Customer.update(risk_rating="C5", elderly_override=True).where(Customer.id == w.customer_id).execute()
    result = make_lead(w, "FUND-QDII")
    assert result.blocks == []
    assert lead_row(result.lead_id).flags == \
        "elderly_customer,elderly_high_risk,high_risk_product,dual_recording_required"
    assert leads.get_lead(result.lead_id).flags == (
        "elderly_customer", "elderly_high_risk", "high_risk_product", "dual_recording_required")


def test_a_second_open_lead_for_the_same_product_is_refused(w):
    first = make_lead(w)
    with pytest.raises(ValidationError) as info:
        make_lead(w)
    assert (info.value.code, info.value.details["existing"]) == ("duplicate_lead", first.lead_id)
    leads.set_state(w.agent, first.lead_id, 1, "invalid", note="客户已在他行办理")
    assert make_lead(w).lead_id != first.lead_id  # a closed lead does not stand in the way
    assert make_lead(w, "DEP-3Y").lead_id  # another product is another lead


def test_unknown_things_are_refused(w):
    with pytest.raises(ValidationError):
        make_lead(w, channel="pigeon")
    with pytest.raises(NotFound):
        leads.create_lead(w.agent, customer_id=999, product_id=pid("DEP-1Y"), channel="phone")
    with pytest.raises(NotFound):
        leads.create_lead(w.agent, customer_id=w.customer_id, product_id=999, channel="phone")
    with pytest.raises(NotFound):
        make_lead(w, opportunity_id=999)


# --- fraud -----------------------------------------------------------------------------------------

def test_a_lead_from_a_fraud_flagged_interaction_is_refused_and_cannot_be_overridden(w):
    opp = opportunity(w)
    earlier = make_lead(w, "FX-CASH", opportunity_id=opp.id)  # made before the fraud came to light
    other = opportunity(w, notes="客户女儿要去留学", rule="opp.study_abroad", phrase="留学", category="cross_border",
                        products_=("CB-STUDY",))
    Escalation.create(interaction=opp.interaction_id, customer=w.customer_id, kind=EscalationKind.FRAUD,
                      rule_id="fraud.refund", evidence_text="退款客服", created_by=w.supervisor)
    Escalation.create(interaction=other.interaction_id, customer=w.customer_id, kind=EscalationKind.FRAUD,
                      rule_id="fraud.refund", evidence_text="退款客服", created_by=w.supervisor)
    with pytest.raises(ValidationError) as info:
        make_lead(w, "CB-STUDY", opportunity_id=other.id)
    assert info.value.code == "fraud_flagged"
    assert Lead.select().where(Lead.opportunity == other.id).count() == 0
    with pytest.raises(ValidationError) as info:
        opportunities.decide_opportunity(w.agent, other.id, other.version, confirm=True)
    assert info.value.code == "fraud_flagged"
    lead = lead_row(earlier.lead_id)
    checks = suitability.lead_checks(lead)
    assert suitability.blocking(checks)[0].code == "fraud_flagged" and not suitability.is_exportable(lead, checks)
    with pytest.raises(ValidationError) as info:
        leads.override_block(w.supervisor, lead.id, lead.version, "主管认为不是诈骗")
    assert (info.value.code, info.value.details["check"]) == ("not_overridable", "fraud_flagged")
    Lead.update(override_by=w.supervisor, override_reason="x", override_codes="fraud_flagged").where(
        Lead.id == lead.id).execute()
    assert not suitability.is_exportable(lead_row(lead.id), checks)  # not even a forged override passes




# --- overrides -------------------------------------------------------------------------------------

def test_overrides_need_a_supervisor_a_reason_a_block_and_the_current_version(w):
    expired(w)
    lead = lead_row(make_lead(w, "WM-STEADY").lead_id)
    with pytest.raises(PermissionDenied):
        leads.override_block(w.agent, lead.id, lead.version, "我觉得可以")
    with pytest.raises(ValidationError) as info:
        leads.override_block(w.supervisor, lead.id, lead.version, "   ")
    assert (info.value.code, info.value.details["field"]) == ("required", "reason")
    with pytest.raises(ConflictError):
        leads.override_block(w.supervisor, lead.id, lead.version + 1, "理由")
    version = leads.override_block(w.supervisor, lead.id, lead.version, " 客户本周到网点重做风险测评 ")
    lead = lead_row(lead.id)
    assert (version, lead.override_by_id, lead.override_reason, lead.override_codes) == \
        (2, w.supervisor.id, "客户本周到网点重做风险测评", "risk_assessment_expired")
    (entry,) = audits("lead", lead.id, AuditAction.OVERRIDE)
    assert entry.actor_id == w.supervisor.id
    assert entry.detail["checks"] == ["risk_assessment_expired"] and entry.detail["reason"] == "客户本周到网点重做风险测评"
    with pytest.raises(ValidationError) as info:
        leads.override_block(w.supervisor2, lead.id, lead.version, "再次同意")
    assert info.value.code == "already_overridden"
    clean = lead_row(make_lead(w, "DEP-1Y").lead_id)
    with pytest.raises(ValidationError) as info:
        leads.override_block(w.supervisor, clean.id, clean.version, "无需")
    assert info.value.code == "not_blocked"


def test_an_override_covers_only_the_blocks_it_was_given_for(w):
    expired(w)
    lead = lead_row(make_lead(w, "WM-STEADY").lead_id)
    leads.override_block(w.supervisor, lead.id, lead.version, "客户坚持")
    complaint(w)  # a new complaint after the override
    lead = lead_row(lead.id)
    checks = suitability.lead_checks(lead)
    assert [c.code for c in suitability.uncovered(lead, checks)] == ["open_complaint"]
    assert not suitability.is_exportable(lead, checks)
    assert leads.recheck_leads(w.supervisor) == 1
    lead = lead_row(lead.id)
    assert (lead.block_reason, lead.override_by_id, lead.override_codes) == ("open_complaint", None, "")
    assert leads.get_lead(lead.id).overridden is False
    leads.override_block(w.supervisor, lead.id, lead.version, "投诉与本产品无关")
    assert lead_row(lead.id).override_codes == "open_complaint,risk_assessment_expired"
    assert suitability.is_exportable(lead_row(lead.id), suitability.lead_checks(lead.id))


def test_recheck_follows_consent_given_later(w):
    lead = lead_row(make_lead(w, "DEP-1Y", channel="sms").lead_id)
    assert lead.block_reason == "no_marketing_consent"
    assert leads.recheck_leads() == 0  # nothing changed yet
    customer_detail.record_consent(w.agent, w.customer_id, "marketing", "sms", True, "app")
    assert leads.recheck_leads(lead_ids=[lead.id]) == 1
    lead = lead_row(lead.id)
    assert (lead.block_reason, lead.version) == (None, 2)
    leads.set_state(w.agent, lead.id, lead.version, "handed_over")


# --- states ----------------------------------------------------------------------------------------

def test_a_lead_moves_along_the_allowed_states_only_and_each_move_is_audited(w):
    lead_id = make_lead(w).lead_id
    batch = ExportBatch.create(created_by=w.supervisor, recipient="财富管理部", purpose="营销", profile="generic",
                               file_format="csv", file_sha256="0" * 64, file_name="leads.csv")
    v = leads.set_state(w.supervisor, lead_id, 1, "handed_over", batch_id=batch.id)
    v = leads.set_state(w.supervisor, lead_id, v, "accepted", sales_owner="王经理")
    v = leads.set_state(w.supervisor, lead_id, v, "contacted")
    v = leads.set_state(w.supervisor, lead_id, v, "won", note="已购买一年期定期")
    lead = lead_row(lead_id)
    assert (lead.state, lead.version, lead.batch_id, lead.sales_owner, lead.outcome_note) == \
        (LeadState.WON, 5, batch.id, "王经理", "已购买一年期定期")
    moves = [(e.detail["state_from"], e.detail["state_to"]) for e in audits("lead", lead_id, AuditAction.UPDATE)]
    assert moves == [("new", "handed_over"), ("handed_over", "accepted"), ("accepted", "contacted"),
                     ("contacted", "won")]
    for state in LeadState:  # won is final
        with pytest.raises(ValidationError) as info:
            leads.set_state(w.supervisor, lead_id, v, state)
        assert info.value.code == "invalid_transition"
    assert leads.ALLOWED[LeadState.NEW] == {LeadState.HANDED_OVER, LeadState.INVALID}


@pytest.mark.parametrize(("path", "refused"), [
    ((), "won"), ((), "accepted"), ((), "contacted"), ((), "lost"),
    (("handed_over", "contacted"), "accepted"), (("handed_over", "lost"), "won"), (("invalid",), "new"),
    (("handed_over",), "new"), (("handed_over", "accepted"), "handed_over"),
])
def test_transitions_outside_the_table_are_refused(w, path, refused):
    lead_id = make_lead(w).lead_id
    v = 1
    for state in path:
        v = leads.set_state(w.agent, lead_id, v, state)
    with pytest.raises(ValidationError) as info:
        leads.set_state(w.agent, lead_id, v, refused)
    assert info.value.details == {"field": "state", "from_state": path[-1] if path else "new", "to_state": refused}


def test_state_changes_refuse_stale_versions_and_junk(w):
    lead_id = make_lead(w).lead_id
    leads.set_state(w.agent, lead_id, 1, "handed_over")
    with pytest.raises(ConflictError):
        leads.set_state(w.agent2, lead_id, 1, "invalid")
    with pytest.raises(ValidationError):
        leads.set_state(w.agent, lead_id, 2, "sold")
    with pytest.raises(NotFound):
        leads.set_state(w.agent, 999, 1, "invalid")


# --- the list --------------------------------------------------------------------------------------

@pytest.fixture
def listed(w):
    """Five leads of three customers by two agents, of various ages, states and blocks."""
    now = dt.datetime.now(dt.UTC)
    b = another_customer(w, "李四", "13900001111")
    c = another_customer(w, "王五", "13700002222")
    made = {
        "a_cd": make_lead(w, "LCD-1Y"),
        "a_fund": make_lead(w, "FUND-IDX", actor=w.agent2),  # R4 > C3: blocked
        "b_fx": make_lead(w, "FX-CASH", customer_id=b),
        "b_card": make_lead(w, "CC-STD", customer_id=b, actor=w.agent2),
        "c_dep": make_lead(w, "DEP-1Y", customer_id=c),
    }
    ids = {k: v.lead_id for k, v in made.items()}
    for key, days in (("a_cd", 10), ("a_fund", 5), ("b_fx", 3), ("b_card", 1), ("c_dep", 0)):
        Lead.update(created_at=now - dt.timedelta(days=days, hours=1)).where(Lead.id == ids[key]).execute()
    leads.set_state(w.agent, ids["b_fx"], 1, "handed_over")
    return ids, {"a": w.customer_id, "b": b, "c": c}, now


def test_lead_ids_filter(listed, w):
    ids, cust, now = listed
    by = lambda **kw: set(leads.lead_ids(LeadFilter(**kw), now=now))  # noqa: E731
    assert by() == set(ids.values())
    assert by(states=("handed_over",)) == {ids["b_fx"]}
    assert by(product_ids=(pid("DEP-1Y"), pid("CC-STD"))) == {ids["c_dep"], ids["b_card"]}
    assert by(category="fund") == {ids["a_fund"]}
    assert by(referred_by=w.agent2.id) == {ids["a_fund"], ids["b_card"]}
    assert by(min_age_days=5) == {ids["a_cd"], ids["a_fund"]}
    assert by(max_age_days=3) == {ids["b_fx"], ids["b_card"], ids["c_dep"]}
    assert by(min_age_days=1, max_age_days=3) == {ids["b_fx"], ids["b_card"]}
    assert by(blocked=True) == {ids["a_fund"]}
    assert by(blocked=False) == set(ids.values()) - {ids["a_fund"]}
    assert by(customer_id=cust["b"]) == {ids["b_fx"], ids["b_card"]}
    assert by(customer_id=cust["b"], referred_by=w.agent.id) == {ids["b_fx"]}


def test_lead_ids_sort_by_allow_listed_keys_only(listed, w):
    ids, _cust, now = listed
    order = lambda sort: leads.lead_ids(LeadFilter(), sort, now=now)  # noqa: E731
    newest_first = [ids[k] for k in ("c_dep", "b_card", "b_fx", "a_fund", "a_cd")]
    assert order("created_desc") == newest_first
    assert order("created_asc") == newest_first[::-1]
    assert order("state")[-1] == ids["b_fx"] and order("state_desc")[0] == ids["b_fx"]
    assert order("product") == [ids[k] for k in ("b_card", "c_dep", "a_fund", "b_fx", "a_cd")]  # CC, DEP, FUND, FX, LCD
    assert order("product_desc") == order("product")[::-1]
    assert order("risk_desc")[0] == ids["a_fund"]
    agent_order = order("agent")
    runs = [leads.get_lead(i).referred_by_id for i in agent_order]
    assert runs in ([w.agent.id] * 3 + [w.agent2.id] * 2, [w.agent2.id] * 2 + [w.agent.id] * 3)  # grouped
    assert [i for i in agent_order if i in (ids["a_fund"], ids["b_card"])] == [ids["b_card"], ids["a_fund"]]
    desc = order("agent_desc")
    assert [leads.get_lead(i).referred_by_id for i in desc] == runs[::-1]  # groups swap, newest first within
    assert order("referrer_asc") == order("agent_asc") == agent_order
    assert order("referrer_desc") == desc
    for junk in ("id; DROP TABLE lead", "customer_name", ""):
        with pytest.raises(ValidationError) as info:
            leads.lead_ids(LeadFilter(), junk)
        assert info.value.details["field"] == "sort"


def test_lead_rows_read_a_page_in_one_query_with_the_mobile_masked(listed, w):
    ids, cust, now = listed
    page = leads.lead_ids(LeadFilter(), now=now)
    with count_queries() as counter:
        rows = leads.lead_rows(page, now=now)
    assert counter.count == 1
    assert [r.id for r in rows] == page
    fund = next(r for r in rows if r.id == ids["a_fund"])
    assert (fund.product_code, fund.product_name_zh, fund.category, fund.risk_level) == \
        ("FUND-IDX", "沪深300指数基金", "fund", 4)
    assert (fund.customer_id, fund.customer_name, fund.referred_by_id, fund.referred_by_name) == \
        (cust["a"], "张三丰", w.agent2.id, "王客服")
    assert (fund.block_reason, fund.overridden, fund.state, fund.age_days, fund.contact_channel) == \
        ("risk_level_exceeded", False, "new", 5, "phone")
    assert fund.flags == ("high_risk_product",) and fund.batch_id is None and fund.version == 1
    assert (fund.code, fund.name_zh, fund.name_en) == ("FUND-IDX", "沪深300指数基金", "CSI 300 index fund")
    assert fund.customer_mobile == "138****5678"
    for row in rows:
        assert PHONE not in repr(row) and "13900001111" not in repr(row) and "13700002222" not in repr(row)
    assert leads.lead_rows([ids["c_dep"], 999, ids["a_cd"]], now=now)[1].id == ids["a_cd"]  # gone ids left out
    assert leads.lead_rows([]) == []
    with pytest.raises(NotFound):
        leads.get_lead(999)


def test_one_query_whatever_the_page_size(w):
    for i in range(30):
        cid = another_customer(w, f"客户{i}", f"139{i:08d}")
        make_lead(w, "DEP-1Y", customer_id=cid)
    page = leads.lead_ids(LeadFilter())
    with count_queries() as counter:
        rows = leads.lead_rows(page)
    assert counter.count == 1 and len(rows) == 30
    assert all(r.customer_mobile.startswith("139****") for r in rows)


# --- reports ---------------------------------------------------------------------------------------

def _outcome(w, lead_id: int, *states: str) -> None:
    v = lead_row(lead_id).version
    for state in states:
        v = leads.set_state(w.supervisor, lead_id, v, state)


def test_conversion_credits_the_referring_agent_and_counts_won_over_handed_over(w):
    custs = [another_customer(w, f"客户{i}", f"139{i:08d}") for i in range(6)]
    mine = [make_lead(w, "DEP-1Y", customer_id=c).lead_id for c in custs[:4]]
    theirs = [make_lead(w, "DEP-1Y", customer_id=c, actor=w.agent2).lead_id for c in custs[4:]]
    _outcome(w, mine[0], "handed_over", "won")
    _outcome(w, mine[1], "handed_over", "accepted", "lost")
    _outcome(w, mine[2], "handed_over")
    _outcome(w, mine[3], "invalid")  # never reached sales
    _outcome(w, theirs[0], "handed_over", "contacted", "won")
    blocked = make_lead(w, "FUND-IDX", customer_id=custs[5], actor=w.agent2).lead_id  # R4 > C3
    assert lead_row(blocked).block_reason == "risk_level_exceeded"
    rows = {r.key: r for r in leads.conversion_by_agent()}
    me, them = rows[w.agent.id], rows[w.agent2.id]
    assert (me.label, me.leads, me.handed_over, me.won, me.lost, me.invalid, me.blocked) == ("李客服", 4, 3, 1, 1, 1, 0)
    assert me.conversion_rate == pytest.approx(1 / 3)
    assert (them.leads, them.handed_over, them.won, them.blocked, them.conversion_rate) == (3, 1, 1, 1, 1.0)
    only_agent2 = leads.conversion_by_agent(LeadFilter(referred_by=w.agent2.id))
    assert [r.key for r in only_agent2] == [w.agent2.id]
    nobody = leads.conversion_by_agent(LeadFilter(states=("contacted",)))
    assert nobody == []


def test_conversion_by_rule_and_the_rule_report(w):
    a = opportunity(w)  # opp.travel_abroad
    b = opportunity(w, notes="想买大额存单", rule="opp.large_cd", phrase="大额存单", category="large_cd",
                    products_=("LCD-1Y",))
    c = opportunity(w, notes="女儿去留学", rule="opp.study_abroad", phrase="留学", category="cross_border",
                    products_=("CB-STUDY",))
    d = opportunity(w, notes="春节出国旅游", phrase="出国旅游")
    opportunities.decide_opportunity(w.agent, c.id, c.version, confirm=False)
    la = make_lead(w, "FX-CASH", opportunity_id=a.id).lead_id
    lb = make_lead(w, "LCD-1Y", opportunity_id=b.id).lead_id
    make_lead(w, "DEP-1Y")  # by hand
    _outcome(w, la, "handed_over", "won")
    _outcome(w, lb, "handed_over", "lost")
    by_rule = {r.key: r for r in leads.conversion_by_rule()}
    assert set(by_rule) == {"opp.travel_abroad", "opp.large_cd", None}
    assert (by_rule["opp.travel_abroad"].won, by_rule["opp.travel_abroad"].conversion_rate) == (1, 1.0)
    assert (by_rule["opp.large_cd"].lost, by_rule["opp.large_cd"].conversion_rate) == (1, 0.0)
    assert (by_rule[None].leads, by_rule[None].handed_over, by_rule[None].conversion_rate) == (1, 0, None)
    report = {r.rule_id: r for r in leads.rule_report(rule_ids=["opp.travel_abroad", "opp.never_fires"])}
    travel = report["opp.travel_abroad"]
    assert (travel.detected, travel.pending, travel.confirmed, travel.dismissed, travel.leads, travel.won) == \
        (2, 1, 1, 0, 1, 1)
    assert travel.precision == 1.0
    assert (report["opp.study_abroad"].dismissed, report["opp.study_abroad"].precision) == (1, 0.0)
    assert (report["opp.large_cd"].leads, report["opp.large_cd"].won) == (1, 0)
    assert report["opp.never_fires"] == leads.RuleReportRow("opp.never_fires", 0, 0, 0, 0, 0, 0)
    assert report["opp.never_fires"].precision is None
    assert Opportunity.get_by_id(d.id).status == OpportunityStatus.DETECTED


# --- migration 0005 on a database that already has leads ---------------------------------------------

@pytest.fixture(params=["sqlcipher", pytest.param("postgres", marks=pytest.mark.postgres)])
def old_db(request, tmp_path):
    if request.param == "sqlcipher":
        database = SqlCipherDatabase(str(tmp_path / "old.db"), passphrase="x", pragmas={"foreign_keys": 1})
    else:
        server = request.getfixturevalue("pg_server")
        info = server.conninfo(server.create_database())
        database = peewee.PostgresqlDatabase(info.pop("dbname"), **info)
    yield database
    database_proxy.initialize(None)
    database.close()


def test_migration_0005_keeps_existing_leads_and_fills_the_new_columns(old_db):
    from playhouse.migrations import Runner

    Runner(old_db, directory=str(MIGRATIONS_DIR)).up(target="0004_customer_segment_last_contact")
    ts = "2026-01-01T00:00:00.000000Z"
    ex = old_db.execute_sql
    ex("INSERT INTO staff_user (id, version, created_at, updated_at, username, display_name, role, active) "
       f"VALUES (1, 1, '{ts}', '{ts}', 'a', 'A', 'agent', {old_db.param})", (True,))
    ex("INSERT INTO customer (id, version, created_at, updated_at, name, name_pinyin, name_initials, gender, segment,"
       " do_not_disturb, vulnerable, notes) VALUES (1, 1, %s, %s, 'x', '', '', 'unknown', 'standard', %s, %s, '')"
       .replace("%s", old_db.param), (ts, ts, False, False))
    ex("INSERT INTO product (id, version, created_at, updated_at, code, name_zh, name_en, category, risk_level,"
       " dual_recording, active) VALUES (1, 1, %s, %s, 'P', 'p', '', 'deposit', 1, %s, %s)"
       .replace("%s", old_db.param), (ts, ts, False, True))
    ex("INSERT INTO lead (id, version, created_at, updated_at, customer_id, product_id, referred_by_id, state,"
       " block_reason, dual_recording_required, outcome_note) VALUES (7, 3, %s, %s, 1, 1, 1, 'won',"
       " 'open_complaint', %s, 'sold')".replace("%s", old_db.param), (ts, ts, False))
    assert apply_migrations(old_db) == ["0005_lead_channel_flags", "0006_escalation_customer_kind_ts"]
    database_proxy.initialize(old_db)
    lead = Lead.get_by_id(7)
    assert (lead.version, lead.state, lead.block_reason, lead.outcome_note, lead.referred_by_id) == \
        (3, "won", "open_complaint", "sold", 1)
    assert (lead.contact_channel, lead.flags, lead.override_codes) == ("phone", "", "")
    indexes = {i.name for i in old_db.get_indexes("lead")}
    assert "lead_referred_by_id_state" in indexes and "lead_referred_by_id" not in indexes
