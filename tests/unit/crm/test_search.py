"""Finding the caller on both backends: every kind of query, ranking, sorting, and that paths use the index."""

from __future__ import annotations

import datetime as dt

import pytest
from stdnum.cn import ric

from crm.models import Customer
from crm.services import customers, search
from crm.services.customers import NewCustomer


def _id(seq: str) -> str:
    body = "11010119800101" + seq
    return body + ric.calc_check_digit(body + "0")


@pytest.fixture
def people(storage):
    made = {}
    for name, phone, idseq, card in [
        ("张三", "13812345678", "123", "6222021234567890"),
        ("张三丰", "13900001111", "456", None),
        ("章山", "+86 137-1111-2222", "789", None),
        ("单田芳", "13611112222", "234", "6222021234560001"),
        ("曾国藩", "15011112222", "345", None),
        ("區志明", "18611112222", "567", None),  # traditional input is stored as typed, found folded
        ("John Smith", "13512340000", "678", None),
    ]:
        data = NewCustomer(name=name, phones=(phone,), id_number=_id(idseq),
                           cards=((card, "debit"),) if card else ())
        made[name] = customers.create_customer(None, data).id
    return made


@pytest.mark.parametrize(("query", "expected_first", "match"), [
    ("张三", "张三", "name"),
    ("三丰", "张三丰", "name"),
    ("zhangsan", "张三", "pinyin"),
    ("zhang s", "张三", "pinyin"),
    ("zs", "张三", "initials"),
    ("shantianfang", "单田芳", "pinyin"),
    ("dantianfang", "单田芳", "pinyin"),
    ("zengguofan", "曾国藩", "pinyin"),
    ("ouzhiming", "區志明", "pinyin"),
    ("区志明", "區志明", "name"),
    ("張三", "张三", "name"),
    ("ＺＨＡＮＧＳＡＮ", "张三", "pinyin"),
    ("+86 138 1234 5678", "张三", "phone_exact"),
    ("138-1234-5678", "张三", "phone_exact"),
    ("5678", "张三", "phone"),
    ("1234", "张三", "phone"),
    ("１１１１２２２２", "章山", "phone"),
    ("john", "John Smith", "pinyin"),
])
def test_queries_find_the_right_customer_first(people, query, expected_first, match):
    hits = search.search(query)
    assert hits, query
    assert hits[0].name == expected_first, [h.name for h in hits]
    assert hits[0].match == match
    assert "*" in hits[0].phone


def test_id_and_card_tails(people):
    id_number = Customer.get_by_id(people["曾国藩"]).id_number
    assert [h.name for h in search.search(id_number[-6:])][:1] == ["曾国藩"]
    assert search.search(id_number[-4:])[0].match in ("id_tail", "phone")
    assert "张三" in [h.name for h in search.search("567890")]
    assert "单田芳" in [h.name for h in search.search("0001")]


def test_exact_phone_ranks_before_partial(people):
    customers.create_customer(None, NewCustomer(name="王五", phones=("13812345679",)))
    hits = search.search("13812345678")
    assert hits[0].name == "张三" and hits[0].match == "phone_exact"
    partial = search.search("1381234567")
    assert {h.name for h in partial} == {"张三", "王五"}


def test_too_short_or_empty_finds_nothing(people):
    assert search.search("") == [] and search.search("  ") == [] and search.search("12") == []


def test_limit_and_sorts(people):
    assert len(search.search("1", limit=50)) == 0
    ids = search.search_ids("zh", sort="name")
    names = [Customer.get_by_id(i).name_pinyin for i in ids]
    assert names == sorted(names) and len(ids) >= 2
    Customer.update(last_contact_at=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)).where(
        Customer.id == people["张三丰"]).execute()
    assert search.search_ids("zh", sort="last_contact")[0] == people["张三丰"]
    assert search.search_ids("zh", sort="last_contact", descending=True)[0] == people["张三丰"]
    with pytest.raises(ValueError):
        search.search_ids("zh", sort="id_number; drop table customer")


def test_rename_reindexes(people):
    summary = customers.get_summary(people["章山"])
    customers.update_customer(None, summary.id, summary.version, {"name": "章山河"})
    assert search.search("山河")[0].name == "章山河"
    assert all(h.name != "章山" for h in search.search("zhangshan"))


def test_prefix_ranges_use_the_index(tmp_path):
    from crm import db
    from crm.models import CustomerSearchKey

    storage, _ = db.create_local(tmp_path)  # EXPLAIN QUERY PLAN is SQLite's; PostgreSQL is checked by results
    try:
        for kind in ("name", "py", "ini", "ph", "idt", "card"):
            query = (CustomerSearchKey.select(CustomerSearchKey.customer)
                     .where((CustomerSearchKey.kind == kind) & (CustomerSearchKey.key >= "zh")
                            & (CustomerSearchKey.key < "zh\U0010ffff")))
            sql, params = query.sql()
            plan = " ".join(str(r) for r in storage.db.execute_sql("EXPLAIN QUERY PLAN " + sql, params))
            assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
    finally:
        storage.close()
