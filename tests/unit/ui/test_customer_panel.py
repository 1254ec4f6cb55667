"""CustomerPanel on both backends: masked display, profile edit and save, conflicts, validation, new customer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from crm.services import customer_detail, customers
from customer_world import RAW_VALUES, make_world, switch_to_chinese, widget_texts
from ui.models.timeline_model import KindRole, TitleRole
from ui.views.customer.consents_tab import CHANNELS, PURPOSES
from ui.views.customer.customer_panel import PAGE_DETAIL, PAGE_NEW, CustomerPanel
from ui.widgets.masked_label import MaskedLabel
from ui_fakes import GUI

pytestmark = GUI


@pytest.fixture
def world(storage):
    return make_world()


@pytest.fixture
def panel(world, qtbot):
    widget = CustomerPanel(world.agent)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show_customer(world.customer_id)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _select(combo, code):
    combo.setCurrentIndex(combo.findData(code))


def test_shows_the_customer_masked_everywhere(panel, world):
    assert panel.current_customer_id() == world.customer_id
    assert panel.stack.currentIndex() == PAGE_DETAIL
    assert panel.header.name_label.text() == "欧阳娜娜"
    assert panel.header.segment_chip.text() == "VIP" and panel.header.elderly_chip.isVisible()
    # Rated in 2020, so the questionnaire has expired: the header says so, in red.
    assert "expired" in panel.header.risk_label.text() and "b3261e" in panel.header.risk_label.styleSheet()
    assert panel.header.verification_chip.text() == "Not verified"
    masked = {label.text() for label in panel.findChildren(MaskedLabel)}
    assert {"138****2222", "139****4444", "**** **** **** 7890", "**** **** **** 5675"} <= masked
    assert all(label.toolTip().startswith(label.text()) for label in panel.findChildren(MaskedLabel))
    for tab in range(panel.tabs.count()):  # every tab, including the timeline's rows and tooltips
        panel.tabs.setCurrentIndex(tab)
        texts = "\n".join(widget_texts(panel))
        assert not [raw for raw in RAW_VALUES if raw in texts]


def test_copying_an_identifier_copies_the_masked_form(panel):
    label = next(lbl for lbl in panel.findChildren(MaskedLabel) if lbl.text() == "139****4444")
    assert "Reserved mobile" in label.toolTip()
    label.copy_masked()
    assert QGuiApplication.clipboard().text() == "139****4444"


def test_edit_and_save_sends_only_changes_with_the_loaded_version(panel, world, qtbot):
    profile = panel.profile
    assert not profile.save_button.isEnabled()
    _select(profile.segment_combo, "private")
    profile.notes_edit.setPlainText("客户偏好上午联系")
    assert profile.changes() == {"segment": "private", "notes": "客户偏好上午联系"}
    assert profile.save_button.isEnabled() and "Segment" in profile.status.text()
    with qtbot.waitSignal(panel.sig_customer_saved) as saved:
        qtbot.mouseClick(profile.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == [world.customer_id]
    stored = customer_detail.get_detail(world.customer_id)
    assert stored.segment == "private" and stored.notes == "客户偏好上午联系" and stored.name == "欧阳娜娜"
    assert panel.header.segment_chip.text() == "Private banking"
    assert not profile.has_unsaved_changes() and not profile.save_button.isEnabled()
    top = panel.timeline_model.index(0, 0)
    assert panel.timeline_model.data(top, KindRole) == "change"
    assert panel.timeline_model.data(top, TitleRole) == "Customer record changed"


def test_rating_a_customer_sets_the_assessment_dates(panel, world):
    import datetime as dt

    profile = panel.profile
    _select(profile.risk_combo, None)
    assert profile.values()["risk_assessed_on"] is None and not profile.assessed_edit.isEnabled()
    _select(profile.risk_combo, "C4")
    today = dt.date.today()
    assert profile.values()["risk_assessed_on"] == today
    assert profile.values()["risk_expires_on"].year == today.year + 1
    assert profile.save()
    stored = customer_detail.get_detail(world.customer_id)
    assert stored.risk_rating == "C4" and not stored.risk_expired
    assert "valid until" in panel.header.risk_label.text()


def test_validation_message_appears_under_the_field(panel, world):
    profile = panel.profile
    profile.name_edit.setText("   ")
    profile.name_edit.textEdited.emit("   ")
    assert not profile.save()
    assert profile.messages["name"].isVisible()
    assert profile.messages["name"].text() == "This field must be filled in."
    assert not profile.messages["segment"].isVisible() and not profile.general_message.isVisible()
    assert customer_detail.get_detail(world.customer_id).name == "欧阳娜娜"


def test_authentication_data_in_notes_is_blocked(panel, world):
    profile = panel.profile
    profile.notes_edit.setPlainText("客户说取款密码是 135790")
    assert not profile.save()
    assert profile.messages["notes"].isVisible() and "PIN" in profile.messages["notes"].text()
    assert "135790" not in customer_detail.get_detail(world.customer_id).notes


def _edit_behind_its_back(world, **changes):
    version = customer_detail.get_detail(world.customer_id).version
    customers.update_customer(world.supervisor, world.customer_id, version, changes)


def test_stale_version_opens_the_comparison_and_applies_mine_on_top_of_theirs(panel, world, qtbot):
    profile = panel.profile
    _select(profile.segment_combo, "private")
    _edit_behind_its_back(world, name="欧阳娜", notes="已改")
    assert not profile.save()
    dialog = profile.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.rows == ["name", "segment", "notes"] and dialog.conflicts == set()
    assert dialog.selected_fields() == ["segment"]
    cells = [dialog.table.item(r, c).text() for r in range(len(dialog.rows)) for c in range(4)]
    assert "欧阳娜" in cells and "Private banking" in cells
    assert customer_detail.get_detail(world.customer_id).segment == "vip"  # nothing written yet
    with qtbot.waitSignal(panel.sig_customer_saved):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    stored = customer_detail.get_detail(world.customer_id)
    assert (stored.name, stored.notes, stored.segment) == ("欧阳娜", "已改", "private")
    assert profile.values()["name"] == "欧阳娜" and not profile.has_unsaved_changes()


def test_a_field_both_changed_is_not_overwritten_unless_ticked(panel, world, qtbot):
    profile = panel.profile
    _select(profile.segment_combo, "private")
    _edit_behind_its_back(world, segment="standard")
    profile.save()
    dialog = profile.conflict_dialog
    assert dialog.conflicts == {"segment"} and dialog.selected_fields() == []
    assert not dialog.apply_button.isEnabled()
    dialog.set_selected("segment", True)
    assert dialog.apply_button.isEnabled()
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert customer_detail.get_detail(world.customer_id).segment == "private"


def test_reload_discards_mine_and_shows_theirs(panel, world, qtbot):
    profile = panel.profile
    profile.name_edit.setText("我的改动")
    _edit_behind_its_back(world, name="他们的改动")
    profile.save()
    qtbot.mouseClick(profile.conflict_dialog.reload_button, Qt.MouseButton.LeftButton)
    assert profile.name_edit.text() == "他们的改动" and not profile.has_unsaved_changes()
    assert panel.header.name_label.text() == "他们的改动"
    assert customer_detail.get_detail(world.customer_id).name == "他们的改动"


def test_cancel_keeps_my_edits_and_writes_nothing(panel, world):
    profile = panel.profile
    profile.name_edit.setText("我的改动")
    _edit_behind_its_back(world, notes="他们的备注")
    profile.save()
    profile.conflict_dialog.reject()
    assert profile.name_edit.text() == "我的改动" and profile.general_message.isVisible()
    assert customer_detail.get_detail(world.customer_id).name == "欧阳娜娜"


def test_add_phone_validates_and_shows_the_new_number_masked(panel, world, qtbot):
    contacts = panel.contacts
    panel.tabs.setCurrentWidget(contacts)
    contacts.new_phone_edit.setText("12345")
    assert not contacts.add_phone()
    assert contacts.phone_message.isVisible() and "numbering plan" in contacts.phone_message.text()
    contacts.new_phone_edit.setText("138 0013 8000")
    contacts.new_reserved_check.setChecked(True)
    with qtbot.waitSignal(panel.sig_customer_saved):
        assert contacts.add_phone()
    assert not contacts.phone_message.isVisible() and contacts.new_phone_edit.text() == ""
    qtbot.waitUntil(lambda: "138****8000" in [lbl.text() for lbl in contacts.findChildren(MaskedLabel)
                                               if lbl.isVisible()])
    assert "13800138000" not in "\n".join(widget_texts(panel))
    contacts.new_phone_edit.setText("13800138000")
    assert not contacts.add_phone()
    assert contacts.phone_message.text() == "This value is already recorded for the customer."


def test_remove_phone_asks_first(panel, world, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    phone = customer_detail.get_detail(world.customer_id).phones[-1]
    panel.contacts._on_remove_clicked(phone)
    assert len(customer_detail.get_detail(world.customer_id).phones) == 2
    panel.contacts._on_remove_clicked(phone)
    assert len(customer_detail.get_detail(world.customer_id).phones) == 1


def test_consents_grid_and_recording_a_change(panel, world, qtbot):
    consents = panel.consents
    customer_detail.record_consent(world.agent, world.customer_id, "marketing", "sms", True, "branch_form")
    panel.reload()
    assert consents.cell_state("marketing", "sms") == "granted"
    assert consents.cell_state("marketing", "phone") == "not_asked"
    cell = consents.grid.item(1, 0)  # rows are channels, columns purposes
    assert cell.text() == "✓ Granted" and "Branch form" in cell.toolTip() and "Recorded:" in cell.toolTip()
    consents.grid.setCurrentCell(1, 0)  # picking a granted cell offers to record a refusal
    assert consents.purpose_combo.currentData() == "marketing" and consents.channel_combo.currentData() == "sms"
    assert consents.refused_radio.isChecked()
    _select(consents.source_combo, "call")
    with qtbot.waitSignal(panel.sig_customer_saved):
        assert consents.record()
    assert consents.cell_state("marketing", "sms") == "refused"
    assert consents.grid.item(1, 0).text() == "✗ Refused" and "Phone call" in consents.grid.item(1, 0).toolTip()
    assert panel.timeline_model.data(panel.timeline_model.index(0, 0), TitleRole) == "Consent recorded"


def _beside_the_customer_list(panel, qtbot, language):
    """The panel as wide as the workspace leaves it at 1280×800, next to the customer list."""
    if language == "zh_CN":
        switch_to_chinese()
    panel.resize(760, 760)
    qtbot.wait(50)  # let the layouts settle


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_consent_cell_and_header_is_readable_in_full(panel, world, qtbot, language):
    from PySide6.QtWidgets import QStyle

    for channel in CHANNELS:  # the longest English state in every cell
        for purpose in PURPOSES:
            customer_detail.record_consent(world.agent, world.customer_id, purpose, channel, False, "call")
    panel.reload()
    panel.tabs.setCurrentWidget(panel.consents)
    _beside_the_customer_list(panel, qtbot, language)
    grid = panel.consents.grid
    margin = 2 * (grid.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, grid) + 1)
    for row in range(grid.rowCount()):
        for column in range(grid.columnCount()):
            item = grid.item(row, column)
            assert item.text() in ("✗ Refused", "✗ 拒绝")
            width = grid.visualItemRect(item).width()
            assert grid.fontMetrics().horizontalAdvance(item.text()) + margin <= width, (row, column)
    header = grid.horizontalHeader()  # the vertical one always takes the width of its longest label
    for section in range(header.count()):
        assert header.sectionSizeHint(section) <= header.sectionSize(section), section
    assert not grid.horizontalScrollBar().isVisible()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_profile_fits_without_scrolling_sideways(panel, qtbot, language):
    from PySide6.QtWidgets import QScrollArea

    _beside_the_customer_list(panel, qtbot, language)
    profile = panel.profile
    scroll = profile.findChild(QScrollArea)
    assert not scroll.horizontalScrollBar().isVisible()
    assert scroll.widget().width() <= scroll.viewport().width()
    for widget in (profile.risk_combo, profile.agent_relation_combo, profile.assessed_edit, profile.expires_edit,
                   profile._assessed_label, profile._expires_label, profile._relation_label,
                   *profile.labels.values()):
        assert widget.width() >= widget.sizeHint().width(), widget
        right = widget.mapTo(scroll.viewport(), widget.rect().topRight()).x()
        assert right < scroll.viewport().width(), widget


def test_new_customer_form_with_the_caller_number(world, qtbot):
    panel = CustomerPanel(world.agent)
    qtbot.addWidget(panel)
    panel.show_new_customer("+86 138 0013 8000")
    assert panel.stack.currentIndex() == PAGE_NEW and panel.current_customer_id() is None
    form = panel.new_form
    assert form.phone_edit.text() == "+86 138 0013 8000" and form.name_edit.text() == ""
    form.name_edit.setText("张三")
    form.id_edit.setText("110101199001011230")  # wrong check digit
    assert form.create() is None
    assert not form.messages["id_number"].isHidden() and "check" in form.messages["id_number"].text()
    form.id_edit.clear()
    form.card_edit.setText("6222 0212 3456 7891")  # fails the Luhn check: saved with a warning
    with qtbot.waitSignal(panel.sig_customer_saved) as saved:
        new_id = form.create()
    assert saved.args == [new_id] and panel.current_customer_id() == new_id
    assert panel.header.name_label.text() == "张三" and panel.notice.isVisibleTo(panel)
    detail = customer_detail.get_detail(new_id)
    assert [p.masked for p in detail.phones] == ["138****8000"] and detail.cards[0].masked.endswith("7891")


def test_cancelling_the_new_customer_form_returns_to_the_customer(panel, world):
    panel.show_new_customer()
    panel.new_form.cancel_button.click()
    assert panel.current_customer_id() == world.customer_id


def test_interaction_area_takes_the_call_form(panel):
    form = QPlainTextEdit()
    panel.set_interaction_widget(form)
    assert form.parent() is panel.interaction_area and form.isVisible()
    other = QLabel("x")
    panel.set_interaction_widget(other)
    assert other.parent() is panel.interaction_area and form.parent() is None
    assert panel.interaction_area.layout().count() == 1


def test_unknown_customer_shows_a_message_not_a_crash(world, qtbot):
    panel = CustomerPanel(world.agent)
    qtbot.addWidget(panel)
    panel.show_customer(999999)
    assert panel.current_customer_id() is None and "no longer exists" in panel.empty_label.text()


def test_chinese_labels(panel):
    switch_to_chinese()
    assert [panel.tabs.tabText(i) for i in range(4)] == ["资料(&P)", "联系方式(&C)", "同意(&N)", "时间线(&T)"]
    assert panel.header.elderly_chip.text() == "老年客户" and panel.header.verification_chip.text() == "未核验"
    assert panel.profile.segment_combo.currentText() == "VIP"
    assert panel.header.risk_label.text().startswith("风险承受能力：C3 平衡型")


def test_a_refresh_keeps_unsaved_edits_and_their_version(panel, world):
    profile = panel.profile
    profile.name_edit.setText("正在编辑")
    _edit_behind_its_back(world, notes="别人改了备注")
    panel.clear_call_state()  # e.g. the call was logged: the customer is read again
    assert profile.name_edit.text() == "正在编辑" and profile.has_unsaved_changes()
    assert not profile.save()  # still based on the version I started from: the conflict is caught
    assert profile.conflict_dialog is not None
    profile.conflict_dialog.reject()


def test_after_apply_the_unticked_fields_show_theirs(panel, world, qtbot):
    profile = panel.profile
    _select(profile.segment_combo, "private")
    profile.name_edit.setText("我的名字")
    _edit_behind_its_back(world, name="他们的名字")
    profile.save()
    dialog = profile.conflict_dialog
    assert dialog.conflicts == {"name"} and dialog.selected_fields() == ["segment"]
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert profile.name_edit.text() == "他们的名字" and not profile.has_unsaved_changes()
    assert profile.save_button.isEnabled() is False
    stored = customer_detail.get_detail(world.customer_id)
    assert (stored.name, stored.segment) == ("他们的名字", "private")


def test_undo_changes_restores_the_stored_values(panel):
    profile = panel.profile
    profile.name_edit.setText("临时")
    profile.name_edit.textEdited.emit("临时")
    assert profile.revert_button.isEnabled()
    profile.revert_button.click()
    assert profile.name_edit.text() == "欧阳娜娜" and not profile.has_unsaved_changes()


def test_language_switch_keeps_edits(panel):
    profile = panel.profile
    _select(profile.segment_combo, "private")
    profile.name_edit.setText("改名")
    switch_to_chinese()
    assert profile.segment_combo.currentText() == "私行" and profile.name_edit.text() == "改名"
    assert profile.changes() == {"name": "改名", "segment": "private"}
