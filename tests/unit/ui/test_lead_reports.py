"""The Leads tab's reports read as words: each rule named by its explanation (the id in the tooltip), the
busiest rules first, each table on its own tab with the view's height; the detail's "(overridden)" in Chinese."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTabWidget

from crm.detection import default_detector
from crm.services import leads
from crm.services.leads import ConversionRow, LeadFilter, RuleReportRow
from ui import i18n
from ui.views.leads.lead_reports import LeadReports
from ui_fakes import GUI

pytestmark = GUI


@pytest.fixture
def rules(storage):
    return default_detector().rules("opportunity")[:2]


@pytest.fixture
def reports(qtbot, monkeypatch, rules) -> LeadReports:
    first, second = rules
    monkeypatch.setattr(leads, "conversion_by_rule", lambda _f: [
        ConversionRow(first.id, first.id, 3, 2, 1, 0, 0, 1),
        ConversionRow(None, "", 5, 1, 0, 0, 0, 0),
        ConversionRow(second.id, second.id, 9, 4, 0, 1, 0, 2),
    ])
    monkeypatch.setattr(leads, "rule_report", lambda: [
        RuleReportRow(first.id, 10, 1, 5, 4, 3, 1),
        RuleReportRow("opp.gone", 2, 0, 1, 1, 0, 0),
        RuleReportRow(second.id, 40, 5, 20, 15, 9, 0),
    ])
    widget = LeadReports()
    qtbot.addWidget(widget)
    widget.refresh(LeadFilter())
    return widget


def test_rules_are_named_by_their_explanation_with_the_id_as_tooltip(reports, rules):
    first, second = rules
    table = reports.detection_table
    assert table.item(0, 0).text() == second.explanation_en
    assert table.item(0, 0).toolTip().startswith(second.id)
    assert table.item(2, 0).text() == "opp.gone"  # no longer in the rules file: the id is all there is
    assert "no longer in the rules file" in table.item(2, 0).toolTip()
    assert [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())][0] == "What the rule looks for"
    assert not any(table.item(r, 0).text().startswith("opp.") for r in range(2))


def test_the_busiest_rules_come_first(reports, rules):
    first, second = rules
    assert [r.leads for r in reports.rule_rows()] == [9, 5, 3]
    assert reports.rule_table.item(0, 0).text() == second.explanation_en
    assert reports.rule_table.item(1, 0).text() == "(entered by hand)"
    assert [r.detected for r in reports.detection_rows()] == [40, 10, 2]


def test_each_report_has_its_own_tab_with_room_for_its_rows(qtbot, reports):
    tabs = reports.findChild(QTabWidget)
    assert tabs is not None and tabs.count() == 3
    reports.resize(1300, 560)  # the Leads tab at 1366×768
    reports.show()
    qtbot.waitExposed(reports)
    tabs.setCurrentIndex(1)
    table = reports.rule_table
    assert table.viewport().height() >= 8 * table.verticalHeader().defaultSectionSize()


def test_in_chinese_rules_read_in_chinese(qtbot, reports, rules):
    i18n.install_language(i18n.CHINESE)
    qtbot.wait(10)  # LanguageChange is posted
    assert reports.detection_table.item(0, 0).text() == rules[1].explanation_zh
    assert reports.tabs.tabText(2) == "识别规则"


def test_the_detail_says_overridden_in_chinese(qapp):
    from PySide6.QtCore import QCoreApplication

    i18n.install_language(i18n.CHINESE)
    assert QCoreApplication.translate("LeadDetail", "(overridden)") == "（已放行）"
