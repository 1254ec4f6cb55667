"""LeadReports: conversion per referring agent and per detection rule (for the Leads tab's filter), and the
per-rule detection report (detected, confirmed, dismissed, leads, won) used to tune the rules.

A few dozen rows each: plain QTableWidgets, filled on demand, one per tab so each has the view's height. Rules
are named by their explanation (the id is in the tooltip); the per-rule tables list the busiest rules first.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QTabWidget,
                               QVBoxLayout, QWidget)

from crm.errors import CrmError
from crm.services import leads
from crm.services.leads import ConversionRow, LeadFilter, RuleReportRow
from ui import sales_labels
from ui.views.leads import lead_messages

NUMBER_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _table(parent: QWidget) -> QTableWidget:
    table = QTableWidget(parent)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    return table


def _rule_column_stretches(table: QTableWidget) -> None:
    """The rule's explanation takes the room left; the numbers keep their width."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)


class LeadReports(QWidget):
    """``refresh(filter)`` reads the three reports again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filter = LeadFilter()
        self.agent_caption = QLabel(self)
        self.agent_table = _table(self)
        self.rule_caption = QLabel(self)
        self.rule_table = _table(self)
        self.detection_caption = QLabel(self)
        self.detection_table = _table(self)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        self.tabs = QTabWidget(self)
        for caption, table in ((self.agent_caption, self.agent_table), (self.rule_caption, self.rule_table),
                               (self.detection_caption, self.detection_table)):
            page = QWidget(self.tabs)
            page_layout = QVBoxLayout(page)
            page_layout.setContentsMargins(4, 4, 4, 4)
            caption.setParent(page)
            caption.setWordWrap(True)
            table.setParent(page)
            page_layout.addWidget(caption)
            page_layout.addWidget(table, 1)
            self.tabs.addTab(page, "")
        _rule_column_stretches(self.rule_table)
        _rule_column_stretches(self.detection_table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.error_label)
        layout.addWidget(self.tabs, 1)
        self._agents: list[ConversionRow] = []
        self._by_rule: list[ConversionRow] = []
        self._detection: list[RuleReportRow] = []
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.agent_caption.setText(self.tr("<b>Conversion by referring agent</b> (leads matching the filter)"))
        self.rule_caption.setText(self.tr("<b>Conversion by detection rule</b> (leads matching the filter)"))
        self.detection_caption.setText(
            self.tr("<b>Detection rules</b>: how often agents agreed with each rule, and what came of it"))
        conversion = (self.tr("Leads"), self.tr("Handed over"), self.tr("Won"), self.tr("Lost"), self.tr("Invalid"),
                      self.tr("Blocked"), self.tr("Conversion"))
        self.tabs.setTabText(0, self.tr("By Agent"))
        self.tabs.setTabText(1, self.tr("By Rule"))
        self.tabs.setTabText(2, self.tr("Detection Rules"))
        self.agent_table.setColumnCount(8)
        self.agent_table.setHorizontalHeaderLabels((self.tr("Referred by"), *conversion))
        self.agent_table.horizontalHeader().setStretchLastSection(False)
        self.rule_table.setColumnCount(8)
        self.rule_table.setHorizontalHeaderLabels((self.tr("What the rule looks for"), *conversion))
        self.detection_table.setColumnCount(8)
        self.detection_table.setHorizontalHeaderLabels(
            (self.tr("What the rule looks for"), self.tr("Detected"), self.tr("To confirm"), self.tr("Confirmed"),
             self.tr("Dismissed"), self.tr("Agreement"), self.tr("Leads"), self.tr("Won")))
        self.agent_table.horizontalHeaderItem(7).setToolTip(self.tr("Won ÷ handed over to sales"))
        self.rule_table.horizontalHeaderItem(7).setToolTip(self.tr("Won ÷ handed over to sales"))
        self.detection_table.horizontalHeaderItem(5).setToolTip(self.tr("Confirmed ÷ (confirmed + dismissed)"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_detection"):
            self.retranslateUi()
        super().changeEvent(event)

    def refresh(self, filter_: LeadFilter | None = None) -> None:
        if filter_ is not None:
            self._filter = filter_
        self.error_label.setVisible(False)
        try:
            self._agents = leads.conversion_by_agent(self._filter)
            self._by_rule = sorted(leads.conversion_by_rule(self._filter), key=lambda r: -r.leads)
            self._detection = sorted(leads.rule_report(), key=lambda r: (-r.detected, -r.leads))
        except CrmError as exc:
            self.error_label.setText(lead_messages.message_for(exc))
            self.error_label.setVisible(True)
            return
        self._fill()

    # --- filling -------------------------------------------------------------------------------------

    def _fill(self) -> None:
        self._fill_conversion(self.agent_table, self._agents, by_rule=False)
        self._fill_conversion(self.rule_table, self._by_rule, by_rule=True)
        table = self.detection_table
        table.setRowCount(len(self._detection))
        for row, r in enumerate(self._detection):
            self._set(table, row, 0, *self._rule_name(r.rule_id))
            for column, value in enumerate((r.detected, r.pending, r.confirmed, r.dismissed), 1):
                self._number(table, row, column, value)
            self._set(table, row, 5, self._percent(r.precision), align=True)
            self._number(table, row, 6, r.leads)
            self._number(table, row, 7, r.won)

    def _fill_conversion(self, table: QTableWidget, rows: Sequence[ConversionRow], *, by_rule: bool) -> None:
        table.setRowCount(len(rows))
        for row, r in enumerate(rows):
            if by_rule and r.key:
                label, tip = self._rule_name(str(r.key))
            elif by_rule:
                label, tip = self.tr("(entered by hand)"), self.tr("Leads created without a detected opportunity")
            else:
                label, tip = r.label, None
            self._set(table, row, 0, label, tip)
            for column, value in enumerate((r.leads, r.handed_over, r.won, r.lost, r.invalid, r.blocked), 1):
                self._number(table, row, column, value)
            self._set(table, row, 7, self._percent(r.conversion_rate), align=True)

    def _rule_name(self, rule_id: str) -> tuple[str, str]:
        """(text, tooltip): the rule's explanation, its id and explanation as the tooltip; the id alone for a
        rule no longer in the rules file."""
        explanation = sales_labels.rule_explanation(rule_id)
        if not explanation:
            return rule_id, self.tr("{rule} (no longer in the rules file)").format(rule=rule_id)
        return explanation, f"{rule_id}\n{explanation}"

    @staticmethod
    def _percent(value: float | None) -> str:
        return "–" if value is None else QLocale().toString(value * 100, "f", 1) + "%"

    @staticmethod
    def _set(table: QTableWidget, row: int, column: int, text: str, tip: str | None = None,
             align: bool = False) -> None:
        item = QTableWidgetItem(text)
        if tip:
            item.setToolTip(tip)
        if align:
            item.setTextAlignment(NUMBER_ALIGN)
        table.setItem(row, column, item)

    def _number(self, table: QTableWidget, row: int, column: int, value: int) -> None:
        self._set(table, row, column, QLocale().toString(int(value)), align=True)

    def agent_rows(self) -> list[ConversionRow]:
        return list(self._agents)

    def rule_rows(self) -> list[ConversionRow]:
        return list(self._by_rule)

    def detection_rows(self) -> list[RuleReportRow]:
        return list(self._detection)
