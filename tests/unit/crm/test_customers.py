"""Customer service on both backends: validation names the field, stale edits conflict, audit is masked."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from stdnum.cn import ric

from crm.errors import ConflictError, ValidationError
from crm.models import AuditLog, Customer, CustomerCard, CustomerPhone
from crm.services import customers
from crm.services.customers import NewCustomer


def _id_number(birth: str = "19500315", area: str = "110101", seq: str = "123") -> str:
    body = area + birth + seq
    return body + ric.calc_check_digit(body + "0")  # stdnum ignores the last character


def test_create_derives_keys_and_masks(storage):
    id_number = _id_number()
    summary = customers.create_customer(None, NewCustomer(
        name="单田芳", phones=("+86 138-1234-5678",), reserved_phone="13912345678", id_number=id_number,
        cards=(("6222 0212 3456 7890", "debit"),), risk_rating="C3", risk_assessed_on=dt.date(2024, 2, 29)))
    row = Customer.get_by_id(summary.id)
    assert (row.name_pinyin, row.name_initials) == ("shantianfang", "stf")
    assert row.birth_date == dt.date(1950, 3, 15) and row.gender == "male"  # 17th digit 3 is odd
    assert row.id_tail == id_number[-6:] and row.risk_expires_on == dt.date(2025, 2, 28)
    assert summary.phone_masked == "139****5678"  # the reserved mobile is the primary one
    assert summary.id_masked.startswith("110") and summary.id_masked.endswith(id_number[-4:])
    assert "*" * 8 in summary.id_masked
    phones = {p.number: p for p in CustomerPhone.select().where(CustomerPhone.customer == summary.id)}
    assert phones["13912345678"].is_reserved and not phones["13812345678"].is_reserved
    assert phones["13812345678"].number_rev == "87654321831"
    assert summary.warnings == ("cards[0]:luhn",) or summary.warnings == ()
    assert CustomerCard.get(CustomerCard.customer == summary.id).card_tail == "567890"


@pytest.mark.parametrize(("data", "field", "code"), [
    (NewCustomer(name="  "), "name", "required"),
    (NewCustomer(name="张三", phones=("13812345678", "12345")), "phones[1]", "invalid_phone"),
    (NewCustomer(name="张三", id_number="110101195003151230"), "id_number", "invalid_id_number"),
    (NewCustomer(name="张三", cards=(("12", "debit"),)), "cards[0]", "invalid_card_number"),
    (NewCustomer(name="张三", segment="gold"), "segment", "invalid_choice"),
    (NewCustomer(name="张三", risk_rating="C9"), "risk_rating", "invalid_choice"),
    (NewCustomer(name="张三", emails=("nobody",)), "emails[0]", "invalid_email"),
])
def test_bad_input_names_the_field_and_saves_nothing(storage, data, field, code):
    if code == "invalid_id_number":  # make a wrong check digit out of a valid number
        good = _id_number()
        data = NewCustomer(name="张三", id_number=good[:-1] + ("0" if good[-1] != "0" else "1"))
    with pytest.raises(ValidationError) as err:
        customers.create_customer(None, data)
    assert err.value.code == code and err.value.details["field"] == field
    assert Customer.select().count() == 0 and CustomerPhone.select().count() == 0


def test_stale_edit_conflicts_and_keeps_the_first(storage):
    summary = customers.create_customer(None, NewCustomer(name="曾国藩", phones=("13800000001",)))
    v2 = customers.update_customer(None, summary.id, summary.version, {"segment": "vip"})
    with pytest.raises(ConflictError) as err:
        customers.update_customer(None, summary.id, summary.version, {"segment": "private"})
    assert err.value.details["expected"] == summary.version and err.value.details["current"] == v2
    assert Customer.get_by_id(summary.id).segment == "vip"


def test_edit_rejects_identifier_fields_and_bad_values(storage):
    summary = customers.create_customer(None, NewCustomer(name="解缙"))
    with pytest.raises(ValidationError) as err:
        customers.update_customer(None, summary.id, summary.version, {"id_number": "x"})
    assert err.value.details["field"] == "id_number" and err.value.code == "not_editable"
    with pytest.raises(ValidationError) as err:
        customers.update_customer(None, summary.id, summary.version, {"care_interval_days": 0})
    assert err.value.details["field"] == "care_interval_days"


def test_audit_trail_never_holds_raw_identifiers(storage):
    id_number = _id_number()
    summary = customers.create_customer(None, NewCustomer(
        name="区小姐", phones=("13812345678",), id_number=id_number))
    customers.update_customer(None, summary.id, summary.version, {"name": "区女士"})
    rows = list(AuditLog.select().where(AuditLog.entity == "customer"))
    assert [r.action for r in rows] == ["create", "update"]
    dumped = json.dumps([r.detail for r in rows], ensure_ascii=False)
    assert "13812345678" not in dumped and id_number not in dumped
    assert "138****5678" in dumped
