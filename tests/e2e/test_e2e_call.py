"""Golden path of a call: find the caller by the number the phone shows, verify, log the call with a low score.

The real main window as the application builds it (``ui.app.build_main_window``) on a real SQLCipher file
with the in-memory keyring; the agent works with the keyboard only.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from crm import db
from crm.codes import FollowUpPurpose, VerificationStatus
from crm.models import FollowUp, Interaction, StaffUser
from crm.services.customers import NewCustomer, create_customer
from ui.app import build_main_window
from ui.models.timeline_model import ItemIdRole, KindRole

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore(r"^This plugin does not support ")]
ID_NUMBER = "110101199003074514"
CARD = "6222021234567890128"


def type_text(widget: QWidget, text: str) -> None:
    """Type as a Chinese input method does: the text is committed in one go (QTest cannot type CJK)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def storage(tmp_path, fake_keyring):
    opened, _recovery_key = db.create_local(tmp_path / "BankCRM")
    try:
        yield opened
    finally:
        opened.close()


def test_incoming_call_is_found_verified_and_logged_with_a_low_score(qtbot, storage):
    supervisor = StaffUser.create(username="wang.qiang", display_name="王强", role="supervisor")
    customer = create_customer(None, NewCustomer(name="张三", phones=("13812345678",), id_number=ID_NUMBER,
                                                 cards=((CARD, "debit"),)))
    window = build_main_window(storage)  # signs in the OS user: an agent, the supervisor came first
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    workspace = window.workspace
    panel = workspace.panel
    form = getattr(panel, "call_form", None)
    assert form is not None, (
        "the customer panel has no call form: ui/app.py's customer_panel_factory() should return "
        "ui.views.interaction.panel_wiring.with_call_form(CustomerPanel)")

    # The phone shows the caller's number as the network sends it.
    assert workspace.search_box.hasFocus()
    QTest.keyClicks(workspace.search_box, "+86 138-1234-5678")
    qtbot.waitUntil(lambda: workspace.model.rowCount() == 1, timeout=3000)
    QTest.keyClick(workspace.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.current_customer_id() == customer.id, timeout=3000)

    # Verify without revealing: name, ID number, card number as the caller says them.
    verification = panel.verification
    type_text(verification.name_edit, "张三")
    QTest.keyClicks(verification.id_edit, ID_NUMBER)
    QTest.keyClicks(verification.third_edit, CARD)
    QTest.keyClick(verification.third_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.verification_status() == VerificationStatus.PASSED, timeout=3000)
    attempts = panel.verification_attempt_ids()
    assert len(attempts) == 1

    # Log the call: timer, notes, satisfaction 2 with the reason, Ctrl+Enter.
    form.notes_edit.setFocus()
    QTest.keyClick(form.notes_edit, Qt.Key.Key_F5)
    assert form.timer.running
    type_text(form.notes_edit, "客户投诉信用卡年费未按约定减免，已解释减免规则。")
    QTest.keyClick(form.notes_edit, Qt.Key.Key_F5)
    QTest.keyClick(form.notes_edit, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: form.satisfaction.value() == 2)
    assert form.reason_message.isVisible()  # the reason is now required, and says so
    type_text(form.reason_edit, "认为收费不合理")
    with qtbot.waitSignal(form.sig_saved, timeout=3000) as saved:
        QTest.keyClick(form.reason_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    result = saved.args[0]

    row = Interaction.get_by_id(result.id)
    assert (row.customer_id, row.satisfaction, row.satisfaction_reason) == (customer.id, 2, "认为收费不合理")
    assert row.verification == VerificationStatus.PASSED
    assert row.staff_id == window._actor.id != supervisor.id
    followup = FollowUp.get(FollowUp.interaction == result.id)
    assert followup.purpose == FollowUpPurpose.SUPERVISOR_CALL and followup.owner_id == supervisor.id
    assert (followup.id,) == result.followup_ids
    assert form.status_label.text() == "Saved; a follow-up call by a supervisor was created."

    # The call state is cleared and the history shows the new call on top, with what the save created.
    assert panel.verification_attempt_ids() == ()
    timeline = panel.timeline_model
    top = [(timeline.index(r, 0).data(KindRole), timeline.index(r, 0).data(ItemIdRole))
           for r in range(min(3, timeline.rowCount()))]
    first_interaction = next(i for i, (kind, _id) in enumerate(top) if kind == "interaction")
    assert top[first_interaction] == ("interaction", result.id)
    # Only what this save created may sit above it (the supervisor's follow-up, created a moment later).
    assert set(top[:first_interaction]) <= {("followup", fid) for fid in result.followup_ids}
    assert form.notes_edit.toPlainText() == "" and form.satisfaction.value() is None
