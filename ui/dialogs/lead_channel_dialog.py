"""LeadChannelDialog: another channel for sales to contact a new lead's customer on, each channel shown with
what the customer said about marketing on it (agreed, refused, never asked, do-not-disturb).

The fix for a lead blocked by consent on its channel: the agent picks one the customer agreed to. The
channel's consent blocks come from the core's own check (``suitability.check``), so the dialog says what the
lead will say once changed; choosing a channel that is still blocked is allowed (the lead stays blocked), and
the dialog says so before the change is made.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from crm.codes import ConsentChannel
from crm.errors import CrmError
from crm.services.leads import LeadRow
from crm.services.suitability import CHANNEL_CODES
from ui import sales_labels
from ui.views.leads import lead_messages
from ui.widgets.field_message import FieldMessage

log = logging.getLogger(__name__)

CHANNELS: tuple[str, ...] = tuple(str(c) for c in ConsentChannel)
AGREED_COLOR = "#1e6b2f"
BLOCKED_COLOR = "#b3261e"

CheckFn = Callable[[int, int, str], Sequence[Any]]


def _check(customer_id: int, product_id: int, channel: str) -> list[Any]:
    from crm.services import suitability
    return suitability.check(customer_id, product_id, channel)


class LeadChannelDialog(QDialog):
    """On OK ``channel()`` is the chosen channel code; nothing is stored here (the caller calls the core)."""

    _built = False

    def __init__(self, lead: LeadRow, parent: QWidget | None = None, *, check: CheckFn = _check) -> None:
        super().__init__(parent)
        self._lead = lead
        self._error = ""  # why the consent per channel is unknown, when it is
        self._blocks = self._read_blocks(check)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.list_label = QLabel(self)
        self.channel_list = QListWidget(self)
        self.list_label.setBuddy(self.channel_list)
        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        self.message = FieldMessage(self)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = QPushButton(self)
        self.ok_button.setDefault(True)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.list_label)
        layout.addWidget(self.channel_list)
        layout.addWidget(self.note_label)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.retranslateUi()
        self._select_first_usable()
        self.channel_list.currentItemChanged.connect(lambda *_: self._update())
        self._built = True
        self._update()

    def _read_blocks(self, check: CheckFn) -> dict[str, list[str]] | None:
        """{channel: its consent block codes}; None when the checks could not be run."""
        try:
            return {channel: [str(c.code) for c in check(self._lead.customer_id, self._lead.product_id, channel)
                              if c.blocking and str(c.code) in CHANNEL_CODES]
                    for channel in CHANNELS}
        except CrmError as exc:
            log.warning("consent per channel unavailable: %s", exc.code)
            self._error = lead_messages.message_for(exc)
            return None

    # --- language ------------------------------------------------------------------------------------

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Change Contact Channel"))
        self.caption.setText(self.tr("How sales will contact {customer} about {product}. Choose a channel the "
                                     "customer agreed to be marketed on.").format(
            customer=self._lead.customer_name, product=sales_labels.product_name(self._lead)))
        self.list_label.setText(self.tr("&Channel and the customer's marketing consent:"))
        self.ok_button.setText(self.tr("C&hange Channel"))
        self._fill()
        if self._built:
            self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslateUi()
        super().changeEvent(event)

    def _fill(self) -> None:
        current = self.channel()
        self.channel_list.blockSignals(True)
        self.channel_list.clear()
        for channel in CHANNELS:
            item = QListWidgetItem(self.item_text(channel), self.channel_list)
            item.setData(Qt.ItemDataRole.UserRole, channel)
            blocks = self.blocks(channel)
            if blocks is not None:
                item.setForeground(QColor(BLOCKED_COLOR if blocks else AGREED_COLOR))
            if channel == self._lead.contact_channel:  # changing to it is refused (same_channel)
                item.setFlags(item.flags() & ~(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled))
            if channel == current:
                self.channel_list.setCurrentItem(item)
        self.channel_list.blockSignals(False)

    def item_text(self, channel: str) -> str:
        name = sales_labels.channel_label(channel)
        blocks = self.blocks(channel)
        if blocks is None:
            text = name
        elif blocks:
            text = "✕ " + self.tr("{channel}: {blocks}").format(
                channel=name, blocks=self.tr(", ").join(sales_labels.check_title(code) for code in blocks))
        else:
            text = "✓ " + self.tr("{channel}: marketing agreed").format(channel=name)
        if channel == self._lead.contact_channel:
            text = self.tr("{channel} (now)").format(channel=text)
        return text

    # --- choosing ------------------------------------------------------------------------------------

    def blocks(self, channel: str) -> list[str] | None:
        """The consent blocks the lead would have on ``channel`` (empty: agreed); None when unknown."""
        return None if self._blocks is None else list(self._blocks.get(channel, []))

    def channel(self) -> str | None:
        item = self.channel_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _select_first_usable(self) -> None:
        """Start on the first other channel the customer agreed to, else on the first other channel."""
        others = [c for c in CHANNELS if c != self._lead.contact_channel]
        agreed = [c for c in others if self.blocks(c) == []]
        wanted = (agreed or others)[0]
        self.channel_list.setCurrentRow(CHANNELS.index(wanted))

    def _update(self) -> None:
        channel = self.channel()
        self.ok_button.setEnabled(channel is not None and channel != self._lead.contact_channel)
        blocks = self.blocks(channel) if channel else None
        if self._error:
            self.message.show_message(self._error)
        if blocks:
            self.note_label.setText(self.tr("On this channel the lead stays blocked and cannot go to sales: "
                                            "record the customer's consent first, or choose a channel they "
                                            "agreed to."))
        elif blocks == []:
            self.note_label.setText(self.tr("The customer agreed to marketing on this channel."))
        else:
            self.note_label.clear()
        self.note_label.setStyleSheet(f"color: {BLOCKED_COLOR};" if blocks else "")
