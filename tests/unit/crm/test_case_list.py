"""The case board query: filters, deadline order, masked phones, and two queries per page."""

from __future__ import annotations

import pytest
from loop_world import PHONE, at, make_world

from crm.services import case_workflow, cases
from crm.services.case_list import CaseFilter, case_ids, case_rows


@pytest.fixture
def board(storage):
    w = make_world()
    old = cases.open_case(w.agent, w.customer_id, "fees", "年费", now=at(2026, 9, 1, 10))  # overdue on 25 Sep
    near = cases.open_case(w.agent2, w.customer_id, "card", "卡被吞", now=at(2026, 9, 8, 10))  # ~85 % used on 25 Sep
    fresh = cases.open_case(w.agent, w.customer_id, "loan", "利率", now=at(2026, 9, 24, 10))
    closed = cases.open_case(w.agent, w.customer_id, "service", "态度", now=at(2026, 8, 1, 10))
    case_workflow.resolve_case(w.agent, closed.id, "已致歉", now=at(2026, 8, 2, 10))
    for case in (old, near, fresh):  # the first feedback is given: only the resolution deadline counts
        cases.add_note(w.agent, case.id, "已回电", informed_customer=True, now=case.opened_at)
    return w, old, near, fresh, closed


def test_filters_keep_open_cases_soonest_deadline_first(board):
    w, old, near, fresh, closed = board
    now = at(2026, 9, 25, 10)
    assert case_ids(CaseFilter.ALL, now=now) == [old.id, near.id, fresh.id]
    assert case_ids(CaseFilter.MINE, w.agent.id, now=now) == [old.id, fresh.id]
    assert case_ids(CaseFilter.OVERDUE, now=now) == [old.id]
    assert case_ids(CaseFilter.NEAR, now=now) == [near.id]


def test_rows_carry_a_masked_phone_and_the_category_code(board):
    _w, old, _near, _fresh, _closed = board
    row = case_rows([old.id])[old.id]
    assert row.case_no == old.case_no and row.category == "fees" and row.status == "accepted"
    assert row.customer_name == "张三丰" and PHONE not in row.customer_phone and row.customer_phone[-4:] == PHONE[-4:]
    with pytest.raises(Exception):
        row.status = "closed"  # frozen
    assert case_rows([]) == {}
