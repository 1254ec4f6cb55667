"""Changing a lead's contact channel from the Leads tab: the button only for new leads, the dialog showing the
customer's marketing consent per channel, the lead re-checked and the list refreshed, refusals in words."""

from __future__ import annotations

import pytest
from lead_world import advance, customer, lead, make_world
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from crm.errors import CrmError
from crm.services import customer_detail, leads
from ui import i18n
from ui.dialogs.lead_channel_dialog import LeadChannelDialog
from ui.views.leads import lead_messages
from ui.views.leads.lead_detail import LeadDetail
from ui.views.leads.leads_view import LeadsView
from ui_fakes import GUI

pytestmark = GUI


@pytest.fixture
def w(storage):
    return make_world()


def consent(customer_id: int, channel: str, granted: bool) -> None:
    customer_detail.record_consent(None, customer_id, "marketing", channel, granted, "call")


@pytest.fixture
def refused_phone(w):
    """A lead on the phone, which the customer refused; they agreed to email."""
    cid = customer(w, 1)
    consent(cid, "phone", False)
    consent(cid, "email", True)
    return lead(w, cid, "DEP-1Y")


def test_the_button_is_enabled_for_new_leads_only(qtbot, w, refused_phone):
    detail = LeadDetail(w.agent, choose_channel=lambda *_: pytest.fail("must not ask"))
    qtbot.addWidget(detail)
    detail.show_lead(None)
    assert not detail.channel_button.isVisibleTo(detail)
    detail.show_lead(refused_phone)
    assert detail.channel_button.isVisibleTo(detail) and detail.channel_button.isEnabled()
    assert detail.channel_button.text() == "C&hange Channel…"
    handed = lead(w, customer(w, 2), "DEP-1Y")
    advance(w, handed, "handed_over")
    detail.show_lead(handed)
    assert detail.channel_button.isVisibleTo(detail) and not detail.channel_button.isEnabled()
    assert detail.channel_button.toolTip() == "Only a new lead's contact channel can be changed"
    qtbot.mouseClick(detail.channel_button, Qt.MouseButton.LeftButton)  # disabled: nothing happens


def test_choosing_an_agreed_channel_unblocks_the_lead_and_refreshes_the_list(qtbot, w, refused_phone):
    asked = []
    view = LeadsView(w.agent)
    view.detail._choose_channel = lambda _parent, row: asked.append(row.contact_channel) or "email"
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    assert view.select_lead(refused_phone)
    assert not view.detail.buttons["handed_over"].isEnabled()
    with qtbot.waitSignal(view.sig_leads_changed):
        qtbot.mouseClick(view.detail.channel_button, Qt.MouseButton.LeftButton)
    assert asked == ["phone"]
    row = leads.get_lead(refused_phone)
    assert (row.contact_channel, row.block_reason, row.version) == ("email", None, 2)
    assert view.detail.lead().version == 2 and "contact by: Email" in view.detail.info_label.text()
    assert "Nothing blocks this lead" in view.detail.checks_label.text()
    assert view.detail.buttons["handed_over"].isEnabled()
    assert view.model.lead(view.model.row_of(refused_phone)).block_reason is None  # the list read it again
    assert view.detail.message.text() == ""


def test_cancelling_the_choice_changes_nothing(qtbot, w, refused_phone):
    detail = LeadDetail(w.agent, choose_channel=lambda *_: None)
    qtbot.addWidget(detail)
    detail.show_lead(refused_phone)
    with qtbot.assertNotEmitted(detail.sig_lead_changed):
        qtbot.mouseClick(detail.channel_button, Qt.MouseButton.LeftButton)
    assert leads.get_lead(refused_phone).version == 1


def test_a_stale_lead_is_said_plainly_and_reloaded(qtbot, w, refused_phone):
    detail = LeadDetail(w.agent, choose_channel=lambda *_: "email")
    qtbot.addWidget(detail)
    detail.show_lead(refused_phone)
    advance(w, refused_phone, "invalid")  # a colleague, meanwhile
    qtbot.mouseClick(detail.channel_button, Qt.MouseButton.LeftButton)
    assert "Someone else changed this lead" in detail.message.text()
    assert detail.lead().state == "invalid" and not detail.channel_button.isEnabled()
    assert leads.get_lead(refused_phone).contact_channel == "phone"


def test_refusals_read_as_sentences(w, refused_phone):
    with pytest.raises(CrmError) as same:
        leads.change_channel(w.agent, refused_phone, 1, "phone")
    assert lead_messages.message_for(same.value) == \
        "Sales already contacts the customer by Phone for this lead: choose another channel."
    advance(w, refused_phone, "invalid")
    with pytest.raises(CrmError) as closed:
        leads.change_channel(w.agent, refused_phone, 2, "email")
    assert lead_messages.message_for(closed.value) == \
        "Only a new lead's contact channel can be changed; this one is “Invalid”."
    with pytest.raises(CrmError) as override:  # the override's own wording is unchanged
        leads.override_block(w.supervisor, refused_phone, 2, "理由")
    assert lead_messages.message_for(override.value) == "Only a new lead can be overridden; this one is “Invalid”."


def texts(dialog: LeadChannelDialog) -> list[str]:
    return [dialog.channel_list.item(i).text() for i in range(dialog.channel_list.count())]


def test_the_dialog_shows_the_customers_consent_on_each_channel(qtbot, w, refused_phone):
    consent(w.customer_ids[-1], "app", False)
    dialog = LeadChannelDialog(leads.get_lead(refused_phone))
    qtbot.addWidget(dialog)
    assert texts(dialog) == ["✕ Phone: Channel refused (now)", "✕ SMS: No marketing consent",
                             "✓ Email: marketing agreed", "✕ Mobile app: Channel refused",
                             "✕ Post: No marketing consent"]
    current = dialog.channel_list.item(0)
    assert not current.flags() & Qt.ItemFlag.ItemIsEnabled  # the channel it has now cannot be chosen again
    assert dialog.channel() == "email" and dialog.ok_button.isEnabled()  # starts on the agreed one
    assert dialog.note_label.text() == "The customer agreed to marketing on this channel."
    dialog.channel_list.setCurrentRow(1)
    assert dialog.channel() == "sms" and "stays blocked" in dialog.note_label.text()
    i18n.install_language(i18n.CHINESE)
    qtbot.waitUntil(lambda: dialog.ok_button.text() == "更改联系渠道(&H)")
    assert texts(dialog)[2] == "✓ 电子邮件：已同意营销"
    assert dialog.channel() == "sms"  # the choice survives the language change


def test_do_not_disturb_shows_on_the_quiet_channels(qtbot, w):
    from crm.models import Customer

    cid = customer(w, 1)  # phone agreed
    Customer.update(do_not_disturb=True).where(Customer.id == cid).execute()
    consent(cid, "sms", True)
    dialog = LeadChannelDialog(leads.get_lead(lead(w, cid, "DEP-1Y")))
    qtbot.addWidget(dialog)
    assert texts(dialog)[:3] == ["✕ Phone: Do not disturb (now)", "✕ SMS: Do not disturb",
                                 "✕ Email: No marketing consent"]
    assert dialog.channel() == "sms"  # nothing agreed: the first other channel, and it says so
    assert "stays blocked" in dialog.note_label.text()


def test_the_real_dialog_is_shown_from_the_button(qtbot, w, refused_phone):
    detail = LeadDetail(w.agent)
    qtbot.addWidget(detail)
    detail.show_lead(refused_phone)
    seen = []

    def choose_in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(type(dialog))
        dialog.ok_button.click()  # on the agreed channel it starts on

    QTimer.singleShot(0, choose_in_dialog)
    with qtbot.waitSignal(detail.sig_lead_changed):
        qtbot.mouseClick(detail.channel_button, Qt.MouseButton.LeftButton)
    assert seen == [LeadChannelDialog]
    assert leads.get_lead(refused_phone).contact_channel == "email"
