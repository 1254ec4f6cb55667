"""CustomerPanel: one customer during a call — header, profile/contacts/consents/timeline, verification.

The integrator puts it in the workspace and fills ``interaction_area`` with the call form
(``set_interaction_widget``); the call form reads ``verification_attempt_ids()`` when it saves and then
calls ``clear_call_state()``, because a verification holds for that one interaction only.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm.errors import CrmError
from crm.models import StaffUser
from crm.services import customer_detail
from crm.services.customer_detail import CustomerDetail
from ui.customer_messages import error_message
from ui.models.timeline_model import TimelineModel
from ui.views.customer.consents_tab import ConsentsTab
from ui.views.customer.contacts_tab import ContactsTab
from ui.views.customer.customer_header import CustomerHeader
from ui.views.customer.new_customer_form import NewCustomerForm
from ui.views.customer.profile_tab import ProfileTab
from ui.views.customer.timeline_view import TimelineView
from ui.views.customer.verification_panel import VerificationPanel

log = logging.getLogger(__name__)
SPLITTER_KEY = "customer_panel/splitter"
PAGE_EMPTY, PAGE_DETAIL, PAGE_NEW = range(3)
TAB_PROFILE, TAB_CONTACTS, TAB_CONSENTS, TAB_TIMELINE = range(4)


class CustomerPanel(QWidget):
    """Shows one customer (or the new-customer form); every save re-reads the customer from the core."""

    sig_customer_saved = Signal(int)  # customer id: created, profile saved, phone or consent recorded

    def __init__(self, actor: StaffUser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actor = actor
        self._detail: CustomerDetail | None = None
        self._return_to: int | None = None  # where Cancel on the new-customer form goes back to
        self._build_ui()
        self._connect()
        self.retranslateUi()
        self.stack.setCurrentIndex(PAGE_EMPTY)

    # --- construction ---------------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.stack = QStackedWidget(self)
        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack.addWidget(self.empty_label)

        detail_page = QWidget(self)
        self.header = CustomerHeader(detail_page)
        self.notice = QLabel(detail_page)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("QLabel { background-color: #fdebc8; color: #5f3b00; padding: 4px 8px;"
                                  " border-radius: 4px; }")
        self.notice.setVisible(False)
        self.tabs = QTabWidget(detail_page)
        self.profile = ProfileTab(self._actor, self.tabs)
        self.contacts = ContactsTab(self._actor, self.tabs)
        self.consents = ConsentsTab(self._actor, self.tabs)
        self.timeline_model = TimelineModel(parent=self)
        self.timeline_view = TimelineView(self.tabs)
        self.timeline_view.setModel(self.timeline_model)
        for tab in (self.profile, self.contacts, self.consents, self.timeline_view):
            self.tabs.addTab(tab, "")

        self.verification = VerificationPanel(self._actor, detail_page)
        # An empty container: the integrator puts the interaction form here (set_interaction_widget).
        self.interaction_area = QWidget(detail_page)
        self.interaction_area.setObjectName("interaction_area")
        area_layout = QVBoxLayout(self.interaction_area)
        area_layout.setContentsMargins(0, 0, 0, 0)
        right = QWidget(detail_page)
        right.setMinimumWidth(340)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.verification)
        right_layout.addWidget(self.interaction_area, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, detail_page)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        state = QSettings().value(SPLITTER_KEY)
        if state is not None:
            self.splitter.restoreState(state)
        detail_layout = QVBoxLayout(detail_page)
        detail_layout.setContentsMargins(8, 8, 8, 8)
        detail_layout.addWidget(self.header)
        detail_layout.addWidget(self.notice)
        detail_layout.addWidget(self.splitter, 1)
        self.stack.addWidget(detail_page)

        self.new_form = NewCustomerForm(self._actor, self)
        self.stack.addWidget(self.new_form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _connect(self) -> None:
        self.profile.sig_saved.connect(self._on_customer_changed)
        self.profile.sig_reload_requested.connect(self._on_reload_requested)
        self.contacts.sig_changed.connect(self._on_customer_changed)
        self.consents.sig_changed.connect(self._on_customer_changed)
        self.verification.sig_status_changed.connect(self._on_verification_status_changed)
        self.new_form.sig_created.connect(self._on_new_customer_created)
        self.new_form.sig_cancelled.connect(self._on_new_customer_cancelled)
        self.splitter.splitterMoved.connect(
            lambda *_: QSettings().setValue(SPLITTER_KEY, self.splitter.saveState()))

    def retranslateUi(self) -> None:
        self.empty_label.setText(self.tr("No customer is open. Search for a customer or take a call."))
        for index, text in ((TAB_PROFILE, self.tr("&Profile")), (TAB_CONTACTS, self.tr("&Contacts")),
                            (TAB_CONSENTS, self.tr("Co&nsents")), (TAB_TIMELINE, self.tr("&Timeline"))):
            self.tabs.setTabText(index, text)
        self.timeline_model.retranslate()
        self.timeline_view.doItemsLayout()  # row heights depend on the texts

    # --- public API -----------------------------------------------------------------------------

    def show_customer(self, customer_id: int) -> None:
        """Open ``customer_id``; another customer starts a fresh call state (verification attempts)."""
        if customer_id != self.current_customer_id():
            self.notice.setVisible(False)
            self.tabs.setCurrentIndex(TAB_PROFILE)
        if not self._load(customer_id):
            return
        self.verification.set_customer(customer_id)
        self.header.set_verification(self.verification.status())
        self.timeline_model.set_customer(customer_id)
        self.stack.setCurrentIndex(PAGE_DETAIL)

    def show_new_customer(self, phone: str = "") -> None:
        """The new-customer form with the caller's number filled in."""
        self._return_to = self.current_customer_id()
        self.new_form.start(phone)
        self.stack.setCurrentIndex(PAGE_NEW)
        self.new_form.name_edit.setFocus()

    def current_customer_id(self) -> int | None:
        """The customer on screen (None on the empty page and on the new-customer form)."""
        if self.stack.currentIndex() != PAGE_DETAIL or self._detail is None:
            return None
        return self._detail.id

    def current_detail(self) -> CustomerDetail | None:
        return self._detail if self.current_customer_id() is not None else None

    def set_interaction_widget(self, widget: QWidget) -> None:
        """Put the call form in the interaction area (replacing whatever was there)."""
        layout = self.interaction_area.layout()
        while layout.count():
            old = layout.takeAt(0).widget()
            if old is not None and old is not widget:
                old.setParent(None)
        widget.setParent(self.interaction_area)
        layout.addWidget(widget)
        widget.show()

    def verification_attempt_ids(self) -> tuple[int, ...]:
        """Verification attempts made for the current customer during the current call."""
        return self.verification.attempt_ids()

    def verification_status(self) -> str:
        return self.verification.status()

    def clear_call_state(self) -> None:
        """After the call is logged: its verification result does not carry over; show the new history."""
        self.verification.clear_call_state()
        self.header.set_verification(self.verification.status())
        if self.current_customer_id() is not None:
            self.reload()

    def has_unsaved_changes(self) -> bool:
        """Unsaved profile edits (the caller may ask before switching customers)."""
        return self.current_customer_id() is not None and self.profile.has_unsaved_changes()

    def reload(self) -> None:
        """Read the customer again (after a change made elsewhere) and add new history on top."""
        cid = self.current_customer_id()
        if cid is not None and self._load(cid):
            self.timeline_model.prepend_refresh()

    # --- internals ------------------------------------------------------------------------------

    def _load(self, customer_id: int) -> bool:
        try:
            detail = customer_detail.get_detail(customer_id)
        except CrmError as exc:
            log.warning("customer %s cannot be shown: %s", customer_id, exc)
            self._detail = None
            self.empty_label.setText(error_message(exc))
            self.stack.setCurrentIndex(PAGE_EMPTY)
            return False
        self._detail = detail
        self.header.set_detail(detail)
        self.profile.set_detail(detail)
        self.contacts.set_detail(detail)
        self.consents.set_detail(detail)
        return True

    def _on_customer_changed(self, customer_id: int) -> None:
        self.reload()
        self.sig_customer_saved.emit(customer_id)

    def _on_reload_requested(self, customer_id: int) -> None:
        self.reload()

    def _on_verification_status_changed(self, status: str) -> None:
        self.header.set_verification(status)
        self.timeline_model.prepend_refresh()  # the attempt is in the customer's change log

    def _on_new_customer_created(self, customer_id: int, warnings: tuple) -> None:
        self.show_customer(customer_id)
        if any(w.endswith(":luhn") for w in warnings):
            self.notice.setText(self.tr("The card number does not pass the check-digit test. It was saved; "
                                        "please confirm it with the customer."))
            self.notice.setVisible(True)
        self.sig_customer_saved.emit(customer_id)

    def _on_new_customer_cancelled(self) -> None:
        if self._return_to is not None and self._detail is not None and self._detail.id == self._return_to:
            self.stack.setCurrentIndex(PAGE_DETAIL)
        else:
            self.stack.setCurrentIndex(PAGE_EMPTY)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
