"""Demo data: realistic, valid identifiers, consistent denormalised columns, no C3 data, deterministic."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from crm import db, demo, identifiers
from crm.demo import text
from crm.demo.people import luhn_check_digit
from crm.demo.text import NoteBank
from crm.demo.writer import BulkWriter

NOW = dt.datetime(2026, 6, 1, 3, 30, tzinfo=dt.UTC)
NOW_TEXT = "2026-06-01T03:30:00.000000Z"
TODAY = dt.date(2026, 6, 1)
PASSPHRASE = "test-passphrase-1"
SEED = int(os.environ.get("CRM_DEMO_TEST_SEED", "7"))  # the assertions hold for any seed; try a few


def _make(path: Path, **kwargs) -> tuple[db.Storage, dict, list[str]]:
    storage, _ = db.create_local(path, passphrase=PASSPHRASE)
    lines: list[str] = []
    report = demo.generate(**{"customers": 200, "interactions": 2000, "seed": SEED, "now": NOW, **kwargs},
                           progress=lines.append)
    return storage, report, lines


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    storage, report, lines = _make(tmp_path_factory.mktemp("demo"))
    yield storage, report, lines
    storage.close()


@pytest.fixture
def demo_db(generated):
    storage, report, lines = generated
    db.database_proxy.initialize(storage.db)  # other tests in this module may bind another database
    return storage, report, lines


def rows(storage: db.Storage, sql: str, params: tuple = ()) -> list[tuple]:
    return storage.db.execute_sql(sql, params).fetchall()


def test_report_counts_what_was_written_and_progress_names_each_stage(demo_db):
    storage, report, lines = demo_db
    for table, added in report["counts"].items():
        assert rows(storage, f'SELECT COUNT(*) FROM "{table}"')[0][0] == added, table
    counts = report["counts"]
    assert counts["customer"] == 200 and counts["interaction"] == 2000
    assert counts["staff_user"] == 40 and counts["product"] >= 30
    assert all(counts[t] > 0 for t in ("complaint_case", "case_update", "escalation", "follow_up", "consent"))
    assert "customers 200/200" in lines and "interactions 2000/2000" in lines
    assert any(line.startswith("reference data") for line in lines)
    assert report["seconds"] > 0 and set(report["stage_seconds"]) >= {"customers", "interactions"}


def test_every_id_number_is_valid_and_matches_gender_birth_date_and_tail(demo_db):
    storage, _, _ = demo_db
    customers = rows(storage, "SELECT id_type, id_number, id_tail, gender, birth_date FROM customer")
    kinds = {c[0] for c in customers}
    assert "resident_id" in kinds  # and a few Hong Kong/Macao/Taiwan residents and foreigners:
    assert kinds & {"hk_macau_permit", "taiwan_permit"} and kinds & {"foreign_permanent_id", "passport"}
    checked = 0
    for id_type, number, tail, gender, born in customers:
        assert tail == number[-6:]
        if id_type == "passport":
            continue
        assert identifiers.normalize_resident_id(number) == number
        assert identifiers.id_birth_date(number).isoformat() == born
        assert ("male" if identifiers.id_gender(number) == "M" else "female") == gender
        checked += 1
    assert checked >= 190
    assert len({c[1] for c in customers}) == len(customers)  # no two customers share an ID number


def test_some_customers_are_elderly_and_a_few_have_authorised_agents(demo_db):
    storage, _, _ = demo_db
    cutoff = TODAY.replace(year=TODAY.year - 60).isoformat()
    elderly = rows(storage, "SELECT COUNT(*) FROM customer WHERE birth_date <= ?", (cutoff,))[0][0]
    assert 20 <= elderly <= 120
    agents = rows(storage, "SELECT birth_date, agent_name, agent_relation, agent_phone, agent_id_tail FROM customer "
                           "WHERE agent_name IS NOT NULL")
    assert agents and all(born <= cutoff and relation and len(tail) == 6 for born, _n, relation, _p, tail in agents)
    assert all(identifiers.normalize_phone(phone) == phone for *_x, phone, _t in agents)


def test_phones_are_valid_mainland_numbers_with_one_reserved_mobile_each(demo_db):
    storage, _, _ = demo_db
    phones = rows(storage, "SELECT customer_id, number, number_rev, kind, is_reserved FROM customer_phone")
    reserved: dict[int, int] = {}
    for customer, number, rev, kind, is_reserved in phones:
        assert identifiers.normalize_phone(number) == number
        assert rev == number[::-1]
        assert identifiers.is_mainland_mobile(number) == (kind == "mobile")
        if is_reserved:
            assert kind == "mobile"
            reserved[customer] = reserved.get(customer, 0) + 1
    assert set(reserved.values()) == {1} and len(reserved) == 200
    assert {p[3] for p in phones} >= {"mobile", "home"}
    per_customer = rows(storage, "SELECT COUNT(*) FROM customer_phone WHERE kind = 'mobile' GROUP BY customer_id")
    assert {n for (n,) in per_customer} == {1, 2}


def test_cards_pass_luhn_and_carry_their_tail(demo_db):
    storage, _, _ = demo_db
    cards = rows(storage, "SELECT card_number, card_tail, card_type FROM customer_card")
    assert {c[2] for c in cards} == {"debit", "credit"}
    for number, tail, card_type in cards:
        assert identifiers.card_luhn_ok(number) and tail == number[-6:]
        assert len(number) == (19 if card_type == "debit" else 16)
    assert len({c[0] for c in cards}) == len(cards)


def test_customers_are_findable_by_the_search_service(demo_db):
    from crm.services import search

    storage, _, _ = demo_db

    def keys(ids: list[int]) -> list[tuple]:
        marks = ",".join("?" * len(ids))
        return sorted(rows(storage, f"SELECT customer_id, kind, key FROM customer_search_key "
                                    f"WHERE customer_id IN ({marks})", tuple(ids)))

    sample = [cid for (cid,) in rows(storage, "SELECT id FROM customer ORDER BY id LIMIT 15")]
    written = keys(sample)
    search.reindex_customers(sample)  # what the search code itself would write
    assert keys(sample) == written
    cid, name, pinyin = rows(storage, "SELECT id, name, name_pinyin FROM customer WHERE name_pinyin <> '' "
                                      "ORDER BY id LIMIT 1")[0]
    mobile = rows(storage, "SELECT number FROM customer_phone WHERE customer_id = ? AND is_reserved", (cid,))[0][0]
    for query in (name, pinyin, mobile, mobile[-4:]):
        assert cid in [hit.id for hit in search.search(query, limit=200)], query


def test_luhn_helper_matches_stdnum():
    from stdnum import luhn

    for body in ("621700123456789012", "625955000000001", "4", "79927398713"[:-1]):
        assert luhn_check_digit(body) == luhn.calc_check_digit(body)


def test_last_contact_at_is_each_customers_newest_interaction(demo_db):
    storage, _, _ = demo_db
    mismatched = rows(storage, """
        SELECT COUNT(*) FROM customer c
        WHERE COALESCE(c.last_contact_at, '') <>
              COALESCE((SELECT MAX(i.ts) FROM interaction i WHERE i.customer_id = c.id), '')""")
    assert mismatched[0][0] == 0
    never = rows(storage, "SELECT COUNT(*) FROM customer WHERE last_contact_at IS NULL")[0][0]
    assert 0 < never < 40  # some customers were never contacted


def test_interactions_span_two_years_up_to_now_with_realistic_fields(demo_db):
    storage, _, _ = demo_db
    first, last = rows(storage, "SELECT MIN(ts), MAX(ts) FROM interaction")[0]
    assert "2024-05-31" <= first[:10] and last <= NOW_TEXT and last >= "2026-05-31"
    assert rows(storage, "SELECT COUNT(*) FROM interaction WHERE ts >= '2026-05-01'")[0][0] > \
        rows(storage, "SELECT COUNT(*) FROM interaction WHERE ts < '2024-07-01'")[0][0]  # newer is denser
    channels = {c for (c,) in rows(storage, "SELECT DISTINCT channel FROM interaction")}
    assert channels == {"inbound_call", "outbound_call", "online_chat", "branch", "email", "sms"}
    categories = {c for (c,) in rows(storage, "SELECT DISTINCT category FROM interaction")}
    assert categories == {"consultation", "guidance", "complaint", "return_visit", "marketing"}
    rated = rows(storage, "SELECT satisfaction, satisfaction_reason FROM interaction WHERE satisfaction IS NOT NULL")
    assert 0.3 <= len(rated) / 2000 <= 0.5
    assert any(score <= 2 and reason for score, reason in rated)
    assert rows(storage, "SELECT COUNT(*) FROM interaction WHERE outcome = 'unreachable' AND channel <> "
                         "'outbound_call'")[0][0] == 0


def test_notes_mention_products_complaints_and_fraud_without_any_auth_data(demo_db):
    storage, _, _ = demo_db
    notes = [n for (n,) in rows(storage, "SELECT notes FROM interaction")]
    blob = "\n".join(notes)
    for word in ("定期存款利率", "大额存单", "理财", "首付", "装修贷款", "账单", "转账限额", "留学", "养老金", "扣",
                 "等待太久", "年费"):
        assert word in blob, word
    assert any(n.isascii() and n for n in notes)  # some English notes
    fraud = [n for (n,) in rows(storage, "SELECT notes FROM interaction WHERE fraud_flag")]
    assert fraud and all(any(k in n for k in ("安全账户", "验证码", "刷单", "退款客服", "高回报", "领导", "保健品"))
                         for n in fraud)
    texts = notes + [t for (t,) in rows(storage, "SELECT satisfaction_reason FROM interaction "
                                                 "WHERE satisfaction_reason IS NOT NULL")]
    texts += [t for (t,) in rows(storage, "SELECT description || resolution || root_cause FROM complaint_case")]
    texts += [t for (t,) in rows(storage, "SELECT note FROM follow_up")]
    assert [t for t in texts if identifiers.find_auth_data(t)] == []
    # Nothing in a note even looks like a phone, ID or card number.
    assert [t for t in texts if identifiers.mask_identifiers_in_text(t) != t] == []


def test_every_phrase_in_the_banks_is_free_of_auth_data():
    bank = NoteBank(__import__("random").Random(3))
    pieces = [p for pool in bank.openings.values() for p in pool]
    pieces += [p for pool in bank.closings.values() for p in pool]
    pieces += [p for _t, groups in bank.consult for g in groups for p in g]
    pieces += [p for _t, _d, groups in bank.complaints for g in groups for p in g]
    pieces += [p for g in bank.return_visit for p in g] + [p for _t, pool in bank.marketing for p in pool]
    pieces += [p for _r, pool in bank.fraud for p in pool] + [p for pool in bank.english.values() for p in pool]
    pieces += list(text.GUIDANCE) + list(text.BRANCH_GUIDANCE) + list(text.UNREACHABLE) + list(bank.sms)
    pieces += [p for _k, p in text.ESCALATION_PHRASES] + list(text.CUSTOMER_NOTES) + list(text.FRAUD_CLOSING)
    assert len(pieces) > 200
    for piece in pieces:
        assert not identifiers.find_auth_data(piece), piece
        assert piece == "" or piece[-1] in "。，：.!）", piece  # joined pieces never run into each other


def test_segments_risk_ratings_flags_and_owners(demo_db):
    storage, _, _ = demo_db
    segments = dict(rows(storage, "SELECT segment, COUNT(*) FROM customer GROUP BY segment"))
    assert set(segments) == {"standard", "vip", "private"} and segments["standard"] > 140
    ratings = dict(rows(storage, "SELECT COALESCE(risk_rating, '-'), COUNT(*) FROM customer GROUP BY 1"))
    assert set(ratings) == {"-", "C1", "C2", "C3", "C4", "C5"}
    expired = rows(storage, "SELECT COUNT(*) FROM customer WHERE risk_expires_on < ?", (TODAY.isoformat(),))
    valid = rows(storage, "SELECT COUNT(*) FROM customer WHERE risk_expires_on >= ?", (TODAY.isoformat(),))
    assert expired[0][0] > 0 and valid[0][0] > expired[0][0]
    assert rows(storage, "SELECT COUNT(*) FROM customer WHERE do_not_disturb")[0][0] >= 1
    unowned_vips = rows(storage, "SELECT COUNT(*) FROM customer WHERE segment <> 'standard' AND owner_id IS NULL")
    assert unowned_vips[0][0] == 0
    roles = dict(rows(storage, "SELECT role, COUNT(*) FROM staff_user GROUP BY role"))
    assert roles == {"agent": 34, "supervisor": 5, "admin": 1}
    cadences = dict(rows(storage, "SELECT segment, interval_days FROM care_cadence"))
    assert cadences["vip"] == 30 and cadences["private"] == 14


def test_consents_include_grants_refusals_and_absences(demo_db):
    storage, _, _ = demo_db
    by_kind = dict(((p, c, g), n) for p, c, g, n in rows(
        storage, "SELECT purpose, channel, granted, COUNT(*) FROM consent GROUP BY 1, 2, 3"))
    assert by_kind[("marketing", "phone", 1)] > 0 and by_kind[("marketing", "phone", 0)] > 0
    assert by_kind[("marketing", "sms", 0)] > 0
    without_phone_choice = rows(storage, """SELECT COUNT(*) FROM customer c WHERE NOT EXISTS (SELECT 1 FROM consent k
        WHERE k.customer_id = c.id AND k.purpose = 'marketing' AND k.channel = 'phone')""")[0][0]
    assert without_phone_choice > 0
    dnd_granted = rows(storage, """SELECT COUNT(*) FROM consent k JOIN customer c ON c.id = k.customer_id
        WHERE c.do_not_disturb AND k.purpose = 'marketing' AND k.channel IN ('phone', 'sms') AND k.granted""")
    assert dnd_granted[0][0] == 0


def test_products_cover_every_category_with_risk_levels_and_dual_recording(demo_db):
    from crm.codes import ProductCategory

    storage, _, _ = demo_db
    products = rows(storage, "SELECT category, risk_level, dual_recording FROM product")
    assert {p[0] for p in products} == {c.value for c in ProductCategory}
    assert {p[1] for p in products} == {1, 2, 3, 4, 5}
    assert any(p[2] for p in products) and not all(p[2] for p in products)


def test_cases_and_follow_ups_have_a_realistic_mix(demo_db):
    storage, _, _ = demo_db
    statuses = dict(rows(storage, "SELECT status, COUNT(*) FROM complaint_case GROUP BY status"))
    assert "closed" in statuses and len(set(statuses) & {"accepted", "in_progress", "awaiting_customer"}) >= 2
    soon = (NOW + dt.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M:%S.000000Z")
    open_due = [due for (due,) in rows(storage, "SELECT resolution_due FROM complaint_case WHERE status IN "
                                                "('accepted', 'in_progress', 'awaiting_customer')")]
    assert len(open_due) >= 3 and any(due < soon for due in open_due)  # some near or past their deadline
    assert rows(storage, "SELECT COUNT(*) FROM complaint_case WHERE status = 'closed' AND (root_cause = '' "
                         "OR corrective_action = '' OR NOT further_channels_told)")[0][0] == 0
    assert rows(storage, "SELECT COUNT(*) FROM complaint_case WHERE accused_staff_id = owner_id")[0][0] == 0
    case_nos = [n for (n,) in rows(storage, "SELECT case_no FROM complaint_case")]
    assert len(set(case_nos)) == len(case_nos)
    fu = dict(rows(storage, "SELECT status, COUNT(*) FROM follow_up GROUP BY status"))
    assert fu["done"] > fu["open"] > 0
    overdue = rows(storage, "SELECT COUNT(*) FROM follow_up WHERE status = 'open' AND due_at < ?", (NOW_TEXT,))
    assert overdue[0][0] > 0
    chained = rows(storage, "SELECT f.due_at, p.due_at FROM follow_up f JOIN follow_up p ON p.id = f.chained_from_id")
    assert chained and all(after > before for after, before in chained)
    assert rows(storage, "SELECT COUNT(*) FROM escalation WHERE kind = 'fraud'")[0][0] > 0


def test_same_seed_gives_the_same_data_and_another_seed_other_data(tmp_path):
    names = []
    for name, seed in (("a", SEED), ("b", SEED), ("c", SEED + 1)):
        storage, _, _ = _make(tmp_path / name, customers=50, interactions=300, seed=seed)
        try:
            names.append(rows(storage, "SELECT name, id_number FROM customer ORDER BY id LIMIT 20")
                         + rows(storage, "SELECT ts, notes FROM interaction ORDER BY id LIMIT 20"))
        finally:
            storage.close()
    assert names[0] == names[1]
    assert names[0] != names[2]
    assert any(len(n) == 2 for n, _i in names[0][:20]) and any(len(n) == 3 for n, _i in names[0][:20])


def test_a_second_run_adds_data_and_reuses_reference_rows(tmp_path):
    storage, first, _ = _make(tmp_path, customers=60, interactions=400)
    try:
        second = demo.generate(customers=60, interactions=400, seed=SEED, now=NOW)
        assert {t: second["counts"][t] for t in ("staff_user", "product", "department", "case_category",
                                                 "care_cadence")} == dict.fromkeys(
            ("staff_user", "product", "department", "case_category", "care_cadence"), 0)
        assert rows(storage, "SELECT COUNT(*) FROM customer")[0][0] == 120
        assert rows(storage, "SELECT COUNT(DISTINCT id_number) FROM customer")[0][0] == 120
        assert rows(storage, "SELECT COUNT(*), COUNT(DISTINCT case_no) FROM complaint_case")[0] == (
            first["counts"]["complaint_case"] + second["counts"]["complaint_case"],) * 2
        first_names = rows(storage, "SELECT name FROM customer WHERE id <= 20 ORDER BY id")
        second_names = rows(storage, "SELECT name FROM customer WHERE id > 60 ORDER BY id LIMIT 20")
        assert first_names != second_names  # new people, not copies
        # Interactions only: they go to the existing customers, whose last contact is kept exact.
        third = demo.generate(customers=0, interactions=300, seed=9, now=NOW + dt.timedelta(days=1))
        assert third["counts"]["interaction"] == 300 and third["counts"]["customer"] == 0
        assert rows(storage, """SELECT COUNT(*) FROM customer c WHERE COALESCE(c.last_contact_at, '') <>
            COALESCE((SELECT MAX(i.ts) FROM interaction i WHERE i.customer_id = c.id), '')""")[0][0] == 0
    finally:
        storage.close()


def test_an_empty_request_only_ensures_reference_data(tmp_path):
    storage, report, _ = _make(tmp_path, customers=0, interactions=50)
    try:
        assert report["counts"]["customer"] == 0 and report["counts"]["interaction"] == 0
        assert report["counts"]["staff_user"] == 40
    finally:
        storage.close()


@pytest.mark.parametrize("copy", [True, False], ids=["copy", "insert_values"])
def test_postgresql(pg_url, monkeypatch, copy):
    monkeypatch.setattr(BulkWriter, "PG_COPY", copy)
    storage = db.open_url(pg_url)
    try:
        report = demo.generate(customers=80, interactions=600, seed=3, now=NOW)
        again = demo.generate(customers=20, interactions=100, seed=3, now=NOW)
        assert again["counts"]["staff_user"] == 0
        for table, added in report["counts"].items():
            assert rows(storage, f'SELECT COUNT(*) FROM "{table}"')[0][0] == added + again["counts"][table], table
        assert rows(storage, """SELECT COUNT(*) FROM customer c WHERE c.last_contact_at IS DISTINCT FROM
            (SELECT MAX(i.ts) FROM interaction i WHERE i.customer_id = c.id)""")[0][0] == 0
        from crm.models import Customer

        created = Customer.create(name="新客户")  # the id sequences moved past the generated ids
        assert created.id == 101
    finally:
        storage.close()


def test_every_mobile_prefix_the_demo_uses_is_a_valid_mainland_range():
    import random

    from crm.demo.people import MOBILE_PREFIXES

    rng = random.Random(5)
    for prefix in MOBILE_PREFIXES:
        for _ in range(20):
            number = f"{prefix}{rng.randrange(10**8):08d}"
            assert identifiers.normalize_phone(number) == number and identifiers.is_mainland_mobile(number)


def test_opportunities_come_from_the_rules_and_leads_reach_every_state_with_and_without_consent(demo_db):
    storage, report, lines = demo_db
    from crm.detection import default_detector

    opps = rows(storage, 'SELECT o."rule_id", o."evidence_start", o."evidence_end", o."evidence_text", i."notes", '
                         'i."fraud_flag" FROM "opportunity" o JOIN "interaction" i ON i."id" = o."interaction_id"')
    assert len(opps) > 50
    rules = {r.id for r in default_detector().rules("opportunity")}
    for rule, start, end, evidence, notes, fraud in opps:
        assert rule in rules and not fraud  # a fraud-flagged interaction never yields an opportunity
        assert notes[start:end] == evidence
    states = dict(rows(storage, 'SELECT "state", COUNT(*) FROM "lead" GROUP BY "state"'))
    assert set(states) == {"new", "handed_over", "accepted", "contacted", "won", "lost", "invalid"}
    blocks = dict(rows(storage, 'SELECT "block_reason", COUNT(*) FROM "lead" WHERE "block_reason" IS NOT NULL '
                                'GROUP BY 1'))
    assert {"no_marketing_consent", "channel_refused"} <= set(blocks)
    # Only leads that pass every check went out, each in a recorded batch with its checksum.
    assert rows(storage, 'SELECT COUNT(*) FROM "lead" WHERE "state" <> \'new\' AND ("batch_id" IS NULL '
                         'OR ("block_reason" IS NOT NULL AND "override_reason" IS NULL))')[0][0] == 0
    batches = rows(storage, 'SELECT "row_count", "file_sha256" FROM "export_batch"')
    assert batches and all(n > 0 and len(sha) == 64 for n, sha in batches)
    assert any(line.startswith("leads ") for line in lines)
