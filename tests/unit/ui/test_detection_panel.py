"""Sales hints under the call notes while typing, and the saved call's opportunities to confirm or dismiss."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPlainTextEdit, QVBoxLayout, QWidget

from crm.codes import OpportunityStatus
from crm.detection_rules import RulesError
from crm.models import Lead, Opportunity, StaffUser
from crm.services import customer_detail, opportunities, products
from crm.services.customers import NewCustomer, create_customer
from ui import i18n
from ui.dialogs.lead_create_dialog import LeadCreateDialog
from ui.views.interaction.detection_panel import DEBOUNCE_MS, DetectionPanel
from ui.views.interaction.interaction_form import InteractionForm
from ui_fakes import GUI

pytestmark = GUI

NOTES = "客户咨询大额存单利率，明年孩子要出国。"


@pytest.fixture
def actor(storage) -> StaffUser:
    products.sync_catalogue()
    return StaffUser.create(username="li.na", display_name="李娜", role="agent")


@pytest.fixture
def customer_id(storage) -> int:
    cid = create_customer(None, NewCustomer(name="张三", phones=("13812345678",))).id
    customer_detail.record_consent(None, cid, "marketing", "phone", True, "call")
    return cid


class Shown:
    """The customer the panel shows; a test moves it to another one."""

    def __init__(self, customer_id: int) -> None:
        self.id = customer_id

    def __call__(self) -> int:
        return self.id


@pytest.fixture
def shown(customer_id) -> Shown:
    return Shown(customer_id)


@pytest.fixture
def form(qtbot, actor, shown) -> Iterator[InteractionForm]:
    host = QWidget()
    form = InteractionForm(actor, shown, lambda: (), host)
    QVBoxLayout(host).addWidget(form)
    qtbot.addWidget(host)
    host.resize(480, 900)
    host.show()
    yield form


def type_notes(qtbot, form: InteractionForm, text: str) -> None:
    form.notes_edit.setPlainText(text)
    qtbot.waitUntil(lambda: form.detection.opportunities() != [], timeout=DEBOUNCE_MS * 5)


def test_hints_appear_after_a_pause_in_typing_not_on_every_key(qtbot, storage):
    texts = []

    def detect(text):
        texts.append(text)
        return []

    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    panel = DetectionPanel(StaffUser(id=1), edit, lambda: 1, detect=detect, products=lambda: [])
    for end in range(1, 8):
        edit.setPlainText(NOTES[:end])
    assert texts == []  # nothing while the agent is typing
    qtbot.waitUntil(lambda: texts != [], timeout=DEBOUNCE_MS * 5)
    qtbot.wait(DEBOUNCE_MS)
    assert texts == [NOTES[:7]]  # once, for the text as it stands
    assert not panel.isVisibleTo(edit)


def test_each_need_shows_its_category_products_and_the_words_heard(qtbot, form):
    type_notes(qtbot, form, NOTES)
    assert form.detection.isVisible()
    texts = [label.text() for label in form.detection.hint_labels]
    cd = next(t for t in texts if "Large-denomination CDs" in t)
    assert "1-year large-denomination CD" in cd  # the catalogue's English name in the English UI
    assert "background-color" in cd and ">大额存单</span>" in cd  # the phrase itself marked, in its context
    assert any("Foreign exchange" in t and ">出国</span>" in t for t in texts)
    tips = [label.toolTip() for label in form.detection.hint_labels]
    assert all(tips) and all(tip.isascii() for tip in tips)  # the rule's explanation, in English
    assert "nothing goes to sales" in form.detection.title_label.text()


def test_in_chinese_the_hints_use_chinese_names(qtbot, form):
    type_notes(qtbot, form, NOTES)
    i18n.install_language(i18n.CHINESE)  # LanguageChange reaches the widgets through the event loop
    qtbot.waitUntil(lambda: "一年期大额存单" in form.detection.hint_labels[0].text(), timeout=1000)
    texts = [label.text() for label in form.detection.hint_labels]
    assert any("<b>大额存单</b>" in t and "一年期大额存单" in t for t in texts)
    assert not form.detection.hint_labels[0].toolTip().isascii()


def test_broken_rules_say_so_and_the_call_is_still_saved(qtbot, actor, customer_id):
    def detect(_text):
        raise RulesError(file="opportunities.toml", line=3, rule="opp.x", reason="toml_syntax")

    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    panel = DetectionPanel(actor, edit, lambda: customer_id, detect=detect)
    edit.setPlainText(NOTES)
    assert panel.check_now() == []
    assert "could not be read" in panel.title_label.text()


def test_after_the_save_the_agent_confirms_or_dismisses_each_stored_opportunity(qtbot, form):
    type_notes(qtbot, form, NOTES)
    saved = form.save()
    assert saved.opportunity_ids
    review = form.detection.review
    qtbot.waitUntil(lambda: form.detection.hint_labels == [], timeout=DEBOUNCE_MS * 5)  # notes cleared
    assert form.detection.isVisible() and len(review.rows) == len(saved.opportunity_ids)
    first, second = review.rows[0], review.rows[1]
    assert ">大额存单</span>" in first.text_label.text()  # the evidence in the saved notes' context
    assert first.confirm_button.isVisible() and not first.lead_button.isVisible()
    qtbot.mouseClick(first.confirm_button, Qt.MouseButton.LeftButton)
    assert Opportunity.get_by_id(first.row.id).status == OpportunityStatus.CONFIRMED
    assert first.lead_button.isVisible() and not first.confirm_button.isVisible()
    assert "Confirmed" in first.text_label.text()
    qtbot.mouseClick(second.dismiss_button, Qt.MouseButton.LeftButton)
    assert Opportunity.get_by_id(second.row.id).status == OpportunityStatus.DISMISSED
    assert not second.lead_button.isVisible()


def test_a_decision_made_elsewhere_first_is_shown_not_overwritten(qtbot, form, actor):
    type_notes(qtbot, form, NOTES)
    form.save()
    row = form.detection.review.rows[0]
    opportunities.decide_opportunity(actor, row.row.id, row.row.version, confirm=False)  # a colleague, meanwhile
    assert not form.detection.review.decide(row, True)
    assert "Someone else" in form.detection.review.message.text()
    assert row.status() == OpportunityStatus.DISMISSED
    assert Opportunity.get_by_id(row.row.id).status == OpportunityStatus.DISMISSED


def test_create_lead_opens_the_dialog_and_the_row_says_what_became_of_the_lead(qtbot, form, customer_id):
    type_notes(qtbot, form, NOTES)
    form.save()
    row = form.detection.review.rows[0]
    form.detection.review.decide(row, True)
    seen = []

    def answer(dialog: QDialog) -> bool:
        seen.append(dialog)
        assert isinstance(dialog, LeadCreateDialog)
        assert dialog.product_combo.currentText().startswith("★")  # the rule's suggestion first
        assert dialog.channel() == "phone"  # the channel the customer agreed to
        dialog.create()
        return True

    form.detection.review.run_dialog = answer
    with qtbot.waitSignal(form.detection.review.sig_lead_created) as created:
        qtbot.mouseClick(row.lead_button, Qt.MouseButton.LeftButton)
    lead = Lead.get_by_id(created.args[0])
    assert lead.customer_id == customer_id and lead.opportunity_id == row.row.id
    assert lead.block_reason is None  # C1 not needed: a deposit product (R1) needs no risk rating
    assert "goes to sales" in row.text_label.text() and not row.lead_button.isVisible()


def test_another_customer_takes_the_saved_calls_list_away(qtbot, form, shown):
    type_notes(qtbot, form, NOTES)
    form.save()
    qtbot.waitUntil(lambda: form.detection.hint_labels == [], timeout=1000)  # the live hints went with the notes
    assert form.detection.review.has_rows()
    form.detection.forget_customer(shown.id)
    assert form.detection.review.has_rows()
    shown.id += 1
    form.detection.forget_customer(shown.id)
    assert not form.detection.review.has_rows() and not form.detection.isVisible()


def test_a_typed_fraud_warning_hides_the_previous_calls_list(qtbot, form):
    type_notes(qtbot, form, NOTES)
    form.save()
    form.notes_edit.setPlainText("对方让客户把钱转到安全账户")
    qtbot.waitUntil(form.detection.has_fraud, timeout=DEBOUNCE_MS * 5)
    assert form.detection.review.has_rows() and not form.detection.review.isVisible()


def test_in_a_narrow_short_panel_no_hint_or_saved_row_is_cut(qtbot, form):
    """The call form at 1366×768: every wrapped line of the hints and of the saved call's rows is given its
    height (a layout hands a word-wrapped label one unwrapped line and cuts the rest in half)."""
    form.parentWidget().resize(340, 420)
    type_notes(qtbot, form, NOTES + "客户下个月要出国留学，想换美元；另外定期存款到期了想转存。")
    qtbot.wait(50)

    def uncut(label) -> bool:
        return label.height() >= label.heightForWidth(label.width())

    assert form.detection.hint_labels and all(uncut(label) for label in form.detection.hint_labels)
    form.save()
    review = form.detection.review
    qtbot.waitUntil(lambda: form.detection.hint_labels == [] and review.rows != [], timeout=DEBOUNCE_MS * 5)
    qtbot.wait(50)
    assert uncut(review.title_label)
    for row in review.rows:
        assert uncut(row.text_label)
        assert row.confirm_button.geometry().top() >= row.text_label.geometry().bottom()  # buttons under it


def test_a_wrapped_label_asks_for_the_height_of_its_lines_at_its_width(qtbot):
    """What keeps the hints and rows uncut in the call form's scroll area: the label's minimum height follows
    its wrapped text at its current width, growing when narrowed and shrinking back when widened."""
    from ui.views.interaction.opportunity_review import WrappedLabel

    host = QWidget()
    label = WrappedLabel(host, rich=True)
    QVBoxLayout(host).addWidget(label)
    qtbot.addWidget(host)
    label.setText("<b>存款</b> · 一年期定期存款、三年期定期存款、五年期定期存款<br/>" + "客户想转存定期存款。" * 6)
    host.resize(600, 400)
    host.show()
    qtbot.wait(20)
    wide = label.minimumHeight()
    assert wide == label.heightForWidth(label.width()) > 0
    host.resize(200, 400)
    qtbot.wait(20)
    assert label.minimumHeight() == label.heightForWidth(label.width()) > wide
    host.resize(600, 400)
    qtbot.wait(20)
    assert label.minimumHeight() == wide
