"""The fraud banner in the call form: shown at once, never blocking the notes, actions recorded on the escalation."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from crm.codes import EscalationAction, EscalationKind
from crm.detection import Evidence, Finding
from crm.errors import NotFound
from crm.models import Escalation, Interaction, Opportunity, StaffUser
from crm.services import products
from crm.services.customers import NewCustomer, create_customer
from ui import i18n
from ui.views.interaction.detection_panel import DEBOUNCE_MS
from ui.views.interaction.fraud_alert import FraudAlert, FraudScriptDialog
from ui.views.interaction.interaction_form import InteractionForm
from ui_fakes import GUI

pytestmark = GUI

FRAUD_NOTES = "客户说有人让他把钱转到安全账户。客户还想买大额存单。"


@pytest.fixture
def actor(storage) -> StaffUser:
    products.sync_catalogue()
    return StaffUser.create(username="li.na", display_name="李娜", role="agent")


@pytest.fixture
def customer_id(storage) -> int:
    return create_customer(None, NewCustomer(name="张三", phones=("13812345678",))).id


@pytest.fixture
def form(qtbot, actor, customer_id) -> Iterator[InteractionForm]:
    host = QWidget()  # inside a window, as in the customer panel
    form = InteractionForm(actor, lambda: customer_id, lambda: (), host)
    QVBoxLayout(host).addWidget(form)
    qtbot.addWidget(host)
    host.resize(480, 900)
    host.show()
    yield form


def type_notes(qtbot, form: InteractionForm, text: str) -> None:
    form.notes_edit.setFocus()
    form.notes_edit.setPlainText(text)
    qtbot.waitUntil(lambda: form.detection.findings() != [] or not text, timeout=DEBOUNCE_MS * 5)


def fraud_escalations(interaction_id: int) -> list[Escalation]:
    return list(Escalation.select().where((Escalation.interaction == interaction_id)
                                          & (Escalation.kind == EscalationKind.FRAUD)).order_by(Escalation.id))


def test_a_fraud_phrase_raises_the_banner_with_the_script_and_hides_every_sales_hint(qtbot, form):
    assert not form.fraud_alert.isVisible()
    type_notes(qtbot, form, FRAUD_NOTES)
    assert form.fraud_alert.isVisible()
    assert "Possible telecom fraud" in form.fraud_alert.title_label.text()
    assert "安全账户" in form.fraud_alert.heard_label.text()
    assert "safe account" in form.fraud_alert.script_label.toPlainText()  # the English UI reads the English script
    assert form.detection.opportunities() == []  # 大额存单 is in the notes, but no hint under fraud
    assert form.detection.hint_labels == []
    assert "no sales hints" in form.detection.title_label.text()
    assert form.notes_edit.hasFocus()  # not a modal: the agent keeps typing
    assert [b.text() for b in form.fraud_alert.buttons.values()] == [
        "Dissuasion script read", "Notify branch security", "Call 96110", "Notify supervisor"]


def test_the_banner_is_compact_and_the_notes_keep_a_usable_height(qtbot, form):
    """At 1366×768 the banner must not squeeze the form: a title of at most two lines that is never cut (it
    says what to do), the script in a scrolling box of a few lines, and the notes box never scrolled out of a
    short panel."""
    type_notes(qtbot, form, FRAUD_NOTES)
    alert = form.fraud_alert
    title = alert.title_label
    assert title.wordWrap() and title.height() <= 2 * title.fontMetrics().lineSpacing() + 8  # two lines at most
    assert title.height() >= title.heightForWidth(title.width())  # every line shown, nothing cut
    line = alert.script_label.fontMetrics().lineSpacing()
    assert 2 * line <= alert.script_label.height() <= 5 * line
    assert alert.script_label.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert form.scroll_area.minimumHeight() >= form.notes_edit.minimumHeight()
    host = form.parentWidget()
    host.resize(360, 420)  # a short panel: the banner shrinks its script box, the notes keep their room
    qtbot.wait(50)
    assert form.scroll_area.height() >= form.notes_edit.minimumHeight()
    assert alert.height() + form.scroll_area.height() <= form.height()


def test_in_chinese_the_banner_reads_the_chinese_script(qtbot, form):
    i18n.install_language(i18n.CHINESE)
    type_notes(qtbot, form, FRAUD_NOTES)
    script = form.fraud_alert.script_label.toPlainText()
    assert "安全账户" in script and "96110" in script
    assert "电信诈骗" in form.fraud_alert.title_label.text()
    assert form.fraud_alert.buttons[EscalationAction.DISSUASION_SCRIPT].text() == "已宣读劝阻话术"


def test_actions_before_the_save_are_recorded_on_the_escalation_the_save_creates(qtbot, form):
    type_notes(qtbot, form, FRAUD_NOTES)
    qtbot.mouseClick(form.fraud_alert.buttons[EscalationAction.DISSUASION_SCRIPT], Qt.MouseButton.LeftButton)
    assert form.fraud_alert.action_state(EscalationAction.DISSUASION_SCRIPT) == "pending"
    assert not form.fraud_alert.close_button.isVisible()  # a warning for unsaved notes cannot be closed
    saved = form.save()
    assert saved is not None and saved.fraud_escalation_ids and saved.opportunity_ids == ()
    assert form.fraud_alert.action_state(EscalationAction.DISSUASION_SCRIPT) == "recorded"
    first = Escalation.get_by_id(saved.fraud_escalation_ids[0])
    assert first.action_taken == EscalationAction.DISSUASION_SCRIPT
    # The notes are cleared for the next call; the banner stays, and now records each click at once.
    qtbot.wait(DEBOUNCE_MS * 2)
    assert form.notes_edit.toPlainText() == "" and form.fraud_alert.isVisible()
    qtbot.mouseClick(form.fraud_alert.buttons[EscalationAction.POLICE_96110], Qt.MouseButton.LeftButton)
    actions = {e.action_taken for e in fraud_escalations(saved.id)}
    assert {EscalationAction.DISSUASION_SCRIPT, EscalationAction.POLICE_96110} <= actions
    assert not form.fraud_alert.buttons[EscalationAction.POLICE_96110].isEnabled()
    assert Interaction.get_by_id(saved.id).fraud_flag
    assert not Opportunity.select().where(Opportunity.interaction == saved.id).exists()
    assert not form.detection.review.has_rows()  # nothing to confirm, so no lead can come from this call
    qtbot.mouseClick(form.fraud_alert.close_button, Qt.MouseButton.LeftButton)
    assert not form.fraud_alert.isVisible()


def test_a_save_straight_after_typing_still_raises_the_banner(qtbot, form):
    form.notes_edit.setPlainText(FRAUD_NOTES)  # Ctrl+Enter before the debounce fires
    saved = form.save()
    assert saved.fraud_escalation_ids
    assert form.fraud_alert.isVisible() and form.fraud_alert.is_saved()
    assert "safe account" in form.fraud_alert.script_label.toPlainText()


def test_the_banner_goes_when_the_phrase_is_deleted_and_pending_actions_with_it(qtbot, form):
    type_notes(qtbot, form, FRAUD_NOTES)
    form.fraud_alert.act(EscalationAction.SUPERVISOR_NOTIFIED)
    form.notes_edit.setPlainText("客户咨询大额存单")
    qtbot.waitUntil(lambda: not form.fraud_alert.isVisible(), timeout=DEBOUNCE_MS * 5)
    assert form.fraud_alert.action_state(EscalationAction.SUPERVISOR_NOTIFIED) is None
    assert form.detection.opportunities()  # the hints are back


def test_another_customer_closes_a_saved_banner_but_not_a_live_one(qtbot, form, customer_id):
    saved = SimpleNamespace(id=1, customer_id=customer_id, fraud_escalation_ids=(999,))
    alert = form.fraud_alert
    alert._record_action = lambda *args: None
    alert.on_saved(saved)
    assert alert.isVisible()
    alert.forget_customer(customer_id)
    assert alert.isVisible()
    alert.forget_customer(customer_id + 1)
    assert not alert.isVisible()
    type_notes(qtbot, form, FRAUD_NOTES)
    alert.forget_customer(customer_id + 1)
    assert alert.isVisible()  # the warning belongs to the notes on screen


def finding(rule: str = "fraud.x", phrase: str = "安全账户", script_en: str = "Do not transfer.") -> Finding:
    return Finding("fraud", rule, None, (), Evidence(0, len(phrase), phrase), "解释", "Why", "不要转账。", script_en)


def test_a_failed_recording_says_so_and_the_retry_records_only_what_is_missing(qtbot, storage):
    calls = []

    def record(actor, escalation_id, action):
        calls.append((escalation_id, action))
        if len(calls) == 2:
            raise NotFound("not_found", entity="escalation", id=escalation_id)

    alert = FraudAlert(StaffUser(id=1), record_action=record)
    qtbot.addWidget(alert)
    alert.set_findings([finding()])
    alert.on_saved(SimpleNamespace(id=5, customer_id=1, fraud_escalation_ids=(7, 8)))  # two rules matched
    alert.act(EscalationAction.BRANCH_SECURITY_NOTIFIED)
    assert alert.status_label.text().startswith("Not recorded:")
    assert alert.buttons[EscalationAction.BRANCH_SECURITY_NOTIFIED].isEnabled()
    alert.act(EscalationAction.BRANCH_SECURITY_NOTIFIED)
    assert alert.action_state(EscalationAction.BRANCH_SECURITY_NOTIFIED) == "recorded"
    action = "branch_security_notified"
    assert calls == [(7, action), (8, action), (8, action)]  # the retry does not record 7 twice


def test_the_full_script_opens_beside_the_form_without_blocking_it(qtbot, storage):
    alert = FraudAlert(StaffUser(id=1), record_action=lambda *a: None)
    qtbot.addWidget(alert)
    alert.set_findings([finding("fraud.a", "安全账户", "Script A."), finding("fraud.b", "验证码", "Script B.")])
    dialog = alert.show_full_script()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, FraudScriptDialog) and not dialog.isModal()
    text = dialog.browser.toPlainText()
    assert "Script A." in text and "Script B." in text
