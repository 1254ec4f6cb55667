"""InteractionForm: log the call in progress (服务记录) — fast, keyboard-first, and never storing C3 data.

The form reads the open customer and the call's verification attempts through two callables, so the
customer panel that hosts it stays in charge of both. Shortcuts (active while focus is in the form):
Ctrl+Enter / Ctrl+S save, F5 starts and stops the call timer, Ctrl+T inserts an answer template,
Alt+1 … Alt+5 give the satisfaction score. Opened for a follow-up (``set_followup``), a banner says what was
promised, and saving records the call as that follow-up's attempt (``followups.log_call``).
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QComboBox, QFormLayout, QFrame, QGridLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget)

from crm.codes import (FollowUpPurpose, FollowUpStatus, InteractionCategory, InteractionChannel, InteractionOutcome,
                       Language)
from crm.errors import ConflictError, CrmError, ValidationError
from crm.models import StaffUser
from crm.services import followups, interactions
from crm.services.followups import FollowUpBrief, FollowUpCall
from crm.services.interactions import LOW_SCORES, NewInteraction, SavedInteraction
from ui import i18n
from ui.interaction_messages import message_for, no_customer_message
from ui.views.interaction import labels
from ui.views.interaction.auth_data_watch import AuthDataWatch
from ui.views.interaction.call_timer import CallTimer
from ui.views.interaction.detection_panel import DetectionPanel
from ui.views.interaction.feedback_list import FeedbackList
from ui.views.interaction.followup_banner import FollowUpBanner
from ui.views.interaction.fraud_alert import FraudAlert
from ui.views.interaction.satisfaction_picker import SatisfactionPicker
from ui.widgets.ask import Confirm, RunDialog, ask_yes_no, exec_dialog
from ui.widgets.field_message import ERROR_COLOR, FieldMessage
from ui.widgets.text_insert import insert_selecting_placeholder
from ui.widgets.vertical_scroll_area import VerticalScrollArea

log = logging.getLogger(__name__)
NOTES_LINES = 5
CONFIRMATION_MS = 10_000
OK_COLOR = "#1b5e20"
REQUIRED_STYLE = "QLineEdit { border: 1px solid #b3261e; border-radius: 2px; background: #fff6f5; padding: 2px; }"


class InteractionForm(QWidget):
    """The call log. After a save it confirms, resets for the next call and emits ``sig_saved``."""

    _built = False  # LanguageChange can arrive before __init__ has made the widgets

    sig_saved = Signal(object)  # SavedInteraction
    sig_case_opened = Signal(int)  # complaint case id
    sig_followup_scheduled = Signal(int)  # follow-up id
    sig_followup_attempt_recorded = Signal(int)  # follow-up id: the call was logged as its attempt

    def __init__(self, actor: StaffUser, get_customer_id: Callable[[], int | None],
                 get_attempt_ids: Callable[[], tuple[int, ...]], parent: QWidget | None = None, *,
                 run_dialog: RunDialog = exec_dialog, confirm: Confirm = ask_yes_no,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._actor = actor
        self._get_customer_id = get_customer_id
        self._get_attempt_ids = get_attempt_ids
        self._run_dialog = run_dialog
        self._confirm = confirm
        self._last_saved: SavedInteraction | None = None
        self._last_first_line = ""
        self._started_for: int | None = None  # the customer open when the agent began writing
        self._followup: FollowUpBrief | None = None  # the follow-up this call is made for
        self._build_ui(clock)
        self._create_actions()
        self.retranslateUi()
        self._update_reason_required()
        self._built = True

    # --- construction ---------------------------------------------------------------------------

    def _build_ui(self, clock: Callable[[], float]) -> None:
        self.followup_banner = FollowUpBanner(self)
        self.followup_banner.sig_detach_requested.connect(self._on_followup_banner_detach_requested)
        choices = self._build_choices()
        notes_header = self._build_notes()
        form = self._build_call_details(clock)
        buttons = self._build_buttons()

        # Everything above the buttons scrolls when the panel is short; Save stays in view.
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 4, 0)
        body_layout.setSpacing(4)
        body_layout.addLayout(choices)
        body_layout.addLayout(notes_header)
        body_layout.addWidget(self.notes_edit, 1)
        body_layout.addWidget(self.notes_message)
        body_layout.addWidget(self.detection)
        body_layout.addWidget(self.timer)
        body_layout.addWidget(self.duration_message)
        body_layout.addLayout(form)
        self.scroll_area = VerticalScrollArea(self)
        self.scroll_area.setWidget(body)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # However tall the fraud banner above, the notes keep a usable height in view.
        self.scroll_area.setMinimumHeight(self.notes_edit.minimumHeight() + 8)
        self.detection.sig_findings_changed.connect(self._keep_notes_in_view)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.followup_banner)
        layout.addWidget(self.fraud_alert)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.form_message)
        layout.addLayout(buttons)
        self._set_tab_order()

    def _build_choices(self) -> QGridLayout:
        """Channel, category and outcome side by side, each with its message underneath."""
        self.channel_combo = QComboBox(self)
        self.category_combo = QComboBox(self)
        self.outcome_combo = QComboBox(self)
        self.channel_message = FieldMessage(self)
        self.category_message = FieldMessage(self)
        self.outcome_message = FieldMessage(self)
        self._channel_label = self._buddy_label(self.channel_combo)
        self._category_label = self._buddy_label(self.category_combo)
        self._outcome_label = self._buddy_label(self.outcome_combo)
        for combo in (self.channel_combo, self.category_combo, self.outcome_combo):
            # Narrow panels: the combo may be narrower than its longest choice (the popup is not).
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(5)
        choices = QGridLayout()
        choices.setHorizontalSpacing(8)
        choices.setVerticalSpacing(2)
        for column, (label, combo, message) in enumerate((
                (self._channel_label, self.channel_combo, self.channel_message),
                (self._category_label, self.category_combo, self.category_message),
                (self._outcome_label, self.outcome_combo, self.outcome_message))):
            choices.addWidget(label, 0, column)
            choices.addWidget(combo, 1, column)
            choices.addWidget(message, 2, column)
            choices.setColumnStretch(column, 1)
        return choices

    def _build_notes(self) -> QHBoxLayout:
        """The notes with their watchers (C3 data, sales hints, the fraud banner); returns the header row."""
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        lines = self.notes_edit.fontMetrics().lineSpacing() * NOTES_LINES
        self.notes_edit.setMinimumHeight(lines + 2 * self.notes_edit.frameWidth() + 12)
        # Five lines at least, and whatever height is left over: its own preferred height (about ten
        # lines) would push the fields below out of a short panel.
        self.notes_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.notes_edit.textChanged.connect(self._on_notes_text_changed)
        self._notes_label = self._buddy_label(self.notes_edit)
        self.template_button = QPushButton(self)
        self.template_button.setAutoDefault(False)
        self.template_button.clicked.connect(self.insert_template)
        notes_header = QHBoxLayout()
        notes_header.addWidget(self._notes_label)
        notes_header.addStretch(1)
        notes_header.addWidget(self.template_button)
        self.notes_message = FieldMessage(self)
        self.auth_watch = AuthDataWatch(self.notes_edit, self.notes_message)
        # Sales hints under the notes, the fraud banner over the form (both follow the notes as typed).
        self.detection = DetectionPanel(self._actor, self.notes_edit, self._get_customer_id, self)
        self.fraud_alert = FraudAlert(self._actor, self)
        self.detection.sig_findings_changed.connect(self.fraud_alert.set_findings)
        self.sig_saved.connect(self.detection.on_saved)
        self.sig_saved.connect(self.fraud_alert.on_saved)
        return notes_header

    def _build_call_details(self, clock: Callable[[], float]) -> QFormLayout:
        """The call clock, satisfaction, its reason and product/service feedback."""
        self.timer = CallTimer(self, clock=clock)
        self.duration_message = FieldMessage(self)
        self.satisfaction = SatisfactionPicker(self)
        self.satisfaction.sig_changed.connect(self._on_satisfaction_changed)
        self.satisfaction_message = FieldMessage(self)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setMaxLength(500)
        self.reason_edit.textChanged.connect(self._update_reason_required)
        self.reason_edit.textChanged.connect(self._remember_customer)
        self.reason_message = FieldMessage(self)
        self.add_feedback_button = QPushButton(self)
        self.add_feedback_button.setAutoDefault(False)
        self.add_feedback_button.clicked.connect(self._on_add_feedback_clicked)
        self.feedback = FeedbackList(self)

        self._satisfaction_label = QLabel(self)
        self._satisfaction_label.setBuddy(self.satisfaction.buttons[0])
        self._reason_label = self._buddy_label(self.reason_edit)
        self._feedback_label = QLabel(self)
        self._feedback_label.setBuddy(self.add_feedback_button)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setVerticalSpacing(4)
        form.addRow(self._satisfaction_label, self.satisfaction)
        form.addRow("", self.satisfaction_message)
        form.addRow(self._reason_label, self.reason_edit)
        form.addRow("", self.reason_message)
        feedback_header = QHBoxLayout()
        feedback_header.addWidget(self.add_feedback_button)
        feedback_header.addStretch(1)
        form.addRow(self._feedback_label, feedback_header)
        form.addRow(self.feedback)
        return form

    def _build_buttons(self) -> QHBoxLayout:
        """The confirmation line, the form's message and the buttons under the form."""
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet(f"color: {OK_COLOR};")
        self.form_message = FieldMessage(self)
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(CONFIRMATION_MS)
        self._status_timer.timeout.connect(self.status_label.clear)
        self.followup_button = QPushButton(self)
        self.followup_button.setAutoDefault(False)
        self.followup_button.clicked.connect(self.schedule_followup)
        self.case_button = QPushButton(self)
        self.case_button.setAutoDefault(False)
        self.case_button.clicked.connect(self.open_case)
        self.save_button = QPushButton(self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.followup_button)
        buttons.addWidget(self.case_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        return buttons

    def _keep_notes_in_view(self) -> None:
        """The fraud banner shrinks the scrolled part: scroll so the notes (being typed, or empty again for the
        next call once the warned call is saved) stay in view."""
        if self.notes_edit.hasFocus() or self.fraud_alert.isVisibleTo(self):
            QTimer.singleShot(0, self, lambda: self.scroll_area.ensureWidgetVisible(self.notes_edit, 0, 0))

    def _buddy_label(self, buddy: QWidget) -> QLabel:
        label = QLabel(self)
        label.setBuddy(buddy)
        return label

    def _set_tab_order(self) -> None:
        """Top to bottom; the notes come straight after the choices (the template button is Ctrl+T)."""
        rows = [w for row in self.feedback.rows
                for w in (row.kind_combo, row.product_edit, row.text_edit, row.remove_button)]
        chain = [self.channel_combo, self.category_combo, self.outcome_combo, self.notes_edit,
                 self.template_button, self.timer.toggle_button, self.timer.duration_edit,
                 *self.satisfaction.buttons, self.reason_edit, self.add_feedback_button, *rows,
                 self.followup_button, self.case_button, self.save_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _create_actions(self) -> None:
        def action(shortcuts: list[QKeySequence], slot: Callable[[], object]) -> QAction:
            act = QAction(self)
            act.setShortcuts(shortcuts)
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.save_action = action([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter"),
                                   QKeySequence(QKeySequence.StandardKey.Save)], self.save)
        self.timer_action = action([QKeySequence("F5")], self.timer.toggle)
        self.template_action = action([QKeySequence("Ctrl+T")], self.insert_template)

    def retranslateUi(self) -> None:
        labels.fill_combo(self.channel_combo, labels.CHANNELS)
        labels.fill_combo(self.category_combo, labels.CATEGORIES)
        labels.fill_combo(self.outcome_combo, labels.OUTCOMES)
        self._channel_label.setText(self.tr("C&hannel:"))
        self._category_label.setText(self.tr("&Category:"))
        self._outcome_label.setText(self.tr("&Outcome:"))
        self._notes_label.setText(self.tr("&Notes:"))
        self.notes_edit.setPlaceholderText(self.tr(
            "What the customer asked or reported, what you did, what was agreed.\n"
            "Never write down PINs, passwords, CVN, card expiry dates or SMS codes."))
        self.template_button.setText(self.tr("Insert &Template…"))
        self.template_button.setToolTip(self.tr("Insert a standard answer at the cursor (Ctrl+T)"))
        self._satisfaction_label.setText(self.tr("Satisfaction:"))
        self._feedback_label.setText(self.tr("Feedback:"))
        self.add_feedback_button.setText(self.tr("Add &Feedback"))
        self.add_feedback_button.setToolTip(self.tr(
            "Record what the customer said about a product, a process, a system or our service"))
        self.followup_button.setText(self.tr("Follow-&up…"))
        self.followup_button.setToolTip(self.tr("Schedule a follow-up call with this customer"))
        self.case_button.setText(self.tr("Complaint Cas&e…"))
        self.case_button.setToolTip(self.tr("Open a complaint case linked to this call"))
        self.save_button.setText(self.tr("&Save"))
        self.save_button.setToolTip(self.tr("Save this call (Ctrl+Enter or Ctrl+S)"))
        self._update_reason_required()
        self.auth_watch.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslateUi()
        super().changeEvent(event)

    # --- state shown while typing ---------------------------------------------------------------

    def _on_notes_text_changed(self) -> None:
        self.form_message.clear_message()
        self._remember_customer()

    def _on_satisfaction_changed(self, _value: object) -> None:
        self.satisfaction_message.clear_message()
        self._update_reason_required()
        self._remember_customer()

    def _remember_customer(self) -> None:
        if self._started_for is None and self.has_unsaved_input():
            self._started_for = self._get_customer_id()

    def _reason_required(self) -> bool:
        return self.satisfaction.value() in LOW_SCORES

    def _update_reason_required(self) -> None:
        required = self._reason_required()
        self._reason_label.setText(self.tr("&Reason:"))
        self._reason_label.setStyleSheet(f"color: {ERROR_COLOR.name()}; font-weight: bold;" if required else "")
        self.reason_edit.setPlaceholderText(
            self.tr("Required: why is the customer unhappy? A supervisor will call back.") if required
            else self.tr("Why this score (optional)"))
        self.reason_edit.setStyleSheet(REQUIRED_STYLE if required and not self.reason_edit.text().strip() else "")
        if required and not self.reason_edit.text().strip():
            self.reason_message.show_message(message_for(ValidationError("reason_required")))
        else:
            self.reason_message.clear_message()

    def _on_add_feedback_clicked(self) -> None:
        self.feedback.add_row()
        self._set_tab_order()  # the new row's fields come before the buttons, not after Save

    def has_unsaved_input(self) -> bool:
        """Whether the agent has written anything for this call (a running clock alone does not count)."""
        return bool(self.notes_edit.toPlainText().strip() or self.satisfaction.value()
                    or self.reason_edit.text().strip() or self.feedback.filled_rows())

    # --- saving ---------------------------------------------------------------------------------

    def collect(self, customer_id: int) -> NewInteraction:
        """What the form would save for ``customer_id`` now."""
        return NewInteraction(
            customer_id=customer_id,
            channel=self.channel_combo.currentData() or InteractionChannel.INBOUND_CALL,
            category=self.category_combo.currentData() or InteractionCategory.CONSULTATION,
            notes=self.notes_edit.toPlainText(), duration_s=self.timer.duration_s(),
            outcome=labels.combo_code(self.outcome_combo), satisfaction=self.satisfaction.value(),
            satisfaction_reason=self.reason_edit.text(), feedback=self.feedback.values(),
            verification_attempt_ids=tuple(self._get_attempt_ids() or ()))

    def save(self) -> SavedInteraction | None:
        """Validate and save; on success confirm, reset and emit ``sig_saved``. None when refused."""
        self.clear_messages()
        customer_id = self._get_customer_id()
        if customer_id is None:
            self.form_message.show_message(no_customer_message())
            return None
        if self.auth_watch.check_now():  # C3: refused here, before anything reaches the core
            self.auth_watch.select_first()
            return None
        if self._started_for not in (None, customer_id) and not self._confirm(
                self, self.tr("Another Customer"), self.tr(
                    "You started these notes while another customer was open. Save them for the customer "
                    "shown now?")):
            return None
        self.detection.check_now()  # a quick Ctrl+Enter must not beat the fraud banner
        self.timer.stop()
        data = self.collect(customer_id)
        followup = self._followup if self._followup and self._followup.followup.customer_id == customer_id else None
        call: FollowUpCall | None = None
        try:
            if followup is not None:
                call = followups.log_call(self._actor, followup.followup.id, data,
                                          expected_version=followup.followup.version)
                saved = call.interaction
            else:
                saved = interactions.log_interaction(self._actor, data)
        except ValidationError as exc:
            if exc.code == "not_open" and followup is not None:
                self._followup_no_longer_open()
            else:
                self._show_validation_error(exc)
            return None
        except ConflictError as exc:
            log.warning("saving the interaction failed: %s", exc.code)
            if followup is not None:
                self._followup_changed_meanwhile(followup.followup.id)
            else:
                self.form_message.show_message(message_for(exc))
            return None
        except CrmError as exc:
            log.warning("saving the interaction failed: %s", exc.code)
            self.form_message.show_message(message_for(exc))
            return None
        self._last_saved = saved
        self._last_first_line = _first_line(data.notes)
        self.reset()
        if call is not None:
            self.set_followup(None)
            self.show_confirmation(self.followup_banner.saved_text(call))
        else:
            self._confirm_saved(saved)
        self.sig_saved.emit(saved)
        if call is not None:
            self.sig_followup_attempt_recorded.emit(call.attempt.followup.id)
        return saved

    def _confirm_saved(self, saved: SavedInteraction) -> None:
        text = (self.tr("Saved; a follow-up call by a supervisor was created.") if saved.followup_ids
                else self.tr("Saved."))
        self.show_confirmation(text)

    # --- the follow-up this call is made for ----------------------------------------------------

    def set_followup(self, followup_id: int | None) -> bool:
        """Make this call the attempt for ``followup_id`` (None: an ordinary call); False when it cannot be
        read. The channel and category are set for a call back, the banner says what was promised."""
        brief = None
        if followup_id is not None:
            try:
                brief = followups.brief(followup_id)
            except CrmError as exc:
                log.warning("follow-up %s cannot be shown: %s", followup_id, exc.code)
                self.form_message.show_message(message_for(exc))
                return False
        previous, self._followup = self._followup, brief
        self.followup_banner.set_brief(brief)
        if brief is not None and (previous is None or previous.followup.id != brief.followup.id):
            labels.select_code(self.channel_combo, InteractionChannel.OUTBOUND_CALL)
            labels.select_code(self.category_combo, followups.call_category(brief.followup.purpose))
        return True

    def followup(self) -> FollowUpBrief | None:
        """The follow-up the next save records an attempt for."""
        return self._followup

    def _on_followup_banner_detach_requested(self) -> None:
        self.set_followup(None)
        self.show_confirmation(self.tr("This call will be logged on its own; the follow-up stays open."))

    def _followup_no_longer_open(self) -> None:
        self.set_followup(None)
        self.form_message.show_message(self.tr(
            "The follow-up was closed elsewhere in the meantime, so the call was not saved. Save again to log "
            "it on its own."))

    def _followup_changed_meanwhile(self, followup_id: int) -> None:
        self.set_followup(followup_id)
        if self._followup is None or self._followup.followup.status != FollowUpStatus.OPEN:
            self._followup_no_longer_open()
            return
        self.form_message.show_message(self.tr(
            "The follow-up was changed elsewhere in the meantime (see above), so the call was not saved. Check "
            "it and save again."))

    def show_confirmation(self, text: str) -> None:
        self.status_label.setText(text)
        self._status_timer.start()

    def _show_validation_error(self, error: ValidationError) -> None:
        text = message_for(error)
        field = str(error.details.get("field", ""))
        targets: dict[str, tuple[FieldMessage, QWidget]] = {
            "channel": (self.channel_message, self.channel_combo),
            "category": (self.category_message, self.category_combo),
            "outcome": (self.outcome_message, self.outcome_combo),
            "notes": (self.notes_message, self.notes_edit),
            "duration_s": (self.duration_message, self.timer.duration_edit),
            "satisfaction": (self.satisfaction_message, self.satisfaction.buttons[0]),
            "satisfaction_reason": (self.reason_message, self.reason_edit),
        }
        if field.startswith("feedback["):
            row = self.feedback.row_for(_index(field))
            if row is not None:
                targets[field] = (row.message, row.text_edit)
        message, widget = targets.get(field, (self.form_message, self.save_button))
        message.show_message(text)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if field == "notes" and error.code == "auth_data_in_notes":
            self.auth_watch.check_now()
            self.auth_watch.select_first()

    def clear_messages(self) -> None:
        for message in (self.channel_message, self.category_message, self.outcome_message,
                        self.duration_message, self.satisfaction_message, self.form_message):
            message.clear_message()
        self.feedback.clear_messages()
        self._update_reason_required()
        self.auth_watch.check_now()

    def reset(self) -> None:
        """Empty the form for the next call; the channel stays (the agent's line rarely changes)."""
        self.notes_edit.clear()
        labels.select_code(self.category_combo, InteractionCategory.CONSULTATION)
        labels.select_code(self.outcome_combo, None)
        self.timer.reset()
        self.satisfaction.set_value(None)
        self.reason_edit.clear()
        self.feedback.clear()
        self.clear_messages()
        self._started_for = None
        self.notes_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def last_saved(self) -> SavedInteraction | None:
        """The interaction saved last for the customer now open (None after switching customers)."""
        saved = self._last_saved
        return saved if saved is not None and saved.customer_id == self._get_customer_id() else None

    # --- the buttons beside Save ----------------------------------------------------------------

    def insert_template(self) -> None:
        """Choose an answer template and insert its text at the cursor in the notes."""
        from ui.dialogs.templates_dialog import TemplatesDialog

        language = Language.ZH if i18n.current_language() == i18n.CHINESE else Language.EN
        dialog = TemplatesDialog(self._actor, language, self)
        try:
            if not self._run_dialog(dialog):
                return
            text = dialog.selected_text()
        finally:
            dialog.deleteLater()
        if text:
            self.insert_notes_text(text)

    def insert_notes_text(self, text: str) -> None:
        """Insert at the cursor; the first placeholder left unfilled ({客户称呼}) is selected to type over."""
        insert_selecting_placeholder(self.notes_edit, text)

    def open_case(self) -> None:
        """Open a complaint case linked to this call; unsaved input is saved first, after asking."""
        from ui.dialogs.case_open_dialog import CaseOpenDialog

        customer_id = self._get_customer_id()
        if customer_id is None:
            self.form_message.show_message(no_customer_message())
            return
        if self.has_unsaved_input():
            if not self._confirm(self, self.tr("Open Complaint Case"), self.tr(
                    "The case is linked to this call, so the call is saved first. Save it now?")):
                return
            if self.save() is None:
                return
        saved = self.last_saved()
        if saved is None:
            self.form_message.show_message(self.tr(
                "Write down the customer's complaint in the notes first: the case is linked to the call."))
            self.notes_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        dialog = CaseOpenDialog(self._actor, customer_id, saved.id, self._last_first_line, self)
        try:
            if self._run_dialog(dialog) and dialog.case_id() is not None:
                self.show_confirmation(self.tr("Complaint case {case_no} opened.").format(
                    case_no=dialog.case_no()))
                self.sig_case_opened.emit(dialog.case_id())
        finally:
            dialog.deleteLater()

    def schedule_followup(self) -> None:
        """Promise a call back; linked to the call saved last for this customer, if any."""
        from ui.dialogs.followup_dialog import FollowUpDialog

        customer_id = self._get_customer_id()
        if customer_id is None:
            self.form_message.show_message(no_customer_message())
            return
        saved = None if self.has_unsaved_input() else self.last_saved()
        purpose = (FollowUpPurpose.COMPLAINT_FEEDBACK
                   if self.category_combo.currentData() == InteractionCategory.COMPLAINT else None)
        dialog = FollowUpDialog(self._actor, customer_id, saved.id if saved else None, self, purpose=purpose)
        try:
            if not self._run_dialog(dialog) or dialog.followup_id() is None:
                return
            if self.has_unsaved_input() and labels.combo_code(self.outcome_combo) is None:
                labels.select_code(self.outcome_combo, InteractionOutcome.FOLLOW_UP)
            self.show_confirmation(self.tr("Follow-up scheduled for {when}.").format(when=dialog.due_text()))
            self.sig_followup_scheduled.emit(dialog.followup_id())
        finally:
            dialog.deleteLater()


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


def _index(field: str) -> int:
    try:
        return int(field.split("[", 1)[1].rstrip("]"))
    except (IndexError, ValueError):
        return -1

