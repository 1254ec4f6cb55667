"""The case board and detail on a real database: model tester, deadline colours, status steps, closing and
extension approval."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "crm"))
from loop_world import at, make_world  # noqa: E402

from crm.services import case_workflow, cases  # noqa: E402
from crm.services.case_list import CaseFilter  # noqa: E402
from ui.models.case_list_model import OVERDUE_BRUSH, CaseListModel, DeadlineStateRole  # noqa: E402
from ui.views.cases.case_detail import CaseDetail  # noqa: E402
from ui.views.cases.close_case_dialog import CloseCaseDialog  # noqa: E402


@pytest.fixture
def w(storage):
    return make_world()


def test_model_passes_the_tester_and_marks_overdue_red(qtmodeltester, w):
    overdue = cases.open_case(w.agent, w.customer_id, "fees", "年费", now=at(2026, 9, 1, 10))
    fresh = cases.open_case(w.agent, w.customer_id, "card", "吞卡", now=at(2026, 9, 24, 10))
    model = CaseListModel(w.agent, now=at(2026, 9, 25, 10))
    model.set_filter(CaseFilter.ALL)
    qtmodeltester.check(model)
    assert [model.case_id(r) for r in range(model.rowCount())] == [overdue.id, fresh.id]
    first = model.index(0, 0)
    assert model.data(first, DeadlineStateRole) == "overdue"
    assert model.data(first, Qt.ItemDataRole.BackgroundRole) == OVERDUE_BRUSH
    assert model.data(model.index(0, 3)) == "Accepted"
    model.set_filter(CaseFilter.OVERDUE)
    assert model.case_id(0) == overdue.id  # (the fresh one's 2-hour first feedback is late too)


def test_status_change_from_the_detail_pauses_the_clock(qtbot, w):
    case = cases.open_case(w.agent, w.customer_id, "fees", "年费")
    detail = CaseDetail(w.agent)
    qtbot.addWidget(detail)
    detail.show_case(case.id)
    assert not detail.buttons["close"].isVisibleTo(detail)
    with qtbot.waitSignal(detail.sig_case_changed):
        qtbot.mouseClick(detail.buttons["awaiting_customer"], Qt.MouseButton.LeftButton)
    assert cases.get_case(case.id).status == "awaiting_customer"
    assert "clock paused" in detail.deadline_label.text()
    assert detail.buttons["resume"].isVisibleTo(detail)
    assert not detail.buttons["awaiting_customer"].isVisibleTo(detail)


def test_close_dialog_says_root_cause_is_missing_under_that_field(qtbot, w):
    case = cases.open_case(w.agent, w.customer_id, "fees", "年费")
    case = case_workflow.resolve_case(w.agent, case.id, "已退还年费")
    dialog = CloseCaseDialog(w.agent, case)
    qtbot.addWidget(dialog)
    dialog.corrective_edit.setPlainText("优化减免流程")
    dialog.channels_check.setChecked(True)
    dialog.accept()
    assert dialog.messages["root_cause"].isVisibleTo(dialog)
    assert dialog.messages["root_cause"].text() == "This field must be filled in."
    assert not dialog.messages["corrective_action"].isVisibleTo(dialog)
    assert cases.get_case(case.id).status == "resolved"
    dialog.root_cause_edit.setPlainText("系统未自动减免")
    dialog.accept()
    assert cases.get_case(case.id).status == "closed"


def test_supervisor_approves_another_agents_extension(qtbot, w):
    case = cases.open_case(w.agent, w.customer_id, "fees", "年费")
    agent_view = CaseDetail(w.agent, ask=lambda *_: "需调取录音")
    qtbot.addWidget(agent_view)
    agent_view.show_case(case.id)
    assert not agent_view.buttons["approve_extension"].isVisibleTo(agent_view)
    qtbot.mouseClick(agent_view.buttons["request_extension"], Qt.MouseButton.LeftButton)
    assert "extension awaiting approval" in agent_view.deadline_label.text()
    boss_view = CaseDetail(w.supervisor)
    qtbot.addWidget(boss_view)
    boss_view.show_case(case.id)
    assert boss_view.buttons["approve_extension"].isVisibleTo(boss_view)
    qtbot.mouseClick(boss_view.buttons["approve_extension"], Qt.MouseButton.LeftButton)
    after = cases.get_case(case.id)
    assert after.extension_level == 1 and after.resolution_due > case.resolution_due
    assert not boss_view.buttons["approve_extension"].isVisibleTo(boss_view)


def test_a_supervisor_reassigns_the_case_and_moves_it_to_another_department(qtbot, w):
    from ui.views.cases.case_handling_dialog import CaseHandlingDialog

    case = cases.open_case(w.agent, w.customer_id, "service", "柜员态度差", accused_staff=w.agent2, department="网点")
    seen = []

    def answer(dialog: CaseHandlingDialog) -> bool:
        seen.append(dialog)
        dialog.select(owner=w.supervisor2.id, department="客服中心")
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    detail = CaseDetail(w.supervisor, run=answer)
    qtbot.addWidget(detail)
    detail.show_case(case.id)
    assert detail.handling_label.text() == "Handled by: 李客服 · Responsible department: 网点 · Complaint about: 王客服"
    assert detail.handling_button.isVisibleTo(detail)
    with qtbot.waitSignal(detail.sig_case_changed):
        qtbot.mouseClick(detail.handling_button, Qt.MouseButton.LeftButton)
    after = cases.get_case(case.id)
    assert (after.owner_id, after.department, after.accused_staff_id) == (w.supervisor2.id, "客服中心", w.agent2.id)
    assert detail.handling_label.text().startswith("Handled by: 钱主管 · Responsible department: 客服中心")
    history = detail.history.toPlainText()
    assert "[Reassigned] 李客服 → 钱主管" in history and "[Responsible department] 网点 → 客服中心" in history


def test_the_accused_employee_cannot_be_made_to_handle_the_case_and_the_dialog_says_why(qtbot, w):
    from ui.views.cases.case_handling_dialog import NOBODY, CaseHandlingDialog

    case = cases.open_case(w.agent, w.customer_id, "service", "柜员态度差", accused_staff=w.agent2)
    dialog = CaseHandlingDialog(w.supervisor, case)
    qtbot.addWidget(dialog)
    dialog.select(owner=w.agent2.id)  # said at once, before saving
    rule = ("The employee the customer complained about may not handle this complaint (conflict of interest): "
            "choose someone else to handle it.")
    assert dialog.messages["owner"].text() == rule and dialog.messages["owner"].isVisibleTo(dialog)
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted and dialog.messages["owner"].text() == rule
    assert cases.get_case(case.id).owner_id == w.agent.id
    dialog.select(accused=NOBODY)  # it was someone else after all
    assert not dialog.messages["owner"].isVisibleTo(dialog)
    dialog.accept()
    after = cases.get_case(case.id)
    assert dialog.result() == dialog.DialogCode.Accepted and (after.owner_id, after.accused_staff_id) == (w.agent2.id, None)


def test_naming_the_handler_as_the_accused_is_refused_under_that_field(qtbot, w):
    from ui.views.cases.case_handling_dialog import CaseHandlingDialog

    case = cases.open_case(w.agent, w.customer_id, "service", "柜员态度差")
    dialog = CaseHandlingDialog(w.supervisor, case)
    qtbot.addWidget(dialog)
    dialog.select(accused=w.agent.id)
    dialog.accept()
    assert dialog.messages["accused_staff"].isVisibleTo(dialog) and not dialog.messages["owner"].isVisibleTo(dialog)
    assert cases.get_case(case.id).accused_staff_id is None


def test_only_supervisors_and_the_owner_may_change_the_handling(qtbot, w):
    case = cases.open_case(w.agent, w.customer_id, "fees", "年费")
    for actor, visible in ((w.agent2, False), (w.agent, True), (w.supervisor, True)):
        detail = CaseDetail(actor)
        qtbot.addWidget(detail)
        detail.show_case(case.id)
        assert detail.handling_button.isVisibleTo(detail) is visible, actor.username
