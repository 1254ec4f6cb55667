"""My day: the agenda model and view on a real database (both backends)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from crm.codes import FollowUpPurpose
from crm.services import followups
from crm.services.base import now_utc
from crm.workcalendar import default_calendar
from customer_world import make_world
from ui_fakes import OFFSCREEN_NOISE
from ui.models.agenda_model import SECTION_OVERDUE, AgendaModel, FollowUpIdRole, SectionRole
from ui.views.agenda.agenda_view import AgendaView


def _world_with_followups():
    world = make_world()
    now = now_utc()
    later = followups.create(world.agent, world.customer_id, now + dt.timedelta(days=2),
                             FollowUpPurpose.OTHER, owner=world.agent, note="later")
    overdue = followups.create(world.agent, world.customer_id, now - dt.timedelta(days=3),
                               FollowUpPurpose.COMPLAINT_FEEDBACK, owner=world.agent, note="overdue")
    return world, overdue, later


def test_the_model_passes_the_model_tester_and_lists_overdue_first(qtmodeltester, storage):
    from crm.services.agenda import my_day

    world, overdue, later = _world_with_followups()
    model = AgendaModel(lambda: my_day(world.agent.id))
    model.refresh()
    qtmodeltester.check(model)
    assert model.rowCount() >= 2
    first = model.index(0, 0)
    assert model.data(first, FollowUpIdRole) == overdue
    assert model.data(first, SectionRole) == SECTION_OVERDUE
    assert model.data(first, Qt.ItemDataRole.ForegroundRole) is not None
    assert "****" in model.data(model.index(0, 1))  # the phone is masked


def test_no_answer_moves_the_followup_to_the_next_working_day(qtbot, storage):
    world, overdue, _ = _world_with_followups()
    view = AgendaView(world.agent, lambda cid: None)
    qtbot.addWidget(view)
    assert view.refresh()
    assert view.current_entry().followup_id == overdue
    with qtbot.waitSignal(view.sig_attempt_recorded):
        assert view.record_outcome("no_answer", note="无人接听")
    row = followups.get(overdue)
    cal = default_calendar()
    today = cal.local_date(now_utc())
    assert row.attempts == 1 and row.status == "open"
    assert cal.local_date(row.due_at) == cal.next_workday(today)
    assert [a.outcome for a in followups.attempts_of(overdue)] == ["no_answer"]


@OFFSCREEN_NOISE
def test_enter_opens_the_customer(qtbot, storage):
    world, _, _ = _world_with_followups()
    opened: list[int] = []
    view = AgendaView(world.agent, opened.append)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened == [world.customer_id]


def test_the_supervisor_view_counts_off_the_ui_thread_and_reassigns(qtbot, storage):
    from crm.codes import StaffRole
    from crm.models import StaffUser
    from ui.views.agenda.supervisor_view import SupervisorView

    world, overdue, later = _world_with_followups()
    other = StaffUser.create(username="agent2", display_name="赵坐席", role=StaffRole.AGENT)
    view = SupervisorView(world.supervisor)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.sig_queues_loaded, timeout=10_000):
        view.refresh()
    row = view.model.queue(view.model.row_of_staff(world.agent.id))
    assert row.open == 2 and row.overdue == 1
    with qtbot.waitSignal(view.sig_queues_loaded, timeout=10_000):
        moved = view.reassign(world.agent.id, other.id)
    assert sorted(moved) == sorted([overdue, later])
    assert view.model.queue(view.model.row_of_staff(other.id)).open == 2


def _visit(world, **kw):
    """A satisfaction return visit about a closed complaint, due an hour ago."""
    from crm.models import FollowUp
    from crm.services import case_workflow, cases

    case = cases.open_case(world.agent, world.customer_id, "fees", "年费未减免")
    case_workflow.resolve_case(world.agent, case.id, "已退还年费")
    case_workflow.close_case(world.agent, case.id, root_cause="规则未配置", corrective_action="已修复",
                             further_channels_told=True)
    FollowUp.delete().where(FollowUp.case == case.id).execute()  # the visit closing made is due tomorrow
    return case, followups.create(world.agent, world.customer_id, now_utc() - dt.timedelta(hours=1),
                                  FollowUpPurpose.SATISFACTION_VISIT, owner=world.agent, case_id=case.id, **kw)


def _answer_dialog(qtbot, view, *steps):
    """Answer the outcome dialog record_outcome puts up: each step gets the dialog and acts like the agent."""
    from PySide6.QtCore import QTimer

    from ui.views.agenda.outcome_dialog import OutcomeDialog

    seen = []

    def act():
        dialog = view.findChild(OutcomeDialog)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, act)
            return
        seen.append(dialog)
        for step in steps:
            step(dialog)

    QTimer.singleShot(0, act)
    return seen


@OFFSCREEN_NOISE
def test_enter_on_a_followup_opens_it_with_its_context(qtbot, storage):
    world, overdue, _ = _world_with_followups()
    customers, opened = [], []
    view = AgendaView(world.agent, customers.append, open_followup=opened.append)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    cell = view.table.visualRect(view.model.index(0, 1)).center()
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)  # a double click starts so
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert opened == [overdue, overdue] and customers == []


@OFFSCREEN_NOISE
def test_reached_on_a_satisfaction_visit_asks_for_the_score_and_logs_the_call(qtbot, storage):
    from crm.models import ComplaintCase, FollowUpAttempt, Interaction

    world = make_world()
    case, visit = _visit(world)
    view = AgendaView(world.agent, lambda cid: None)
    qtbot.addWidget(view)
    view.refresh()
    view.table.setCurrentIndex(view.model.index(view.model.row_of_followup(visit), 0))
    messages = []

    def without_a_score(dialog):
        assert dialog.question.isVisibleTo(dialog) and dialog.satisfaction.isVisibleTo(dialog)
        dialog.accept()
        messages.append(dialog.satisfaction_message.text())
        assert dialog.isVisible()  # still asking

    def with_five(dialog):
        dialog.satisfaction.set_value(5)
        dialog.note.setPlainText("客户对处理结果满意")
        dialog.accept()

    seen = _answer_dialog(qtbot, view, without_a_score, with_five)
    with qtbot.waitSignal(view.sig_attempt_recorded, timeout=5000):
        assert view.record_outcome("reached")
    assert seen and messages == ["Ask the customer for a score (Alt+1 … Alt+5), or tick that they declined to "
                                 "give one."]
    (attempt,) = FollowUpAttempt.select().where(FollowUpAttempt.followup == visit)
    call = Interaction.get_by_id(attempt.interaction_id)
    assert (attempt.outcome, call.satisfaction, call.channel, call.category, call.notes) == (
        "reached", 5, "outbound_call", "return_visit", "客户对处理结果满意")
    assert followups.get(visit).status == "done" and ComplaintCase.get_by_id(case.id).satisfaction == 5
    assert view.model.row_of_followup(visit) == -1  # done: off the agenda


@OFFSCREEN_NOISE
def test_a_low_score_from_the_agenda_needs_the_reason_and_goes_to_a_supervisor(qtbot, storage):
    from crm.models import FollowUp, Interaction

    world = make_world()
    _case, visit = _visit(world)
    view = AgendaView(world.agent, lambda cid: None)
    qtbot.addWidget(view)
    view.refresh()
    view.table.setCurrentIndex(view.model.index(view.model.row_of_followup(visit), 0))
    reasons = []

    def two_without_reason(dialog):
        dialog.satisfaction.set_value(2)
        dialog.accept()
        reasons.append(dialog.reason_message.text())
        assert dialog.isVisible() and Interaction.select().count() == 0

    def with_reason(dialog):
        dialog.reason_edit.setText("退费太慢")
        dialog.accept()

    _answer_dialog(qtbot, view, two_without_reason, with_reason)
    assert view.record_outcome("reached")
    assert reasons == ["A score of 1 or 2 needs the reason: what was the customer unhappy with?"]
    (task,) = FollowUp.select().where(FollowUp.purpose == FollowUpPurpose.SUPERVISOR_CALL)
    assert (task.owner_id, task.note, task.chained_from_id) == (world.supervisor.id, "退费太慢", visit)
    assert "supervisor will call back" in view.summary.text()


def test_reached_with_the_note_and_score_given_logs_the_call_without_a_dialog(qtbot, storage):
    from crm.models import Interaction

    world, overdue, _ = _world_with_followups()
    view = AgendaView(world.agent, lambda cid: None)
    qtbot.addWidget(view)
    view.refresh()
    assert view.record_outcome("reached", note="已告知处理进度", score=4)
    assert followups.get(overdue).status == "done"
    assert Interaction.get(Interaction.customer == world.customer_id, Interaction.notes == "已告知处理进度").satisfaction == 4


def test_a_customer_who_declines_a_score_is_recorded_without_one(qtbot):
    from ui.views.agenda.outcome_dialog import OutcomeDialog

    saved = []
    dialog = OutcomeDialog("reached", "张三", None, purpose="satisfaction_visit", save=saved.append)
    qtbot.addWidget(dialog)
    dialog.satisfaction.set_value(3)
    dialog.declined_check.setChecked(True)  # clears the score
    dialog.accept()
    assert [(v.score, v.reason) for v in saved] == [(None, "")]
    care = OutcomeDialog("busy", "张三", None, purpose="periodic_care", save=saved.append)
    qtbot.addWidget(care)
    assert care.satisfaction.isHidden() and care.declined_check.isHidden() and care.question.isHidden()
