"""Care cadences on both backends: per-segment intervals with overrides, due customers from the last real
contact, computed by indexed queries without pre-generating rows."""

from __future__ import annotations

import datetime as dt

import pytest
from loop_world import at, make_world

from crm import db
from crm.codes import FollowUpPurpose
from crm.errors import PermissionDenied, ValidationError
from crm.models import CareCadence, Customer, FollowUp
from crm.services import cadence, customers, followups, interactions
from crm.services.customers import NewCustomer
from crm.services.interactions import NewInteraction

NOW = at(2026, 11, 23, 10)


@pytest.fixture
def w(storage):
    return make_world()


def customer(w, name, segment, last_contact_days=None, created_days=400, owner=None, **extra):
    cid = customers.create_customer(w.agent, NewCustomer(name=name, segment=segment, phones=("13900001111",))).id
    last = NOW - dt.timedelta(days=last_contact_days) if last_contact_days is not None else None
    Customer.update(last_contact_at=last, created_at=NOW - dt.timedelta(days=created_days),
                    owner=(owner or w.agent).id, **extra).where(Customer.id == cid).execute()
    return cid


def due_names(owner, now=NOW, **kw):
    rows, total = cadence.due_customers(owner, now, **kw)
    assert total == len(rows)
    return [r.customer_name for r in rows]


def test_defaults_then_editable_table(w):
    assert cadence.intervals() == {"vip": 30, "private": 14}
    with pytest.raises(PermissionDenied):
        cadence.set_interval(w.agent, "vip", 20)
    with pytest.raises(ValidationError):
        cadence.set_interval(w.supervisor, "vip", 0)
    assert cadence.set_interval(w.supervisor, "standard", 180) == {"vip": 30, "private": 14, "standard": 180}
    assert cadence.set_interval(w.supervisor, "private", None) == {"vip": 30, "standard": 180}
    assert cadence.set_interval(w.supervisor, "vip", 21)["vip"] == 21
    assert CareCadence.select().count() == 2


def test_due_customers_follow_the_last_real_contact(w):
    Customer.update(owner=None).where(Customer.id == w.customer_id).execute()
    customer(w, "贵宾甲", "vip", last_contact_days=31)
    customer(w, "贵宾乙", "vip", last_contact_days=29)
    customer(w, "贵宾丙", "vip", created_days=40)  # never contacted: counts from creation
    customer(w, "贵宾新", "vip", created_days=3)
    customer(w, "私行甲", "private", last_contact_days=15)
    customer(w, "普通甲", "standard", last_contact_days=900)  # standard: no cadence
    customer(w, "普通例外", "standard", last_contact_days=9, care_interval_days=7)  # per-customer override
    customer(w, "贵宾免扰", "vip", last_contact_days=90, do_not_disturb=True)
    customer(w, "别人的", "vip", last_contact_days=90, owner=w.agent2)
    booked = customer(w, "已约", "vip", last_contact_days=90)
    followups.create(w.agent, booked, NOW + dt.timedelta(days=2), FollowUpPurpose.PERIODIC_CARE, owner=w.agent)
    before = FollowUp.select().count()
    assert due_names(w.agent) == ["贵宾丙", "普通例外", "贵宾甲", "私行甲"]  # most overdue first
    assert FollowUp.select().count() == before  # nothing pre-generated
    rows, _ = cadence.due_customers(w.agent, NOW)
    assert rows[0].phone == "139****1111" and rows[0].due_since == NOW - dt.timedelta(days=10)
    assert due_names(w.agent, horizon=dt.timedelta(days=2)) == ["贵宾丙", "普通例外", "贵宾甲", "私行甲", "贵宾乙"]
    assert cadence.due_counts(NOW) == {w.agent.id: 4, w.agent2.id: 1}
    assert len(cadence.due_customers(w.agent, NOW, limit=2)[0]) == 2 and cadence.due_customers(
        w.agent, NOW, limit=2)[1] == 4


def test_a_reached_contact_resets_the_cadence(w):
    cid = customer(w, "贵宾甲", "vip", last_contact_days=45)
    assert due_names(w.agent) == ["贵宾甲"]
    interactions.log_interaction(w.agent, NewInteraction(cid, "outbound_call", "return_visit", ts=NOW))
    assert due_names(w.agent) == []
    assert cadence.next_due(cid) == NOW + dt.timedelta(days=30)
    cadence.set_customer_interval(w.agent, cid, 7)
    assert cadence.next_due(cid) == NOW + dt.timedelta(days=7)
    assert due_names(w.agent, NOW + dt.timedelta(days=8)) == ["贵宾甲"]
    cadence.set_customer_interval(w.agent, cid, None)
    assert cadence.next_due(cid) == NOW + dt.timedelta(days=30)


@pytest.fixture
def local_storage(tmp_path):
    """SQLCipher only: query plans are checked on SQLite (PostgreSQL's depend on table statistics)."""
    opened, _ = db.create_local(tmp_path / "data")
    try:
        yield opened
    finally:
        opened.close()


def test_due_queries_are_index_paths(local_storage):
    storage = local_storage
    w = make_world()
    customer(w, "贵宾甲", "vip", last_contact_days=45)
    captured = []
    original = storage.db.execute_sql

    def spy(sql, params=None, *args, **kwargs):
        if sql.startswith("SELECT") and 'FROM "customer"' in sql and "last_contact_at" in sql:
            captured.append((sql, params))
        return original(sql, params, *args, **kwargs)

    def plans():
        out = [" ".join(str(r[-1]) for r in storage.db.execute_sql("EXPLAIN QUERY PLAN " + sql, params))
               for sql, params in captured]
        captured.clear()
        return out

    storage.db.execute_sql = spy
    try:
        cadence.due_ids(w.agent, NOW)
        agent_plans = plans()
        cadence.due_ids(None, NOW)
        global_plans = plans()
    finally:
        storage.db.execute_sql = original
    # An agent's agenda: every query narrowed by an index (owner or last contact), no table scan.
    assert len(agent_plans) == 3
    assert all("SCAN t1" not in p and "USING INDEX customer_" in p for p in agent_plans), agent_plans
    # Everyone's (the supervisor's counts): each segment is a range on last_contact_at; only the few hand-set
    # per-customer overrides are found by a scan (there is no index on care_interval_days).
    assert all("USING INDEX customer_" in p and "last_contact_at" in p for p in global_plans[:2]), global_plans
