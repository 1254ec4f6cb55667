"""HomePanel: the overview counts (customers, interactions, open complaint cases, follow-ups due)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QDateTime, QEvent, QLocale
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from crm.errors import CrmError
from ui.errors import error_message
from ui.widgets.field_message import FieldMessage
from ui.widgets.stat_card import StatCard

if TYPE_CHECKING:
    from crm.services.overview import OverviewSummary

log = logging.getLogger(__name__)

# Attribute names of OverviewSummary, in display order.
FIELDS = ("customers", "interactions", "open_cases", "due_followups")


class HomePanel(QWidget):
    """Counts from ``overview()``, fetched again whenever the panel is shown or Refresh is pressed."""

    def __init__(self, overview: Callable[[], OverviewSummary], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._overview = overview
        self._summary: OverviewSummary | None = None
        self._updated: QDateTime | None = None
        self._build_ui()
        self.retranslateUi()

    def _build_ui(self) -> None:
        self._title = QLabel(self)
        font = QFont(self._title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self._title.setFont(font)
        self._updated_label = QLabel(self)
        self._refresh_button = QPushButton(self)
        self._refresh_button.clicked.connect(self.refresh)
        header = QHBoxLayout()
        header.addWidget(self._title)
        header.addStretch(1)
        header.addWidget(self._updated_label)
        header.addWidget(self._refresh_button)

        self.cards = {name: StatCard(self) for name in FIELDS}
        grid = QGridLayout()
        grid.setSpacing(16)
        for index, name in enumerate(FIELDS):
            grid.addWidget(self.cards[name], index // 2, index % 2)
        self._error = FieldMessage(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(16)
        layout.addLayout(header)
        layout.addLayout(grid)
        layout.addWidget(self._error)
        layout.addStretch(1)

    def retranslateUi(self) -> None:
        self._title.setText(self.tr("Overview"))
        self._refresh_button.setText(self.tr("&Refresh"))
        self._refresh_button.setToolTip(self.tr("Count again from the database"))
        captions = {
            "customers": self.tr("Customers"),
            "interactions": self.tr("Interactions"),
            "open_cases": self.tr("Open complaint cases"),
            "due_followups": self.tr("Follow-up calls due"),
        }
        for name, caption in captions.items():
            self.cards[name].set_caption(caption)
        self._show_values()

    def refresh(self) -> None:
        """Ask the core for fresh counts; a database problem is shown in the panel, not as a crash."""
        try:
            self._summary = self._overview()
        except CrmError as exc:
            log.warning("overview failed: %s", exc)
            self._summary = None
            self._error.show_message(error_message(exc))
        else:
            self._updated = QDateTime.currentDateTime()
            self._error.clear_message()
        self._show_values()

    def _show_values(self) -> None:
        locale = QLocale()
        for name, card in self.cards.items():
            card.set_value(locale.toString(getattr(self._summary, name)) if self._summary else "–")
        if self._updated is not None:
            time = locale.toString(self._updated.time(), QLocale.FormatType.ShortFormat)
            self._updated_label.setText(self.tr("Updated at {time}").format(time=time))
        else:
            self._updated_label.clear()

    def summary(self) -> OverviewSummary | None:
        return self._summary

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():  # shown by the program (not restored from minimised): count again
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
