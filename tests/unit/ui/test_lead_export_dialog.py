"""Handing leads to sales from the dialog: required recipient and purpose, the export off the UI thread, the
count, file and kept-back leads in words at the end, the selected leads only, nothing exportable said plainly."""

from __future__ import annotations

import openpyxl
import pytest
from lead_world import advance, customer, lead, make_world
from PySide6.QtCore import Qt

from crm.codes import LeadState
from crm.services import leads
from crm.services.leads import LeadFilter
from ui.dialogs.lead_export_dialog import LeadExportDialog
from ui_fakes import GUI

pytestmark = GUI
WAIT = 15_000


@pytest.fixture
def w(storage):
    world = make_world()
    world.free = [lead(world, customer(world, n), "DEP-1Y") for n in range(3)]
    world.blocked = lead(world, customer(world, 10, consent=False), "CC-STD")
    world.won = lead(world, customer(world, 11), "LCD-1Y")
    advance(world, world.won, "handed_over", "won")
    return world


def dialog_for(qtbot, w, tmp_path, *, selected=(), name="leads.csv") -> LeadExportDialog:
    dialog = LeadExportDialog(w.agent, LeadFilter(), selected)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / name))
    return dialog


def fill(dialog: LeadExportDialog) -> None:
    dialog.recipient_edit.setText("零售业务部 王经理")
    dialog.purpose_edit.setText("定期存款营销跟进")


def test_recipient_and_purpose_are_required_before_anything_runs(qtbot, w, tmp_path):
    dialog = dialog_for(qtbot, w, tmp_path)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.recipient_message.text() == "This must be filled in."
    assert dialog.purpose_message.isVisibleTo(dialog)
    assert not dialog.is_running()
    assert not (tmp_path / "leads.csv").exists()
    assert leads.get_lead(w.free[0]).state == LeadState.NEW


def test_the_filters_new_leads_go_out_with_a_bom_and_the_blocked_one_is_named(qtbot, w, tmp_path):
    dialog = dialog_for(qtbot, w, tmp_path)
    assert dialog.filter_radio.isChecked() and not dialog.selected_radio.isEnabled()
    # the blocked one is counted apart: it will not go
    assert dialog.filter_radio.text() == ("&New leads of the current list that can go to sales: 3 "
                                          "(blocked, kept back: 1)")
    assert dialog.bom_check.isChecked() and dialog.bom_check.isEnabled()
    exported = []
    dialog.sig_exported.connect(exported.append)
    fill(dialog)
    with qtbot.waitSignal(dialog.sig_finished, timeout=WAIT):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert dialog.is_running() and dialog.progress.isVisibleTo(dialog)
        assert not dialog.fields.isEnabled()
    assert not dialog.progress.isVisibleTo(dialog)
    result = exported[0]
    assert result.row_count == 3 and result.skipped == [(w.blocked, "no_marketing_consent")]
    data = (tmp_path / "leads.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "Leads handed over to sales: 3" in dialog.status_label.text()
    assert str(tmp_path / "leads.csv") in dialog.status_label.text()
    assert "Leads kept back: 1" in dialog.status_label.text()
    blocked = leads.get_lead(w.blocked)
    assert [dialog.skipped_table.item(0, c).text() for c in range(4)] == [
        str(w.blocked), f"{blocked.customer_name} {blocked.customer_mobile}", blocked.product_name_en,
        "The customer has not agreed to marketing contact."]  # who and what, not just an id
    assert "*" in blocked.customer_mobile  # masked, as in the Leads view
    assert not dialog.export_button.isVisibleTo(dialog)
    assert {leads.get_lead(i).state for i in w.free} == {LeadState.HANDED_OVER}
    assert leads.get_lead(w.blocked).state == LeadState.NEW


def test_only_the_selected_leads_go_and_a_closed_one_is_kept_back(qtbot, w, tmp_path):
    dialog = dialog_for(qtbot, w, tmp_path, selected=[w.free[1], w.won], name="sel.csv")
    assert dialog.selected_radio.isChecked()  # several selected: a deliberate choice
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("xlsx"))
    assert dialog.path_edit.text().endswith("sel.xlsx") and not dialog.bom_check.isEnabled()
    assert not dialog.bom_check.isVisibleTo(dialog)  # a workbook has no byte-order mark to choose
    dialog.profile_combo.setCurrentIndex(dialog.profile_combo.findData("salesforce"))
    fill(dialog)
    with qtbot.waitSignal(dialog.sig_finished, timeout=WAIT):
        dialog.start_export()
    assert dialog.export_result().row_count == 1
    book = openpyxl.load_workbook(tmp_path / "sel.xlsx", read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    book.close()
    assert rows[0][0] == "CRM_Lead_ID__c" and str(rows[1][0]) == str(w.free[1])
    assert dialog.skipped_table.item(0, 3).text() == "Not a new lead: it was handed over or closed already."
    assert leads.get_lead(w.free[0]).state == LeadState.NEW


def test_nothing_exportable_is_said_and_no_file_is_left(qtbot, w, tmp_path):
    dialog = dialog_for(qtbot, w, tmp_path, selected=[w.blocked])
    assert dialog.filter_radio.isChecked()  # one selected row is just the one being looked at
    dialog.selected_radio.setChecked(True)
    fill(dialog)
    with qtbot.waitSignal(dialog.sig_finished, timeout=WAIT):
        dialog.start_export()
    text = dialog.error_message.text()
    assert text.startswith("None of the chosen leads may go to sales now (1 left out)")
    assert "The customer has not agreed to marketing contact." in text
    assert not (tmp_path / "leads.csv").exists()
    assert dialog.export_button.isEnabled() and dialog.fields.isEnabled()  # fix and try again


def test_a_missing_folder_is_caught_before_the_export(qtbot, w, tmp_path):
    dialog = dialog_for(qtbot, w, tmp_path, name="nowhere/leads.csv")
    fill(dialog)
    dialog.start_export()
    assert not dialog.is_running()
    assert dialog.path_message.text() == "This folder does not exist."


def test_the_file_chooser_fills_in_the_path(qtbot, w, tmp_path):
    picked = str(tmp_path / "chosen.csv")
    dialog = LeadExportDialog(w.agent, LeadFilter(), (), choose_file=lambda *_: picked)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert dialog.path_edit.text() == picked


def test_with_nothing_that_can_go_export_is_off_and_says_why_before_any_typing(qtbot, w, tmp_path):
    for lead_id in w.free:
        advance(w, lead_id, "handed_over")
    dialog = dialog_for(qtbot, w, tmp_path, selected=[w.blocked])
    assert dialog.filter_radio.isChecked() and not dialog.export_button.isEnabled()
    assert "Every new lead of the current list is blocked" in dialog.scope_message.text()
    dialog.selected_radio.setChecked(True)  # the selected ones are left to the export's own check
    assert dialog.export_button.isEnabled() and not dialog.scope_message.text()
    dialog.filter_radio.setChecked(True)
    assert not dialog.export_button.isEnabled()
    advance(w, w.blocked, "invalid")
    empty = dialog_for(qtbot, w, tmp_path)
    assert not empty.export_button.isEnabled()
    assert empty.scope_message.text() == "The current list has no new leads to hand over."
