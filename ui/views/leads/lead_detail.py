"""LeadDetail: one sales lead — who, what, the suitability and consent checks re-run now, the state moves
allowed from its state (with a note), changing a new lead's contact channel and, for supervisors, overriding
a block with a reason."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from crm.codes import LeadState, StaffRole
from crm.errors import ConflictError, CrmError
from crm.models import StaffUser
from crm.services import leads, suitability
from crm.services.leads import LeadRow
from crm.services.suitability import Check
from ui import sales_labels
from ui.dialogs.lead_channel_dialog import LeadChannelDialog
from ui.formats import format_instant
from ui.views.leads import lead_messages
from ui.widgets.field_message import FieldMessage

SUPERVISORS = (StaffRole.SUPERVISOR, StaffRole.ADMIN)
# The buttons in pipeline order; each shows only when the lead's state allows the move.
MOVES = (LeadState.HANDED_OVER, LeadState.ACCEPTED, LeadState.CONTACTED, LeadState.WON, LeadState.LOST,
         LeadState.INVALID)
BLOCK_COLOR = "#b3261e"
FLAG_COLOR = "#8a5a00"
OK_COLOR = "#1e6b2f"


def ask_reason(parent: QWidget, title: str, label: str) -> str | None:
    """The supervisor's reason; None when cancelled (tests replace this)."""
    text, ok = QInputDialog.getMultiLineText(parent, title, label)
    return text if ok else None


def ask_channel(parent: QWidget, lead: LeadRow) -> str | None:
    """The channel the agent chose for the lead; None when cancelled (tests replace this)."""
    dialog = LeadChannelDialog(lead, parent)
    return dialog.channel() if dialog.exec() == LeadChannelDialog.DialogCode.Accepted else None


class LeadDetail(QWidget):
    sig_lead_changed = Signal(int)
    sig_open_customer = Signal(int)

    def __init__(self, actor: StaffUser, parent: QWidget | None = None,
                 ask: Callable[[QWidget, str, str], str | None] = ask_reason,
                 choose_channel: Callable[[QWidget, LeadRow], str | None] = ask_channel) -> None:
        super().__init__(parent)
        self._actor = actor
        self._ask = ask
        self._choose_channel = choose_channel
        self._lead: LeadRow | None = None
        self._checks: list[Check] = []
        self.title_label = QLabel(self)
        self.title_label.setTextFormat(Qt.TextFormat.RichText)
        self.title_label.setWordWrap(True)
        self.info_label = QLabel(self)
        self.info_label.setWordWrap(True)
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.checks_caption = QLabel(self)
        self.checks_label = QLabel(self)
        self.checks_label.setTextFormat(Qt.TextFormat.RichText)
        self.checks_label.setWordWrap(True)
        self.checks_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.customer_button = QPushButton(self)
        self.customer_button.clicked.connect(self._on_customer_clicked)
        self.note_label = QLabel(self)
        self.note_edit = QLineEdit(self)
        self.note_edit.setMaxLength(leads.MAX_NOTE)
        self.note_label.setBuddy(self.note_edit)
        self.buttons: dict[str, QPushButton] = {}
        moves = QHBoxLayout()
        for state in MOVES:
            button = QPushButton(self)
            button.clicked.connect(lambda _checked=False, s=state: self._on_move_clicked(s))
            self.buttons[str(state)] = button
            moves.addWidget(button)
        moves.addStretch(1)
        self.channel_button = QPushButton(self)
        self.channel_button.clicked.connect(self._on_channel_clicked)
        moves.addWidget(self.channel_button)
        self.override_button = QPushButton(self)
        self.override_button.clicked.connect(self._on_override_clicked)
        moves.addWidget(self.override_button)
        self.message = FieldMessage(self)
        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.customer_button, 0, Qt.AlignmentFlag.AlignTop)
        note_row = QGridLayout()
        note_row.addWidget(self.note_label, 0, 0)
        note_row.addWidget(self.note_edit, 0, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.info_label)
        layout.addWidget(self.checks_caption)
        layout.addWidget(self.checks_label, 1)
        layout.addLayout(note_row)
        layout.addLayout(moves)
        layout.addWidget(self.message)
        self.retranslateUi()
        self.show_lead(None)

    def retranslateUi(self) -> None:
        for state, text in ((LeadState.HANDED_OVER, self.tr("&Mark Handed Over")),
                            (LeadState.ACCEPTED, self.tr("Sales &Accepted")),
                            (LeadState.CONTACTED, self.tr("Sales &Contacted")),
                            (LeadState.WON, self.tr("&Won")), (LeadState.LOST, self.tr("&Lost")),
                            (LeadState.INVALID, self.tr("Mark Invali&d"))):
            self.buttons[str(state)].setText(text)
        self.override_button.setText(self.tr("&Override Block…"))
        self.channel_button.setText(self.tr("C&hange Channel…"))
        self.customer_button.setText(self.tr("Open C&ustomer"))
        self.checks_caption.setText(self.tr("<b>Suitability and consent, checked now</b>"))
        self.note_label.setText(self.tr("&Note:"))
        self.note_edit.setPlaceholderText(self.tr("Saved with the state change, e.g. what sales reported"))
        self._fill()

    # --- showing -------------------------------------------------------------------------------------

    def lead(self) -> LeadRow | None:
        return self._lead

    def checks(self) -> list[Check]:
        return list(self._checks)

    def show_lead(self, lead_id: int | None) -> None:
        """Read the lead and run its checks again (consent, ratings and cases change after it was made)."""
        self.message.clear_message()
        self._load(lead_id)
        self._fill()

    def _load(self, lead_id: int | None) -> None:
        self._lead, self._checks = None, []
        if lead_id is None:
            return
        rows = leads.lead_rows([lead_id])
        if rows:
            self._lead = rows[0]
            self._checks = suitability.lead_checks(lead_id)

    def _fill(self) -> None:
        lead = self._lead
        self.setEnabled(lead is not None)
        if lead is None:
            self.title_label.setText(self.tr("Choose a lead in the list."))
            for widget in (self.info_label, self.checks_label):
                widget.clear()
            for button in (*self.buttons.values(), self.channel_button, self.override_button,
                           self.customer_button):
                button.setVisible(False)
            return
        self.customer_button.setVisible(True)
        self.title_label.setText(self._title(lead))
        self.info_label.setText(self._info(lead))
        self.checks_label.setText(self._checks_html(lead))
        allowed = leads.ALLOWED.get(LeadState(lead.state), frozenset())
        for state, button in self.buttons.items():
            button.setVisible(LeadState(state) in allowed)
        standing = self.standing_blocks()
        hand_over = self.buttons[str(LeadState.HANDED_OVER)]
        hand_over.setEnabled(not standing)  # the core refuses it too (lead_blocked); say why up front
        hand_over.setToolTip(self.tr("Blocked: {reason}").format(reason=sales_labels.check_title(standing[0].code))
                             if standing else self._hand_over_tip())
        self._fill_channel(lead)
        self._fill_override(lead)

    def _fill_channel(self, lead: LeadRow) -> None:
        new = lead.state == LeadState.NEW
        self.channel_button.setVisible(True)
        self.channel_button.setEnabled(new)
        self.channel_button.setToolTip(
            self.tr("Choose another channel for sales to contact the customer on, e.g. one they agreed to")
            if new else self.tr("Only a new lead's contact channel can be changed"))

    def _hand_over_tip(self) -> str:
        return self.tr("For a lead given to sales without a file; File → Export Leads hands leads over with one")

    def _fill_override(self, lead: LeadRow) -> None:
        standing = self.standing_blocks()
        supervisor = self._actor.role in SUPERVISORS
        self.override_button.setVisible(supervisor and lead.state == LeadState.NEW and bool(standing))
        fixed = [c for c in standing if not c.overridable]
        self.override_button.setEnabled(not fixed)
        self.override_button.setToolTip(
            self.tr("Nobody can override this: {reason}").format(reason=sales_labels.check_title(fixed[0].code))
            if fixed else self.tr("Let the lead go to sales despite the block, with your reason (audited)"))

    def standing_blocks(self) -> list[Check]:
        """Blocks that keep the lead from sales now. An override covers overridable blocks (a block that
        appears after it makes the core drop the override on its next re-check)."""
        overridden = self._lead is not None and self._lead.overridden
        return [c for c in suitability.blocking(self._checks) if not (overridden and c.overridable)]

    def _title(self, lead: LeadRow) -> str:
        customer = html.escape(f"{lead.customer_name} {lead.customer_mobile}".strip())
        product = html.escape(sales_labels.product_name(lead))
        return self.tr("<b>Lead {id}</b> · {customer} · {product} (R{level}, {category}) · {state}").format(
            id=lead.id, customer=customer, product=product, level=lead.risk_level,
            category=html.escape(sales_labels.category_label(lead.category)),
            state=html.escape(sales_labels.lead_state_label(lead.state)))

    def _info(self, lead: LeadRow) -> str:
        parts = [self.tr("Referred by {agent} on {when} ({days} days ago)").format(
                     agent=lead.referred_by_name, when=format_instant(lead.created_at), days=lead.age_days),
                 self.tr("contact by: {channel}").format(channel=sales_labels.channel_label(lead.contact_channel))]
        need = sales_labels.rule_explanation(lead.rule_id) if lead.rule_id else None
        if lead.rule_id and not need:  # a rule no longer in the rules file: its id is all there is
            parts.append(self.tr("detected by rule {rule}").format(rule=lead.rule_id))
        if lead.dual_recording_required:
            parts.append(self.tr("dual recording required at sale"))
        if lead.sales_owner:
            parts.append(self.tr("at sales: {owner}").format(owner=lead.sales_owner))
        text = " · ".join(parts)
        if need:
            text += "\n" + self.tr("Detected need: {explanation}").format(explanation=need)
        if lead.overridden:
            text += "\n" + self.tr("Block overridden by a supervisor: {reason}").format(
                reason=lead.override_reason or "")
        if lead.outcome_note:
            text += "\n" + self.tr("Note: {note}").format(note=lead.outcome_note)
        return text

    def _checks_html(self, lead: LeadRow) -> str:
        overridden = lead.overridden
        overridden_note = html.escape(self.tr("(overridden)"))
        all_clear = html.escape(self.tr("Nothing blocks this lead: it may go to sales."))
        lines = []
        for check in self._checks:
            sentence = html.escape(sales_labels.check_label(check))
            if check.blocking and overridden and check.overridable:
                lines.append(f'<span style="color:{FLAG_COLOR}">✔ {sentence} {overridden_note}</span>')
            elif check.blocking:
                suffix = "" if check.overridable else " " + html.escape(self.tr("(cannot be overridden)"))
                lines.append(f'<span style="color:{BLOCK_COLOR}">✖ {sentence}{suffix}</span>')
            else:
                lines.append(f'<span style="color:{FLAG_COLOR}">⚠ {sentence}</span>')
        if not suitability.blocking(self._checks):
            lines.insert(0, f'<span style="color:{OK_COLOR}">✔ {all_clear}</span>')
        return "<br>".join(lines)

    # --- actions -------------------------------------------------------------------------------------

    def _run(self, action: Callable[[], object]) -> bool:
        lead_id = self._lead.id
        self.message.clear_message()
        try:
            action()
        except ConflictError as exc:  # someone else moved it: show what it is now, and say so
            self.show_lead(lead_id)
            self.sig_lead_changed.emit(lead_id)  # the list reads it again (and may re-show it): say it after
            self.message.show_message(lead_messages.message_for(exc))
            return False
        except CrmError as exc:
            self.message.show_message(lead_messages.message_for(exc))
            return False
        self.note_edit.clear()
        self.show_lead(lead_id)
        self.sig_lead_changed.emit(lead_id)
        return True

    def _on_move_clicked(self, state: LeadState) -> None:
        lead = self._lead
        if lead is None:
            return
        note = self.note_edit.text()
        self._run(lambda: leads.set_state(self._actor, lead.id, lead.version, str(state), note=note))

    def _on_override_clicked(self) -> None:
        lead = self._lead
        if lead is None:
            return
        reasons = "\n".join("• " + sales_labels.check_label(c) for c in self.standing_blocks())
        reason = self._ask(self, self.tr("Override Block"),
                           self.tr("This lead is blocked:\n{blocks}\n\nWhy may it go to sales anyway? "
                                   "Your reason is recorded.").format(blocks=reasons))
        if reason is None:
            return
        self._run(lambda: leads.override_block(self._actor, lead.id, lead.version, reason))

    def _on_channel_clicked(self) -> None:
        lead = self._lead
        if lead is None or lead.state != LeadState.NEW:
            return
        channel = self._choose_channel(self, lead)
        if channel is None:
            return
        self._run(lambda: leads.change_channel(self._actor, lead.id, lead.version, channel))

    def _on_customer_clicked(self) -> None:
        if self._lead is not None:
            self.sig_open_customer.emit(self._lead.customer_id)
