"""Sales opportunities (商机) on both backends: what detection stores (rule, category, product, evidence), the
product an opportunity is tied to, deciding one once, a lead confirming it, fraud findings escalating instead,
the fraud actions recorded, and saving an interaction running the detector in the same transaction."""

from __future__ import annotations

import datetime as dt

import pytest
from sales_world import (
    FakeDetector,
    another_customer,
    audits,
    finding,
    interaction,
    lead_row,
    make_lead,
    make_sales_world,
    opportunity,
)

from crm.codes import AuditAction, EscalationKind
from crm.errors import ConflictError, NotFound, ValidationError
from crm.models import Customer, Escalation, Interaction, Opportunity, Product
from crm.services import interactions, opportunities
from crm.services.interactions import NewInteraction


@pytest.fixture
def w(storage):
    return make_sales_world()


# --- the product an opportunity is tied to -----------------------------------------------------------

@pytest.mark.parametrize(("rating", "age", "expected"), [
    ("C2", 76, "FUND-BOND"),  # the tester's case: not FUND-IDX (R4), the rule's first product
    ("C4", 76, "FUND-BOND"),  # elderly: below R3 when the rule has one
    ("C5", 40, "FUND-IDX"),
    ("C3", 40, "FUND-BOND"),
    (None, 40, "FUND-MM"),  # unrated: R1 only
    ("C1", 40, "FUND-MM"),
])
def test_an_opportunity_is_tied_to_a_product_the_customer_may_be_offered(w, rating, age, expected):
    born = dt.date.today().replace(year=dt.date.today().year - age) - dt.timedelta(days=1)
    Customer.update(risk_rating=rating, birth_date=born).where(Customer.id == w.customer_id).execute()
    opp = opportunity(w, notes="客户想买基金", rule="opp.fund", phrase="基金", category="fund",
                      products_=("FUND-IDX", "FUND-BOND", "FUND-MM"))
    assert Product.get_by_id(opp.product_id).code == expected


def test_an_opportunity_falls_back_to_the_first_active_product_when_none_is_suitable(w):
    Customer.update(risk_rating="C1").where(Customer.id == w.customer_id).execute()
    Product.update(active=False).where(Product.code.in_(["FUND-MM", "FUND-BOND"])).execute()
    opp = opportunity(w, notes="客户想买基金", rule="opp.fund", phrase="基金", category="fund",
                      products_=("FUND-MM", "FUND-QDII", "FUND-IDX"))
    assert Product.get_by_id(opp.product_id).code == "FUND-QDII"


# --- fraud -----------------------------------------------------------------------------------------

FRAUD_NOTES = "客户称对方自称公检法，要求把钱转到安全账户，另外想了解大额存单"


def test_a_fraud_finding_creates_an_escalation_flags_the_call_and_no_opportunity(w):
    row = interaction(w, FRAUD_NOTES)
    detector = FakeDetector(
        finding(FRAUD_NOTES, "fraud", "fraud.safe_account", "安全账户"),
        finding(FRAUD_NOTES, "fraud", "fraud.safe_account", "公检法"),  # the same rule twice: one escalation
        finding(FRAUD_NOTES, "opportunity", "opp.large_cd", "大额存单", "large_cd", ("LCD-1Y",)))
    found = opportunities.record_findings(w.agent, row, detector=detector)
    assert found.opportunity_ids == () and len(found.fraud_escalation_ids) == 1
    esc = Escalation.get_by_id(found.fraud_escalation_ids[0])
    assert (esc.kind, esc.rule_id, esc.evidence_text, esc.created_by_id, esc.interaction_id, esc.customer_id) == \
        (EscalationKind.FRAUD, "fraud.safe_account", "公检法", w.agent.id, row.id, w.customer_id)
    assert Interaction.get_by_id(row.id).fraud_flag
    assert Opportunity.select().count() == 0
    assert opportunities.record_findings(w.agent, row, detector=detector).fraud_escalation_ids == ()  # not twice


def test_fraud_actions_fill_the_escalation_then_append(w):
    row = interaction(w, FRAUD_NOTES)
    found = opportunities.record_findings(w.agent, row, detector=FakeDetector(
        finding(FRAUD_NOTES, "fraud", "fraud.safe_account", "安全账户")))
    (esc_id,) = found.fraud_escalation_ids
    assert opportunities.record_fraud_action(w.agent, esc_id, "dissuasion_script") == esc_id
    second = opportunities.record_fraud_action(w.agent, esc_id, "police_96110", note="已拨打96110")
    assert second != esc_id
    assert [(e.action_taken, e.rule_id) for e in Escalation.select().order_by(Escalation.id)] == \
        [("dissuasion_script", "fraud.safe_account"), ("police_96110", "fraud.safe_account")]
    assert Escalation.get_by_id(second).note == "已拨打96110"
    assert len(audits("escalation", esc_id, AuditAction.UPDATE)) == 1
    with pytest.raises(ValidationError):
        opportunities.record_fraud_action(w.agent, esc_id, "shouted")
    with pytest.raises(NotFound):
        opportunities.record_fraud_action(w.agent, 999, "other")


# --- opportunities ---------------------------------------------------------------------------------

def test_opportunities_keep_rule_category_first_active_product_and_evidence(w):
    notes = "客户说女儿明年留学，另外定期快到期了想买大额存单。女儿留学的学费要汇款"
    Product.update(active=False).where(Product.code == "LCD-1Y").execute()
    row = interaction(w, notes)
    detector = FakeDetector(
        finding(notes, "opportunity", "opp.large_cd", "大额存单", "large_cd", ("NOPE", "LCD-1Y", "LCD-3Y")),
        finding(notes, "opportunity", "opp.study_abroad", "留学", "cross_border", ("CB-STUDY",)),
        finding(notes, "escalation", "escalation:12378", "大额存单"),  # any text will do for the fake
    )
    found = opportunities.record_findings(w.agent, row, detector=detector)
    assert len(found.opportunity_ids) == 2 and len(found.escalation_ids) == 1
    assert found.findings == detector.found
    rows = opportunities.opportunities_for_interaction(row.id)
    assert [(r.rule_id, r.category, r.product_code, r.status) for r in rows] == [
        ("opp.study_abroad", "cross_border", "CB-STUDY", "detected"),
        ("opp.large_cd", "large_cd", "LCD-3Y", "detected")]  # evidence order; LCD-1Y inactive, NOPE unknown
    cd = rows[1]
    assert notes[cd.evidence_start:cd.evidence_end] == cd.evidence_text == "大额存单"
    assert cd.customer_id == w.customer_id and cd.interaction_id == row.id and cd.lead_count == 0
    esc = Escalation.get_by_id(found.escalation_ids[0])
    assert (esc.kind, esc.rule_id) == (EscalationKind.COMPLAINT_ESCALATION, "escalation:12378")
    again = opportunities.record_findings(w.agent, row, detector=detector)
    assert (again.opportunity_ids, again.escalation_ids) == ((), ())
    assert len(audits("opportunity", cd.id, AuditAction.CREATE)) == 1


def test_record_findings_ignores_empty_notes(w):
    row = interaction(w, "  ")
    assert opportunities.record_findings(w.agent, row, detector=FakeDetector()) == opportunities.FindingsResult()


def test_deciding_an_opportunity_is_kept_versioned_and_once(w):
    opp = opportunity(w)
    version = opportunities.decide_opportunity(w.agent, opp.id, opp.version, confirm=False)
    row = opportunities.get_opportunity(opp.id)
    assert (row.status, row.decided_by, row.version, version) == ("dismissed", w.agent.id, 2, 2)
    assert row.decided_at is not None
    with pytest.raises(ValidationError) as info:
        opportunities.decide_opportunity(w.agent, opp.id, 2, confirm=True)
    assert info.value.code == "already_decided"
    with pytest.raises(ConflictError):
        opportunities.decide_opportunity(w.agent, opp.id, 1, confirm=True)
    with pytest.raises(ValidationError) as info:
        make_lead(w, "FX-CASH", opportunity_id=opp.id)
    assert info.value.code == "opportunity_dismissed"


def test_a_lead_from_a_detected_opportunity_confirms_it(w):
    opp = opportunity(w)
    result = make_lead(w, "FX-CASH", opportunity_id=opp.id)
    assert lead_row(result.lead_id).opportunity_id == opp.id
    row = opportunities.get_opportunity(opp.id)
    assert (row.status, row.decided_by, row.lead_count) == ("confirmed", w.agent.id, 1)
    stranger = another_customer(w, "李四", "13900001111")
    with pytest.raises(ValidationError) as info:
        make_lead(w, "FX-SETTLE", customer_id=stranger, opportunity_id=opp.id)
    assert info.value.code == "opportunity_mismatch"


# --- saving an interaction runs the detector ---------------------------------------------------------

def _log(w, notes: str):
    return interactions.log_interaction(w.agent, NewInteraction(customer_id=w.customer_id,
                                                                channel="inbound_call", category="consultation",
                                                                notes=notes))


def test_saving_an_interaction_stores_its_opportunities(w):
    saved = _log(w, "客户说下个月要出国旅游，问怎么换外币")
    assert saved.opportunity_ids and saved.fraud_escalation_ids == () and saved.escalation_ids == ()
    rows = opportunities.opportunities_for_interaction(saved.id)
    assert [r.id for r in rows] == list(saved.opportunity_ids)
    notes = Interaction.get_by_id(saved.id).notes
    assert all(notes[r.evidence_start:r.evidence_end] == r.evidence_text for r in rows)
    assert "opp.travel_abroad" in {r.rule_id for r in rows}


def test_saving_an_interaction_with_fraud_words_escalates_and_finds_no_opportunity(w):
    saved = _log(w, "客户称有人自称公检法，让他把钱转到安全账户，他还想了解大额存单")
    assert saved.fraud_escalation_ids and saved.opportunity_ids == ()
    assert Interaction.get_by_id(saved.id).fraud_flag
    assert all(Escalation.get_by_id(i).kind == EscalationKind.FRAUD for i in saved.fraud_escalation_ids)
    assert Opportunity.select().where(Opportunity.interaction == saved.id).count() == 0


def test_saving_an_interaction_with_escalation_words_records_them(w):
    saved = _log(w, "客户很生气，说要投诉到银保监")
    assert saved.escalation_ids
    assert {Escalation.get_by_id(i).kind for i in saved.escalation_ids} == {EscalationKind.COMPLAINT_ESCALATION}


def test_saving_without_notes_finds_nothing(w):
    saved = _log(w, "")
    assert (saved.opportunity_ids, saved.fraud_escalation_ids, saved.escalation_ids) == ((), (), ())


def test_a_failing_detection_rolls_the_whole_save_back(w, monkeypatch):
    def boom(*_a, **_k):
        raise RuntimeError("detector broke")

    monkeypatch.setattr(opportunities, "record_findings", boom)
    with pytest.raises(RuntimeError):
        _log(w, "出国旅游")
    assert Interaction.select().count() == 0
