"""Creating a lead: products, the channel, suitability and consent shown BEFORE creating, blocked leads explained;
and the shared sales labels (ui/sales_labels.py) name every code the core uses."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication

from crm.codes import ConsentChannel, EscalationAction, LeadState, OpportunityStatus, ProductCategory
from crm.models import Customer, Lead, Product, StaffUser
from crm.services import customer_detail, products, suitability
from crm.services.customers import NewCustomer, create_customer
from crm.services.suitability import Check, CheckCode
from ui import i18n, sales_labels
from ui.dialogs.lead_create_dialog import LeadCreateDialog
from ui_fakes import GUI

pytestmark = GUI

FAR = dt.date.today() + dt.timedelta(days=300)


@pytest.fixture
def actor(storage) -> StaffUser:
    products.sync_catalogue()
    return StaffUser.create(username="li.na", display_name="李娜", role="agent")


@pytest.fixture
def customer_id(storage) -> int:
    """Rated C2 (valid), agreed to marketing by SMS only, and 76 years old."""
    cid = create_customer(None, NewCustomer(name="张三", phones=("13812345678",))).id
    Customer.update(risk_rating="C2", risk_expires_on=FAR, birth_date=dt.date.today().replace(year=1950)) \
        .where(Customer.id == cid).execute()
    customer_detail.record_consent(None, cid, "marketing", "sms", True, "call")
    return cid


def product(code: str) -> Product:
    return Product.get(Product.code == code)


def r3_wealth() -> Product:
    return Product.get((Product.category == "wealth") & (Product.risk_level == 3))


def make(qtbot, actor, customer_id, category="large_cd", suggested=("LCD-3Y",), **kw) -> LeadCreateDialog:
    dialog = LeadCreateDialog(actor, customer_id, category, suggested, **kw)
    qtbot.addWidget(dialog)
    return dialog


def choose(dialog: LeadCreateDialog, *, product_id: int | None = None, channel: str | None = None) -> None:
    if product_id is not None:
        dialog.product_combo.setCurrentIndex(dialog.product_combo.findData(product_id))
    if channel is not None:
        dialog.channel_combo.setCurrentIndex(dialog.channel_combo.findData(channel))


def test_suggested_products_come_first_then_the_rest_of_the_category(qtbot, actor, customer_id):
    dialog = make(qtbot, actor, customer_id)
    ids = [dialog.product_combo.itemData(i) for i in range(dialog.product_combo.count())]
    category = [p.id for p in products.list_products() if p.category == "large_cd"]
    assert ids[0] == product("LCD-3Y").id and sorted(ids) == sorted(category)
    assert dialog.product_combo.itemText(0).startswith("★ 3-year large-denomination CD (R1)")
    assert not dialog.product_combo.itemText(1).startswith("★")


def test_it_starts_on_a_channel_the_customer_agreed_to_and_says_all_clear(qtbot, actor, customer_id):
    dialog = make(qtbot, actor, customer_id)
    assert dialog.channel() == ConsentChannel.SMS
    assert not dialog.blocks()
    assert not dialog.ok_label.isHidden() and "can go to sales" in dialog.ok_label.text()
    assert dialog.blocks_label.isHidden()
    assert dialog.create_button.text() == "&Create Lead"
    dialog.create()
    lead = Lead.get_by_id(dialog.lead_id())
    assert lead.contact_channel == "sms" and lead.block_reason is None and lead.state == LeadState.NEW
    assert dialog.result() == dialog.DialogCode.Accepted


def test_a_refused_channel_is_named_and_cannot_be_overridden(qtbot, actor, customer_id):
    dialog = make(qtbot, actor, customer_id)
    choose(dialog, channel="phone")
    assert [c.code for c in dialog.blocks()] == [CheckCode.NO_MARKETING_CONSENT]
    text = dialog.blocks_label.text()
    assert "has not agreed to marketing by Phone" in text
    assert "cannot override" in text and "Choose a channel the customer agreed to" in text
    assert dialog.ok_label.isHidden()
    assert dialog.create_button.text() == "Create &Blocked Lead"
    dialog.create()
    assert Lead.get_by_id(dialog.lead_id()).block_reason == CheckCode.NO_MARKETING_CONSENT  # stored, blocked


def test_enter_creates_only_a_lead_that_can_go_to_sales(qtbot, actor, customer_id):
    dialog = make(qtbot, actor, customer_id)
    assert dialog.create_button.isDefault() and not dialog.cancel_button.isDefault()
    choose(dialog, channel="phone")  # blocked: Enter would cancel, creating takes a deliberate click
    assert dialog.blocks() and not dialog.create_button.isDefault() and dialog.cancel_button.isDefault()
    choose(dialog, channel="sms")
    assert not dialog.blocks() and dialog.create_button.isDefault()


def test_with_consent_on_no_channel_it_starts_on_none_and_says_why(qtbot, actor, customer_id):
    customer_detail.record_consent(None, customer_id, "marketing", "sms", False, "call")  # now refused
    customer_detail.record_consent(None, customer_id, "marketing", "phone", False, "call")
    dialog = make(qtbot, actor, customer_id)
    assert dialog.channel() is None and dialog.channel_combo.currentIndex() == -1
    assert dialog.channel_combo.placeholderText() == "Choose a channel…"
    assert not dialog.create_button.isEnabled() and dialog.ok_label.isHidden()
    assert "has not agreed to marketing on any channel" in dialog.error_message.text()
    choose(dialog, channel="phone")  # the agent chooses anyway: blocked, and the reason named
    assert [c.code for c in dialog.blocks()] == [CheckCode.CHANNEL_REFUSED]
    assert dialog.create_button.isEnabled() and not dialog.create_button.isDefault()
    assert not dialog.error_message.text()


def test_a_product_above_the_rating_is_blocked_in_words_and_nobody_may_override(qtbot, actor, customer_id):
    wealth = r3_wealth()
    dialog = make(qtbot, actor, customer_id, category="wealth", suggested=(wealth.code,))
    choose(dialog, product_id=wealth.id, channel="sms")
    assert [c.code for c in dialog.blocks()] == [CheckCode.RISK_LEVEL_EXCEEDED]
    text = dialog.blocks_label.text()
    assert "customer rated C2, product R3" in text
    assert "a supervisor cannot override it" in text  # Cn up to Rn only
    flags = dialog.flags_label.text()
    assert "Elderly customer" in flags and "high-risk product (R3)" in flags
    assert wealth.dual_recording and "(dual recording) is required" in flags


def test_an_expired_assessment_is_blocked_in_words_and_a_supervisor_may_override(qtbot, actor, customer_id):
    Customer.update(risk_expires_on=dt.date.today() - dt.timedelta(days=1)).where(Customer.id == customer_id) \
        .execute()
    steady = product("WM-STEADY")  # R2: within C2, but the assessment must be valid
    dialog = make(qtbot, actor, customer_id, category="wealth", suggested=(steady.code,))
    choose(dialog, product_id=steady.id, channel="sms")
    assert [c.code for c in dialog.blocks()] == [CheckCode.RISK_ASSESSMENT_EXPIRED]
    assert "A supervisor can review it and override the block in the Leads view" in dialog.blocks_label.text()


def test_in_chinese_the_checks_read_in_the_domains_words(qtbot, actor, customer_id):
    i18n.install_language(i18n.CHINESE)
    wealth = r3_wealth()
    dialog = make(qtbot, actor, customer_id, category="wealth", suggested=(wealth.code,))
    choose(dialog, product_id=wealth.id, channel="phone")
    text = dialog.blocks_label.text()
    assert "客户风险等级 C2，产品 R3" in text and "客户未同意通过电话接收营销信息" in text
    assert "老年客户" in dialog.flags_label.text()
    assert dialog.windowTitle() == "创建销售线索"


def test_a_second_open_lead_for_the_same_product_is_refused_in_the_dialog(qtbot, actor, customer_id):
    first = make(qtbot, actor, customer_id)
    first.create()
    again = make(qtbot, actor, customer_id)
    again.create()
    assert again.lead_id() is None
    assert "already has an open lead" in again.error_message.text()


def test_a_category_with_nothing_on_sale_cannot_create(qtbot, actor, customer_id):
    Product.update(active=False).where(Product.category == "education").execute()
    dialog = make(qtbot, actor, customer_id, category="education", suggested=())
    assert dialog.product_combo.count() == 0 and not dialog.create_button.isEnabled()
    assert "No product of this category is on sale" in dialog.error_message.text()


# --- the shared labels -----------------------------------------------------------------------------

@pytest.mark.parametrize("code", list(CheckCode))
def test_every_check_code_has_a_title_and_a_sentence_in_both_languages(qapp, code):
    plain = Check(str(code), code in suitability.BLOCKING_CODES)
    assert sales_labels.check_title(code) != str(code)
    english = sales_labels.check_label(plain)
    assert english.endswith(".") and "{" not in english
    i18n.install_language(i18n.CHINESE)
    assert not sales_labels.check_title(code).isascii()
    assert not sales_labels.check_label(plain).isascii()


def test_details_fill_the_sentence_and_missing_details_fall_back(qapp):
    exceeded = Check("risk_level_exceeded", True, True, {"rating": "C2", "level": 3})
    assert sales_labels.check_label(exceeded).endswith("customer rated C2, product R3.")
    expired = Check("risk_assessment_expired", True, True, {"rating": "C2", "level": 3, "expires_on": None})
    assert "{" not in sales_labels.check_label(expired)
    assert "2025-01-31" in sales_labels.check_label(Check("risk_assessment_expired", True, True,
                                                          {"expires_on": "2025-01-31"}))
    assert sales_labels.check_sentence("no_such_code") == "no_such_code"


@pytest.mark.parametrize(("label", "codes"), [
    (sales_labels.category_label, list(ProductCategory)),
    (sales_labels.channel_label, list(ConsentChannel)),
    (sales_labels.lead_state_label, list(LeadState)),
    (sales_labels.opportunity_status_label, list(OpportunityStatus)),
    (sales_labels.fraud_action_label, list(EscalationAction)),
], ids=["category", "channel", "lead_state", "opportunity_status", "fraud_action"])
def test_every_code_of_each_kind_has_a_chinese_label(qapp, label, codes):
    i18n.install_language(i18n.CHINESE)
    assert [c for c in codes if label(c) == str(c) or label(c).isascii()] == []


def test_lead_states_read_as_the_sales_team_says_them(qapp):
    i18n.install_language(i18n.CHINESE)
    assert [sales_labels.lead_state_label(s) for s in LeadState] == [
        "新建", "已移交", "已接收", "已联系", "成交", "未成交", "无效"]
    assert QCoreApplication.translate("SalesLabels", "Handed over") == "已移交"
