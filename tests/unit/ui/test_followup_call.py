"""A call made for a follow-up (My Day → workspace): the call form's banner shows what was promised, and saving
records the call as the follow-up's attempt; a follow-up changed or closed elsewhere saves nothing."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "crm"))
from loop_world import make_world  # noqa: E402

from crm.codes import FollowUpPurpose  # noqa: E402
from crm.models import ComplaintCase, FollowUp, FollowUpAttempt, Interaction  # noqa: E402
from crm.services import case_workflow, cases, followups  # noqa: E402
from crm.services.base import now_utc  # noqa: E402
from crm.services.reminders import Reminder  # noqa: E402
from ui.views.interaction.interaction_form import InteractionForm  # noqa: E402
from ui_fakes import GUI  # noqa: E402

pytestmark = GUI


def type_text(widget: QWidget, text: str) -> None:
    """Commit text as an input method does (QTest cannot type CJK)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def w(storage):
    return make_world()


def satisfaction_visit(w) -> tuple[int, int]:
    """A closed complaint case and the return visit its closing scheduled (with a note on it)."""
    case = cases.open_case(w.agent, w.customer_id, "fees", "年费未减免")
    case_workflow.resolve_case(w.agent, case.id, "已退还年费")
    case_workflow.close_case(w.agent, case.id, root_cause="规则未配置", corrective_action="已修复规则",
                             further_channels_told=True)
    visit = FollowUp.get((FollowUp.case == case.id) & (FollowUp.purpose == FollowUpPurpose.SATISFACTION_VISIT))
    FollowUp.update(note="客户希望下午联系").where(FollowUp.id == visit.id).execute()
    return case.id, visit.id


@pytest.fixture
def form(qtbot, w):
    form = InteractionForm(w.agent, lambda: w.customer_id, lambda: ())
    qtbot.addWidget(form)
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    return form


def test_the_banner_shows_the_followup_and_saving_completes_it_with_the_score(qtbot, w, form):
    case_id, visit = satisfaction_visit(w)
    assert form.followup_banner.isHidden()
    assert form.set_followup(visit)
    banner = form.followup_banner.texts()
    assert not form.followup_banner.isHidden()
    assert "Satisfaction return visit" in banner and cases.get_case(case_id).case_no in banner
    assert "Attempts so far: 0" in banner and "客户希望下午联系" in banner and "satisfaction score" in banner
    assert (form.channel_combo.currentData(), form.category_combo.currentData()) == ("outbound_call", "return_visit")
    type_text(form.notes_edit, "客户对退费结果满意")
    QTest.keyClick(form.notes_edit, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    with qtbot.waitSignal(form.sig_followup_attempt_recorded) as recorded:
        saved = form.save()
    assert recorded.args == [visit]
    row = followups.get(visit)
    assert (row.status, row.attempts) == ("done", 1)
    (attempt,) = FollowUpAttempt.select().where(FollowUpAttempt.followup == visit)
    assert (attempt.outcome, attempt.interaction_id) == ("reached", saved.id)
    assert Interaction.get_by_id(saved.id).satisfaction == 5 and ComplaintCase.get_by_id(case_id).satisfaction == 5
    assert form.status_label.text() == "Saved; the follow-up is done."
    assert form.followup() is None and form.followup_banner.isHidden()


def test_a_low_score_needs_the_reason_and_goes_to_a_supervisor_once(qtbot, w, form):
    _case_id, visit = satisfaction_visit(w)
    form.set_followup(visit)
    type_text(form.notes_edit, "客户认为退费太慢")
    form.satisfaction.set_value(1)
    assert form.save() is None
    assert form.reason_message.isVisible() and followups.get(visit).attempts == 0
    type_text(form.reason_edit, "退费用了两周")
    assert form.save() is not None
    (task,) = FollowUp.select().where(FollowUp.purpose == FollowUpPurpose.SUPERVISOR_CALL)
    assert (task.owner_id, task.note, task.chained_from_id) == (w.supervisor.id, "退费用了两周", visit)
    assert form.status_label.text() == "Saved; the follow-up is done and a supervisor will call the customer back."


def test_the_cross_logs_the_call_without_the_followup(qtbot, w, form):
    _case_id, visit = satisfaction_visit(w)
    form.set_followup(visit)
    qtbot.mouseClick(form.followup_banner.detach_button, Qt.MouseButton.LeftButton)
    assert form.followup() is None and form.followup_banner.isHidden()
    type_text(form.notes_edit, "客户来电咨询其他业务")
    assert form.save() is not None
    assert followups.get(visit).status == "open" and followups.get(visit).attempts == 0


def test_a_followup_closed_elsewhere_saves_nothing_and_then_a_plain_call(qtbot, w, form):
    _case_id, visit = satisfaction_visit(w)
    form.set_followup(visit)
    followups.cancel(w.supervisor, visit, "客户已到网点办理")
    type_text(form.notes_edit, "客户说已在网点办好")
    assert form.save() is None
    assert Interaction.select().count() == 0
    assert "closed elsewhere" in form.form_message.text() and form.followup() is None
    assert form.notes_edit.toPlainText() == "客户说已在网点办好"  # nothing typed is lost
    assert form.save() is not None and followups.get(visit).attempts == 0


def test_a_followup_changed_elsewhere_is_shown_again_before_saving(qtbot, w, form):
    _case_id, visit = satisfaction_visit(w)
    form.set_followup(visit)
    followups.record_attempt(w.agent2, visit, "busy", note="占线")  # a colleague tried meanwhile
    type_text(form.notes_edit, "客户接通")
    form.satisfaction.set_value(4)
    assert form.save() is None
    assert "changed elsewhere" in form.form_message.text()
    assert "Attempts so far: 1" in form.followup_banner.texts() and "Busy" in form.followup_banner.texts()
    assert form.save() is not None
    assert followups.get(visit).status == "done" and followups.get(visit).attempts == 2


def test_my_day_enter_opens_the_followup_in_the_workspace_and_another_customer_clears_it(qtbot, storage):
    from crm.models import StaffUser
    from crm.services.customers import NewCustomer, create_customer
    from ui.app import build_main_window

    StaffUser.create(username="zhao.sup", display_name="赵主管", role="supervisor")
    window = build_main_window(storage)
    qtbot.addWidget(window)
    actor = window._actor
    first = create_customer(actor, NewCustomer(name="张三丰", phones=("13812345678",))).id
    other = create_customer(actor, NewCustomer(name="李四", phones=("13900001111",))).id
    fid = followups.schedule(actor, first, now_utc() + dt.timedelta(hours=2), "periodic_care", note="理财到期提醒")
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.show_agenda()
    assert window.agenda.refresh()
    window.agenda.table.setFocus()
    qtbot.waitUntil(window.agenda.table.hasFocus)
    QTest.keyClick(window.agenda.table, Qt.Key.Key_Return)
    form = window.workspace.panel.call_form
    assert window.tabs.currentWidget() is window.workspace
    assert window.workspace.panel.current_customer_id() == first
    assert form.followup().followup.id == fid and "理财到期提醒" in form.followup_banner.texts()
    qtbot.waitUntil(form.notes_edit.hasFocus)  # ready to write down the call
    window.workspace.open_customer(other)
    assert form.followup() is None and form.followup_banner.isHidden()
    # A follow-up's reminder opens it the same way.
    window.reminders.pending = [Reminder("followup:x", "followup", fid, now_utc(), first, "张三丰", "", "periodic_care",
                                         "due", "理财到期提醒")]
    window.reminders.open_current()
    assert window.workspace.panel.current_customer_id() == first and form.followup().followup.id == fid
