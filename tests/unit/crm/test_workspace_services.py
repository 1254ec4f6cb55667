"""The agent's call on both backends: verify without revealing, lockout, reveal, log a call, the timeline."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from stdnum.cn import ric

from crm.codes import StaffRole
from crm.errors import NotFound, PermissionDenied, ValidationError
from crm.models import AuditLog, Customer, FollowUp, Interaction, StaffUser, VerificationAttempt
from crm.services import customers, interactions, timeline, verification
from crm.services.customers import NewCustomer
from crm.services.interactions import NewInteraction

ID_BODY = "31010419580704321"
ID_NUMBER = ID_BODY + ric.calc_check_digit(ID_BODY + "0")
CARD = "6222021234567890"


@pytest.fixture
def world(storage):
    agent = StaffUser.create(username="agent1", display_name="李客服", role=StaffRole.AGENT)
    boss = StaffUser.create(username="boss", display_name="王主管", role=StaffRole.SUPERVISOR)
    cust = customers.create_customer(agent, NewCustomer(
        name="欧阳娜娜", phones=("13811112222",), reserved_phone="13933334444", id_number=ID_NUMBER,
        cards=((CARD, "debit"),)))
    return agent, boss, cust.id


def _verify(agent, cid, **kw):
    args = dict(name="欧阳娜娜", id_number=ID_NUMBER, card_or_mobile=CARD)
    args.update(kw)
    return verification.verify(agent, cid, **args)


def test_verification_answers_per_element_and_never_the_value(world):
    agent, _boss, cid = world
    ok = _verify(agent, cid, name=" 歐陽娜娜 ", id_number=ID_NUMBER.lower())
    assert ok.success and ok.elements == {"name": True, "id_number": True, "card_number": True}
    partial = _verify(agent, cid, card_or_mobile="13811112222")  # a phone, but not the reserved one
    assert not partial.success and partial.elements["reserved_mobile"] is False
    assert partial.status == "partial"
    assert _verify(agent, cid, card_or_mobile="139 3333 4444").success
    stored = json.dumps([a.results for a in VerificationAttempt.select()])
    assert ID_NUMBER not in stored and CARD not in stored and "1393333" not in stored
    audit_text = json.dumps([a.detail for a in AuditLog.select()], ensure_ascii=False)
    assert ID_NUMBER not in audit_text and CARD not in audit_text


def test_repeated_failures_lock_verification(world):
    agent, _boss, cid = world
    results = [_verify(agent, cid, id_number="110101199001011237") for _ in range(3)]
    assert [r.failures_left for r in results] == [2, 1, 0]
    with pytest.raises(PermissionDenied) as err:
        _verify(agent, cid)
    assert err.value.code == "verification_locked"
    assert verification.locked_until(cid) is not None
    # An expired window unlocks: move the failures back in time.
    VerificationAttempt.update(ts=dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)).execute()
    assert _verify(agent, cid).success


def test_empty_element_is_a_validation_error(world):
    agent, _boss, cid = world
    with pytest.raises(ValidationError) as err:
        _verify(agent, cid, id_number="  ")
    assert err.value.details["field"] == "id_number"


def test_reveal_is_supervisor_only_with_reason_and_audited(world):
    agent, boss, cid = world
    with pytest.raises(PermissionDenied):
        verification.reveal(agent, cid, "id_number", "customer asked for it")
    with pytest.raises(ValidationError) as err:
        verification.reveal(boss, cid, "id_number", " ")
    assert err.value.details["field"] == "reason"
    assert verification.reveal(boss, cid, "id_number", "监管调阅 2026-118") == ID_NUMBER
    row = AuditLog.select().where(AuditLog.action == "reveal").get()
    assert row.actor_id == boss.id and row.detail["field"] == "id_number" and ID_NUMBER not in json.dumps(row.detail)


def test_log_call_with_low_score_creates_supervisor_followup(world):
    agent, boss, cid = world
    attempt = _verify(agent, cid)
    saved = interactions.log_interaction(agent, NewInteraction(
        customer_id=cid, channel="inbound_call", category="complaint", notes="客户反映网点排队时间太长",
        duration_s=245, outcome="follow_up", satisfaction=2, satisfaction_reason="等待太久",
        feedback=(("service", None, "排队太久"),), verification_attempt_ids=(attempt.attempt_id,)))
    row = Interaction.get_by_id(saved.id)
    assert row.verification == "passed" and row.direction == "in" and row.satisfaction == 2
    follow = FollowUp.get_by_id(saved.followup_ids[0])
    assert follow.owner_id == boss.id and follow.purpose == "supervisor_call" and follow.customer_id == cid
    assert Customer.get_by_id(cid).last_contact_at == row.ts
    assert VerificationAttempt.get_by_id(attempt.attempt_id).interaction_id == saved.id


@pytest.mark.parametrize(("changes", "field", "code"), [
    ({"satisfaction": 1}, "satisfaction_reason", "reason_required"),
    ({"satisfaction": 7}, "satisfaction", "out_of_range"),
    ({"channel": "fax"}, "channel", "invalid_choice"),
    ({"notes": "客户说他的取款密码是 123456"}, "notes", "auth_data_in_notes"),
    ({"notes": "短信验证码：482913，已提醒勿告诉他人"}, "notes", "auth_data_in_notes"),
    ({"duration_s": -5}, "duration_s", "out_of_range"),
])
def test_bad_interaction_names_the_field_and_saves_nothing(world, changes, field, code):
    agent, _boss, cid = world
    args = dict(customer_id=cid, channel="inbound_call", category="consultation", notes="咨询转账限额")
    args.update(changes)
    with pytest.raises(ValidationError) as err:
        interactions.log_interaction(agent, NewInteraction(**args))
    assert (err.value.code, err.value.details["field"]) == (code, field)
    assert Interaction.select().count() == 0 and FollowUp.select().count() == 0


def test_unknown_customer(world):
    agent, _boss, _cid = world
    with pytest.raises(NotFound):
        interactions.log_interaction(agent, NewInteraction(customer_id=999999, channel="sms", category="consultation"))


def test_timeline_pages_newest_first_without_gaps_or_repeats(world):
    agent, _boss, cid = world
    base = dt.datetime(2026, 1, 1, 9, tzinfo=dt.timezone.utc)
    for i in range(120):
        interactions.log_interaction(agent, NewInteraction(
            customer_id=cid, channel="online_chat", category="consultation", notes=f"第{i}次咨询",
            ts=base + dt.timedelta(minutes=i // 2)))  # pairs share a timestamp
    customers.update_customer(agent, cid, Customer.get_by_id(cid).version, {"segment": "vip"})
    seen = []
    cursor = None
    while True:
        items = timeline.page(cid, after=cursor, limit=25)
        if not items:
            break
        seen.extend(items)
        cursor = items[-1].cursor
    keys = [(i.kind, i.id) for i in seen]
    assert len(keys) == len(set(keys))
    assert sum(1 for i in seen if i.kind == "interaction") == 120
    assert {"change"} <= {i.kind for i in seen}
    stamps = [i.cursor for i in seen]
    assert stamps == sorted(stamps, reverse=True)
    assert seen[0].kind == "change"  # the segment change is the newest thing
    first = [i for i in seen if i.kind == "interaction"][0]
    assert first.summary["notes"] == "第119次咨询" and first.summary["staff"] == "李客服"


def test_low_score_call_is_listed_first_in_the_timeline(world):
    agent, _boss, cid = world
    saved = interactions.log_interaction(agent, NewInteraction(
        customer_id=cid, channel="inbound_call", category="complaint", notes="排队太久",
        satisfaction=1, satisfaction_reason="等待太久"))
    first, second = timeline.page(cid, limit=2)
    assert (first.kind, first.id) == ("interaction", saved.id)
    assert (second.kind, second.id) == ("followup", saved.followup_ids[0])
    assert second.summary["note"] == "等待太久"


def test_many_items_sharing_one_timestamp_survive_paging(world):
    agent, _boss, cid = world
    same = dt.datetime(2026, 2, 1, 9, tzinfo=dt.timezone.utc)
    for i in range(30):
        interactions.log_interaction(agent, NewInteraction(
            customer_id=cid, channel="sms", category="consultation", notes=f"群发{i}", ts=same))
    seen, cursor = [], None
    while items := timeline.page(cid, after=cursor, limit=7):
        seen.extend(items)
        cursor = items[-1].cursor
    assert sum(1 for i in seen if i.kind == "interaction") == 30
    assert len({(i.kind, i.id) for i in seen}) == len(seen)


def test_customer_notes_refuse_auth_data_and_ids_are_unique(world):
    agent, _boss, cid = world
    version = Customer.get_by_id(cid).version
    with pytest.raises(ValidationError) as err:
        customers.update_customer(agent, cid, version, {"notes": "客户说密码是 888888"})
    assert err.value.code == "auth_data_in_notes" and err.value.details["field"] == "notes"
    with pytest.raises(ValidationError) as err:
        customers.create_customer(agent, NewCustomer(name="冒名者", id_number=ID_NUMBER))
    assert err.value.code == "duplicate" and err.value.details["existing"] == cid
    customers.update_customer(agent, cid, version, {"risk_assessed_on": dt.date(2026, 3, 1)})
    assert Customer.get_by_id(cid).risk_expires_on == dt.date(2027, 3, 1)
    change = [i for i in timeline.page(cid) if i.kind == "change"][0]
    assert change.summary["actor"] == "李客服"
