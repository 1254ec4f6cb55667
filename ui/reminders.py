"""ReminderService: while the app runs, follow-ups and case deadlines that come due are announced once.

A QTimer calls ``crm.services.reminders.due_reminders`` with the session's ``already_shown`` keys, so the
same reminder never appears twice (a follow-up moved or snoozed to a later time reminds again then). Each new
reminder shows in a ``ReminderBanner`` (a non-modal strip the main window puts in its status bar) and, when
the desktop has a system tray, as a tray message. A follow-up's reminder can be snoozed 10 minutes or an hour.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Callable

import peewee
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QSystemTrayIcon, QWidget

from crm.errors import CrmError
from crm.services.base import now_utc
from ui.customer_messages import code_label
from ui.errors import show_error
from ui.formats import format_instant

if TYPE_CHECKING:
    from crm.models import StaffUser
    from crm.services.reminders import Reminder

log = logging.getLogger(__name__)
CHECK_MS = 60_000
FIRST_CHECK_MS = 5_000
SNOOZE_SHORT = dt.timedelta(minutes=10)
SNOOZE_LONG = dt.timedelta(hours=1)


class ReminderBanner(QWidget):
    """The newest pending reminder, with Open / Snooze 10 min / Snooze 1 h / Dismiss; hidden when none."""

    def __init__(self, service: ReminderService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.label = QLabel(self)
        self.open_button = QPushButton(self)
        self.snooze_short_button = QPushButton(self)
        self.snooze_long_button = QPushButton(self)
        self.dismiss_button = QPushButton(self)
        for button in (self.open_button, self.snooze_short_button, self.snooze_long_button, self.dismiss_button):
            button.setFlat(True)
        self.open_button.clicked.connect(service.open_current)
        self.snooze_short_button.clicked.connect(lambda: service.snooze_current(SNOOZE_SHORT))
        self.snooze_long_button.clicked.connect(lambda: service.snooze_current(SNOOZE_LONG))
        self.dismiss_button.clicked.connect(service.dismiss_current)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.label, 1)
        for button in (self.open_button, self.snooze_short_button, self.snooze_long_button, self.dismiss_button):
            layout.addWidget(button)
        service.sig_pending_changed.connect(self.update_from_service)
        self.retranslateUi()
        self.update_from_service()

    def retranslateUi(self) -> None:
        self.open_button.setText(self.tr("Open"))
        self.snooze_short_button.setText(self.tr("Snooze 10 min"))
        self.snooze_long_button.setText(self.tr("Snooze 1 h"))
        self.dismiss_button.setText(self.tr("Dismiss"))
        self.update_from_service()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def update_from_service(self) -> None:
        current = self._service.current()
        self.setVisible(current is not None)
        if current is None:
            self.label.clear()
            return
        text = describe(current)
        more = len(self._service.pending) - 1
        if more > 0:
            text += self.tr(" (+{count} more)").format(count=more)
        self.label.setText(text)
        self.snooze_short_button.setVisible(current.kind == "followup")
        self.snooze_long_button.setVisible(current.kind == "followup")


def describe(r: Reminder) -> str:
    if r.kind == "followup":
        return ReminderBanner.tr("Follow-up due {due}: {customer} {phone} — {purpose}").format(
            due=format_instant(r.due_at), customer=r.customer_name, phone=r.phone,
            purpose=code_label("followup_purpose", r.purpose))
    which = ReminderBanner.tr("first feedback") if r.purpose == "first_feedback" else ReminderBanner.tr("resolution")
    if r.state == "overdue":
        return ReminderBanner.tr("Case {case_no} ({customer}): the {which} deadline has passed ({due})").format(
            case_no=r.label, customer=r.customer_name, which=which, due=format_instant(r.due_at))
    return ReminderBanner.tr("Case {case_no} ({customer}): the {which} deadline is near ({due})").format(
        case_no=r.label, customer=r.customer_name, which=which, due=format_instant(r.due_at))


class ReminderService(QObject):
    """``check()`` runs on the timer; ``pending`` holds what was announced and not yet handled here."""

    sig_reminders_due = Signal(list)  # list[Reminder], the new ones of one check
    sig_pending_changed = Signal()
    sig_customer_open_requested = Signal(int)  # a case's reminder: its customer
    sig_followup_open_requested = Signal(int)  # a follow-up's reminder: the follow-up, ready to log the call

    def __init__(self, actor: StaffUser, parent: QObject | None = None, *,
                 clock: Callable[[], dt.datetime] = now_utc, interval_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        self._actor = actor
        self._clock = clock
        self.already_shown: set[str] = set()
        self.pending: list[Reminder] = []
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.tray: QSystemTrayIcon | None = None

    def start(self, first_check_ms: int = FIRST_CHECK_MS) -> None:
        self.timer.start()
        QTimer.singleShot(first_check_ms, self, self.check)

    def stop(self) -> None:
        self.timer.stop()

    def _on_timer_timeout(self) -> None:
        self.check()

    def check(self) -> list[Reminder]:
        """Ask the core what came due; announce and return the new reminders."""
        from crm.db import database_proxy
        from crm.services.case_workflow import escalate_deadlines
        from crm.services.reminders import due_reminders

        if database_proxy.obj is None:  # the session's storage is closed (the window is going away)
            self.stop()
            return []
        try:
            # Cases near or past their deadline get a supervisor follow-up, once each, whichever desktop
            # notices first; then this agent's own reminders.
            escalate_deadlines(self._actor, self._clock())
            new = due_reminders(self._actor.id, self._clock(), self.already_shown)
        except (CrmError, peewee.PeeweeException) as exc:  # the database is away: try again on the next tick
            log.warning("reminder check failed: %s", exc)
            return []
        if not new:
            return []
        keys = {r.key for r in new}
        self.pending = [*new, *(p for p in self.pending if p.key not in keys and
                                not (p.kind == "followup" and any(n.kind == "followup" and n.id == p.id
                                                                  for n in new)))]
        self.sig_reminders_due.emit(new)
        self.sig_pending_changed.emit()
        self._notify_tray(new)
        return new

    def _notify_tray(self, new: list[Reminder]) -> None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if self.tray is None:
            self.tray = QSystemTrayIcon(QApplication.windowIcon(), self)
            self.tray.messageClicked.connect(self.open_current)
            self.tray.show()
        title = self.tr("Reminder") if len(new) == 1 else self.tr("{count} reminders").format(count=len(new))
        self.tray.showMessage(title, "\n".join(describe(r) for r in new[:3]),
                              QSystemTrayIcon.MessageIcon.Information, 10_000)

    # --- handling the banner's reminder -----------------------------------------------------------

    def current(self) -> Reminder | None:
        return self.pending[0] if self.pending else None

    def dismiss_current(self) -> None:
        if self.pending:
            self.pending.pop(0)
            self.sig_pending_changed.emit()

    def open_current(self) -> None:
        current = self.current()
        if current is not None:
            if current.kind == "followup":
                self.sig_followup_open_requested.emit(current.id)
            else:
                self.sig_customer_open_requested.emit(current.customer_id)
            self.dismiss_current()

    def snooze_current(self, delay: dt.timedelta) -> bool:
        """Quiet the current follow-up's reminder for ``delay``; it comes back after that (a new key)."""
        from crm.services.reminders import snooze

        current = self.current()
        if current is None or current.kind != "followup":
            return False
        try:
            snooze(self._actor, current.id, self._clock() + delay)
        except CrmError as exc:
            parent = self.parent()
            show_error(parent if isinstance(parent, QWidget) else None, exc, self.tr("Snooze"))
            return False
        self.dismiss_current()
        return True
