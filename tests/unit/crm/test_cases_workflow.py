"""Complaint cases end to end on both backends: working-time deadlines, 回避, escalation phrases, repeats,
allowed transitions, pauses, approved extensions, deadline states and escalation, closing and the lock."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from loop_world import SH, at, make_world, set_option

from crm.codes import FollowUpPurpose
from crm.errors import ConflictError, PermissionDenied, ValidationError
from crm.models import AuditLog, CaseExtension, CaseUpdate, ComplaintCase, Escalation, FollowUp
from crm.services import case_deadlines, case_workflow, cases, followups, interactions
from crm.services.case_deadlines import DeadlineState, deadline_state
from crm.services.interactions import NewInteraction
from crm.workcalendar import default_calendar

CAL = default_calendar()
HOUR = 3600


@pytest.fixture
def w(storage):
    return make_world()


def open_at(w, when, summary="信用卡年费未减免", **kw):
    return cases.open_case(w.agent, w.customer_id, "fees", summary, now=when, **kw)


def test_open_counts_working_hours_and_days_across_national_day(w):
    case = open_at(w, at(2026, 9, 30, 16))
    assert case.first_feedback_due == at(2026, 10, 8, 9, 30)  # 1.5 h on 30 Sep, 0.5 h after the holiday
    assert case.resolution_due == at(2026, 10, 27, 17, 30)  # 15 working days, 10 Oct (Saturday) worked
    assert case.status == "accepted" and case.owner_id == w.agent.id and case.priority == "normal"
    assert CaseUpdate.select().where(CaseUpdate.case == case.id).count() == 1
    assert AuditLog.select().where((AuditLog.entity == "complaint_case") & (AuditLog.entity_id == str(case.id))).count()


def test_options_change_the_deadlines(w):
    set_option("cases.first_feedback_hours", 4)
    set_option("cases.day_kind", "calendar")
    case = open_at(w, at(2026, 9, 20, 10))
    assert case.first_feedback_due == at(2026, 9, 20, 15, 30)  # 20 Sep is a Sunday worked: 10–12, 13:30–15:30
    assert case.resolution_due == at(2026, 10, 8, 17, 30)  # 15 calendar days end on 5 Oct, a holiday


def test_repeat_complaints_within_30_days_are_flagged(w):
    first = open_at(w, at(2026, 10, 8, 10))
    again = open_at(w, at(2026, 11, 6, 10), "年费又扣了")
    other = cases.open_case(w.agent, w.customer_id, "service", "网点态度", now=at(2026, 11, 6, 11))
    late = open_at(w, at(2026, 12, 20, 10), "年费问题")
    assert again.repeat_of == first.id and other.repeat_of is None
    assert late.repeat_of is None


def test_the_accused_employee_may_not_handle_the_case(w):
    with pytest.raises(ValidationError) as err:
        open_at(w, at(2026, 11, 23, 10), accused_staff=w.agent)
    assert (err.value.code, err.value.details["field"]) == ("accused_cannot_handle", "owner")
    case = open_at(w, at(2026, 11, 23, 10), accused_staff=w.agent2)
    with pytest.raises(ValidationError) as err:
        cases.assign(w.supervisor, case.id, w.agent2)
    assert err.value.code == "accused_cannot_handle"
    with pytest.raises(ValidationError):
        cases.set_accused(w.supervisor, case.id, w.agent)
    assert cases.assign(w.agent, case.id, w.supervisor).owner_id == w.supervisor.id
    with pytest.raises(PermissionDenied):
        cases.assign(w.agent, case.id, w.agent)  # no longer the owner, not a supervisor


def test_escalation_phrases_raise_priority_never_lower_it(w):
    case = open_at(w, at(2026, 11, 23, 10), "客户称要拨打１２３７８投诉")  # full-width digits
    assert case.priority == "urgent"
    ev = Escalation.get(Escalation.case == case.id)
    assert ev.rule_id == "phrase" and "12378" in ev.evidence_text and ev.action_taken == "priority_raised"
    cases.add_note(w.agent, case.id, "客户说要找律师", now=at(2026, 11, 23, 11))
    assert cases.get_case(case.id).priority == "urgent"
    calm = open_at(w, at(2026, 11, 23, 10), "年费")
    assert calm.priority == "normal"
    cases.add_note(w.agent, calm.id, "客户表示会请律师起诉", now=at(2026, 11, 23, 11))
    assert cases.get_case(calm.id).priority == "high"


def test_only_allowed_transitions(w):
    case = open_at(w, at(2026, 11, 23, 10))
    for bad in ("closed", "resolved"):
        with pytest.raises(ValidationError):
            case_workflow.change_status(w.agent, case.id, bad)
    with pytest.raises(ValidationError) as err:
        case_workflow.close_case(w.agent, case.id, root_cause="a", corrective_action="b", further_channels_told=True)
    assert err.value.code == "invalid_transition"
    case_workflow.change_status(w.agent, case.id, "in_progress")
    with pytest.raises(ValidationError) as err:
        case_workflow.change_status(w.agent, case.id, "accepted")
    assert (err.value.code, err.value.details["field"]) == ("invalid_transition", "status")
    with pytest.raises(ConflictError):
        case_workflow.change_status(w.agent, case.id, "awaiting_customer", expected_version=1)


def test_the_clock_pauses_while_awaiting_the_customer(w):
    case = open_at(w, at(2026, 11, 23, 10))  # Monday
    due = case.resolution_due
    case_workflow.change_status(w.agent, case.id, "in_progress", now=at(2026, 11, 23, 11))
    paused = case_workflow.change_status(w.agent, case.id, "awaiting_customer", now=at(2026, 11, 24, 10))
    assert paused.paused_since == at(2026, 11, 24, 10) and paused.first_feedback_at == at(2026, 11, 24, 10)
    # While paused the clock stands still: far later the state is what it was at the pause.
    row = ComplaintCase.get_by_id(case.id)
    assert case_deadlines.deadline_info(row, at(2027, 3, 1, 10)).state == DeadlineState.OK
    resumed = case_workflow.change_status(w.agent, case.id, "in_progress", now=at(2026, 11, 26, 11))
    spent = (6 + 7 + 2) * HOUR  # Tue 10:00–17:30 less lunch, all of Wed, Thu 09:00–11:00
    assert resumed.paused_seconds == spent and resumed.paused_since is None
    assert resumed.resolution_due == CAL.add_working_hours(due, 15)
    kinds = [u.kind for u in cases.case_updates(case.id)]
    assert kinds == ["status", "status", "pause", "resume"]


def test_extensions_need_another_supervisors_approval(w):
    case = open_at(w, at(2026, 11, 23, 10))
    opened = case.opened_at
    ext = case_workflow.request_extension(w.agent, case.id, "需科技部调取日志", now=at(2026, 12, 1, 10))
    assert ext.level == 1 and ext.approved_by is None
    with pytest.raises(ValidationError) as err:
        case_workflow.request_extension(w.agent, case.id, "again")
    assert err.value.code == "extension_pending"
    with pytest.raises(PermissionDenied):
        case_workflow.approve_extension(w.agent2, ext.id)
    extended = case_workflow.approve_extension(w.supervisor, ext.id, now=at(2026, 12, 1, 11))
    assert extended.extension_level == 1 and extended.resolution_due == CAL.add_working_days(opened, 30)
    ext2 = case_workflow.request_extension(w.supervisor, case.id, "情况特别复杂", now=at(2026, 12, 20, 10))
    with pytest.raises(ValidationError) as err:
        case_workflow.approve_extension(w.supervisor, ext2.id)
    assert (err.value.code, err.value.details["field"]) == ("approver_is_requester", "approver")
    final = case_workflow.approve_extension(w.supervisor2, ext2.id)
    assert final.extension_level == 2 and final.resolution_due == CAL.add_working_days(opened, 60)
    with pytest.raises(ValidationError) as err:
        case_workflow.request_extension(w.agent, case.id, "more")
    assert err.value.code == "no_further_extension"
    rows = case_workflow.extensions(case.id)
    assert [(r.level, r.requested_by, r.approved_by) for r in rows] == [
        (1, w.agent.id, w.supervisor.id), (2, w.supervisor.id, w.supervisor2.id)]


def test_a_rejected_extension_leaves_the_deadline(w):
    case = open_at(w, at(2026, 11, 23, 10))
    ext = case_workflow.request_extension(w.agent, case.id, "想多要几天")
    case_workflow.reject_extension(w.supervisor, ext.id, "理由不足")
    assert CaseExtension.select().count() == 0 and cases.get_case(case.id).resolution_due == case.resolution_due
    assert "rejected" in cases.case_updates(case.id)[-1].text


def test_deadline_states_and_escalation_once(w):
    case = open_at(w, at(2026, 11, 23, 9))
    row = lambda: ComplaintCase.get_by_id(case.id)  # noqa: E731
    budget = CAL.working_seconds_between(case.opened_at, case.resolution_due)
    early = CAL.add_working_time(case.opened_at, dt.timedelta(seconds=budget * 0.5))
    near = CAL.add_working_time(case.opened_at, dt.timedelta(seconds=budget * 0.85))
    assert deadline_state(row(), at(2026, 11, 23, 10)) == DeadlineState.OK
    info = case_deadlines.deadline_info(row(), at(2026, 11, 23, 15))
    assert (info.state, info.which) == (DeadlineState.OVERDUE, "first_feedback")  # 2 working hours promised
    cases.add_note(w.agent, case.id, "已电话告知客户处理进度", informed_customer=True, now=at(2026, 11, 23, 10))
    assert deadline_state(row(), early) == DeadlineState.OK
    assert deadline_state(row(), near) == DeadlineState.NEAR
    assert deadline_state(cases.get_case(case.id), near) == DeadlineState.NEAR  # the DTO works too
    assert deadline_state(row(), case.resolution_due + dt.timedelta(minutes=1)) == DeadlineState.OVERDUE
    set_option("cases.warn_fraction", 0.9)
    assert deadline_state(row(), near) == DeadlineState.OK
    set_option("cases.warn_fraction", 0.8)
    assert case_workflow.escalate_deadlines(w.agent, early) == []
    assert case_workflow.escalate_deadlines(w.agent, near) == [case.id]
    assert case_workflow.escalate_deadlines(w.agent, case.resolution_due + dt.timedelta(days=1)) == []  # once
    task = FollowUp.get(FollowUp.case == case.id)
    assert task.owner_id == w.supervisor.id and task.purpose == FollowUpPurpose.SUPERVISOR_CALL
    assert task.note == "deadline.resolution.near" and cases.get_case(case.id).escalated
    # An approved extension gives a new deadline, which may escalate again.
    ext = case_workflow.request_extension(w.agent, case.id, "复杂")
    case_workflow.approve_extension(w.supervisor, ext.id)
    assert not cases.get_case(case.id).escalated


def test_closing_needs_root_cause_action_and_channels_then_locks(w):
    case = open_at(w, at(2026, 11, 23, 10))
    case_workflow.change_status(w.agent, case.id, "in_progress", now=at(2026, 11, 23, 11))
    with pytest.raises(ValidationError) as err:
        case_workflow.resolve_case(w.agent, case.id, "  ")
    assert err.value.details["field"] == "resolution"
    case_workflow.resolve_case(w.agent, case.id, "退还年费", now=at(2026, 11, 25, 16))
    for kwargs, field in [({"root_cause": ""}, "root_cause"), ({"corrective_action": " "}, "corrective_action"),
                          ({"further_channels_told": False}, "further_channels_told")]:
        args = {"root_cause": "系统未按规则减免", "corrective_action": "修复减免规则", "further_channels_told": True}
        with pytest.raises(ValidationError) as err:
            case_workflow.close_case(w.agent, case.id, **(args | kwargs))
        assert err.value.details["field"] == field
    assert FollowUp.select().count() == 0
    closed = case_workflow.close_case(w.agent, case.id, root_cause="系统未按规则减免", corrective_action="修复减免规则",
                                      further_channels_told=True, now=at(2026, 11, 27, 16))  # Friday
    assert closed.status == "closed" and closed.closed_at == at(2026, 11, 27, 16)
    visit = FollowUp.get(FollowUp.case == case.id)
    assert visit.purpose == FollowUpPurpose.SATISFACTION_VISIT and visit.owner_id == w.agent.id
    assert visit.due_at == at(2026, 11, 30, 16)  # the next working day, Monday
    note = cases.add_note(w.agent, case.id, "客户来电表示认可")
    assert note.kind == "addendum"
    for attempt in (lambda: case_workflow.change_status(w.agent, case.id, "in_progress"),
                    lambda: cases.assign(w.agent, case.id, w.agent2),
                    lambda: case_workflow.request_extension(w.agent, case.id, "x"),
                    lambda: case_workflow.reopen_case(w.agent, case.id, "x")):
        with pytest.raises(ValidationError) as err:
            attempt()
        assert err.value.code == "case_closed"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(opened=st.integers(0, 2 * 365 * 24 * 60).map(lambda m: at(2025, 6, 1) + dt.timedelta(minutes=m)),
       level=st.integers(0, 2), pauses=st.lists(st.integers(0, 7 * 60 * 10), max_size=4))
def test_deadlines_move_by_exactly_the_paused_working_time(w, opened, level, pauses):
    paused = sum(pauses) * 60
    base = case_deadlines.resolution_due(opened, level, 0)
    due = case_deadlines.resolution_due(opened, level, paused)
    assert CAL.working_seconds_between(base, due) == paused
    assert base == CAL.add_working_days(opened, case_deadlines.resolution_days(level))
    if level < 2:
        assert due < case_deadlines.resolution_due(opened, level + 1, paused)
    assert CAL.is_working_time(due)


def test_full_workflow_from_a_call_to_a_scored_return_visit(w):
    call = interactions.log_interaction(w.agent, NewInteraction(
        w.customer_id, "inbound_call", "complaint", notes="信用卡年费被重复扣收", ts=at(2026, 9, 29, 10)))
    case = cases.open_case(w.agent, w.customer_id, "credit_card", "年费重复扣收", interaction_id=call.id,
                           department="信用卡中心", now=at(2026, 9, 29, 10))
    assert case.interaction_id == call.id and case.department == "信用卡中心"
    feedback = followups.create(w.agent, w.customer_id, case.first_feedback_due, FollowUpPurpose.COMPLAINT_FEEDBACK,
                                owner=w.agent, case_id=case.id)
    case_workflow.change_status(w.agent, case.id, "in_progress", note="已转信用卡中心", now=at(2026, 9, 29, 10, 30))
    cases.add_note(w.agent, case.id, "已告知客户两个工作日内答复", informed_customer=True, now=at(2026, 9, 29, 11))
    followups.record_attempt(w.agent, feedback, "reached", now=at(2026, 9, 29, 11))
    case_workflow.change_status(w.agent, case.id, "awaiting_customer", note="请客户提供账单截图",
                                now=at(2026, 9, 30, 9))
    resumed = case_workflow.change_status(w.agent, case.id, "in_progress", now=at(2026, 10, 8, 10))
    assert resumed.paused_seconds == 8 * HOUR  # 30 Sep 7 h + 8 Oct 1 h: the National Day week costs nothing
    ext = case_workflow.request_extension(w.agent, case.id, "需调取历史扣费记录", now=at(2026, 10, 9, 10))
    extended = case_workflow.approve_extension(w.supervisor, ext.id, now=at(2026, 10, 9, 11))
    assert extended.resolution_due == CAL.add_working_hours(CAL.add_working_days(case.opened_at, 30), 8)
    case_workflow.resolve_case(w.agent, case.id, "退还重复扣收的年费", now=at(2026, 10, 20, 15))
    closed = case_workflow.close_case(w.agent, case.id, root_cause="批量扣费任务重跑",
                                      corrective_action="扣费任务加幂等校验", further_channels_told=True,
                                      now=at(2026, 10, 21, 15))
    assert closed.status == "closed" and closed.resolution == "退还重复扣收的年费"
    visit = FollowUp.get((FollowUp.case == case.id) & (FollowUp.purpose == FollowUpPurpose.SATISFACTION_VISIT))
    assert visit.due_at == at(2026, 10, 22, 15)
    result = followups.record_attempt(w.agent, visit.id, "reached", score=5, note="客户满意",
                                      now=at(2026, 10, 22, 15, 10))
    assert result.followup.status == "done" and result.created == ()
    final = cases.get_case(case.id)
    assert final.satisfaction == 5 and final.status == "closed"
    history = [(u.kind, u.status_to) for u in cases.case_updates(case.id)]
    assert history == [("status", "accepted"), ("status", "in_progress"), ("progress", None),
                       ("pause", "awaiting_customer"), ("resume", "in_progress"), ("extension", None),
                       ("extension", None), ("status", "resolved"), ("status", "closed"), ("addendum", None)]
    assert cases.get_case(case.id).opened_at.astimezone(SH) == at(2026, 9, 29, 10)


def test_change_handling_moves_owner_department_and_accused_together_never_to_the_accused(w):
    from crm.services.staff import list_staff

    case = open_at(w, at(2026, 11, 23, 10), accused_staff=w.agent2)
    with pytest.raises(PermissionDenied):
        cases.change_handling(w.agent2, case.id, department="信用卡中心")  # neither its owner nor a supervisor
    with pytest.raises(ValidationError) as err:
        cases.change_handling(w.supervisor, case.id, owner=w.agent2)
    assert (err.value.code, err.value.details["field"]) == ("accused_cannot_handle", "owner")
    with pytest.raises(ValidationError) as err:
        cases.change_handling(w.supervisor, case.id, owner=w.agent2, department="不存在的部门", accused_staff=w.agent)
    assert err.value.details["field"] == "department"
    assert cases.get_case(case.id).version == case.version  # all or nothing
    # The accused employee and the owner swapped in one step: what counts is the result.
    swapped = cases.change_handling(w.supervisor, case.id, owner=w.agent2, department="信用卡中心",
                                    accused_staff=w.agent, expected_version=case.version)
    assert (swapped.owner_id, swapped.accused_staff_id, swapped.department) == (w.agent2.id, w.agent.id, "信用卡中心")
    assert swapped.version == case.version + 1
    texts = [u.text for u in cases.case_updates(case.id) if u.kind == "reassignment"]
    assert texts == [f"{w.agent.id} -> {w.agent2.id}", "department:  -> 信用卡中心"]
    with pytest.raises(ConflictError):
        cases.change_handling(w.supervisor, case.id, department="科技部", expected_version=case.version)
    assert cases.change_handling(w.agent2, case.id, department="信用卡中心").version == swapped.version  # no change
    names = {s.id: s.display_name for s in list_staff()}
    assert names[w.agent2.id] == "王客服" and w.supervisor.id in names
