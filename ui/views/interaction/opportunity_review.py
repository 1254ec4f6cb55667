"""OpportunityReview: after a save, the opportunities the core stored for the call, to confirm or dismiss.

Each row says what was heard and which product category it points to; Confirm marks it as a real need
(``opportunities.decide_opportunity``) and offers "Create Lead…" (LeadCreateDialog); Dismiss drops it. A call with a
fraud warning never gets a lead: the core stores no opportunities for it, and this list refuses to offer one.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QSizePolicy, QToolButton, QVBoxLayout,
                               QWidget)

from crm.errors import ConflictError, CrmError
from crm.models import StaffUser
from ui import i18n, sales_labels
from ui.interaction_messages import message_for
from ui.widgets.ask import RunDialog, exec_dialog
from ui.widgets.field_message import FieldMessage

log = logging.getLogger(__name__)
DETECTED, CONFIRMED, DISMISSED = "detected", "confirmed", "dismissed"
OK_COLOR, BLOCKED_COLOR = "#1b5e20", "#8c1d18"


def _opportunities(interaction_id: int) -> list[Any]:
    from crm.services import opportunities
    return opportunities.opportunities_for_interaction(interaction_id)


def _decide(actor: StaffUser, opportunity_id: int, version: int, confirm: bool) -> int:
    from crm.services import opportunities
    return opportunities.decide_opportunity(actor, opportunity_id, version, confirm=confirm)


class WrappedLabel(QLabel):
    """A word-wrapped label that asks for the height its text needs at its width, as a minimum: in the call
    form's scroll area a layout otherwise hands it the height of one unwrapped line and cuts lines in half."""

    def __init__(self, parent: QWidget | None = None, *, rich: bool = False) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if rich:
            self.setTextFormat(Qt.TextFormat.RichText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self.width() <= 0:
            return
        old = self.minimumHeight()
        self.setMinimumHeight(0)  # QLabel never reports a height for a width below its minimum
        height = self.heightForWidth(self.width())
        self.setMinimumHeight(height if height > 0 else old)


class OpportunityRowWidget(QWidget):
    """One stored opportunity: what was heard, its status, and what the agent can do next."""

    _built = False
    sig_decide = Signal(object, bool)  # self, confirm
    sig_create_lead = Signal(object)  # self

    def __init__(self, row: Any, lead_allowed: bool, parent: QWidget | None = None, *, context: str = "") -> None:
        super().__init__(parent)
        self.row = row
        self.lead_allowed = lead_allowed
        self.context = context  # HTML: the evidence in the saved notes, the phrase marked
        self.lead_text = ""  # what became of the lead made from it
        self.lead_blocked = False
        self.text_label = WrappedLabel(self, rich=True)
        self.confirm_button = QPushButton(self)
        self.dismiss_button = QPushButton(self)
        self.lead_button = QPushButton(self)
        for button in (self.confirm_button, self.dismiss_button, self.lead_button):
            button.setAutoDefault(False)
        self.confirm_button.clicked.connect(lambda: self.sig_decide.emit(self, True))
        self.dismiss_button.clicked.connect(lambda: self.sig_decide.emit(self, False))
        self.lead_button.clicked.connect(lambda: self.sig_create_lead.emit(self))
        # The text gets the panel's whole width (the panel is narrow); the buttons go under it, on the right.
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(4)
        buttons.addStretch(1)
        for button in (self.confirm_button, self.dismiss_button, self.lead_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 4)
        layout.setSpacing(2)
        layout.addWidget(self.text_label)
        layout.addLayout(buttons)
        self.retranslateUi()
        self._built = True

    def status(self) -> str:
        return str(getattr(self.row, "status", DETECTED))

    def set_row(self, row: Any) -> None:
        self.row = row
        self.retranslateUi()

    def retranslateUi(self) -> None:
        status = self.status()
        category = sales_labels.category_label(self.row.category)
        product = _product_name(self.row)
        head = f"<b>{html.escape(category)}</b>"
        if product:
            head += f" · {html.escape(product)}"
        head += f" — <i>{html.escape(sales_labels.opportunity_status_label(status))}</i>"
        evidence = self.context or html.escape(f"“{self.row.evidence_text}”" if self.row.evidence_text else "")
        text = f"{head}<br/><span style='color:#3c4a5c;'>{evidence}</span>" if evidence else head
        if self.lead_text:
            color = BLOCKED_COLOR if self.lead_blocked else OK_COLOR
            text += f"<br/><span style='color:{color};'>{html.escape(self.lead_text)}</span>"
        elif self.row.lead_count:
            text += "<br/>" + html.escape(self.tr("A lead has been created from it."))
        self.text_label.setText(text)
        self.text_label.setToolTip(_explanation(self.row))
        self.confirm_button.setText(self.tr("Confirm"))
        self.confirm_button.setToolTip(self.tr("The customer is interested: keep this opportunity"))
        self.dismiss_button.setText(self.tr("Dismiss"))
        self.dismiss_button.setToolTip(self.tr("Not a real need: drop this opportunity"))
        self.lead_button.setText(self.tr("Create Lead…"))
        self.lead_button.setToolTip(self.tr("Hand this opportunity over to sales as a lead, after the "
                                            "suitability and consent checks"))
        self.confirm_button.setVisible(status == DETECTED)
        self.dismiss_button.setVisible(status == DETECTED)
        self.lead_button.setVisible(status == CONFIRMED and self.lead_allowed and not self.lead_text
                                    and not self.row.lead_count)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslateUi()
        super().changeEvent(event)


class OpportunityReview(QWidget):
    """The saved call's opportunities; empty (and hidden) until ``show_interaction``."""

    _built = False
    sig_changed = Signal()  # rows appeared, changed or went
    sig_lead_created = Signal(int)  # lead id
    sig_decided = Signal(int)  # opportunity id: confirmed or dismissed by the agent

    def __init__(self, actor: StaffUser, get_customer_id: Callable[[], int | None],
                 parent: QWidget | None = None, *, opportunities: Callable[[int], Sequence[Any]] = _opportunities,
                 decide: Callable[[StaffUser, int, int, bool], int] = _decide,
                 run_dialog: RunDialog = exec_dialog) -> None:
        super().__init__(parent)
        self._actor = actor
        self._get_customer_id = get_customer_id
        self._opportunities = opportunities
        self._decide = decide
        self.run_dialog = run_dialog  # tests answer the lead dialog through this
        self._saved: Any = None
        self.rows: list[OpportunityRowWidget] = []
        self.title_label = WrappedLabel(self)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.clear)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.title_label, 1)
        header.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.message = FieldMessage(self)
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setSpacing(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addLayout(self._rows_layout)
        layout.addWidget(self.message)
        self.retranslateUi()
        self.setVisible(False)
        self._built = True

    def retranslateUi(self) -> None:
        self.title_label.setText(self.tr("<b>Sales opportunities in the call just saved</b>: confirm those the "
                                         "customer is interested in, dismiss the rest."))
        self.close_button.setToolTip(self.tr("Hide this list (the opportunities stay stored, undecided ones as "
                                             "detected)"))
        self.close_button.setAccessibleName(self.close_button.toolTip())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslateUi()
        super().changeEvent(event)

    # --- public API -----------------------------------------------------------------------------

    def has_rows(self) -> bool:
        """Something to show: rows, or the message saying why there are none."""
        return bool(self.rows) or bool(self.message.text())

    def lead_allowed(self) -> bool:
        """Never a lead from a call with a fraud warning."""
        return self._saved is not None and not tuple(getattr(self._saved, "fraud_escalation_ids", ()) or ())

    def show_interaction(self, saved: Any, notes: str = "") -> None:
        """List what the core stored for the saved call (nothing when it stored none); ``notes`` as saved, to
        show each piece of evidence in its context."""
        self.clear()
        if not tuple(getattr(saved, "opportunity_ids", ()) or ()):
            return
        self._saved = saved
        try:
            rows = list(self._opportunities(saved.id))
        except CrmError as exc:
            log.warning("opportunities for interaction %s unavailable: %s", saved.id, exc.code)
            self.message.show_message(message_for(exc))
            rows = []
        for row in rows:
            widget = OpportunityRowWidget(row, self.lead_allowed(), self, context=_context(notes, row))
            widget.sig_decide.connect(self._on_row_decide)
            widget.sig_create_lead.connect(self._on_row_create_lead)
            self._rows_layout.addWidget(widget)
            self.rows.append(widget)
        self.setVisible(bool(self.rows) or bool(self.message.text()))
        self.sig_changed.emit()

    def clear(self) -> None:
        for widget in self.rows:
            self._rows_layout.removeWidget(widget)
            widget.deleteLater()
        self.rows = []
        self._saved = None
        self.message.clear_message()
        self.setVisible(False)
        self.sig_changed.emit()

    def forget_unless(self, customer_id: int | None) -> None:
        if self._saved is not None and self._saved.customer_id != customer_id:
            self.clear()

    def decide(self, widget: OpportunityRowWidget, confirm: bool) -> bool:
        self.message.clear_message()
        row = widget.row
        try:
            self._decide(self._actor, row.id, row.version, confirm)
        except ConflictError:
            self.message.show_message(self.tr("Someone else decided on this opportunity first; the list now "
                                              "shows their decision."))
            self._reload(widget)
            return False
        except CrmError as exc:
            log.warning("deciding opportunity %s failed: %s", row.id, exc.code)
            self.message.show_message(message_for(exc))
            return False
        self._reload(widget)
        self.sig_decided.emit(row.id)
        return True

    def create_lead(self, widget: OpportunityRowWidget) -> int | None:
        """The lead dialog for a confirmed opportunity; the row then says what became of the lead."""
        from ui.dialogs.lead_create_dialog import LeadCreateDialog

        if self._saved is None or not self.lead_allowed():
            return None
        if self._get_customer_id() != self._saved.customer_id:  # the panel moved on to another customer
            self.clear()
            return None
        row = widget.row
        summary = "<b>{}</b> — “{}”".format(html.escape(sales_labels.category_label(row.category)),
                                           html.escape(getattr(row, "evidence_text", "") or ""))
        dialog = LeadCreateDialog(self._actor, self._saved.customer_id, row.category, _suggested(row), self,
                                  opportunity_id=row.id, interaction_id=self._saved.id, summary=summary)
        try:
            if not self.run_dialog(dialog) or dialog.lead_result() is None:
                return None
            result = dialog.lead_result()
        finally:
            dialog.deleteLater()
        widget.lead_text = self._lead_text(result)
        widget.lead_blocked = bool(getattr(result, "blocks", ()))
        widget.retranslateUi()
        self.sig_lead_created.emit(result.lead_id)
        self.sig_changed.emit()
        return result.lead_id

    # --- internals ------------------------------------------------------------------------------

    def _on_row_decide(self, widget: OpportunityRowWidget, confirm: bool) -> None:
        if self.decide(widget, confirm) and confirm and self.lead_allowed():
            widget.lead_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_row_create_lead(self, widget: OpportunityRowWidget) -> None:
        self.create_lead(widget)

    def _reload(self, widget: OpportunityRowWidget) -> None:
        if self._saved is None:
            return
        try:
            fresh = {r.id: r for r in self._opportunities(self._saved.id)}
        except CrmError as exc:
            self.message.show_message(message_for(exc))
            return
        if widget.row.id in fresh:
            widget.set_row(fresh[widget.row.id])
        self.sig_changed.emit()

    def _lead_text(self, result: Any) -> str:
        blocks = list(getattr(result, "blocks", ()) or ())
        if not blocks:
            return self.tr("Lead created: it goes to sales with the next export.")
        reasons = self.tr(", ").join(sales_labels.check_title(c.code) for c in blocks)
        if all(getattr(c, "overridable", True) for c in blocks):
            return self.tr("Lead created but blocked ({reasons}): a supervisor can override it in the Leads "
                           "view.").format(reasons=reasons)
        return self.tr("Lead created but blocked ({reasons}): it will not go to sales while this "
                       "stands.").format(reasons=reasons)


def _context(notes: str, row: Any) -> str:
    """The evidence in the saved notes with the phrase marked; "" when the notes no longer hold it there."""
    from ui.views.interaction.detection_panel import emphasised_context  # (that module imports this one)

    start, end = row.evidence_start, row.evidence_end
    if start is None or end is None or notes[start:end] != row.evidence_text or not row.evidence_text:
        return ""
    return emphasised_context(notes, SimpleNamespace(start=start, end=end))


def _rule(rule_id: str | None) -> Any:
    """The detection rule behind an opportunity (None: entered by hand, or the rule is gone)."""
    if not rule_id:
        return None
    from crm import detection
    try:
        rules = detection.default_detector().rules("opportunity")
    except CrmError:
        return None
    return next((r for r in rules if r.id == rule_id), None)


def _suggested(row: Any) -> tuple[str, ...]:
    """The product stored with the opportunity first, then the rest its rule suggests."""
    rule = _rule(row.rule_id)
    codes = [row.product_code] if row.product_code else []
    codes += [c for c in (rule.products if rule else ()) if c not in codes]
    return tuple(codes)


def _explanation(row: Any) -> str:
    return sales_labels.rule_explanation(row.rule_id) or ""


def _product_name(row: Any) -> str:
    zh, en = row.product_name_zh or "", row.product_name_en or ""
    return (en or zh) if i18n.current_language() == i18n.ENGLISH else (zh or en)
