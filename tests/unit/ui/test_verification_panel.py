"""VerificationPanel on both backends: match / mismatch per element, lockout, call state; supervisor reveal."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from crm.models import AuditLog
from crm.services import verification
from customer_world import CARD, ID_NUMBER, RAW_VALUES, RESERVED, make_world, widget_texts
from ui.views.customer.customer_panel import CustomerPanel
from ui.views.customer.verification_panel import VerificationPanel
from ui_fakes import GUI

pytestmark = GUI


@pytest.fixture
def world(storage):
    return make_world()


@pytest.fixture
def panel(world, qtbot):
    widget = VerificationPanel(world.agent)
    qtbot.addWidget(widget)
    widget.set_customer(world.customer_id)
    widget.show()
    return widget


def _type(panel, name="欧阳娜娜", id_number=ID_NUMBER, third=CARD, mobile=False):
    panel.name_edit.setText(name)
    panel.id_edit.setText(id_number)
    panel.third_kind.setCurrentIndex(panel.third_kind.findData("reserved_mobile" if mobile else "card_number"))
    panel.third_edit.setText(third)


def test_fields_start_empty_and_never_prefilled(panel):
    assert [e.text() for e in (panel.name_edit, panel.id_edit, panel.third_edit)] == ["", "", ""]
    assert panel.status() == "not_done" and panel.status_label.text() == "Not verified in this call"


def test_all_three_elements_match(panel, qtbot):
    _type(panel, third=RESERVED, mobile=True)
    with qtbot.waitSignal(panel.sig_status_changed) as changed:
        qtbot.keyClick(panel.third_edit, Qt.Key.Key_Return)  # Enter verifies
    assert changed.args == ["passed"] and panel.status() == "passed"
    assert [panel.results[k].text() for k in ("name", "id_number", "third")] == ["✓ Matches"] * 3
    assert panel.status_label.text() == "Verified"
    assert len(panel.attempt_ids()) == 1
    # What the caller said does not stay on screen; nothing stored is ever shown.
    assert panel.id_edit.text() == "" and panel.third_edit.text() == ""
    assert not [raw for raw in RAW_VALUES if raw in "\n".join(widget_texts(panel))]


def test_a_mismatch_is_shown_per_element_with_the_attempts_left(panel, qtbot):
    _type(panel, third="6222020000000000")
    qtbot.mouseClick(panel.verify_button, Qt.MouseButton.LeftButton)
    assert panel.results["name"].text() == "✓ Matches" and panel.results["id_number"].text() == "✓ Matches"
    assert panel.results["third"].text() == "✗ Does not match"
    assert panel.results["third"].toolTip() == "Card number"
    assert panel.status() == "partial"
    assert panel.status_label.text() == "Partly matched · attempts left before the lock: 2"


def test_a_missing_element_is_asked_for_under_its_field(panel, qtbot):
    _type(panel, id_number="")
    qtbot.mouseClick(panel.verify_button, Qt.MouseButton.LeftButton)
    assert not panel.messages["id_number"].isHidden()
    assert panel.messages["id_number"].text() == "This field must be filled in."
    assert panel.attempt_ids() == ()


def test_repeated_failures_lock_with_the_unlock_time(panel, world, qtbot):
    for _ in range(3):
        _type(panel, id_number="110101199001011237")
        qtbot.mouseClick(panel.verify_button, Qt.MouseButton.LeftButton)
    assert panel.status() == "failed" or panel.status() == "partial"
    assert not panel.verify_button.isEnabled() and not panel.id_edit.isEnabled()
    text = panel.lock_message.text()
    assert "locked after repeated failures until" in text and not panel.lock_message.isHidden()
    assert verification.locked_until(world.customer_id) is not None
    # Another agent opening the same customer sees the lock at once.
    other = VerificationPanel(world.supervisor)
    qtbot.addWidget(other)
    other.set_customer(world.customer_id)
    assert not other.verify_button.isEnabled() and other.lock_message.text() == text


def test_clear_call_state_forgets_the_attempts(panel, qtbot):
    _type(panel)
    qtbot.mouseClick(panel.verify_button, Qt.MouseButton.LeftButton)
    assert panel.status() == "passed"
    with qtbot.waitSignal(panel.sig_status_changed) as changed:
        panel.clear_call_state()
    assert changed.args == ["not_done"] and panel.attempt_ids() == () and panel.name_edit.text() == ""
    assert panel.results["name"].text() == ""


def test_customer_panel_header_follows_the_call(world, qtbot):
    customer_panel = CustomerPanel(world.agent)
    qtbot.addWidget(customer_panel)
    customer_panel.show_customer(world.customer_id)
    assert customer_panel.header.verification_chip.text() == "Not verified"
    _type(customer_panel.verification)
    customer_panel.verification.verify_button.click()
    assert customer_panel.header.verification_chip.text() == "Verified"
    assert customer_panel.verification_attempt_ids() == customer_panel.verification.attempt_ids() != ()
    customer_panel.clear_call_state()
    assert customer_panel.header.verification_chip.text() == "Not verified"
    assert customer_panel.verification_attempt_ids() == ()


def test_switching_customer_starts_a_fresh_call_state(world, qtbot):
    from crm.services import customers
    from crm.services.customers import NewCustomer

    customer_panel = CustomerPanel(world.agent)
    qtbot.addWidget(customer_panel)
    customer_panel.show_customer(world.customer_id)
    _type(customer_panel.verification)
    customer_panel.verification.verify_button.click()
    customer_panel.show_customer(world.customer_id)  # the same customer again: kept
    assert customer_panel.verification_attempt_ids() != ()
    other = customers.create_customer(world.agent, NewCustomer(name="张三")).id
    customer_panel.show_customer(other)
    assert customer_panel.verification_attempt_ids() == ()


# --- reveal (supervisors only, audited) -------------------------------------------------------------

def test_an_agent_gets_no_reveal_button_and_the_core_refuses(world, qtbot):
    customer_panel = CustomerPanel(world.agent)
    qtbot.addWidget(customer_panel)
    customer_panel.show_customer(world.customer_id)
    assert customer_panel.contacts.reveal_buttons == {}
    dialog = customer_panel.contacts.open_reveal("id_number", "ID number", "310***********3211")
    dialog.reason_edit.setText("客户要求核对证件")
    assert not dialog.reveal()
    assert dialog.reason_message.text().startswith("Only a supervisor may do this.")
    assert not dialog.revealed() and ID_NUMBER not in "\n".join(widget_texts(dialog))
    assert not AuditLog.select().where(AuditLog.action == "reveal").exists()


def test_a_supervisor_reveals_with_a_reason_in_the_dialog_only(world, qtbot):
    customer_panel = CustomerPanel(world.supervisor)
    qtbot.addWidget(customer_panel)
    customer_panel.show_customer(world.customer_id)
    buttons = customer_panel.contacts.reveal_buttons
    assert "id_number" in buttons and sum(k.startswith("phone:") for k in buttons) == 2
    assert sum(k.startswith("card:") for k in buttons) == 2
    card_field = next(k for k in buttons if k.startswith("card:"))
    buttons[card_field].click()
    dialog = customer_panel.contacts.reveal_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reason_edit.setText("核对")
    qtbot.mouseClick(dialog.reveal_button, Qt.MouseButton.LeftButton)
    assert dialog.reason_message.text().startswith("Give a reason of at least 4 characters")
    assert not dialog.revealed()
    dialog.reason_edit.setText("客户要求核对登记卡号")
    qtbot.mouseClick(dialog.reveal_button, Qt.MouseButton.LeftButton)
    assert dialog.revealed() and dialog.value_label.text() == CARD
    # The full number is in the dialog only: every other widget still shows masks.
    from PySide6.QtWidgets import QWidget

    holders = [w for w in customer_panel.findChildren(QWidget) if CARD in "\n".join(widget_texts(w, False))]
    assert holders == [dialog.value_label]
    audit = AuditLog.select().where(AuditLog.action == "reveal").get()
    assert audit.detail["field"] == "card" and "客户要求核对登记卡号" in audit.detail["reason"]
    assert CARD not in json.dumps(audit.detail, ensure_ascii=False)
    dialog.close()
    assert dialog.value_label.text() == ""
