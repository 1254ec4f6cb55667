"""The Leads tab on real leads: filters, the detail's checks in words, only the allowed moves, a stale version
and a refused override said plainly, the supervisor's override, conversion reports, Ctrl+6 in the window."""

from __future__ import annotations

import datetime as dt

import pytest
from lead_world import advance, age, customer, lead, make_world, pid, populate
from PySide6.QtCore import Qt

from crm.codes import LeadState
from crm.errors import PermissionDenied
from crm.models import Customer
from crm.services import leads
from crm.services.leads import LeadFilter
from ui import i18n
from ui.views.leads import lead_messages
from ui.views.leads.lead_detail import LeadDetail
from ui.views.leads.lead_reports import LeadReports
from ui.views.leads.leads_view import LeadsView
from ui_fakes import GUI

pytestmark = GUI


@pytest.fixture
def w(storage):
    return make_world()


def shown_view(qtbot, actor) -> LeadsView:
    view = LeadsView(actor)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def choose(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def visible(detail: LeadDetail) -> list[str]:
    return [state for state, button in detail.buttons.items() if button.isVisibleTo(detail)]


def test_the_filters_narrow_the_list(qtbot, w):
    populate(w, 30)
    view = shown_view(qtbot, w.agent)
    assert view.model.rowCount() == 30 and view.count_label.text() == "30 leads"
    choose(view.state_combo, "won")
    assert view.model.lead_ids() == leads.lead_ids(LeadFilter(states=("won",)))
    assert 0 < view.model.rowCount() < 30
    choose(view.state_combo, None)
    choose(view.product_combo, "category:wealth")
    assert view.model.filter().category == "wealth"
    assert {view.model.lead(r).category for r in range(view.model.rowCount())} == {"wealth"}
    choose(view.product_combo, None)
    choose(view.agent_combo, w.agent2.id)
    assert {view.model.lead(r).referred_by_name for r in range(view.model.rowCount())} == {"王客服"}
    choose(view.agent_combo, None)
    choose(view.age_combo, "31-None")
    assert view.model.rowCount() > 0
    assert min(view.model.lead(r).age_days for r in range(view.model.rowCount())) > 30
    choose(view.age_combo, "None-7")
    assert max(view.model.lead(r).age_days for r in range(view.model.rowCount())) <= 7
    choose(view.age_combo, "None-None")
    view.blocked_check.setChecked(True)
    rows = [view.model.lead(r) for r in range(view.model.rowCount())]
    assert rows and all(r.block_reason and not r.overridden for r in rows)


def test_the_detail_re_runs_the_checks_and_offers_only_allowed_moves(qtbot, w):
    free = lead(w, customer(w, 1), "DEP-1Y")
    blocked = lead(w, customer(w, 2, consent=False), "CC-STD")
    detail = LeadDetail(w.agent)
    qtbot.addWidget(detail)
    detail.show_lead(free)
    assert "Nothing blocks this lead" in detail.checks_label.text()
    assert visible(detail) == ["handed_over", "invalid"]
    assert detail.buttons["handed_over"].isEnabled()
    assert not detail.override_button.isVisibleTo(detail)
    detail.show_lead(blocked)
    assert "has not agreed to marketing by Phone" in detail.checks_label.text()
    assert "(cannot be overridden)" in detail.checks_label.text()
    assert not detail.buttons["handed_over"].isEnabled()  # the core would refuse: say it up front
    assert "No marketing consent" in detail.buttons["handed_over"].toolTip()
    # the customer agrees meanwhile: checked again when shown, the lead may go
    from crm.services import customer_detail

    customer_detail.record_consent(None, w.customer_ids[-1], "marketing", "phone", True, "call")
    detail.show_lead(blocked)
    assert detail.buttons["handed_over"].isEnabled()


def test_a_state_change_saves_the_note_and_refreshes_the_list(qtbot, w):
    lead_id = lead(w, customer(w, 1), "DEP-1Y")
    advance(w, lead_id, "handed_over")
    view = shown_view(qtbot, w.agent)
    assert view.select_lead(lead_id)
    assert visible(view.detail) == ["accepted", "contacted", "won", "lost", "invalid"]
    view.detail.note_edit.setText("客户已购买 20 万")
    with qtbot.waitSignal(view.sig_leads_changed):
        qtbot.mouseClick(view.detail.buttons["won"], Qt.MouseButton.LeftButton)
    row = leads.get_lead(lead_id)
    assert row.state == LeadState.WON and row.outcome_note == "客户已购买 20 万"
    assert view.model.data(view.model.index(view.model.row_of(lead_id), 1)) == "Won"
    assert visible(view.detail) == []  # won is final
    assert view.detail.note_edit.text() == ""


def test_a_stale_version_is_said_plainly_and_the_lead_reloaded(qtbot, w):
    lead_id = lead(w, customer(w, 1), "DEP-1Y")
    detail = LeadDetail(w.agent)
    qtbot.addWidget(detail)
    detail.show_lead(lead_id)
    advance(w, lead_id, "invalid")  # a colleague, meanwhile
    detail.note_edit.setText("客户不需要")
    qtbot.mouseClick(detail.buttons["handed_over"], Qt.MouseButton.LeftButton)
    assert "Someone else changed this lead" in detail.message.text()
    assert detail.message.isVisibleTo(detail)
    assert detail.lead().state == "invalid" and visible(detail) == []
    assert detail.note_edit.text() == "客户不需要"  # what was typed is not lost


def test_in_the_tab_the_stale_message_stays_after_the_list_is_read_again(qtbot, w):
    lead_id = lead(w, customer(w, 1), "DEP-1Y")
    view = shown_view(qtbot, w.agent)
    view.select_lead(lead_id)
    advance(w, lead_id, "handed_over")
    qtbot.mouseClick(view.detail.buttons["invalid"], Qt.MouseButton.LeftButton)
    assert "Someone else changed this lead" in view.detail.message.text()
    assert view.detail.message.isVisibleTo(view.detail)
    assert view.model.data(view.model.index(view.model.row_of(lead_id), 1)) == "Handed over"
    assert view.detail.lead().state == "handed_over"


def test_a_supervisor_overrides_an_overridable_block_with_a_reason(qtbot, w):
    cid = customer(w, 1)
    Customer.update(risk_expires_on=dt.date.today() - dt.timedelta(days=1)).where(Customer.id == cid).execute()
    lead_id = lead(w, cid, "WM-BAL")  # R3 for a C3 customer whose assessment expired yesterday
    agent_view = LeadDetail(w.agent)
    qtbot.addWidget(agent_view)
    agent_view.show_lead(lead_id)
    assert not agent_view.override_button.isVisibleTo(agent_view)
    asked = []
    boss = LeadDetail(w.supervisor, ask=lambda _p, _t, label: asked.append(label) or "客户已重新做风险测评")
    qtbot.addWidget(boss)
    boss.show_lead(lead_id)
    assert boss.override_button.isVisibleTo(boss) and boss.override_button.isEnabled()
    with qtbot.waitSignal(boss.sig_lead_changed):
        qtbot.mouseClick(boss.override_button, Qt.MouseButton.LeftButton)
    assert "risk assessment expired" in asked[0]
    row = leads.get_lead(lead_id)
    assert row.overridden and row.override_reason == "客户已重新做风险测评"
    assert "(overridden)" in boss.checks_label.text()
    assert "Block overridden by a supervisor: 客户已重新做风险测评" in boss.info_label.text()
    assert not boss.override_button.isVisibleTo(boss)
    assert boss.buttons["handed_over"].isEnabled()


def test_a_block_nobody_may_override_disables_the_button_and_says_why(qtbot, w):
    lead_id = lead(w, customer(w, 1, consent=False), "DEP-1Y")
    boss = LeadDetail(w.supervisor, ask=lambda *_: pytest.fail("must not ask"))
    qtbot.addWidget(boss)
    boss.show_lead(lead_id)
    assert boss.override_button.isVisibleTo(boss) and not boss.override_button.isEnabled()
    assert boss.override_button.toolTip() == "Nobody can override this: No marketing consent"


def test_refusals_and_permission_errors_read_as_sentences(w):
    refused = leads_error(lambda: leads.override_block(w.agent, 1, 1, "x"))
    assert isinstance(refused, PermissionDenied)
    assert lead_messages.message_for(refused) == "Only supervisors and administrators may override a block."
    lead_id = lead(w, customer(w, 1), "DEP-1Y")
    wrong = leads_error(lambda: leads.set_state(w.agent, lead_id, leads.get_lead(lead_id).version, "won"))
    assert lead_messages.message_for(wrong) == "A lead cannot move from “New” to “Won”."


def leads_error(call):
    from crm.errors import CrmError

    with pytest.raises(CrmError) as caught:
        call()
    return caught.value


def test_reports_count_per_agent_and_rule_for_the_filter(qtbot, w):
    populate(w, 20)
    reports = LeadReports()
    qtbot.addWidget(reports)
    reports.refresh(LeadFilter())
    by_agent = {r.label: r for r in reports.agent_rows()}
    assert set(by_agent) == {"李客服", "王客服"}
    assert sum(r.leads for r in by_agent.values()) == 20
    table = reports.agent_table
    assert table.rowCount() == 2
    first = reports.agent_rows()[0]
    assert table.item(0, 0).text() == first.label and table.item(0, 1).text() == str(first.leads)
    expected = "–" if first.conversion_rate is None else f"{first.conversion_rate * 100:.1f}%"
    assert table.item(0, 7).text() == expected
    assert reports.rule_table.item(0, 0).text() == "(entered by hand)"  # none came from a detected opportunity
    assert reports.detection_table.rowCount() == len(reports.detection_rows()) > 0
    reports.refresh(LeadFilter(referred_by=w.agent2.id))
    assert [r.label for r in reports.agent_rows()] == ["王客服"]


def test_the_reports_page_follows_the_filter(qtbot, w):
    populate(w, 12)
    view = shown_view(qtbot, w.agent)
    view.pages.setCurrentIndex(1)
    assert sum(r.leads for r in view.reports.agent_rows()) == 12
    choose(view.agent_combo, w.agent.id)
    assert [r.label for r in view.reports.agent_rows()] == ["李客服"]


def test_the_tab_speaks_chinese(qtbot, w):
    lead_id = lead(w, customer(w, 1, rating="C1"), "WM-BAL")
    age(lead_id, 3)
    view = shown_view(qtbot, w.supervisor)
    i18n.install_language(i18n.CHINESE)
    qtbot.waitUntil(lambda: view.state_label.text() == "状态(&S)：")
    assert view.pages.tabText(0) == "线索列表"
    view.select_lead(lead_id)
    assert "产品风险等级" in view.model.data(view.model.index(0, 9), Qt.ItemDataRole.DisplayRole)
    assert view.detail.override_button.text() == "放行拦截(&O)…"
    assert view.count_label.text() == "共 1 条线索"


def test_ctrl_6_opens_the_leads_tab(qtbot, w):
    from ui.views.main_window import MainWindow
    from ui_fakes import CountingOverview, FakeStorage, FakeSummary
    from workspace_fakes import FakeCustomerPanel, FakeSearch

    lead(w, customer(w, 1), "DEP-1Y")
    window = MainWindow(FakeStorage("sqlcipher", "/data/crm.db"), actor=w.agent,
                        customer_panel_factory=FakeCustomerPanel, overview=CountingOverview(FakeSummary()),
                        search_source=FakeSearch().source)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.leads and window.leads_action.isChecked()
    assert window.leads.model.rowCount() == 1
    texts = [a.text() for a in window.file_menu.actions()]
    assert "Export &Leads to Sales…" in texts and "&Import Lead Outcomes…" in texts
    window.reminders.stop()


def test_the_detail_says_what_need_was_detected_in_words_not_the_rules_id(qtbot, w):
    from crm.models import Opportunity
    from crm.services import interactions, opportunities
    from crm.services.interactions import NewInteraction

    cid = customer(w, 3)
    saved = interactions.log_interaction(w.agent, NewInteraction(
        customer_id=cid, channel="inbound_call", category="consultation", notes="客户说明年孩子要出国留学。"))
    opp = Opportunity.get_by_id(saved.opportunity_ids[0])
    opportunities.decide_opportunity(w.agent, opp.id, opp.version, confirm=True)
    lead_id = leads.create_lead(w.agent, customer_id=cid, product_id=pid("FX-SETTLE"), channel="phone",
                                opportunity_id=opp.id).lead_id
    detail = LeadDetail(w.agent)
    qtbot.addWidget(detail)
    detail.show_lead(lead_id)
    text = detail.info_label.text()
    assert opp.rule_id and opp.rule_id not in text
    assert "Detected need: The customer" in text
    i18n.install_language(i18n.CHINESE)
    detail.retranslateUi()  # as the Leads view does on a language change
    assert "识别到的需求：客户" in detail.info_label.text()

