"""Reminders on both backends: what came due since the last check, snoozing, nothing shown twice."""

from __future__ import annotations

import datetime as dt

import pytest
from loop_world import at, make_world

from crm.codes import FollowUpPurpose
from crm.errors import PermissionDenied, ValidationError
from crm.services import cases, followups, reminders


@pytest.fixture
def w(storage):
    return make_world()


def promise(w, due):
    return followups.create(w.agent, w.customer_id, due, FollowUpPurpose.COMPLAINT_FEEDBACK, owner=w.agent,
                            note="告知处理进度\n第二行")


def test_a_due_follow_up_is_shown_once(w):
    fid = promise(w, at(2026, 11, 23, 10))
    shown: set[str] = set()
    assert reminders.due_reminders(w.agent, at(2026, 11, 23, 9, 59), shown) == []
    (r,) = reminders.due_reminders(w.agent, at(2026, 11, 23, 10, 1), shown)
    assert (r.kind, r.id, r.customer_name, r.phone, r.label) == ("followup", fid, "张三丰", "138****5678",
                                                                   "告知处理进度")
    assert r.key in shown
    assert reminders.due_reminders(w.agent, at(2026, 11, 23, 10, 2), shown) == []
    assert reminders.due_reminders(w.agent2, at(2026, 11, 23, 10, 2), set()) == []
    # Rescheduled by a failed attempt: it reminds again when the new time comes, once.
    followups.record_attempt(w.agent, fid, "no_answer", now=at(2026, 11, 23, 10, 5))
    assert reminders.due_reminders(w.agent, at(2026, 11, 24, 10), shown) == []
    assert len(reminders.due_reminders(w.agent, at(2026, 11, 24, 10, 6), shown)) == 1
    # Handled: never again.
    followups.record_attempt(w.agent, fid, "reached", now=at(2026, 11, 24, 10, 7))
    assert reminders.due_reminders(w.agent, at(2026, 11, 24, 11), set()) == []


def test_snooze(w):
    fid = promise(w, at(2026, 11, 23, 10))
    shown: set[str] = set()
    assert len(reminders.due_reminders(w.agent, at(2026, 11, 23, 10), shown)) == 1
    reminders.snooze(w.agent, fid, at(2026, 11, 23, 10, 30), now=at(2026, 11, 23, 10, 1))
    assert reminders.due_reminders(w.agent, at(2026, 11, 23, 10, 29), set()) == []  # even for a fresh session
    again = reminders.due_reminders(w.agent, at(2026, 11, 23, 10, 31), shown)
    assert [r.due_at for r in again] == [at(2026, 11, 23, 10, 30)]
    assert reminders.due_reminders(w.agent, at(2026, 11, 23, 10, 40), shown) == []
    with pytest.raises(PermissionDenied):
        reminders.snooze(w.agent2, fid, at(2026, 11, 23, 11), now=at(2026, 11, 23, 10))
    with pytest.raises(ValidationError) as err:
        reminders.snooze(w.agent, fid, at(2026, 11, 23, 9), now=at(2026, 11, 23, 10))
    assert err.value.details["field"] == "until"
    reminders.snooze(w.supervisor, fid, at(2026, 11, 23, 11), now=at(2026, 11, 23, 10))


def test_case_deadlines_remind_when_they_come_due(w):
    case = cases.open_case(w.agent, w.customer_id, "fees", "年费", now=at(2026, 11, 23, 9))
    shown: set[str] = set()
    assert reminders.due_reminders(w.agent, at(2026, 11, 23, 10), shown) == []
    (late,) = reminders.due_reminders(w.agent, at(2026, 11, 23, 11, 1), shown)
    assert (late.kind, late.id, late.purpose, late.state, late.label) == ("case", case.id, "first_feedback",
                                                                          "overdue", case.case_no)
    assert reminders.due_reminders(w.agent, at(2026, 11, 23, 12), shown) == []
    cases.add_note(w.agent, case.id, "已告知客户", informed_customer=True, now=at(2026, 11, 23, 12))
    near = case.resolution_due - dt.timedelta(days=2)
    (r,) = reminders.due_reminders(w.agent, near, shown)
    assert (r.purpose, r.state) == ("resolution", "near")
    (r,) = reminders.due_reminders(w.agent, case.resolution_due + dt.timedelta(minutes=1), shown)
    assert (r.purpose, r.state) == ("resolution", "overdue")


def test_at_most_limit_and_the_rest_later(w):
    for i in range(5):
        promise(w, at(2026, 11, 23, 9, i))
    shown: set[str] = set()
    first = reminders.due_reminders(w.agent, at(2026, 11, 23, 10), shown, limit=3)
    assert [r.due_at.minute for r in first] == [4, 3, 2]
    assert len(reminders.due_reminders(w.agent, at(2026, 11, 23, 10), shown, limit=3)) == 2
