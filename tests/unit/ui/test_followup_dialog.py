"""Scheduling a follow-up call: quick times, the past refused under the field, C3 kept out of the note."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QDialog

from crm.models import FollowUp, StaffUser
from crm.services.customers import NewCustomer, create_customer
from crm.services.interactions import NewInteraction, log_interaction
from ui.dialogs.followup_dialog import FollowUpDialog, in_two_hours, next_monday, tomorrow_morning
from ui_fakes import GUI

pytestmark = GUI
WEDNESDAY = QDateTime(QDate(2031, 3, 12), QTime(15, 37, 20))


@pytest.fixture
def actor(storage) -> StaffUser:
    return StaffUser.create(username="li.na", display_name="李娜", role="agent")


@pytest.fixture
def customer_id(storage) -> int:
    return create_customer(None, NewCustomer(name="张三", phones=("13812345678",))).id


@pytest.fixture
def make_dialog(qtbot, actor, customer_id):
    def make(**kwargs) -> FollowUpDialog:
        interaction_id = kwargs.pop("interaction_id", None)
        dialog = FollowUpDialog(actor, customer_id, interaction_id, **kwargs)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog
    return make


def test_quick_times():
    assert tomorrow_morning(WEDNESDAY) == QDateTime(QDate(2031, 3, 13), QTime(10, 0))
    assert in_two_hours(WEDNESDAY) == QDateTime(QDate(2031, 3, 12), QTime(17, 40))
    assert next_monday(WEDNESDAY) == QDateTime(QDate(2031, 3, 17), QTime(10, 0))
    monday = QDateTime(QDate(2031, 3, 17), QTime(9, 0))
    assert next_monday(monday) == QDateTime(QDate(2031, 3, 24), QTime(10, 0))
    late = QDateTime(QDate(2031, 3, 12), QTime(22, 58))
    assert in_two_hours(late) == QDateTime(QDate(2031, 3, 13), QTime(1, 0))


def test_buttons_set_the_time(make_dialog):
    dialog = make_dialog(now=lambda: WEDNESDAY)
    assert dialog.due_edit.dateTime() == QDateTime(QDate(2031, 3, 13), QTime(10, 0))  # the default
    dialog.monday_button.click()
    assert dialog.due_edit.dateTime() == QDateTime(QDate(2031, 3, 17), QTime(10, 0))
    dialog.two_hours_button.click()
    assert dialog.due_edit.dateTime() == QDateTime(QDate(2031, 3, 12), QTime(17, 40))


def test_a_time_in_the_past_is_refused_under_the_field(make_dialog):
    dialog = make_dialog()
    dialog.due_edit.setDateTime(QDateTime.currentDateTime().addDays(-1))
    dialog.schedule_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.due_message.isVisible()
    assert dialog.due_message.text() == "This time has already passed: choose a later one."
    assert FollowUp.select().count() == 0
    dialog.tomorrow_button.click()
    assert not dialog.due_message.isVisible()


def test_scheduled_follow_up_is_saved_with_purpose_note_and_call(make_dialog, actor, customer_id):
    saved = log_interaction(actor, NewInteraction(customer_id, "inbound_call", "complaint", notes="年费"))
    dialog = make_dialog(interaction_id=saved.id, purpose="complaint_feedback")
    assert dialog.purpose_combo.currentData() == "complaint_feedback"
    dialog.two_hours_button.click()
    dialog.note_edit.setPlainText("告知年费减免进展")
    dialog.schedule_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    row = FollowUp.get_by_id(dialog.followup_id())
    assert (row.customer_id, row.owner_id, row.interaction_id) == (customer_id, actor.id, saved.id)
    assert (row.purpose, row.note) == ("complaint_feedback", "告知年费减免进展")
    expected = dt.datetime.fromtimestamp(dialog.due_edit.dateTime().toSecsSinceEpoch(), tz=dt.UTC)
    assert row.due_at == expected
    assert dialog.due_text()


def test_authentication_data_in_the_note_is_refused(qtbot, make_dialog):
    dialog = make_dialog()
    dialog.note_edit.setPlainText("客户的验证码 482913")
    dialog.schedule_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "SMS verification code" in dialog.note_message.text()
    assert FollowUp.select().count() == 0
