"""The case board and detail on a real database: model tester, deadline colours, status steps, closing and
extension approval."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "crm"))
from loop_world import at, make_world  # noqa: E402
from ui_fakes import OFFSCREEN_NOISE  # noqa: E402

from crm.services import case_workflow, cases  # noqa: E402
from crm.services.case_list import CaseFilter  # noqa: E402
from ui.models.case_list_model import (  # noqa: E402
    COL_RESOLUTION_DUE, OVERDUE_BRUSH, CaseListModel, DeadlineStateRole)
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


def _cases_view(qtbot, actor, **kwargs):
    from ui.views.cases.cases_view import CasesView

    view = CasesView(actor, lambda _customer_id: None, **kwargs)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def _click_row(qtbot, view, row: int) -> None:
    rect = view.table.visualRect(view.model.index(row, 0))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


@OFFSCREEN_NOISE
def test_a_single_click_or_the_arrow_keys_show_the_case_of_the_current_row(qtbot, w):
    cases.open_case(w.agent, w.customer_id, "fees", "年费")
    cases.open_case(w.agent, w.customer_id, "card", "吞卡")
    view = _cases_view(qtbot, w.agent)
    assert view.model.rowCount() == 2 and view.detail.case() is None
    _click_row(qtbot, view, 0)
    assert view.detail.case().id == view.model.case_id(0)
    assert view.detail.case().case_no in view.detail.header_label.text()
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.detail.case().id == view.model.case_id(1)


@OFFSCREEN_NOISE
def test_a_note_typed_for_one_case_is_not_dropped_or_moved_to_another_without_asking(qtbot, w):
    cases.open_case(w.agent, w.customer_id, "fees", "年费")
    cases.open_case(w.agent, w.customer_id, "card", "吞卡")
    answers, asked = [False, True], []

    def confirm(_parent, _title, question):
        asked.append(question)
        return answers.pop(0)

    view = _cases_view(qtbot, w.agent, confirm=confirm)
    first, second = view.model.case_id(0), view.model.case_id(1)
    _click_row(qtbot, view, 0)
    view.detail.note_edit.setPlainText("已致电客户，约定明天回电")
    _click_row(qtbot, view, 1)  # "keep it": the case with the note stays, on screen and as the current row
    assert cases.get_case(first).case_no in asked[0]
    qtbot.waitUntil(lambda: [i.row() for i in view.table.selectionModel().selectedRows()] == [0])
    assert view.detail.case().id == first and view.table.currentIndex().row() == 0
    assert view.detail.note_edit.toPlainText() == "已致电客户，约定明天回电"
    _click_row(qtbot, view, 1)  # "discard it": the other case, with an empty note
    assert view.detail.case().id == second and view.detail.note_edit.toPlainText() == ""
    assert len(asked) == 2
    assert all(u.text != "已致电客户，约定明天回电" for case_id in (first, second) for u in cases.case_updates(case_id))


@pytest.fixture
def app_fonts(qapp):
    """The fonts the application sets (with them "My open cases" is wider than 我的未结工单)."""
    from PySide6.QtWidgets import QApplication

    from ui.theme import apply_fonts

    original = QApplication.font()
    apply_fonts(qapp)
    yield
    QApplication.setFont(original)


@OFFSCREEN_NOISE
def test_the_filter_combo_shows_its_longest_item_whole_in_both_languages(qtbot, w, app_fonts):
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    from ui import i18n

    i18n.install_language(i18n.CHINESE)
    view = _cases_view(qtbot, w.agent)
    combo = view.filter_combo
    for language, mine in ((i18n.ENGLISH, "My open cases"), (i18n.CHINESE, "我的未结工单")):
        i18n.install_language(language)
        qtbot.waitUntil(lambda mine=mine: combo.itemText(0) == mine)
        view.layout().activate()
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                             QStyle.SubControl.SC_ComboBoxEditField, combo)
        longest = max(combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
        assert field.width() >= longest, (language, combo.currentText())


@pytest.mark.parametrize(("hours", "english", "chinese"), [
    (112, "16 working days left", "剩余 16 个工作日"),
    (111.5, "15 working days left", "剩余 15 个工作日"),
    (10, "1 working day 3 h left", "剩余 1 个工作日 3 小时"),
    (5.5, "5.5 working h left", "剩余 5.5 个工作小时"),
    (-8.5, "overdue by 1 working day 1.5 h", "已超期 1 个工作日 1.5 小时"),
    (-30, "overdue by 4 working days", "已超期 4 个工作日"),
])
def test_the_time_left_is_told_in_working_days_and_hours_only_within_two_days(hours, english, chinese):
    import datetime as dt

    from ui import i18n
    from ui.views.cases.case_labels import remaining_text

    day = dt.timedelta(hours=7)
    assert remaining_text(dt.timedelta(hours=hours), day) == english
    i18n.install_language(i18n.CHINESE)
    assert remaining_text(dt.timedelta(hours=hours), day) == chinese


def test_the_list_counts_the_shipped_calendars_working_days(qtbot, w):
    from crm.workcalendar import default_calendar

    case = cases.open_case(w.agent, w.customer_id, "fees", "年费", now=at(2026, 9, 1, 10))
    model = CaseListModel(w.agent, now=at(2026, 9, 1, 10))
    model.refresh()
    left = default_calendar().working_time_between(at(2026, 9, 1, 10), case.resolution_due)
    days = int(left / default_calendar().day_length)
    assert days >= 2 and model.data(model.index(0, COL_RESOLUTION_DUE)).endswith(f"({days} working days left)")


def test_the_cores_history_lines_read_in_words_in_the_case_and_in_the_customers_timeline(qtbot, w):
    """Seen in a walk-through: an escalation phrase left 'priority normal -> urgent' in the history and the
    timeline, and the timeline showed a reassignment as two staff ids."""
    from ui import i18n
    from ui.models.timeline_model import BodyRole, KindRole, TimelineModel

    case = cases.open_case(w.agent, w.customer_id, "fees", "年费")
    cases.add_note(w.agent, case.id, "客户说要投诉到银保监")
    cases.assign(w.agent, case.id, w.supervisor2.id)
    detail = CaseDetail(w.supervisor)
    qtbot.addWidget(detail)
    detail.show_case(case.id)
    history = detail.history.toPlainText()
    assert "[Priority raised] Normal → Urgent" in history and "priority normal" not in history
    timeline = TimelineModel()
    timeline.set_customer(w.customer_id)
    bodies = [timeline.data(timeline.index(r, 0), BodyRole) for r in range(timeline.rowCount())
              if timeline.data(timeline.index(r, 0), KindRole) == "case_update"]
    assert "[Priority raised] Normal → Urgent" in bodies
    assert f"[Reassigned] 李客服 → {w.supervisor2.display_name}" in bodies
    i18n.install_language(i18n.CHINESE)
    detail.show_case(case.id)
    assert "[优先级提升] 普通 → 紧急" in detail.history.toPlainText()
