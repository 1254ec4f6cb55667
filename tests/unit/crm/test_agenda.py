"""The agent's day and the supervisor's queues on both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from loop_world import at, make_world
from playhouse.test_utils import count_queries

from crm.codes import FollowUpPurpose
from crm.models import Customer
from crm.services import agenda, cases, followups

NOW = at(2026, 11, 25, 14)  # Wednesday afternoon


@pytest.fixture
def w(storage):
    world = make_world()
    Customer.update(owner=world.agent.id, last_contact_at=NOW - dt.timedelta(days=5)).execute()
    return world


def promise(w, due, owner=None, purpose=FollowUpPurpose.OTHER):
    return followups.create(w.agent, w.customer_id, due, purpose, owner=owner or w.agent)


def test_my_day_sections(w):
    old = promise(w, at(2026, 11, 20, 10))  # last Friday: rolled over
    morning = promise(w, at(2026, 11, 25, 9))  # earlier today: overdue now
    later = promise(w, at(2026, 11, 25, 16))
    tomorrow = promise(w, at(2026, 11, 26, 9))
    week = promise(w, at(2026, 12, 2, 23))
    promise(w, at(2026, 12, 3, 0, 1))  # beyond the 7 days
    promise(w, at(2026, 11, 25, 15), owner=w.agent2)
    followups.record_attempt(w.agent, promise(w, at(2026, 11, 24, 9)), "reached", now=at(2026, 11, 24, 9))
    day = agenda.my_day(w.agent, NOW)
    assert [r.id for r in day.overdue] == [old, morning]
    assert [r.id for r in day.today] == [later]
    assert [r.id for r in day.upcoming] == [tomorrow, week]
    assert day.today_start == at(2026, 11, 25)
    assert day.overdue[0].due_at < day.today_start <= day.overdue[1].due_at  # rolled over vs late today
    entry = day.overdue[0]
    assert entry.customer_name == "张三丰" and entry.phone == "138****5678" and entry.customer_id == w.customer_id
    # Days later, the overdue promise is still there until it is done.
    assert old in [r.id for r in agenda.my_day(w.agent, at(2026, 12, 10, 9)).overdue]
    followups.record_attempt(w.agent, old, "reached", now=at(2026, 12, 10, 9))
    assert old not in [r.id for r in agenda.my_day(w.agent, at(2026, 12, 10, 9)).overdue]


def test_care_customers_and_case_alerts_join_the_day(w):
    far = NOW + dt.timedelta(days=40)  # the VIP's 30 days have run out by then
    day = agenda.my_day(w.agent, far)
    assert [c.customer_name for c in day.care_due] == ["张三丰"] and day.care_due_total == 1
    case = cases.open_case(w.agent, w.customer_id, "fees", "年费", now=at(2026, 11, 25, 9))
    alerts = agenda.my_day(w.agent, NOW).cases
    assert [(a.case_id, a.state, a.which) for a in alerts] == [(case.id, "overdue", "first_feedback")]
    assert agenda.my_day(w.agent2, NOW).cases == ()


def test_my_day_runs_a_fixed_number_of_queries(w):
    for i in range(3):
        promise(w, NOW + dt.timedelta(hours=i - 1))
    with count_queries() as few:
        agenda.my_day(w.agent, NOW)
    for i in range(30):
        promise(w, NOW + dt.timedelta(hours=i - 10))
    with count_queries() as many:
        agenda.my_day(w.agent, NOW)
    assert many.count == few.count <= 10


def test_supervisor_queues(w):
    promise(w, at(2026, 11, 20, 10))
    promise(w, at(2026, 11, 25, 16))
    promise(w, at(2026, 11, 27, 10))
    promise(w, at(2026, 11, 20, 10), owner=w.agent2)
    cases.open_case(w.agent, w.customer_id, "fees", "年费", now=at(2026, 11, 2, 9))
    rows = {r.username: r for r in agenda.queues(NOW + dt.timedelta(days=40))}
    assert rows["li.agent"].care_due == 1
    booked = promise(w, NOW + dt.timedelta(days=41), purpose=FollowUpPurpose.PERIODIC_CARE)
    assert {r.username: r for r in agenda.queues(NOW + dt.timedelta(days=40))}["li.agent"].care_due == 0
    followups.cancel(w.agent, booked, "客户已来网点")
    rows = {r.username: r for r in agenda.queues(NOW)}
    li, wang = rows["li.agent"], rows["wang.agent"]
    assert (li.open, li.overdue, li.due_today, li.upcoming) == (3, 1, 1, 1)
    assert (wang.open, wang.overdue) == (1, 1)
    assert (li.cases_open, li.cases_near + li.cases_overdue) == (1, 1)
    assert rows["zhao.sup"].open == 0 and rows["zhao.sup"].role == "supervisor"
