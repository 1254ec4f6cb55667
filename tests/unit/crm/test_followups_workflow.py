"""Follow-up outcomes on both backends: the retry policy over working days, escalation after three failed
attempts, chaining (satisfaction visit, supervisor call), and moving an absent agent's queue."""

from __future__ import annotations

import datetime as dt

import pytest
from loop_world import at, make_world

from crm.codes import FollowUpPurpose
from crm.errors import ConflictError, PermissionDenied, ValidationError
from crm.models import AuditLog, Customer, FollowUp
from crm.services import case_workflow, cases, followups
from crm.services.base import now_utc


@pytest.fixture
def w(storage):
    return make_world()


def promise(w, due, purpose=FollowUpPurpose.PERIODIC_CARE, owner=None, **kw):
    return followups.create(w.agent, w.customer_id, due, purpose, owner=owner or w.agent, **kw)


def test_schedule_keeps_its_contract_and_returns_masked_rows(w):
    fid = followups.schedule(w.agent, w.customer_id, now_utc() + dt.timedelta(days=1), "periodic_care", note="理财到期")
    row = followups.get(fid)
    assert row.customer_name == "张三丰" and row.phone == "138****5678" and row.status == "open"
    assert row.owner_id == w.agent.id and row.note == "理财到期"


def test_no_answer_retries_next_working_day_same_time_then_escalates(w):
    fid = promise(w, at(2026, 9, 30, 15))
    first = followups.record_attempt(w.agent, fid, "no_answer", note="无人接听", now=at(2026, 9, 30, 15, 5))
    assert first.followup.due_at == at(2026, 10, 8, 15, 5) and first.followup.attempts == 1  # after National Day
    second = followups.record_attempt(w.agent, fid, "busy", now=at(2026, 10, 8, 15, 5))
    assert second.followup.due_at == at(2026, 10, 9, 15, 5) and not second.escalated
    third = followups.record_attempt(w.agent, fid, "no_answer", now=at(2026, 10, 9, 15, 6))
    assert third.escalated and third.followup.status == "escalated" and third.followup.attempts == 3
    (sup_id,) = third.created
    task = FollowUp.get_by_id(sup_id)
    assert task.owner_id == w.supervisor.id and task.purpose == FollowUpPurpose.SUPERVISOR_CALL
    assert task.chained_from_id == fid and task.due_at == at(2026, 10, 9, 16, 6)
    history = followups.attempts_of(fid)
    assert [(a.outcome, a.rescheduled_to) for a in history] == [
        ("no_answer", at(2026, 10, 8, 15, 5)), ("busy", at(2026, 10, 9, 15, 5)), ("no_answer", None)]
    assert history[0].note == "无人接听"
    with pytest.raises(ValidationError) as err:
        followups.record_attempt(w.agent, fid, "reached")
    assert err.value.code == "not_open"


def test_call_back_later_needs_the_time_and_does_not_count_as_failure(w):
    fid = promise(w, at(2026, 11, 23, 10))
    with pytest.raises(ValidationError) as err:
        followups.record_attempt(w.agent, fid, "call_back_later", now=at(2026, 11, 23, 10))
    assert err.value.details["field"] == "reschedule_to"
    for i in range(4):
        result = followups.record_attempt(w.agent, fid, "call_back_later", note="客户开会",
                                          reschedule_to=at(2026, 11, 24 + i, 16), now=at(2026, 11, 23 + i, 10))
        assert result.followup.status == "open" and result.followup.due_at == at(2026, 11, 24 + i, 16)


def test_wrong_number_escalates_at_once(w):
    fid = promise(w, at(2026, 11, 23, 10))
    result = followups.record_attempt(w.agent, fid, "wrong_number", now=at(2026, 11, 23, 10))
    assert result.escalated and FollowUp.get_by_id(result.created[0]).note.startswith("escalation:wrong_number")


def test_reached_resets_care_and_low_score_chains_a_supervisor_call(w):
    fid = promise(w, at(2026, 11, 23, 10), FollowUpPurpose.SATISFACTION_VISIT)
    result = followups.record_attempt(w.agent, fid, "reached", score=2, now=at(2026, 11, 23, 10, 3))
    assert result.followup.status == "done" and result.followup.completed_at == at(2026, 11, 23, 10, 3)
    assert Customer.get_by_id(w.customer_id).last_contact_at == at(2026, 11, 23, 10, 3)
    (chained,) = result.created
    task = FollowUp.get_by_id(chained)
    assert (task.purpose, task.owner_id, task.chained_from_id) == (FollowUpPurpose.SUPERVISOR_CALL,
                                                                    w.supervisor.id, fid)
    with pytest.raises(ValidationError) as err:
        followups.record_attempt(w.agent, promise(w, at(2026, 11, 23, 11)), "no_answer", score=3)
    assert err.value.details["field"] == "score"


def test_feedback_on_a_resolved_complaint_chains_the_satisfaction_visit(w):
    case = cases.open_case(w.agent, w.customer_id, "fees", "年费", now=at(2026, 11, 23, 10))
    case_workflow.resolve_case(w.agent, case.id, "已退还", now=at(2026, 11, 24, 10))
    fid = promise(w, at(2026, 11, 24, 11), FollowUpPurpose.COMPLAINT_FEEDBACK, case_id=case.id)
    result = followups.record_attempt(w.agent, fid, "reached", now=at(2026, 11, 24, 11))
    (visit_id,) = result.created
    visit = FollowUp.get_by_id(visit_id)
    assert visit.purpose == FollowUpPurpose.SATISFACTION_VISIT and visit.chained_from_id == fid
    assert visit.due_at == at(2026, 11, 25, 11)
    # Closing later does not add a second visit.
    case_workflow.close_case(w.agent, case.id, root_cause="a", corrective_action="b", further_channels_told=True)
    assert FollowUp.select().where(FollowUp.purpose == FollowUpPurpose.SATISFACTION_VISIT).count() == 1


def test_stale_versions_are_refused(w):
    fid = promise(w, at(2026, 11, 23, 10))
    followups.record_attempt(w.agent, fid, "busy", now=at(2026, 11, 23, 10))
    with pytest.raises(ConflictError):
        followups.record_attempt(w.agent, fid, "reached", expected_version=1)


def test_reassign_moves_only_open_ones_and_only_for_supervisors(w):
    open_ids = [promise(w, at(2026, 11, 24 + i, 10)) for i in range(3)]
    done = promise(w, at(2026, 11, 23, 9))
    followups.record_attempt(w.agent, done, "reached", now=at(2026, 11, 23, 9))
    with pytest.raises(PermissionDenied):
        followups.reassign(w.agent2, w.agent, w.agent2)
    with pytest.raises(ValidationError):
        followups.reassign(w.supervisor, w.agent, w.agent)
    assert followups.reassign(w.supervisor, w.agent, w.agent2, ids=open_ids[:1]) == open_ids[:1]
    assert followups.reassign(w.supervisor, w.agent, w.agent2) == open_ids[1:]
    owners = {r.id: r.owner_id for r in FollowUp.select()}
    assert all(owners[i] == w.agent2.id for i in open_ids) and owners[done] == w.agent.id
    assert FollowUp.get_by_id(open_ids[0]).version == 2
    moves = [a for a in AuditLog.select().where(AuditLog.entity == "followup") if a.detail.get("reason") == "reassign"]
    assert sorted(int(a.entity_id) for a in moves) == open_ids and {a.actor_id for a in moves} == {w.supervisor.id}


def test_reschedule_and_cancel_need_a_reason(w):
    fid = promise(w, now_utc() + dt.timedelta(hours=1))
    with pytest.raises(ValidationError):
        followups.reschedule(w.agent, fid, now_utc() + dt.timedelta(days=1), "")
    moved = followups.reschedule(w.agent, fid, now_utc() + dt.timedelta(days=1), "客户出差")
    assert moved.version == 2
    assert followups.cancel(w.agent, fid, "客户已到网点办理").status == "cancelled"
