"""Optimistic locking: a save based on a stale read is refused and loses nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from crm.codes import Segment
from crm.errors import ConflictError, NotFound
from crm.models import AuditLog, Customer, CustomerTag
from crm.services.base import now_utc, versioned_update


@pytest.fixture
def db(storage):
    """The shared backend-parametrised storage (tests/conftest.py); these tests want its database."""
    return storage.db


@pytest.fixture
def customer(db) -> Customer:
    past = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    return Customer.create(name="张三", notes="", created_at=past, updated_at=past)


def test_now_utc_is_aware_utc():
    now = now_utc()
    assert now.tzinfo is not None and now.utcoffset() == dt.timedelta(0)


def test_second_of_two_concurrent_saves_is_refused(customer):
    first_reader = Customer.get_by_id(customer.id)
    second_reader = Customer.get_by_id(customer.id)

    new_version = versioned_update(Customer, first_reader.id, first_reader.version,
                                   {"notes": "客户要求下周回电", "segment": Segment.VIP})
    assert new_version == 2

    with pytest.raises(ConflictError) as caught:
        versioned_update(Customer, second_reader.id, second_reader.version, {"notes": "覆盖"})
    assert caught.value.code == "stale_version"
    assert caught.value.details == {"entity": "customer", "id": customer.id, "expected": 1, "current": 2}

    # The stale save wrote nothing: the first change is intact.
    stored = Customer.get_by_id(customer.id)
    assert (stored.notes, stored.segment, stored.version) == ("客户要求下周回电", Segment.VIP, 2)


def test_update_bumps_version_and_updated_at_only(customer):
    versioned_update(Customer, customer.id, 1, {Customer.name_pinyin: "zhangsan"})
    stored = Customer.get_by_id(customer.id)
    assert stored.version == 2 and stored.name_pinyin == "zhangsan"
    assert stored.created_at == customer.created_at
    assert stored.updated_at > customer.updated_at
    assert versioned_update(Customer, customer.id, 2, {"do_not_disturb": True}) == 3


def test_missing_row_is_not_found(db):
    with pytest.raises(NotFound) as caught:
        versioned_update(Customer, 424242, 1, {"notes": "x"})
    assert caught.value.details == {"entity": "customer", "id": 424242}


def test_refuses_managed_columns_unknown_fields_and_unversioned_models(customer):
    for bad in ({"version": 7}, {"updated_at": now_utc()}, {"id": 9}, {"no_such_field": 1},
                {AuditLog.entity: "x"}):
        with pytest.raises(ValueError):
            versioned_update(Customer, customer.id, 1, bad)
    with pytest.raises(TypeError):
        versioned_update(CustomerTag, 1, 1, {"tag": "x"})
    assert Customer.get_by_id(customer.id).version == 1
