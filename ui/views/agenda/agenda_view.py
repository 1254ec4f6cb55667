"""AgendaView (我的一天): the agent's overdue, today's and upcoming follow-ups and care customers due.

Enter (or a double click) opens the follow-up in the workspace: its customer, and the call form set to log
the call as the follow-up's attempt. The outcome buttons (Alt+letter) log an attempt from here: "reached"
saves the call with its satisfaction score (``followups.log_call``), the others go through
``followups.record_attempt``, and the core's retry policy moves, closes or escalates the follow-up. F5 and a
60-second timer re-read the day while the view is visible.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm.errors import CrmError
from crm.services.base import now_utc
from ui.errors import show_error
from ui.models.agenda_model import COL_CUSTOMER, SECTION_CARE, AgendaModel
from ui.views.agenda.outcome_dialog import OutcomeDialog, OutcomeValues

if TYPE_CHECKING:
    from crm.models import StaffUser

log = logging.getLogger(__name__)
REFRESH_MS = 60_000
OUTCOMES = ("reached", "no_answer", "busy", "wrong_number", "call_back_later")


class AgendaView(QWidget):
    """``open_customer(customer_id)`` shows the customer in the workspace (the main window switches tab);
    ``open_followup(followup_id)``, when given, does so for a follow-up's row, with the follow-up's context."""

    sig_customer_open_requested = Signal(int)
    sig_attempt_recorded = Signal(int, str)  # follow-up id, outcome

    def __init__(self, actor: StaffUser, open_customer: Callable[[int], None], parent: QWidget | None = None, *,
                 open_followup: Callable[[int], None] | None = None,
                 clock: Callable[[], dt.datetime] = now_utc) -> None:
        super().__init__(parent)
        self._actor = actor
        self._open_customer = open_customer
        self._open_followup = open_followup
        self._clock = clock
        self._loaded_at: float | None = None
        self.model = AgendaModel(self._load_day, self)
        self.summary = QLabel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        # Dates, case numbers and names are read whole; the last (free-text) column takes the rest.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(self.table.model().columnCount() - 1,
                                                           QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(COL_CUSTOMER, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.open_action = QAction(self)
        self.open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.open_action.triggered.connect(self.open_current)
        self.table.addAction(self.open_action)
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        if self.refresh_action.shortcut().isEmpty():
            self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_action.triggered.connect(self.refresh)
        self.addAction(self.refresh_action)

        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self.open_current)
        self.outcome_buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addSpacing(12)
        for outcome in OUTCOMES:
            button = QPushButton(self)
            button.clicked.connect(lambda _=False, o=outcome: self.record_outcome(o))
            self.outcome_buttons[outcome] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        buttons.addWidget(self.refresh_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().currentRowChanged.connect(self._on_selection_current_row_changed)
        self.model.modelReset.connect(self._update_buttons)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.timer.start()
        self.retranslateUi()
        self._update_buttons()

    def retranslateUi(self) -> None:
        self.open_button.setText(self.tr("&Open Customer"))
        self.open_button.setToolTip(self.tr("Show the customer in the workspace (Enter)"))
        texts = {"reached": self.tr("&Reached"), "no_answer": self.tr("&No Answer"), "busy": self.tr("&Busy"),
                 "wrong_number": self.tr("&Wrong Number"), "call_back_later": self.tr("&Call Back Later…")}
        for outcome, button in self.outcome_buttons.items():
            button.setText(texts[outcome])
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read the agenda again (F5)"))
        self.open_action.setText(self.tr("Open Customer"))
        self.refresh_action.setText(self.tr("Refresh"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self._update_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # --- loading -------------------------------------------------------------------------------------

    def _load_day(self):
        from crm.services.agenda import my_day

        return my_day(self._actor.id, self._clock())

    def refresh(self) -> bool:
        """Re-read the day, keeping the current follow-up selected; False (and a message) on failure."""
        current = self.current_entry()
        started = time.perf_counter()
        try:
            self.model.refresh()
        except CrmError as exc:
            log.warning("agenda refresh failed: %s", exc)
            self.summary.setText(self.tr("The agenda could not be read. Press F5 to try again."))
            return False
        log.debug("agenda loaded in %.0f ms", (time.perf_counter() - started) * 1000)
        self._loaded_at = time.monotonic()
        row = -1
        if current is not None and current.followup_id is not None:
            row = self.model.row_of_followup(current.followup_id)
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
        self._update_summary()
        return True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._loaded_at is None or time.monotonic() - self._loaded_at > REFRESH_MS / 1000:
            QTimer.singleShot(0, self.refresh)

    def _on_timer_timeout(self) -> None:
        if self.isVisible():
            self.refresh()

    def invalidate(self, *_args) -> None:
        """A follow-up changed elsewhere (a call logged in the workspace): read the day again when next seen."""
        self._loaded_at = None
        if self.isVisible():
            self.refresh()

    # --- acting --------------------------------------------------------------------------------------

    def current_entry(self):
        index = self.table.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    def open_current(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        self.sig_customer_open_requested.emit(entry.customer_id)
        if entry.followup_id is not None and self._open_followup is not None:
            self._open_followup(entry.followup_id)
        else:
            self._open_customer(entry.customer_id)

    def record_outcome(self, outcome: str, *, note: str | None = None, reschedule_to: dt.datetime | None = None,
                       score: int | None = None, reason: str = "") -> bool:
        """Log a call attempt on the current follow-up. Without ``note`` a dialog asks for the note (for "call
        back later" the time, for "reached" the satisfaction score); tests and callers that know them pass them."""
        entry = self.current_entry()
        if entry is None or entry.followup_id is None:
            return False
        if note is None or (outcome == "call_back_later" and reschedule_to is None):
            dialog = OutcomeDialog(outcome, entry.customer_name, None, self, purpose=entry.purpose,
                                   save=lambda values: self._save_outcome(entry, outcome, values))
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            result = dialog.saved
            dialog.deleteLater()
            if not accepted:
                self.refresh()  # a refusal may have been a change made elsewhere
                return False
        else:
            try:
                result = self._save_outcome(entry, outcome, OutcomeValues(note, reschedule_to, score, reason))
            except CrmError as exc:
                show_error(self, exc, self.tr("Record Call Outcome"))
                self.refresh()
                return False
        self.sig_attempt_recorded.emit(entry.followup_id, outcome)
        self.refresh()
        self._say_what_followed(entry.customer_name, result)
        return True

    def _save_outcome(self, entry, outcome: str, values: OutcomeValues):
        """A call that reached the customer is logged (with the score) and is the attempt; any other outcome is
        an attempt only."""
        from crm.codes import InteractionChannel
        from crm.services import followups
        from crm.services.interactions import NewInteraction

        if outcome == "reached":
            call = NewInteraction(customer_id=entry.customer_id, channel=InteractionChannel.OUTBOUND_CALL,
                                  category=followups.call_category(entry.purpose), notes=values.note,
                                  satisfaction=values.score, satisfaction_reason=values.reason)
            return followups.log_call(self._actor, entry.followup_id, call, expected_version=entry.version)
        return followups.record_attempt(self._actor, entry.followup_id, outcome, note=values.note,
                                        reschedule_to=values.reschedule_to, expected_version=entry.version)

    def _say_what_followed(self, customer: str, result) -> None:
        from crm.services.followups import FollowUpCall

        attempt = result.attempt if isinstance(result, FollowUpCall) else result
        if attempt is not None and attempt.escalated:
            self.summary.setText(self.tr("{customer}: escalated to a supervisor.").format(customer=customer))
        elif isinstance(result, FollowUpCall) and result.interaction.followup_ids:
            self.summary.setText(self.tr("{customer}: reached; a supervisor will call back about the low "
                                         "score.").format(customer=customer))
        elif attempt is not None and attempt.created:
            self.summary.setText(self.tr("{customer}: reached; the next follow-up is on the agenda.").format(
                customer=customer))

    # --- state ---------------------------------------------------------------------------------------

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_current()

    def _on_selection_current_row_changed(self, *_args) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        entry = self.current_entry()
        self.open_button.setEnabled(entry is not None)
        for button in self.outcome_buttons.values():
            button.setEnabled(entry is not None and entry.section != SECTION_CARE)

    def _update_summary(self) -> None:
        agenda = self.model.agenda
        if agenda is None:
            self.summary.setText(self.tr("Loading…"))
            return
        text = self.tr("Overdue: {overdue} · Today: {today} · Upcoming: {upcoming} · Care calls due: {care}").format(
            overdue=len(agenda.overdue), today=len(agenda.today), upcoming=len(agenda.upcoming),
            care=agenda.care_due_total)
        if agenda.cases:
            text += self.tr(" · Cases near or past a deadline: {cases}").format(cases=len(agenda.cases))
        self.summary.setText(text)

