"""The customer view's data on both backends: masked identifiers, derived elderly, consents, contacts, tags."""

from __future__ import annotations

import datetime as dt

import pytest
from stdnum.cn import ric

from crm.errors import ValidationError
from crm.services import customer_detail, customers, search
from crm.services.customers import NewCustomer

BODY = "44030519500101002"
ID_NUMBER = BODY + ric.calc_check_digit(BODY + "0")


@pytest.fixture
def cid(storage):
    return customers.create_customer(None, NewCustomer(
        name="朴海英", phones=("13812345678",), id_number=ID_NUMBER, cards=(("6222021234567890", "debit"),),
        emails=("piao@example.com",), risk_rating="C2", risk_assessed_on=dt.date(2024, 1, 10))).id


def test_detail_masks_everything_and_derives_flags(cid):
    d = customer_detail.get_detail(cid, today=dt.date(2026, 11, 23))
    assert d.age == 76 and d.elderly and d.risk_expired
    assert d.id_masked.endswith(ID_NUMBER[-4:]) and ID_NUMBER not in repr(d)
    assert d.phones[0].masked == "138****5678" and "13812345678" not in repr(d)
    assert d.cards[0].masked.endswith("7890") and "6222021234567890" not in repr(d)
    assert d.emails == (customer_detail.get_detail(cid).emails[0],) and "piao@" not in d.emails[0]


def test_elderly_override_wins(cid):
    v = customer_detail.get_detail(cid).version
    customers.update_customer(None, cid, v, {"elderly_override": False})
    assert not customer_detail.get_detail(cid).elderly


def test_consent_latest_choice_wins(cid):
    customer_detail.record_consent(None, cid, "marketing", "phone", True, "branch_form")
    customer_detail.record_consent(None, cid, "marketing", "phone", False, "call", note="客户拒绝电话营销")
    customer_detail.record_consent(None, cid, "marketing", "sms", True, "app")
    rows = {(c.purpose, c.channel): c.granted for c in customer_detail.get_detail(cid).consents}
    assert rows == {("marketing", "phone"): False, ("marketing", "sms"): True}
    with pytest.raises(ValidationError) as err:
        customer_detail.record_consent(None, cid, "marketing", "pigeon", True, "app")
    assert err.value.details["field"] == "channel"


def test_phones_are_validated_reindexed_and_deduplicated(cid):
    row = customer_detail.add_phone(None, cid, "+86 139 8765 4321", reserved=True)
    assert row.is_reserved and row.masked == "139****4321"
    assert search.search("87654321")[0].id == cid
    with pytest.raises(ValidationError) as err:
        customer_detail.add_phone(None, cid, "13987654321")
    assert err.value.code == "duplicate"
    with pytest.raises(ValidationError) as err:
        customer_detail.add_phone(None, cid, "123")
    assert err.value.details["field"] == "phone"
    customer_detail.remove_phone(None, cid, row.id)
    assert search.search("87654321") == []


def test_tags(cid):
    assert customer_detail.set_tags(None, cid, ["代发工资", " VIP候选 ", "代发工资", ""]) == ("VIP候选", "代发工资")
    assert customer_detail.get_detail(cid).tags == ("VIP候选", "代发工资")
