"""From a call: schedule a follow-up, open a complaint case (both backends)."""

from __future__ import annotations

import datetime as dt

import pytest

from crm.codes import StaffRole
from crm.errors import NotFound, ValidationError
from crm.models import CaseUpdate, ComplaintCase, FollowUp, StaffUser
from crm.services import cases, customers, followups
from crm.services.base import now_utc
from crm.services.customers import NewCustomer
from crm.workcalendar import default_calendar


@pytest.fixture
def ctx(storage):
    agent = StaffUser.create(username="a", display_name="A", role=StaffRole.AGENT)
    return agent, customers.create_customer(agent, NewCustomer(name="刘备")).id


def test_schedule_followup(ctx):
    agent, cid = ctx
    fid = followups.schedule(agent, cid, now_utc() + dt.timedelta(days=2), "periodic_care", note="回访理财到期")
    row = FollowUp.get_by_id(fid)
    assert row.owner_id == agent.id and row.status == "open" and row.purpose == "periodic_care"


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"purpose": "party"}, "purpose"),
    ({"due_at": dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)}, "due_at"),
    ({"due_at": dt.datetime(2030, 1, 1)}, "due_at"),
])
def test_schedule_rejects_bad_input(ctx, kwargs, field):
    agent, cid = ctx
    args = {"purpose": "other", "due_at": now_utc() + dt.timedelta(hours=1)} | kwargs
    with pytest.raises(ValidationError) as err:
        followups.schedule(agent, cid, args["due_at"], args["purpose"])
    assert err.value.details["field"] == field
    assert FollowUp.select().count() == 0


def test_open_case_numbers_and_deadlines(ctx):
    agent, cid = ctx
    first = cases.open_case(agent, cid, "fees", "信用卡年费未减免")
    second = cases.open_case(agent, cid, "service", "网点服务态度")
    assert first.case_no.endswith("-0001") and second.case_no.endswith("-0002")
    assert first.resolution_due == default_calendar().add_working_days(first.opened_at, 15)
    assert CaseUpdate.select().where(CaseUpdate.case == first.id).count() == 1
    with pytest.raises(ValidationError) as err:
        cases.open_case(agent, cid, "nonsense", "x")
    assert err.value.details["field"] == "category"
    with pytest.raises(ValidationError) as err:
        cases.open_case(agent, cid, "fees", "  ")
    assert err.value.details["field"] == "summary"
    with pytest.raises(NotFound):
        cases.open_case(agent, 99999, "fees", "x")
    assert ComplaintCase.select().count() == 2
