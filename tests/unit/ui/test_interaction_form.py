"""Logging a call with the InteractionForm on a real database: save, low scores, the C3 block, shortcuts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from crm.codes import InteractionCategory, InteractionChannel, InteractionOutcome
from crm.models import ComplaintCase, FeedbackTag, FollowUp, Interaction, StaffUser
from crm.services import templates
from crm.services.customers import NewCustomer, create_customer
from ui import i18n
from ui.dialogs.case_open_dialog import CaseOpenDialog
from ui.dialogs.followup_dialog import FollowUpDialog
from ui.dialogs.templates_dialog import TemplatesDialog
from ui.views.interaction import call_timer
from ui.views.interaction.auth_data_watch import DEBOUNCE_MS
from ui.views.interaction.interaction_form import InteractionForm
from ui_fakes import GUI

pytestmark = GUI


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Dialogs:
    """Stands in for exec(): each step gets the dialog the form put up and answers it like an agent."""

    def __init__(self, *steps) -> None:
        self.steps = list(steps)
        self.seen: list[QDialog] = []

    def __call__(self, dialog: QDialog) -> bool:
        self.seen.append(dialog)
        return self.steps.pop(0)(dialog)


@pytest.fixture
def actor(storage) -> StaffUser:
    return StaffUser.create(username="li.na", display_name="李娜", role="agent")


@pytest.fixture
def supervisor(storage) -> StaffUser:
    return StaffUser.create(username="wang.qiang", display_name="王强", role="supervisor")


@pytest.fixture
def customer_id(storage) -> int:
    return create_customer(None, NewCustomer(name="张三", phones=("13812345678",))).id


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make_form(qtbot, actor, customer_id, clock):
    def make(**kwargs) -> InteractionForm:
        kwargs.setdefault("clock", clock)
        form = InteractionForm(actor, lambda: customer_id, lambda: (), **kwargs)
        qtbot.addWidget(form)
        with qtbot.waitActive(form):  # shortcuts only reach the active window
            form.show()
            form.activateWindow()
        return form
    return make


@pytest.fixture
def chinese(qapp) -> None:
    """Chinese UI: ui.i18n loads every catalogue, interaction_zh_CN.qm among them (conftest resets to English)."""
    assert i18n.install_language(i18n.CHINESE)["interaction_zh_CN"]


def type_text(widget: QWidget, text: str) -> None:
    """Type as a Chinese input method does: each line committed as one string (QTest cannot type CJK)."""
    widget.setFocus()
    for index, line in enumerate(text.split("\n")):
        if index:
            QTest.keyClick(widget, Qt.Key.Key_Return)
        event = QInputMethodEvent()
        event.setCommitString(line)
        QApplication.sendEvent(widget, event)


def type_notes(qtbot, form: InteractionForm, text: str) -> None:
    type_text(form.notes_edit, text)


def test_save_records_the_call_with_the_duration_from_the_timer(qtbot, make_form, clock, actor, customer_id):
    form = make_form()
    type_notes(qtbot, form, "客户咨询信用卡账单分期手续费，已说明。")
    qtbot.keyClick(form.notes_edit, Qt.Key.Key_F5)
    assert form.timer.running
    clock.now += 95
    form.timer._on_ticker_timeout()
    assert form.timer.clock_label.text() == "01:35"
    qtbot.keyClick(form.notes_edit, Qt.Key.Key_F5)
    assert not form.timer.running
    assert form.timer.duration_s() == 95
    labels_outcome = form.outcome_combo.findData(InteractionOutcome.RESOLVED)
    form.outcome_combo.setCurrentIndex(labels_outcome)
    with qtbot.waitSignal(form.sig_saved) as saved:
        qtbot.keyClick(form.notes_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    row = Interaction.get_by_id(saved.args[0].id)
    assert row.customer_id == customer_id and row.staff_id == actor.id
    assert row.notes == "客户咨询信用卡账单分期手续费，已说明。"
    assert row.duration_s == 95
    assert row.channel == InteractionChannel.INBOUND_CALL
    assert row.category == InteractionCategory.CONSULTATION
    assert row.outcome == InteractionOutcome.RESOLVED
    assert row.satisfaction is None
    assert saved.args[0].followup_ids == ()
    # Ready for the next call: empty, clock at zero, confirmation shown.
    assert form.notes_edit.toPlainText() == ""
    assert form.timer.duration_s() is None and form.timer.clock_label.text() == "00:00"
    assert form.outcome_combo.currentData() == ""
    assert form.status_label.text() == "Saved."
    assert form.last_saved() == saved.args[0]


def test_a_running_timer_is_stopped_and_counted_by_save(qtbot, make_form, clock):
    form = make_form()
    form.timer.start()
    clock.now += 42
    type_notes(qtbot, form, "no answer")
    with qtbot.waitSignal(form.sig_saved) as saved:
        qtbot.keyClick(form.notes_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert Interaction.get_by_id(saved.args[0].id).duration_s == 42
    assert not form.timer.running


def test_edited_duration_is_what_gets_saved(qtbot, make_form):
    form = make_form()
    form.timer.duration_edit.setTime(form.timer.duration_edit.time().addSecs(5 * 60 + 3))
    type_notes(qtbot, form, "branch visit")
    form.channel_combo.setCurrentIndex(form.channel_combo.findData(InteractionChannel.BRANCH))
    saved = form.save()
    row = Interaction.get_by_id(saved.id)
    assert (row.duration_s, row.channel) == (303, InteractionChannel.BRANCH)
    assert form.channel_combo.currentData() == InteractionChannel.BRANCH  # the agent's line stays


def test_low_score_without_reason_shows_the_message_under_the_reason_and_saves_nothing(qtbot, make_form):
    form = make_form()
    type_notes(qtbot, form, "客户对等待时间不满")
    qtbot.keyClick(form.notes_edit, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: form.satisfaction.value() == 2)  # a mnemonic "animates" the click
    assert form.reason_edit.placeholderText().startswith("Required: ")
    assert form.reason_edit.styleSheet() and form._reason_label.styleSheet()  # highlighted
    form.save_button.click()
    assert Interaction.select().count() == 0 and FollowUp.select().count() == 0
    assert form.reason_message.isVisible()
    assert form.reason_message.text() == (
        "A score of 1 or 2 needs the reason: what was the customer unhappy with?")
    assert form.notes_edit.toPlainText() == "客户对等待时间不满"  # nothing lost

    type_text(form.reason_edit, "排队 20 分钟")
    assert not form.reason_message.isVisible() and not form.reason_edit.styleSheet()
    with qtbot.waitSignal(form.sig_saved) as saved:
        form.save_button.click()
    followup = FollowUp.get_by_id(saved.args[0].followup_ids[0])
    assert followup.interaction_id == saved.args[0].id and followup.purpose == "supervisor_call"
    assert Interaction.get_by_id(saved.args[0].id).satisfaction_reason == "排队 20 分钟"
    assert form.status_label.text() == "Saved; a follow-up call by a supervisor was created."
    assert form.satisfaction.value() is None and form.reason_edit.text() == ""


def test_tapping_the_chosen_score_again_clears_it(qtbot, make_form):
    form = make_form()
    form.satisfaction.buttons[0].click()
    assert form.satisfaction.value() == 1 and form.reason_message.isVisible()
    form.satisfaction.buttons[3].click()
    assert form.satisfaction.value() == 4 and not form.reason_message.isVisible()
    form.satisfaction.buttons[3].click()
    assert form.satisfaction.value() is None


def test_c3_warning_appears_while_typing_and_save_is_refused(qtbot, make_form):
    form = make_form()
    type_notes(qtbot, form, "客户说密码是123456，已提醒不要透露")
    assert not form.notes_message.isVisible()  # debounced: not on every key
    qtbot.waitUntil(form.notes_message.isVisible, timeout=DEBOUNCE_MS * 5)
    assert form.notes_message.text() == (
        "This looks like a card PIN. Authentication data is never saved: remove it before saving.")
    assert len(form.notes_edit.extraSelections()) == 1
    assert form.notes_edit.extraSelections()[0].cursor.selectedText() == "密码是123456"

    form.save_button.click()
    assert Interaction.select().count() == 0
    assert form.notes_message.isVisible()
    assert form.notes_edit.textCursor().selectedText() == "密码是123456"  # one Delete removes it

    qtbot.keyClick(form.notes_edit, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not form.notes_message.isVisible(), timeout=DEBOUNCE_MS * 5)
    assert form.notes_edit.extraSelections() == []
    with qtbot.waitSignal(form.sig_saved):
        form.save_button.click()
    assert Interaction.get().notes == "客户说，已提醒不要透露"


def test_c3_is_refused_even_when_save_beats_the_debounce(qtbot, make_form):
    form = make_form()
    form.notes_edit.setPlainText("验证码 482913")
    form.save()
    assert Interaction.select().count() == 0
    assert "SMS verification code" in form.notes_message.text()


def test_c3_warning_in_chinese_names_what_it_looks_like(qtbot, make_form, chinese):
    form = make_form()
    form.notes_edit.setPlainText("卡背面三位 123，验证码 482913")
    form.save()
    assert form.notes_message.text() == (
        "这里疑似包含卡片安全码（CVN）、短信验证码。身份验证信息一律不得记录：请删除后再保存。")
    assert form.save_button.text() == "保存(&S)"
    assert form.channel_combo.currentText() == "呼入"


def test_feedback_rows_are_saved_and_an_empty_text_is_shown_under_its_row(qtbot, make_form):
    form = make_form()
    type_notes(qtbot, form, "反馈手机银行")
    form.add_feedback_button.click()
    first = form.feedback.rows[0]
    first.product_edit.setText("手机银行")
    first.text_edit.setText("账单查询入口太深")
    form.add_feedback_button.click()
    form.add_feedback_button.click()  # left empty: ignored
    second = form.feedback.rows[1]
    second.kind_combo.setCurrentIndex(second.kind_combo.findData("process"))
    second.product_edit.setText("挂失")
    form.save()
    assert Interaction.select().count() == 0
    assert second.message.isVisible() and second.message.text() == "This field must be filled in."
    assert not first.message.isVisible()

    second.text_edit.setText("需要去网点，太麻烦")
    saved = form.save()
    tags = list(FeedbackTag.select().where(FeedbackTag.interaction == saved.id).order_by(FeedbackTag.id))
    assert [(t.kind, t.product_id, t.text) for t in tags] == [
        ("product", None, "手机银行: 账单查询入口太深"), ("process", None, "挂失: 需要去网点，太麻烦")]
    assert form.feedback.rows == []


def test_without_a_customer_nothing_is_saved(qtbot, actor):
    form = InteractionForm(actor, lambda: None, lambda: ())
    qtbot.addWidget(form)
    form.notes_edit.setPlainText("hello")
    assert form.save() is None
    assert form.form_message.text() == "Open a customer first."


def test_verification_attempts_of_the_call_are_passed_on(qtbot, storage, actor, customer_id):
    from crm.services import verification

    result = verification.verify(actor, customer_id, name="张三", id_number="110101199003071234",
                                 card_or_mobile="13812345678")
    form = InteractionForm(actor, lambda: customer_id, lambda: (result.attempt_id,))
    qtbot.addWidget(form)
    form.notes_edit.setPlainText("核验后咨询")
    saved = form.save()
    assert saved.verification != "not_done"


def test_insert_template_puts_the_text_at_the_cursor_and_selects_the_placeholder(qtbot, make_form):
    def choose(dialog: TemplatesDialog) -> bool:
        dialog.search_edit.setText("transfer limits")
        dialog.reload()
        assert dialog.current_template().title == "Checking and changing transfer limits"
        return True

    dialogs = Dialogs(choose)
    form = make_form(run_dialog=dialogs)
    type_notes(qtbot, form, "Customer asked: ")
    qtbot.keyClick(form.notes_edit, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(dialogs.seen[0], TemplatesDialog)
    body = templates.render(dialogs.seen[0].current_template().body)
    assert form.notes_edit.toPlainText() == "Customer asked: " + body
    assert form.notes_edit.textCursor().selectedText() == "{customer}"


def test_open_case_saves_the_call_first_after_asking_and_links_it(qtbot, make_form, customer_id):
    questions = []

    def fill_case(dialog: CaseOpenDialog) -> bool:
        assert dialog.summary_edit.text() == "信用卡年费未按约定减免"
        dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("credit_card"))
        dialog.open_button.click()  # opens the case and shows its number
        assert dialog.result_label.isVisibleTo(dialog)
        dialog.open_button.click()  # Close
        return dialog.result() == QDialog.DialogCode.Accepted

    form = make_form(run_dialog=Dialogs(fill_case),
                     confirm=lambda parent, title, text: questions.append(text) or True)
    form.category_combo.setCurrentIndex(form.category_combo.findData(InteractionCategory.COMPLAINT))
    type_notes(qtbot, form, "信用卡年费未按约定减免\n客户要求退还 200 元")
    with qtbot.waitSignal(form.sig_saved) as saved, qtbot.waitSignal(form.sig_case_opened) as opened:
        form.case_button.click()
    assert questions == ["The case is linked to this call, so the call is saved first. Save it now?"]
    case = ComplaintCase.get_by_id(opened.args[0])
    assert case.interaction_id == saved.args[0].id and case.customer_id == customer_id
    assert case.summary == "信用卡年费未按约定减免"
    assert form.status_label.text() == f"Complaint case {case.case_no} opened."


def test_open_case_answered_no_saves_nothing(qtbot, make_form):
    dialogs = Dialogs()
    form = make_form(run_dialog=dialogs, confirm=lambda *args: False)
    type_notes(qtbot, form, "投诉")
    form.open_case()
    assert Interaction.select().count() == 0 and dialogs.seen == []
    assert form.notes_edit.toPlainText() == "投诉"


def test_open_case_with_nothing_written_asks_for_the_notes(qtbot, make_form):
    dialogs = Dialogs()
    form = make_form(run_dialog=dialogs)
    form.open_case()
    assert dialogs.seen == [] and "notes first" in form.form_message.text()


def test_follow_up_after_saving_is_linked_to_the_call(qtbot, make_form):
    def schedule(dialog: FollowUpDialog) -> bool:
        dialog.tomorrow_button.click()
        dialog.note_edit.setPlainText("告知减免结果")
        dialog.schedule_button.click()
        return dialog.result() == QDialog.DialogCode.Accepted

    form = make_form(run_dialog=Dialogs(schedule))
    type_notes(qtbot, form, "客户申请年费减免")
    saved = form.save()
    with qtbot.waitSignal(form.sig_followup_scheduled) as scheduled:
        form.followup_button.click()
    followup = FollowUp.get_by_id(scheduled.args[0])
    assert followup.interaction_id == saved.id and followup.note == "告知减免结果"
    assert form.status_label.text().startswith("Follow-up scheduled for ")


def test_follow_up_during_the_call_marks_the_outcome(qtbot, make_form):
    def schedule(dialog: FollowUpDialog) -> bool:
        dialog.two_hours_button.click()
        dialog.schedule_button.click()
        return dialog.result() == QDialog.DialogCode.Accepted

    form = make_form(run_dialog=Dialogs(schedule))
    type_notes(qtbot, form, "需要查询后回复")
    form.followup_button.click()
    assert FollowUp.get().interaction_id is None
    assert form.outcome_combo.currentData() == InteractionOutcome.FOLLOW_UP


def test_keyboard_user_reaches_every_control_in_order(qtbot, make_form):
    form = make_form()
    form.add_feedback_button.click()
    row = form.feedback.rows[0]
    assert row.kind_combo.hasFocus()  # a new feedback row takes the keyboard
    assert form.notes_edit.tabChangesFocus()
    form.channel_combo.setFocus()
    order = []
    widget = form.channel_combo
    for _ in range(40):
        order.append(widget)
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isVisibleTo(form):
            widget = widget.nextInFocusChain()
        if widget is form.channel_combo:
            break
    expected = [form.channel_combo, form.category_combo, form.outcome_combo, form.notes_edit,
                form.template_button, form.timer.toggle_button, form.timer.duration_edit,
                *form.satisfaction.buttons, form.reason_edit, form.add_feedback_button,
                row.kind_combo, row.product_edit, row.text_edit, row.remove_button,
                form.followup_button, form.case_button, form.save_button]
    assert [w for w in order if w in expected] == expected


def test_language_switch_keeps_the_choices(qtbot, make_form, chinese):
    form = make_form()
    form.category_combo.setCurrentIndex(form.category_combo.findData(InteractionCategory.COMPLAINT))
    assert form.category_combo.currentText() == "投诉"
    i18n.install_language(i18n.ENGLISH)
    qtbot.waitUntil(lambda: form.category_combo.currentText() == "Complaint")
    assert form.category_combo.currentData() == InteractionCategory.COMPLAINT


def test_clock_format():
    assert call_timer.format_elapsed(0) == "00:00"
    assert call_timer.format_elapsed(95) == "01:35"
    assert call_timer.format_elapsed(3600 + 62) == "1:01:02"


def test_notes_begun_for_another_customer_are_saved_only_after_asking(qtbot, actor, customer_id):
    other_id = create_customer(None, NewCustomer(name="李四", phones=("13900001111",))).id
    shown = {"id": customer_id}
    answers: list[bool] = [False, True]
    questions = []
    form = InteractionForm(actor, lambda: shown["id"], lambda: (),
                           confirm=lambda parent, title, text: questions.append(text) or answers.pop(0))
    qtbot.addWidget(form)
    form.notes_edit.setPlainText("张三来电咨询")
    shown["id"] = other_id  # the agent opened another customer before saving
    assert form.save() is None and Interaction.select().count() == 0
    assert questions[0].startswith("You started these notes while another customer was open.")
    saved = form.save()
    assert saved.customer_id == other_id
    form.notes_edit.setPlainText("李四的下一通电话")
    assert form.save() is not None and len(questions) == 2  # a fresh start: no question


class FakePanel(QWidget):
    """Shaped like CustomerPanel for the wiring: customer, attempts, the form's place, the call state."""

    def __init__(self, customer_id: int) -> None:
        super().__init__()
        self.customer_id = customer_id
        self.hosted: QWidget | None = None
        self.calls: list[str] = []

    def current_customer_id(self) -> int:
        return self.customer_id

    def verification_attempt_ids(self) -> tuple[int, ...]:
        return ()

    def set_interaction_widget(self, widget: QWidget) -> None:
        self.hosted = widget
        widget.setParent(self)

    def clear_call_state(self) -> None:
        self.calls.append("clear_call_state")

    def reload(self) -> None:
        self.calls.append("reload")


def test_wiring_puts_the_form_in_the_panel_and_clears_the_call_after_a_save(qtbot, actor, customer_id):
    from ui.views.interaction.panel_wiring import with_call_form

    factory = with_call_form(lambda who, parent: FakePanel(customer_id))
    panel = factory(actor, None)
    qtbot.addWidget(panel)
    assert panel.hosted is panel.call_form
    panel.call_form.notes_edit.setPlainText("咨询")
    panel.call_form.save()
    assert panel.calls == ["clear_call_state"]
    nobody = factory(None, None)  # the self-test's window: nobody signed in, no form
    qtbot.addWidget(nobody)
    assert nobody.hosted is None


def test_wiring_shows_each_decision_and_lead_in_the_timeline(qtbot, actor, customer_id):
    """The timeline lists opportunities with their status and the leads made from them: after the agent
    confirms a need or creates a lead under the call, the panel reads them again (it went stale before)."""
    from crm.services import customer_detail, products
    from ui.views.interaction.panel_wiring import with_call_form

    products.sync_catalogue()
    customer_detail.record_consent(None, customer_id, "marketing", "phone", True, "call")
    panel = with_call_form(lambda who, parent: FakePanel(customer_id))(actor, None)
    qtbot.addWidget(panel)
    panel.call_form.notes_edit.setPlainText("客户咨询大额存单利率，明年孩子要出国。")
    panel.call_form.save()
    review = panel.call_form.detection.review
    assert review.rows and panel.calls == ["clear_call_state"]
    assert review.decide(review.rows[0], True)
    assert panel.calls == ["clear_call_state", "reload"]

    def create(dialog) -> bool:
        dialog.create()
        return True

    review.run_dialog = create
    assert review.create_lead(review.rows[0]) is not None
    assert panel.calls == ["clear_call_state", "reload", "reload"]


def test_alt_digit_then_an_immediate_save_keeps_the_score_and_the_form_resets(qtbot, make_form):
    form = make_form()
    form.show()
    qtbot.waitExposed(form)
    type_notes(qtbot, form, "客户咨询转账限额")
    qtbot.keyClick(form.notes_edit, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert form.satisfaction.value() == 4  # at once: no animated click to wait for
    saved = form.save()  # the agent's very next keystroke
    assert Interaction.get_by_id(saved.id).satisfaction == 4
    assert form.satisfaction.value() is None and not any(b.isChecked() for b in form.satisfaction.buttons)
