"""LeadCreateDialog: turn a confirmed opportunity into a sales lead (销售线索) — product, channel, checks.

The agent picks the product (the rule's suggestions first, then every product on sale in the category) and
the channel sales will use. Before anything is stored the dialog shows what suitability and consent say for
that pair (``suitability.check``): all clear, each blocking rule in words, and the points needing care (双录,
elderly customer, high-risk product). A blocked lead is still created, as blocked: it says which rule blocked
it and whether a supervisor can override it in the Leads view.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QPushButton,
                               QVBoxLayout, QWidget)

from crm.codes import ConsentChannel
from crm.errors import CrmError
from crm.models import StaffUser
from crm.services.suitability import CHANNEL_CODES  # the dialog starts on a channel without these
from ui import sales_labels
from ui.interaction_messages import message_for
from ui.widgets.field_message import FieldMessage

log = logging.getLogger(__name__)

OK_STYLE = "QLabel { background-color: #e6f4ea; color: #1b5e20; border: 1px solid #8bc79a; padding: 6px; }"
BLOCK_STYLE = "QLabel { background-color: #fdecea; color: #8c1d18; border: 1px solid #e5a29c; padding: 6px; }"
BLOCKED_COLOR = "#8c1d18"
FLAG_STYLE = "QLabel { background-color: #fff4d6; color: #5f3b00; border: 1px solid #e8c877; padding: 6px; }"
CHANNELS: tuple[str, ...] = tuple(ConsentChannel)
RISK_CODES = frozenset({"risk_level_exceeded", "risk_rating_missing", "risk_assessment_expired"})

CheckFn = Callable[..., list[Any]]
MaxLevelFn = Callable[[int], int]
CreateFn = Callable[..., Any]
ProductsFn = Callable[[], Sequence[Any]]


def _check(customer_id: int, product_id: int, channel: str, *, interaction_id: int | None = None) -> list[Any]:
    from crm.services import suitability
    return suitability.check(customer_id, product_id, channel, interaction_id=interaction_id)


def _create(actor: StaffUser, **kwargs: Any) -> Any:
    from crm.services import leads
    return leads.create_lead(actor, **kwargs)


def _max_level(customer_id: int) -> int:
    from crm.services import suitability
    return suitability.max_level(customer_id)


def _products() -> list[Any]:
    from crm.services import products
    return products.list_products(active_only=True)


class LeadCreateDialog(QDialog):
    """On Create the lead is stored; ``lead_result()`` is the core's LeadResult (lead id, blocks, flags)."""

    _built = False

    def __init__(self, actor: StaffUser, customer_id: int, category: str | None,
                 suggested: Sequence[str] = (), parent: QWidget | None = None, *,
                 opportunity_id: int | None = None, interaction_id: int | None = None,
                 summary: str = "", check: CheckFn = _check, create: CreateFn = _create,
                 products: ProductsFn = _products, max_level: MaxLevelFn = _max_level) -> None:
        super().__init__(parent)
        self._actor = actor
        self._customer_id = customer_id
        self._category = category
        self._suggested = tuple(suggested)
        self._opportunity_id = opportunity_id
        self._interaction_id = interaction_id
        self._summary = summary  # HTML: the opportunity as the agent saw it
        self._check = check
        self._create = create
        self._checks: list[Any] = []
        self._result: Any = None
        self._allowed = self._allowed_level(max_level)
        self._products = self._choices(products())
        self._build_ui()
        self.retranslateUi()
        self._pick_channel()
        self._built = True
        self.refresh_checks()

    # --- construction ---------------------------------------------------------------------------

    def _allowed_level(self, max_level: MaxLevelFn) -> int | None:
        """The highest product risk level the customer may be offered (None: unknown, nothing is ranked)."""
        try:
            return int(max_level(self._customer_id))
        except CrmError as exc:
            log.warning("customer's allowed risk level unavailable: %s", exc.code)
            return None

    def suitable(self, product: Any) -> bool:
        """Within the customer's risk rating (the dialog starts on such a product and lists them first)."""
        return self._allowed is None or int(product.risk_level) <= self._allowed

    def _choices(self, rows: Sequence[Any]) -> list[Any]:
        """Suggested products in the rule's order, then the rest of the category (or everything); those within
        the customer's risk rating before those above it, so the dialog never starts on an unsuitable one."""
        by_code = {p.code: p for p in rows}
        first = [by_code[c] for c in self._suggested if c in by_code]
        rest = [p for p in rows if p not in first and (self._category is None or p.category == self._category)]
        ordered = first + rest
        return [p for p in ordered if self.suitable(p)] + [p for p in ordered if not self.suitable(p)]

    def _build_ui(self) -> None:
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.product_combo = QComboBox(self)
        self.product_combo.currentIndexChanged.connect(lambda _i: self.refresh_checks())
        self.channel_combo = QComboBox(self)
        self.channel_combo.currentIndexChanged.connect(lambda _i: self.refresh_checks())
        self._product_label, self._channel_label = QLabel(self), QLabel(self)
        self._product_label.setBuddy(self.product_combo)
        self._channel_label.setBuddy(self.channel_combo)
        form = QFormLayout()
        form.addRow(self._product_label, self.product_combo)
        form.addRow(self._channel_label, self.channel_combo)
        self.checks_title = QLabel(self)
        self.ok_label = self._box(OK_STYLE)
        self.blocks_label = self._box(BLOCK_STYLE)
        self.flags_label = self._box(FLAG_STYLE)
        self.error_message = FieldMessage(self)
        self._buttons = QDialogButtonBox(self)
        self.create_button = QPushButton(self)
        self.create_button.setDefault(True)
        self._buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._buttons.accepted.connect(self.create)
        self._buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addLayout(form)
        layout.addWidget(self.checks_title)
        layout.addWidget(self.ok_label)
        layout.addWidget(self.blocks_label)
        layout.addWidget(self.flags_label)
        layout.addWidget(self.error_message)
        layout.addStretch(1)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(560)

    def _box(self, style: str) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setStyleSheet(style)
        label.setVisible(False)
        return label

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Create Sales Lead"))
        self._product_label.setText(self.tr("&Product:"))
        self.product_combo.setToolTip(self.tr("★ marks the products suggested for this need; the others are "
                                              "every product on sale in the same category. Products within the "
                                              "customer's risk rating come first; those above it are marked and "
                                              "cannot go to sales."))
        self._channel_label.setText(self.tr("Sales contacts the customer &by:"))
        self.channel_combo.setPlaceholderText(self.tr("Choose a channel…"))
        self.checks_title.setText(self.tr("Suitability and consent, checked before the lead is created:"))
        self.summary_label.setText(self._summary)
        self.summary_label.setVisible(bool(self._summary))
        self._fill_products()
        self._fill_channels()
        self._show_checks()

    def _fill_products(self) -> None:
        current = self.product_combo.currentData()
        self.product_combo.blockSignals(True)
        self.product_combo.clear()
        suggested = set(self._suggested)
        for product in self._products:
            text = self.tr("{name} ({level})").format(name=sales_labels.product_name(product),
                                                      level=sales_labels.risk_level_label(product.risk_level))
            if product.dual_recording:
                text = self.tr("{product}, dual recording").format(product=text)
            if not self.suitable(product):
                text = self.tr("{product} (above the customer's risk rating)").format(product=text)
            self.product_combo.addItem(f"★ {text}" if product.code in suggested else text, product.id)
            if not self.suitable(product):
                self.product_combo.setItemData(self.product_combo.count() - 1, QColor(BLOCKED_COLOR),
                                               Qt.ItemDataRole.ForegroundRole)
        index = self.product_combo.findData(current)
        self.product_combo.setCurrentIndex(max(index, 0))
        self.product_combo.blockSignals(False)

    def _fill_channels(self) -> None:
        current = self.channel_combo.currentData()
        self.channel_combo.blockSignals(True)
        self.channel_combo.clear()
        for code in CHANNELS:
            self.channel_combo.addItem(sales_labels.channel_label(code), str(code))
        self.channel_combo.setCurrentIndex(self.channel_combo.findData(current))  # -1: none chosen yet
        self.channel_combo.blockSignals(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslateUi()
        super().changeEvent(event)

    # --- checks ---------------------------------------------------------------------------------

    def product_id(self) -> int | None:
        return self.product_combo.currentData()

    def channel(self) -> str | None:
        """The channel chosen (None until the agent chooses one, when the customer agreed to none)."""
        return self.channel_combo.currentData()

    def checks(self) -> list[Any]:
        return list(self._checks)

    def blocks(self) -> list[Any]:
        return [c for c in self._checks if c.blocking]

    def _run_check(self, channel: str | None) -> list[Any]:
        product_id = self.product_id()
        if product_id is None or channel is None:
            return []
        return list(self._check(self._customer_id, product_id, channel, interaction_id=self._interaction_id))

    def _pick_channel(self) -> None:
        """Start on the first channel the customer agreed to be marketed on; on none when there is no such
        channel (a lead on any channel would then be blocked: the agent chooses, knowing it)."""
        try:
            for code in CHANNELS:
                if not any(c.code in CHANNEL_CODES for c in self._run_check(str(code))):
                    self.channel_combo.setCurrentIndex(self.channel_combo.findData(str(code)))
                    return
        except CrmError as exc:
            log.warning("suitability check failed: %s", exc.code)
        self.channel_combo.setCurrentIndex(-1)

    def refresh_checks(self) -> None:
        """Ask the core again (product or channel changed) and show the answer."""
        if not self._built:
            return
        self.error_message.clear_message()
        try:
            self._checks = self._run_check(self.channel())
        except CrmError as exc:
            self._checks = []
            self.error_message.show_message(message_for(exc))
        self._show_checks()

    def _show_checks(self) -> None:
        has_product = self.product_id() is not None
        blocks = self.blocks()
        flags = [c for c in self._checks if not c.blocking]
        self.ok_label.setText("✓ " + html.escape(self.tr(
            "Suitable, and the customer agreed to marketing on this channel: the lead can go to sales.")))
        self.ok_label.setVisible(has_product and self.channel() is not None and not blocks
                                 and not self.error_message.text())
        self.blocks_label.setText(self._blocks_html(blocks))
        self.blocks_label.setVisible(bool(blocks))
        self.flags_label.setText(self._flags_html(flags))
        self.flags_label.setVisible(bool(flags))
        self.create_button.setText(self.tr("Create &Blocked Lead") if blocks else self.tr("&Create Lead"))
        self.create_button.setEnabled(has_product and self.channel() is not None
                                      and not any(c.code == "fraud_flagged" for c in blocks))
        # Enter creates a lead only when it can go to sales; a blocked one takes a deliberate click
        self.create_button.setDefault(not blocks)
        self.cancel_button.setDefault(bool(blocks))
        if not has_product:
            self.error_message.show_message(self.tr("No product of this category is on sale."))
        elif self.channel() is None:
            self.error_message.show_message(self.tr(
                "The customer has not agreed to marketing on any channel, so a lead would be blocked. Record "
                "the customer's consent first (Consents tab), or choose a channel to create a blocked lead."))
        if self.isVisible():  # a window ignores its labels' height-for-width: grow to fit the new text
            self.adjustSize()

    def _blocks_html(self, blocks: Sequence[Any]) -> str:
        if not blocks:
            return ""
        items = "".join(f"<br/>• {html.escape(sales_labels.check_label(c))}" for c in blocks)
        fixed = [c for c in blocks if not c.overridable]
        if any(c.code == "fraud_flagged" for c in blocks):
            after = self.tr("No lead can be created.")
        elif not fixed:
            after = self.tr("The lead will be created as blocked and will not go to sales. A supervisor can "
                            "review it and override the block in the Leads view.")
        elif any(c.code in CHANNEL_CODES for c in fixed):
            after = self.tr("The lead will be created as blocked and will not go to sales while this stands; a "
                            "supervisor cannot override it. Choose a channel the customer agreed to, or record "
                            "the customer's consent first.")
        elif any(c.code in RISK_CODES for c in fixed):
            after = self.tr("The lead will be created as blocked and will not go to sales while this stands; a "
                            "supervisor cannot override it. Choose a product within the customer's risk "
                            "rating (listed first).")
        else:
            after = self.tr("The lead will be created as blocked and will not go to sales while this stands; a "
                            "supervisor cannot override it.")
        head = self.tr("Blocked:")
        return f"<b>✕ {html.escape(head)}</b>{items}<br/><br/>{html.escape(after)}"

    def _flags_html(self, flags: Sequence[Any]) -> str:
        if not flags:
            return ""
        items = "".join(f"<br/>• {html.escape(sales_labels.check_label(c))}" for c in flags)
        head = self.tr("Take care when selling:")
        return f"<b>⚠ {html.escape(head)}</b>{items}"

    # --- creating -------------------------------------------------------------------------------

    def create(self) -> None:
        """Store the lead (blocked or not) and close; an error stays in the dialog."""
        product_id, channel = self.product_id(), self.channel()
        if product_id is None or channel is None:
            return
        try:
            self._result = self._create(self._actor, customer_id=self._customer_id, product_id=product_id,
                                        channel=channel, opportunity_id=self._opportunity_id)
        except CrmError as exc:
            log.warning("creating the lead failed: %s", exc.code)
            self.error_message.show_message(self._refusal(exc))
            return
        self.accept()

    def _refusal(self, error: CrmError) -> str:
        """Why the core refused to store the lead at all (not a block: those are stored)."""
        if error.code == "duplicate_lead":
            return self.tr("This customer already has an open lead for this product; it was not created "
                           "twice.")
        if error.code == "fraud_flagged":
            return sales_labels.check_sentence("fraud_flagged")
        if error.code == "opportunity_dismissed":
            return self.tr("This opportunity was dismissed, so no lead can be made from it.")
        return message_for(error)

    def lead_result(self) -> Any:
        """The core's LeadResult once created (None before)."""
        return self._result

    def lead_id(self) -> int | None:
        return getattr(self._result, "lead_id", None)
