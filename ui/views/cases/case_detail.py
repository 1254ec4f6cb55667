"""CaseDetail: one complaint case — header and deadlines, who handles it (owner, responsible department,
accused employee; changed by a supervisor or the owner), history, progress notes, the status steps allowed
from its current status, extensions (request; approve or reject by another supervisor) and closing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QInputDialog, QLabel, QPlainTextEdit, QPushButton,
                               QVBoxLayout, QWidget)

from crm.codes import CaseStatus, StaffRole
from crm.errors import CrmError
from crm.models import StaffUser
from crm.services import case_workflow, cases
from crm.services.case_deadlines import deadline_info
from crm.services.cases import CaseRow
from crm.services.staff import list_staff
from ui.formats import format_instant
from ui.views.cases import case_labels
from ui.views.cases.case_handling_dialog import CaseHandlingDialog
from ui.views.cases.close_case_dialog import CloseCaseDialog
from ui.widgets.field_message import FieldMessage

SUPERVISORS = (StaffRole.SUPERVISOR, StaffRole.ADMIN)


def ask_text(parent: QWidget, title: str, label: str) -> str | None:
    """A reason or resolution typed by the user; None when cancelled (tests replace this)."""
    text, ok = QInputDialog.getMultiLineText(parent, title, label)
    return text if ok else None


def run_dialog(dialog: QDialog) -> bool:
    """Show a dialog modally; True when accepted (tests replace this)."""
    return dialog.exec() == QDialog.DialogCode.Accepted


class CaseDetail(QWidget):
    sig_case_changed = Signal(int)
    sig_open_customer = Signal(int)

    def __init__(self, actor: StaffUser, parent: QWidget | None = None,
                 ask: Callable[[QWidget, str, str], str | None] = ask_text,
                 run: Callable[[QDialog], bool] = run_dialog) -> None:
        super().__init__(parent)
        self._actor = actor
        self._ask = ask
        self._run_dialog = run
        self._names: dict[int, str] = {}
        self._case: CaseRow | None = None
        self._pending = None
        self.header_label = QLabel(self)
        self.deadline_label = QLabel(self)
        self.deadline_label.setWordWrap(True)
        self.handling_label = QLabel(self)
        self.handling_label.setWordWrap(True)
        self.handling_button = QPushButton(self)
        self.handling_button.clicked.connect(self._on_handling_clicked)
        self.history = QPlainTextEdit(self)
        self.history.setReadOnly(True)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(self.note_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.note_button = QPushButton(self)
        self.note_button.clicked.connect(self._on_note_clicked)
        QShortcut(QKeySequence("Ctrl+Return"), self.note_edit, self._on_note_clicked)
        QShortcut(QKeySequence("Ctrl+Enter"), self.note_edit, self._on_note_clicked)
        self.message = FieldMessage(self)
        self.customer_button = QPushButton(self)
        self.customer_button.clicked.connect(self._on_customer_clicked)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, slot in (("in_progress", self._on_start), ("awaiting_customer", self._on_await),
                           ("resume", self._on_start), ("resolve", self._on_resolve), ("reopen", self._on_reopen),
                           ("close", self._on_close), ("request_extension", self._on_request_extension),
                           ("approve_extension", self._on_approve), ("reject_extension", self._on_reject)):
            button = QPushButton(self)
            button.clicked.connect(slot)
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.header_label, 1)
        top.addWidget(self.customer_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.deadline_label)
        handling = QHBoxLayout()
        handling.addWidget(self.handling_label, 1)
        handling.addWidget(self.handling_button)
        layout.addLayout(handling)
        layout.addLayout(row)
        layout.addWidget(self.history, 1)
        layout.addWidget(self.note_edit)
        note_row = QHBoxLayout()
        note_row.addWidget(self.message, 1)
        note_row.addWidget(self.note_button)
        layout.addLayout(note_row)
        self.retranslateUi()
        self.show_case(None)

    def retranslateUi(self) -> None:
        for name, text in (("in_progress", self.tr("Start &Handling")), ("awaiting_customer", self.tr("A&waiting Customer")),
                           ("resume", self.tr("Customer &Replied")), ("resolve", self.tr("Re&solve…")),
                           ("reopen", self.tr("Re&open…")), ("close", self.tr("&Close Case…")),
                           ("request_extension", self.tr("Request &Extension…")),
                           ("approve_extension", self.tr("A&pprove Extension")),
                           ("reject_extension", self.tr("Re&ject Extension…"))):
            self.buttons[name].setText(text)
        self.customer_button.setText(self.tr("Open C&ustomer"))
        self.handling_button.setText(self.tr("Assi&gn…"))
        self.handling_button.setToolTip(self.tr("Change who handles the case, the responsible department and "
                                                "whom the customer complained about"))
        self.note_edit.setPlaceholderText(self.tr("Progress note (Ctrl+Enter adds it)"))
        if self._case is not None:
            self._fill()

    def case(self) -> CaseRow | None:
        return self._case

    def has_unsaved_note(self) -> bool:
        """A progress note is typed but not added yet."""
        return bool(self.note_edit.toPlainText().strip())

    def show_case(self, case_id: int | None) -> None:
        """Show ``case_id`` (again); a note typed for another case goes with it (callers ask first)."""
        if self._case is None or self._case.id != case_id:
            self.note_edit.clear()
        self.message.clear_message()
        self._case = cases.get_case(case_id) if case_id is not None else None
        self.setEnabled(self._case is not None)
        self._fill()

    def _fill(self) -> None:
        case = self._case
        if case is None:
            self.header_label.setText(self.tr("Choose a case in the list."))
            self.deadline_label.clear()
            self.handling_label.clear()
            self.handling_button.setVisible(False)
            self.history.clear()
            for button in self.buttons.values():
                button.setVisible(False)
            return
        closed = case.status == CaseStatus.CLOSED
        updates = cases.case_updates(case.id)
        self._names = {s.id: s.display_name for s in list_staff(
            include={case.owner_id, case.accused_staff_id, *self._moved_owners(updates)})}
        self.handling_label.setText(self._handling_text(case))
        self.handling_button.setVisible(not closed and (self._actor.role in SUPERVISORS
                                                        or case.owner_id == self._actor.id))
        self.header_label.setText(f"<b>{case.case_no}</b> · {case.customer_name} · "
                                  f"{case_labels.status_label(case.status)} · "
                                  f"{case_labels.priority_label(case.priority)} · {case.summary}")
        self.deadline_label.setText(self._deadline_text(case))
        self.history.setPlainText("\n".join(
            f"{format_instant(u.ts)}  {u.author_name}  {self._update_text(u)}" for u in updates))
        pending = [e for e in case_workflow.extensions(case.id) if e.approved_by is None]
        self._pending = pending[0] if pending else None
        allowed = case_workflow.TRANSITIONS[CaseStatus(case.status)]
        supervisor = self._actor.role in SUPERVISORS
        awaiting = case.status == CaseStatus.AWAITING_CUSTOMER
        visible = {
            "in_progress": CaseStatus.IN_PROGRESS in allowed and case.status == CaseStatus.ACCEPTED,
            "awaiting_customer": CaseStatus.AWAITING_CUSTOMER in allowed,
            "resume": awaiting,
            "resolve": CaseStatus.RESOLVED in allowed,
            "reopen": case.status == CaseStatus.RESOLVED,
            "close": CaseStatus.CLOSED in allowed,
            "request_extension": case.status in case_workflow.OPEN_STATUSES and self._pending is None
            and case.extension_level < 2,
            "approve_extension": supervisor and self._pending is not None
            and self._pending.requested_by != self._actor.id,
            "reject_extension": supervisor and self._pending is not None,
        }
        for name, button in self.buttons.items():
            button.setVisible(visible[name])
        self.note_button.setText(self.tr("Add &Addendum") if closed else self.tr("Add &Note"))

    def _deadline_text(self, case: CaseRow) -> str:
        info = deadline_info(case, dt.datetime.now(dt.UTC))
        feedback = (self.tr("given {when}").format(when=format_instant(case.first_feedback_at))
                    if case.first_feedback_at else format_instant(case.first_feedback_due))
        parts = [self.tr("First feedback: {feedback} ({state})").format(
                     feedback=feedback, state=case_labels.state_label(info.feedback_state)),
                 self.tr("Resolution due: {due} ({state})").format(
                     due=format_instant(case.resolution_due), state=case_labels.state_label(info.resolution_state))]
        if info.paused:
            parts.append(self.tr("clock paused"))
        if case.extension_level:
            parts.append(self.tr("extended ({level})").format(level=case.extension_level))
        if self._pending is not None or any(e.approved_by is None for e in case_workflow.extensions(case.id)):
            parts.append(self.tr("extension awaiting approval"))
        if case.status == CaseStatus.CLOSED:
            parts.append(self.tr("closed: read-only, later notes are addenda"))
        return " · ".join(parts)

    def _handling_text(self, case: CaseRow) -> str:
        parts = [self.tr("Handled by: {name}").format(name=self._name(case.owner_id)),
                 self.tr("Responsible department: {department}").format(
                     department=case.department or self.tr("not set"))]
        if case.accused_staff_id is not None:
            parts.append(self.tr("Complaint about: {name}").format(name=self._name(case.accused_staff_id)))
        return " · ".join(parts)

    def _name(self, staff_id: int | None) -> str:
        if staff_id is None:
            return self.tr("nobody")
        return self._names.get(staff_id, f"#{staff_id}")

    @staticmethod
    def _moved_owners(updates) -> set[int]:
        ids: set[int] = set()
        for update in updates:
            match = case_labels.OWNER_MOVE.match(update.text) if update.kind == "reassignment" else None
            if match:
                ids |= {int(g) for g in match.groups() if g.isdigit()}
        return ids

    def _update_text(self, update) -> str:
        return case_labels.history_text(update.kind, update.text, update.status_from, update.status_to, self._name)

    # --- actions -------------------------------------------------------------------------------------

    def _run(self, action: Callable[[], object]) -> bool:
        self.message.clear_message()
        try:
            action()
        except CrmError as exc:
            self.message.show_message(case_labels.message_for(exc))
            return False
        case_id = self._case.id
        self.show_case(case_id)
        self.sig_case_changed.emit(case_id)
        return True

    def _on_note_clicked(self) -> None:
        if self._case is None:
            return
        text = self.note_edit.toPlainText()
        if self._run(lambda: cases.add_note(self._actor, self._case.id, text)):
            self.note_edit.clear()

    def _on_handling_clicked(self) -> None:
        if self._case is None:
            return
        dialog = CaseHandlingDialog(self._actor, self._case, self)
        try:
            if self._run_dialog(dialog) and dialog.changed_case is not None:
                self._run(lambda: None)
        finally:
            dialog.deleteLater()

    def _on_customer_clicked(self) -> None:
        if self._case is not None:
            self.sig_open_customer.emit(self._case.customer_id)

    def _change(self, status: CaseStatus) -> None:
        case = self._case
        self._run(lambda: case_workflow.change_status(self._actor, case.id, status, expected_version=case.version))

    def _on_start(self) -> None:
        self._change(CaseStatus.IN_PROGRESS)

    def _on_await(self) -> None:
        self._change(CaseStatus.AWAITING_CUSTOMER)

    def _on_resolve(self) -> None:
        case = self._case
        text = self._ask(self, self.tr("Resolve Case"), self.tr("Resolution told to the customer:"))
        if text is not None:
            self._run(lambda: case_workflow.resolve_case(self._actor, case.id, text, expected_version=case.version))

    def _on_reopen(self) -> None:
        case = self._case
        text = self._ask(self, self.tr("Reopen Case"), self.tr("Why the customer does not accept it:"))
        if text is not None:
            self._run(lambda: case_workflow.reopen_case(self._actor, case.id, text, expected_version=case.version))

    def _on_close(self) -> None:
        dialog = CloseCaseDialog(self._actor, self._case, self)
        try:
            if self._run_dialog(dialog):
                self._run(lambda: None)
        finally:
            dialog.deleteLater()

    def _on_request_extension(self) -> None:
        case = self._case
        text = self._ask(self, self.tr("Request Extension"), self.tr("Reason for the extension:"))
        if text is not None:
            self._run(lambda: case_workflow.request_extension(self._actor, case.id, text))

    def _on_approve(self) -> None:
        if self._pending is not None:
            pending = self._pending
            self._run(lambda: case_workflow.approve_extension(self._actor, pending.id))

    def _on_reject(self) -> None:
        pending = self._pending
        text = self._ask(self, self.tr("Reject Extension"), self.tr("Reason for refusing:"))
        if pending is not None and text is not None:
            self._run(lambda: case_workflow.reject_extension(self._actor, pending.id, text))
