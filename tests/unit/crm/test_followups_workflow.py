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


# --- the call made for a follow-up -----------------------------------------------------------------

def call(w, **kw):
    from crm.services.interactions import NewInteraction

    args = {"customer_id": w.customer_id, "channel": "outbound_call", "category": "return_visit",
            "notes": "回访：客户对处理结果满意"} | kw
    return NewInteraction(**args)


def closed_case_visit(w):
    case = cases.open_case(w.agent, w.customer_id, "fees", "年费未减免", now=at(2026, 11, 23, 10))
    case_workflow.resolve_case(w.agent, case.id, "已退还年费", now=at(2026, 11, 24, 10))
    case_workflow.close_case(w.agent, case.id, root_cause="规则未配置", corrective_action="已修复规则",
                             further_channels_told=True, now=at(2026, 11, 24, 16))
    visit = FollowUp.get((FollowUp.case == case.id) & (FollowUp.purpose == FollowUpPurpose.SATISFACTION_VISIT))
    return case, visit.id


def test_log_call_on_a_satisfaction_visit_saves_the_call_the_attempt_and_the_case_score(w):
    from crm.models import ComplaintCase, FollowUpAttempt, Interaction

    case, visit = closed_case_visit(w)
    done = followups.log_call(w.agent, visit, call(w, satisfaction=5, outcome="resolved"),
                              expected_version=1, now=at(2026, 11, 25, 16, 2))
    row = Interaction.get_by_id(done.interaction.id)
    assert (row.satisfaction, row.category, row.staff_id, row.ts) == (5, "return_visit", w.agent.id,
                                                                       at(2026, 11, 25, 16, 2))
    assert done.attempt.followup.status == "done" and done.attempt.followup.attempts == 1
    (attempt,) = FollowUpAttempt.select().where(FollowUpAttempt.followup == visit)
    assert (attempt.outcome, attempt.interaction_id, attempt.note) == ("reached", row.id, "回访：客户对处理结果满意")
    assert ComplaintCase.get_by_id(case.id).satisfaction == 5
    assert done.created == ()


def test_log_call_with_a_low_score_needs_the_reason_and_creates_one_supervisor_call(w):
    from crm.models import FollowUpAttempt, Interaction

    case, visit = closed_case_visit(w)
    with pytest.raises(ValidationError) as err:
        followups.log_call(w.agent, visit, call(w, satisfaction=2), now=at(2026, 11, 25, 16))
    assert (err.value.code, err.value.details["field"]) == ("reason_required", "satisfaction_reason")
    assert Interaction.select().count() == 0 and FollowUpAttempt.select().count() == 0
    done = followups.log_call(w.agent, visit, call(w, satisfaction=2, satisfaction_reason="退款太慢"),
                              now=at(2026, 11, 25, 16))
    supervisor_calls = FollowUp.select().where(FollowUp.purpose == FollowUpPurpose.SUPERVISOR_CALL)
    (task,) = supervisor_calls
    assert done.created == (task.id,) == done.interaction.followup_ids
    assert (task.owner_id, task.interaction_id, task.note) == (w.supervisor.id, done.interaction.id, "退款太慢")
    assert (task.case_id, task.chained_from_id) == (case.id, visit)  # the supervisor sees which complaint


def test_log_call_unreachable_is_a_failed_attempt_and_may_not_carry_a_score(w):
    from crm.models import Interaction

    fid = promise(w, at(2026, 11, 23, 10))
    with pytest.raises(ValidationError) as err:
        followups.log_call(w.agent, fid, call(w, outcome="unreachable", satisfaction=4), now=at(2026, 11, 23, 10))
    assert (err.value.code, err.value.details["field"]) == ("not_reached", "satisfaction")
    done = followups.log_call(w.agent, fid, call(w, outcome="unreachable", notes="无人接听"),
                              now=at(2026, 11, 23, 10, 1))
    assert done.attempt.followup.status == "open" and done.attempt.followup.due_at == at(2026, 11, 24, 10, 1)
    assert [a.outcome for a in followups.attempts_of(fid)] == ["no_answer"]
    assert Interaction.get_by_id(done.interaction.id).outcome == "unreachable"
    assert Customer.get_by_id(w.customer_id).last_contact_at is None  # nobody was reached


def test_log_call_saves_nothing_when_the_followup_is_stale_closed_or_another_customers(w):
    from crm.models import Interaction
    from crm.services import customers
    from crm.services.customers import NewCustomer

    fid = promise(w, at(2026, 11, 23, 10))
    followups.record_attempt(w.agent, fid, "busy", now=at(2026, 11, 23, 10))
    with pytest.raises(ConflictError):
        followups.log_call(w.agent, fid, call(w), expected_version=1)
    other = customers.create_customer(w.agent, NewCustomer(name="李四", phones=("13900001111",))).id
    with pytest.raises(ValidationError) as err:
        followups.log_call(w.agent, fid, call(w, customer_id=other))
    assert err.value.code == "other_customer"
    followups.cancel(w.agent, fid, "客户已到网点办理")
    with pytest.raises(ValidationError) as err:
        followups.log_call(w.agent, fid, call(w))
    assert err.value.code == "not_open"
    assert Interaction.select().count() == 0


def test_brief_names_the_case_and_the_last_attempt(w):
    case, visit = closed_case_visit(w)
    first = followups.brief(visit)
    assert (first.case_no, first.last_attempt, first.followup.purpose) == (case.case_no, None, "satisfaction_visit")
    followups.record_attempt(w.agent, visit, "no_answer", note="关机", now=at(2026, 11, 25, 16))
    later = followups.brief(visit)
    assert later.followup.attempts == 1 and (later.last_attempt.outcome, later.last_attempt.note) == ("no_answer", "关机")
    assert followups.brief(promise(w, at(2026, 11, 26, 10))).case_no is None
    assert followups.call_category("opportunity") == "marketing" and followups.call_category("other") == "return_visit"
