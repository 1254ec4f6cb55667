"""Suitability, consent and anti-fraud checks (适当性, 营销同意, 反诈): each rule on its own, with the exact code
and details, on both backends."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from loop_world import make_world, set_option

from crm.codes import CaseStatus, EscalationKind
from crm.errors import ValidationError
from crm.models import ComplaintCase, Customer, Escalation, Interaction, Product
from crm.services import cases, customer_detail, products, suitability
from crm.services.suitability import Check, CheckCode

TODAY = dt.date(2026, 6, 1)
NEXT_YEAR = dt.date(2027, 5, 31)


@pytest.fixture
def w(storage):
    world = make_world()
    products.sync_catalogue()
    return world


def product(code: str) -> Product:
    return Product.get(Product.code == code)


def rate(w, rating: str | None, expires: dt.date | None = NEXT_YEAR, **other) -> None:
    Customer.update(risk_rating=rating, risk_expires_on=expires, **other).where(Customer.id == w.customer_id).execute()


def consent(w, channel: str = "phone", granted: bool = True, purpose: str = "marketing") -> None:
    customer_detail.record_consent(w.agent, w.customer_id, purpose, channel, granted, "call")


def run(w, code: str, channel: str = "phone", **kw) -> list[Check]:
    return suitability.check(w.customer_id, product(code), channel, today=TODAY, **kw)


def codes(checks) -> list[str]:
    return [str(c.code) for c in checks]


def blocks(checks) -> list[str]:
    return codes(suitability.blocking(checks))


# --- risk rating -----------------------------------------------------------------------------------

def test_a_consenting_suitable_customer_passes_clean(w):
    rate(w, "C3")
    consent(w)
    assert run(w, "WM-STEADY") == []  # R2 for a C3 customer, phone agreed
    assert run(w, "DEP-1Y") == []


@pytest.mark.parametrize(("rating", "code", "expected"), [
    ("C1", "WM-STEADY", ["risk_level_exceeded"]),  # R2 > C1
    ("C2", "WM-BAL", ["risk_level_exceeded"]),  # R3 > C2
    ("C3", "WM-EQ", ["risk_level_exceeded"]),  # R4 > C3
    ("C4", "FUND-QDII", ["risk_level_exceeded"]),  # R5 > C4
    ("C2", "WM-STEADY", []), ("C4", "WM-EQ", []), ("C5", "FUND-QDII", []), ("C1", "DEP-1Y", []),
])
def test_a_customer_rated_cn_may_be_offered_up_to_rn(w, rating, code, expected):
    rate(w, rating)
    consent(w)
    checks = run(w, code)
    assert blocks(checks) == expected
    if expected:
        (block,) = suitability.blocking(checks)
        assert block.details == {"rating": rating, "level": product(code).risk_level}
        assert not block.overridable  # Cn up to Rn only: no supervisor may override it (DOMAIN)


def test_without_a_rating_only_r1_products_pass(w):
    consent(w)
    assert blocks(run(w, "DEP-CUR")) == []
    checks = run(w, "SD-90D")
    assert blocks(checks) == ["risk_rating_missing"]
    assert checks[0].details == {"level": 2}


def test_an_expired_assessment_blocks_anything_above_r1(w):
    consent(w)
    rate(w, "C5", expires=TODAY - dt.timedelta(days=1))
    assert blocks(run(w, "DEP-CUR")) == []
    checks = run(w, "WM-BAL")
    assert blocks(checks) == ["risk_assessment_expired"]
    assert checks[0].details == {"rating": "C5", "level": 3, "expires_on": "2026-05-31"}
    rate(w, "C5", expires=TODAY)  # still valid on its last day
    assert blocks(run(w, "WM-BAL")) == []
    rate(w, "C3", expires=None)  # a rating with no known validity is not trusted
    assert blocks(run(w, "WM-BAL")) == ["risk_assessment_expired"]


def test_an_expired_rating_also_reports_what_the_stale_rating_says(w):
    consent(w)
    rate(w, "C2", expires=TODAY - dt.timedelta(days=30))
    assert blocks(run(w, "WM-EQ")) == ["risk_assessment_expired", "risk_level_exceeded"]


# --- care flags ------------------------------------------------------------------------------------

def test_elderly_customers_are_flagged_from_the_birth_date_and_the_configured_age(w):
    rate(w, "C5")
    consent(w)
    Customer.update(birth_date=dt.date(1965, 6, 1)).where(Customer.id == w.customer_id).execute()
    assert codes(run(w, "DEP-1Y")) == ["elderly_customer"]  # 61 today
    set_option("elderly.age_years", 65)
    assert codes(run(w, "DEP-1Y")) == []
    Customer.update(birth_date=dt.date(1961, 6, 2)).where(Customer.id == w.customer_id).execute()
    assert codes(run(w, "DEP-1Y")) == []  # 64 until tomorrow
    Customer.update(birth_date=dt.date(1961, 6, 1)).where(Customer.id == w.customer_id).execute()
    assert codes(run(w, "DEP-1Y")) == ["elderly_customer"]


def test_the_elderly_override_wins_over_the_birth_date(w):
    rate(w, "C5")
    consent(w)
    Customer.update(elderly_override=True).where(Customer.id == w.customer_id).execute()
    assert codes(run(w, "DEP-1Y")) == ["elderly_customer"]  # no birth date at all
    Customer.update(elderly_override=False, birth_date=dt.date(1940, 1, 1)).where(
        Customer.id == w.customer_id).execute()
    assert codes(run(w, "DEP-1Y")) == []


def test_elderly_with_r3_and_up_high_risk_r4_and_up_and_dual_recording_are_flags(w):
    rate(w, "C5", elderly_override=True)
    consent(w)
    checks = run(w, "WM-BAL")  # R3, 双录
    assert blocks(checks) == []
    assert codes(checks) == ["elderly_customer", "elderly_high_risk", "dual_recording_required"]
    assert codes(run(w, "FUND-IDX")) == ["elderly_customer", "elderly_high_risk", "high_risk_product"]
    assert codes(run(w, "WM-STEADY")) == ["elderly_customer"]  # R2: no extra flag
    assert all(not c.blocking for c in run(w, "FUND-QDII"))
    Customer.update(elderly_override=False).where(Customer.id == w.customer_id).execute()
    flags = run(w, "FUND-QDII")
    assert codes(flags) == ["high_risk_product", "dual_recording_required"]
    assert flags[0].details == {"level": 5} and flags[1].details == {"product": "FUND-QDII"}


# --- consent ---------------------------------------------------------------------------------------

def test_no_marketing_consent_on_the_channel_blocks(w):
    rate(w, "C3")
    checks = run(w, "DEP-1Y")
    assert blocks(checks) == ["no_marketing_consent"] and checks[0].details == {"channel": "phone"}
    assert not checks[0].overridable
    consent(w, "sms")  # agreed to SMS, not to calls
    consent(w, "phone", purpose="service_notice")  # service notices are not marketing
    assert blocks(run(w, "DEP-1Y", "phone")) == ["no_marketing_consent"]
    assert blocks(run(w, "DEP-1Y", "sms")) == []


def test_the_latest_choice_per_channel_counts_and_a_refusal_says_so(w):
    rate(w, "C3")
    consent(w, "phone", True)
    consent(w, "phone", False)
    checks = run(w, "DEP-1Y")
    assert blocks(checks) == ["channel_refused"] and checks[0].details == {"channel": "phone"}
    assert not checks[0].overridable
    consent(w, "phone", True)
    assert blocks(run(w, "DEP-1Y")) == []


def test_do_not_disturb_blocks_phone_and_sms_only(w):
    rate(w, "C3")
    for channel in ("phone", "sms", "email"):
        consent(w, channel)
    Customer.update(do_not_disturb=True).where(Customer.id == w.customer_id).execute()
    assert blocks(run(w, "DEP-1Y", "phone")) == ["do_not_disturb"]
    assert blocks(run(w, "DEP-1Y", "sms")) == ["do_not_disturb"]
    assert blocks(run(w, "DEP-1Y", "email")) == []
    assert not run(w, "DEP-1Y", "sms")[0].overridable


def test_an_unknown_channel_is_refused(w):
    with pytest.raises(ValidationError) as info:
        run(w, "DEP-1Y", "fax")
    assert (info.value.code, info.value.details["field"]) == ("invalid_choice", "channel")


# --- complaints, fraud, inactive products ------------------------------------------------------------

def test_an_open_complaint_blocks_until_resolved_or_closed(w):
    rate(w, "C3")
    consent(w)
    case = cases.open_case(w.agent, w.customer_id, "fees", "年费未减免")
    checks = run(w, "DEP-1Y")
    assert blocks(checks) == ["open_complaint"] and checks[0].details == {"case_ids": [case.id]}
    assert checks[0].overridable
    for status in (CaseStatus.IN_PROGRESS, CaseStatus.AWAITING_CUSTOMER):
        ComplaintCase.update(status=status).where(ComplaintCase.id == case.id).execute()
        assert blocks(run(w, "DEP-1Y")) == ["open_complaint"]
    for status in (CaseStatus.RESOLVED, CaseStatus.CLOSED):
        ComplaintCase.update(status=status).where(ComplaintCase.id == case.id).execute()
        assert blocks(run(w, "DEP-1Y")) == []


def _interaction(w, **kw) -> Interaction:
    return Interaction.create(customer=w.customer_id, staff=w.agent, channel="inbound_call", direction="in",
                              category="consultation", notes="客户咨询", **kw)


def test_a_fraud_escalation_on_the_interaction_blocks_and_cannot_be_overridden(w):
    rate(w, "C3")
    consent(w)
    calm = _interaction(w)
    assert blocks(run(w, "DEP-1Y", interaction_id=calm.id)) == []
    Escalation.create(interaction=calm.id, customer=w.customer_id, kind=EscalationKind.FRAUD, rule_id="safe_account",
                      evidence_text="安全账户", created_by=w.agent)
    checks = run(w, "DEP-1Y", interaction_id=calm.id)
    assert blocks(checks) == ["fraud_flagged"]
    assert checks[0] == Check("fraud_flagged", True, False, {"interaction_id": calm.id})
    flagged = _interaction(w, fraud_flag=True)  # the flag alone is enough
    assert blocks(run(w, "DEP-1Y", interaction_id=flagged.id)) == ["fraud_flagged"]
    complaint_only = _interaction(w)
    Escalation.create(interaction=complaint_only.id, customer=w.customer_id,
                      kind=EscalationKind.COMPLAINT_ESCALATION, rule_id="x", created_by=w.agent)
    # the customer's fraud escalation is recent: it blocks every lead (next test); once it is old, only
    # the interaction's own flag or escalation does
    Escalation.update(ts=_at(TODAY - dt.timedelta(days=31))).where(Escalation.kind == EscalationKind.FRAUD).execute()
    assert blocks(run(w, "DEP-1Y", interaction_id=complaint_only.id)) == []
    assert blocks(run(w, "DEP-1Y", interaction_id=calm.id)) == ["fraud_flagged"]


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def _fraud(w, day: dt.date, interaction: Interaction | None = None) -> Escalation:
    return Escalation.create(interaction=interaction.id if interaction else None, customer=w.customer_id,
                             kind=EscalationKind.FRAUD, rule_id="fraud.safe_account", evidence_text="安全账户",
                             created_by=w.agent, ts=_at(day))


def test_a_recent_fraud_escalation_blocks_every_lead_of_the_customer(w):
    """Not only the interaction the opportunity came from: the next call's opportunity, a lead entered by
    hand, and the export's re-check too, for ``leads.fraud_block_days`` (30 by default); never overridable."""
    from crm.models import Lead

    rate(w, "C3")
    consent(w)
    clean = _interaction(w)
    assert blocks(run(w, "DEP-1Y")) == [] and blocks(run(w, "DEP-1Y", interaction_id=clean.id)) == []
    other = Escalation.create(customer=w.customer_id, kind=EscalationKind.COMPLAINT_ESCALATION, rule_id="x",
                              created_by=w.agent, ts=_at(TODAY))
    assert other.kind != EscalationKind.FRAUD and blocks(run(w, "DEP-1Y")) == []
    _fraud(w, TODAY - dt.timedelta(days=29), _interaction(w, fraud_flag=True))
    for kw in ({}, {"interaction_id": clean.id}):
        checks = run(w, "DEP-1Y", **kw)
        assert blocks(checks) == ["fraud_flagged"]
        assert checks[0] == Check("fraud_flagged", True, False, {"customer_id": w.customer_id, "days": 30})
    hand = Lead.create(customer=w.customer_id, product=product("WM-STEADY"), referred_by=w.agent,
                       contact_channel="phone")
    assert blocks(suitability.lead_checks(hand, today=TODAY)) == ["fraud_flagged"]
    assert suitability.lead_checks_many([hand.id], today=TODAY) == {hand.id: suitability.lead_checks(
        hand, today=TODAY)}
    # the window: 30 days back from the start of that day; an option
    assert blocks(run(w, "DEP-1Y")) == ["fraud_flagged"]
    later = TODAY + dt.timedelta(days=2)
    assert blocks(suitability.check(w.customer_id, product("DEP-1Y"), "phone", today=later)) == []
    set_option("leads.fraud_block_days", 60)
    checks = suitability.check(w.customer_id, product("DEP-1Y"), "phone", today=later)
    assert checks[0].details == {"customer_id": w.customer_id, "days": 60}
    set_option("leads.fraud_block_days", 30)
    _fraud(w, TODAY)  # raised by hand, no interaction: the same
    assert blocks(suitability.check(w.customer_id, product("DEP-1Y"), "phone", today=later)) == ["fraud_flagged"]


def test_an_inactive_product_blocks(w):
    rate(w, "C3")
    consent(w)
    Product.update(active=False).where(Product.code == "DEP-1Y").execute()
    checks = run(w, "DEP-1Y")
    assert blocks(checks) == ["product_inactive"] and checks[0].details == {"product": "DEP-1Y"}
    assert not checks[0].overridable


def test_blocks_come_first_in_a_fixed_order_then_flags(w):
    rate(w, "C1", elderly_override=True, do_not_disturb=True)
    consent(w, "phone", False)
    cases.open_case(w.agent, w.customer_id, "fees", "年费")
    Product.update(active=False).where(Product.code == "WM-EQ").execute()
    bad = _interaction(w, fraud_flag=True)
    checks = run(w, "WM-EQ", interaction_id=bad.id)
    assert codes(checks) == ["fraud_flagged", "product_inactive", "do_not_disturb", "channel_refused",
                             "open_complaint", "risk_level_exceeded", "elderly_customer", "elderly_high_risk",
                             "high_risk_product", "dual_recording_required"]
    assert [c.blocking for c in checks] == [True] * 6 + [False] * 4


# --- exportability ---------------------------------------------------------------------------------

def test_is_exportable_lets_an_override_cover_only_the_overridable_blocks_it_was_given_for():
    expired = Check(CheckCode.RISK_ASSESSMENT_EXPIRED, True, True)
    complaint = Check(CheckCode.OPEN_COMPLAINT, True, True)
    fraud = Check(CheckCode.FRAUD_FLAGGED, True, False)
    flag = Check(CheckCode.ELDERLY_CUSTOMER, False)
    plain = SimpleNamespace(override_by_id=None, override_codes="")
    overridden = SimpleNamespace(override_by_id=7, override_codes="risk_assessment_expired")
    assert suitability.is_exportable(plain, [flag])
    assert not suitability.is_exportable(plain, [expired, flag])
    assert suitability.is_exportable(overridden, [expired, flag])
    assert not suitability.is_exportable(overridden, [expired, complaint])  # a new block: look again
    sneaky = SimpleNamespace(override_by_id=7, override_codes="fraud_flagged")
    assert not suitability.is_exportable(sneaky, [fraud])  # never, whatever the column says


def test_the_check_codes_are_stable_and_split_into_blocks_and_flags():
    assert {str(c) for c in suitability.BLOCKING_CODES} == {
        "risk_rating_missing", "risk_assessment_expired", "risk_level_exceeded", "no_marketing_consent",
        "channel_refused", "open_complaint", "fraud_flagged", "product_inactive", "do_not_disturb"}
    assert {str(c) for c in CheckCode} - {str(c) for c in suitability.BLOCKING_CODES} == {
        "elderly_customer", "elderly_high_risk", "high_risk_product", "dual_recording_required"}
    assert suitability.NOT_OVERRIDABLE <= suitability.BLOCKING_CODES
    assert CheckCode.FRAUD_FLAGGED in suitability.NOT_OVERRIDABLE


def test_check_accepts_ids_and_rows_alike(w):
    rate(w, "C3")
    consent(w)
    cust = Customer.get_by_id(w.customer_id)
    assert suitability.check(cust, product("WM-EQ").id, "phone", today=TODAY) == run(w, "WM-EQ")


def test_lead_checks_many_is_lead_checks_per_lead_and_fails_like_it(w):
    """The export's re-check (tests/unit/crm/test_lead_export.py compares every code on many leads)."""
    from crm.errors import NotFound
    from crm.models import Lead

    rate(w, "C3")
    consent(w)
    made = [Lead.create(customer=w.customer_id, product=product(code), referred_by=w.agent,
                        contact_channel=channel)
            for code, channel in (("WM-EQ", "phone"), ("WM-EQ", "sms"), ("DEP-1Y", "phone"))]
    ids = [m.id for m in made]
    many = suitability.lead_checks_many([ids[2], ids[0], ids[1], ids[0]], today=TODAY)
    assert list(many) == [ids[2], ids[0], ids[1]]
    assert many == {i: suitability.lead_checks(i, today=TODAY) for i in ids}
    assert suitability.lead_checks_many([], today=TODAY) == {}
    with pytest.raises(NotFound):
        suitability.lead_checks_many([ids[0], 999_999], today=TODAY)
    db = Lead._meta.database  # a code the field would refuse to write, stored behind its back
    db.execute_sql(f'UPDATE "lead" SET "contact_channel" = {db.param} WHERE "id" = {db.param}', ["pigeon", ids[1]])
    with pytest.raises(ValidationError):
        suitability.lead_checks_many(ids, today=TODAY)


def test_the_latest_fraud_escalation_of_a_customer_is_one_index_seek(w):
    """The re-check asks it for every lead: with many fraud escalations in the bank, walking them all per lead
    (the (kind, ts) index alone) made an export of 100k leads scan millions of index entries."""
    from crm.models import Customer as CustomerModel
    from crm.models import Lead

    import peewee

    db = Lead._meta.database
    if not isinstance(getattr(db, "obj", db), peewee.SqliteDatabase):
        pytest.skip("PostgreSQL plans by cost from its own statistics; the plan asserted is SQLite's")
    others = [CustomerModel.create(name=f"客户{i}").id for i in range(20)]
    for i in range(200):
        Escalation.create(customer=others[i % 20], kind=EscalationKind.FRAUD, rule_id="fraud.safe_account",
                          created_by=w.agent, ts=_at(TODAY - dt.timedelta(days=i % 40)))
    sql, params = db.get_sql_context().sql(suitability.facts_query()).query()
    sql = sql.replace("(__ids__)", f"({db.param})")
    db.execute_sql("ANALYZE")
    plan = " | ".join(str(row[-1]) for row in db.execute_sql("EXPLAIN QUERY PLAN " + sql, [*params, 1]))
    assert "escalation_customer_id_kind_ts (customer_id=? AND kind=?)" in plan, plan


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
       st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)), st.integers(0, 100))
@example(dt.date(2024, 2, 29), dt.date(1964, 2, 29), 60)
@example(dt.date(2024, 2, 29), dt.date(1963, 2, 28), 61)
@example(dt.date(2024, 2, 29), dt.date(1963, 3, 1), 61)
def test_elderly_cutoff_is_is_elderly(today, born, years):
    from crm.identifiers import is_elderly
    from crm.services import suitability

    if today.year - years < 1:
        return
    assert (born <= suitability._born_by(today, years)) == is_elderly(born, today, years)
