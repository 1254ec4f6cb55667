"""Opening a complaint case from a call: linked to the saved interaction, number and deadline shown."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from crm.models import ComplaintCase, StaffUser
from crm.services.customers import NewCustomer, create_customer
from crm.services.interactions import NewInteraction, log_interaction
from ui import i18n
from ui.dialogs.case_open_dialog import CaseOpenDialog
from ui.views.interaction.when import local_text
from ui_fakes import GUI

pytestmark = GUI


@pytest.fixture
def actor(storage) -> StaffUser:
    return StaffUser.create(username="li.na", display_name="李娜", role="agent")


@pytest.fixture
def customer_id(storage) -> int:
    return create_customer(None, NewCustomer(name="张三", phones=("13812345678",))).id


@pytest.fixture
def interaction_id(actor, customer_id) -> int:
    return log_interaction(actor, NewInteraction(customer_id, "inbound_call", "complaint",
                                                 notes="信用卡年费未按约定减免")).id


def make(qtbot, actor, customer_id, interaction_id, summary="") -> CaseOpenDialog:
    dialog = CaseOpenDialog(actor, customer_id, interaction_id, summary)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_case_is_created_linked_to_the_saved_interaction(qtbot, actor, customer_id, interaction_id):
    dialog = make(qtbot, actor, customer_id, interaction_id, "信用卡年费未按约定减免")
    assert dialog.summary_edit.text() == "信用卡年费未按约定减免"
    assert dialog.link_label.text() == "The case will be linked to the call just saved."
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("credit_card"))
    dialog.severity_combo.setCurrentIndex(dialog.severity_combo.findData("high"))
    dialog.description_edit.setPlainText("客户称办卡时承诺首年免年费，现被扣 200 元。")
    dialog.open_button.click()
    case = ComplaintCase.get_by_id(dialog.case_id())
    assert case.interaction_id == interaction_id and case.customer_id == customer_id
    assert (case.summary, case.severity, case.category.code) == ("信用卡年费未按约定减免", "high", "credit_card")
    assert dialog.case_no() == case.case_no
    assert dialog.result_label.isVisible()
    assert dialog.result_label.text() == (
        f"Complaint case <b>{case.case_no}</b> is open. Reply to the customer by "
        f"<b>{local_text(case.resolution_due)}</b>.")
    assert dialog.open_button.text() == "&Close" and not dialog.cancel_button.isVisible()
    dialog.open_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_escape_after_opening_still_reports_the_case(qtbot, actor, customer_id, interaction_id):
    dialog = make(qtbot, actor, customer_id, interaction_id, "投诉")
    dialog.category_combo.setCurrentIndex(0)
    dialog.open_button.click()
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.case_id() is not None


def test_category_and_summary_are_required(qtbot, actor, customer_id, interaction_id):
    dialog = make(qtbot, actor, customer_id, interaction_id)
    assert dialog.category_combo.currentIndex() == -1  # no default to overlook
    dialog.open_button.click()
    assert dialog.category_message.text() == "This field must be filled in."
    dialog.category_combo.setCurrentIndex(0)
    dialog.open_button.click()
    assert dialog.summary_message.text() == "This field must be filled in."
    assert not dialog.category_message.isVisible()
    assert ComplaintCase.select().count() == 0 and dialog.case_id() is None


def test_authentication_data_in_the_description_is_refused(qtbot, actor, customer_id, interaction_id):
    dialog = make(qtbot, actor, customer_id, interaction_id, "投诉")
    dialog.category_combo.setCurrentIndex(0)
    dialog.description_edit.setPlainText("客户说 CVV 123 被盗用")
    dialog.open_button.click()
    assert ComplaintCase.select().count() == 0
    assert "card security code" in dialog.description_message.text()


def test_categories_in_chinese(qtbot, actor, customer_id, interaction_id):
    i18n.install_language(i18n.CHINESE)  # conftest switches back to English after the test
    dialog = make(qtbot, actor, customer_id, interaction_id)
    assert dialog.category_combo.itemText(dialog.category_combo.findData("credit_card")) == "信用卡"
    assert dialog.open_button.text() == "开立工单(&O)"
    i18n.install_language(i18n.ENGLISH)
    qtbot.waitUntil(lambda: dialog.open_button.text() == "&Open Case")
    assert dialog.category_combo.currentIndex() == -1
