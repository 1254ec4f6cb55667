"""Golden path of the service loop: a complaint call opens a case, the case is worked and closed (which schedules
the satisfaction return visit), and the visit is made from My Day.

The real main window as the application builds it (``ui.app.build_main_window``) on a real SQLCipher file with
the in-memory keyring. Modal dialogs are answered as they come up, like the agent would.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QWidget

from crm import db
from crm.codes import FollowUpPurpose
from crm.models import ComplaintCase, FollowUp, FollowUpAttempt, Interaction, StaffUser
from crm.services import followups
from crm.services.base import now_utc
from crm.services.customers import NewCustomer, create_customer
from crm.workcalendar import default_calendar
from ui.app import build_main_window
from ui.dialogs.case_open_dialog import CaseOpenDialog
from ui.views.cases.close_case_dialog import CloseCaseDialog

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore(r"^This plugin does not support ")]


def type_text(widget: QWidget, text: str) -> None:
    """Type as a Chinese input method does: the text is committed in one go (QTest cannot type CJK)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def answer_modal(kind: type[QDialog], act: Callable[[QDialog], None], seconds: float = 5) -> list[QDialog]:
    """When a modal ``kind`` comes up, ``act`` on it (fill it in, press its button); returns what was seen."""
    seen: list[QDialog] = []
    deadline = time.monotonic() + seconds

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            seen.append(dialog)
            act(dialog)
        elif time.monotonic() < deadline:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def press(qtbot, window: QWidget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed in the main window, which a closed dialog handed the focus back to."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    QTest.keyClick(QApplication.focusWidget() or window, key, modifier)


@pytest.fixture
def storage(tmp_path, fake_keyring):
    opened, _recovery_key = db.create_local(tmp_path / "BankCRM")
    try:
        yield opened
    finally:
        opened.close()


def test_complaint_to_closed_case_to_satisfaction_visit_from_my_day(qtbot, storage):
    StaffUser.create(username="wang.qiang", display_name="王强", role="supervisor")
    customer = create_customer(None, NewCustomer(name="张三", phones=("13812345678",)))
    window = build_main_window(storage)  # signs in the OS user: an agent, the supervisor came first
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    workspace = window.workspace
    panel = workspace.panel
    form = panel.call_form

    # The caller is found by number and opened.
    QTest.keyClicks(workspace.search_box, "13812345678")
    qtbot.waitUntil(lambda: workspace.model.rowCount() == 1, timeout=3000)
    QTest.keyClick(workspace.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.current_customer_id() == customer.id, timeout=3000)

    # A complaint call: logged with Ctrl+Enter, then a case opened from it.
    form.category_combo.setCurrentIndex(form.category_combo.findData("complaint"))
    type_text(form.notes_edit, "信用卡年费未按约定减免，客户要求退还。")
    with qtbot.waitSignal(form.sig_saved, timeout=3000) as saved:
        QTest.keyClick(form.notes_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    complaint_call = saved.args[0].id

    def open_case(dialog: CaseOpenDialog) -> None:
        dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("credit_card"))
        QTest.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)  # opens it and shows the number
        QTest.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)  # closes the dialog

    answered = answer_modal(CaseOpenDialog, open_case)
    with qtbot.waitSignal(form.sig_case_opened, timeout=5000) as opened:
        QTest.mouseClick(form.case_button, Qt.MouseButton.LeftButton)
    assert answered
    case_id = opened.args[0]
    assert ComplaintCase.get_by_id(case_id).interaction_id == complaint_call

    # The case board (Ctrl+5): Enter on the case, progress notes, resolve, close.
    press(qtbot, window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    cases_view = window.cases
    assert window.tabs.currentWidget() is cases_view
    qtbot.waitUntil(lambda: cases_view.model.row_of(case_id) >= 0, timeout=3000)
    cases_view.table.setFocus()
    cases_view.table.setCurrentIndex(cases_view.model.index(cases_view.model.row_of(case_id), 0))
    QTest.keyClick(cases_view.table, Qt.Key.Key_Return)
    detail = cases_view.detail
    qtbot.waitUntil(lambda: detail.case() is not None and detail.case().id == case_id, timeout=3000)
    QTest.mouseClick(detail.buttons["in_progress"], Qt.MouseButton.LeftButton)
    for note in ("已联系信用卡中心核实减免规则", "信用卡中心确认系统未按规则减免，已发起退费"):
        type_text(detail.note_edit, note)
        with qtbot.waitSignal(detail.sig_case_changed, timeout=3000):
            QTest.keyClick(detail.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "已发起退费" in detail.history.toPlainText()

    def resolve(dialog: QInputDialog) -> None:
        dialog.setTextValue("年费已全额退还，并已电话告知客户")
        dialog.accept()

    answered = answer_modal(QInputDialog, resolve)
    QTest.mouseClick(detail.buttons["resolve"], Qt.MouseButton.LeftButton)
    assert answered and ComplaintCase.get_by_id(case_id).status == "resolved"

    def close(dialog: CloseCaseDialog) -> None:
        type_text(dialog.root_cause_edit, "新卡减免规则未同步到计费系统")
        type_text(dialog.corrective_edit, "计费系统已补录规则，并加入上线检查清单")
        dialog.channels_check.setChecked(True)
        QTest.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    answered = answer_modal(CloseCaseDialog, close)
    QTest.mouseClick(detail.buttons["close"], Qt.MouseButton.LeftButton)
    assert answered and ComplaintCase.get_by_id(case_id).status == "closed"
    visit = FollowUp.get((FollowUp.case == case_id) & (FollowUp.purpose == FollowUpPurpose.SATISFACTION_VISIT))
    assert visit.owner_id == window._actor.id and visit.status == "open"
    cal = default_calendar()
    if cal.local_date(visit.due_at) > cal.local_date(now_utc()) + dt.timedelta(days=7):
        # After a long holiday the next working day is beyond the week My Day shows: the customer agreed to sooner.
        followups.reschedule(window._actor, visit.id, now_utc() + dt.timedelta(hours=2), "客户要求节前回访")

    # My Day (Ctrl+3): the return visit is there; Enter opens it in the workspace with its context.
    press(qtbot, window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    agenda = window.agenda
    qtbot.waitUntil(lambda: agenda.model.row_of_followup(visit.id) >= 0, timeout=3000)
    agenda.table.setFocus()
    agenda.table.setCurrentIndex(agenda.model.index(agenda.model.row_of_followup(visit.id), 0))
    QTest.keyClick(agenda.table, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is workspace and panel.current_customer_id() == customer.id
    banner = form.followup_banner.texts()
    case_no = ComplaintCase.get_by_id(case_id).case_no
    assert "Satisfaction return visit" in banner and case_no in banner and "Attempts so far: 0" in banner
    qtbot.waitUntil(form.notes_edit.hasFocus, timeout=3000)

    # The customer is reached and gives 5: Alt+5, Ctrl+Enter.
    type_text(form.notes_edit, "回访：客户确认年费已退还，对处理结果满意。")
    QTest.keyClick(form.notes_edit, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: form.satisfaction.value() == 5)
    with qtbot.waitSignal(form.sig_followup_attempt_recorded, timeout=3000):
        QTest.keyClick(form.notes_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert form.status_label.text() == "Saved; the follow-up is done."

    # What the database now holds.
    case = ComplaintCase.get_by_id(case_id)
    assert case.status == "closed" and case.root_cause and case.corrective_action and case.further_channels_told
    assert case.satisfaction == 5
    done = FollowUp.get_by_id(visit.id)
    assert (done.status, done.attempts) == ("done", 1)
    (attempt,) = FollowUpAttempt.select().where(FollowUpAttempt.followup == visit.id)
    call = Interaction.get_by_id(attempt.interaction_id)
    assert attempt.outcome == "reached" and attempt.staff_id == window._actor.id
    assert (call.customer_id, call.satisfaction, call.channel, call.category) == (
        customer.id, 5, "outbound_call", "return_visit")
    # Back on My Day the visit is gone.
    press(qtbot, window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: agenda.model.row_of_followup(visit.id) < 0, timeout=3000)
