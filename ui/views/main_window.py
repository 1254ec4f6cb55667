"""MainWindow: the workspace and overview tabs, menus, the status line (user, database), geometry, retranslation."""

from __future__ import annotations

import html
import logging
import platform
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Callable
from urllib.parse import urlsplit

from PySide6.QtCore import QDateTime, QDir, QEvent, QSettings, QStandardPaths, Qt, qVersion
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from crm.errors import CrmError
from ui import i18n
from ui.errors import show_error
from ui.views.home.home_panel import HomePanel
from ui.views.workspace.workspace_view import CustomerPanelFactory, WorkspaceView

if TYPE_CHECKING:
    from crm.db import Storage
    from crm.models import StaffUser
    from crm.services.overview import OverviewSummary
    from ui.models.customer_search_source import CustomerSearchSource

log = logging.getLogger(__name__)
GEOMETRY_KEY = "main_window/geometry"
STATE_KEY = "main_window/state"
WORKSPACE_TAB, OVERVIEW_TAB, AGENDA_TAB, SUPERVISOR_TAB = 0, 1, 2, 3


def _default_overview() -> Callable[[], OverviewSummary]:
    from crm.services.overview import overview  # the core binds it to the open database

    return overview


def team_database_place(location: str) -> str:
    """'host[:port]/database' from a password-free PostgreSQL URL."""
    parts = urlsplit(location)
    host = f"{parts.hostname}:{parts.port}" if parts.port else (parts.hostname or "")
    return f"{host}{parts.path}" if host else location


class MainWindow(QMainWindow):
    """The application's one main window; the storage is open for its whole life.

    ``actor`` is the signed-in staff user (``crm.services.staff.current_staff()``, resolved once by the
    composition root); ``customer_panel_factory(actor, parent)`` builds the workspace's customer panel.
    """

    def __init__(self, storage: Storage, parent: QWidget | None = None, *, actor: StaffUser | None,
                 customer_panel_factory: CustomerPanelFactory,
                 overview: Callable[[], OverviewSummary] | None = None,
                 search_source: CustomerSearchSource | None = None) -> None:
        super().__init__(parent)
        self._storage = storage
        self._actor = actor
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.workspace = WorkspaceView(actor, customer_panel_factory, self.tabs, source=search_source)
        self.home = HomePanel(overview or _default_overview(), self.tabs)
        self.tabs.addTab(self.workspace, "")
        self.tabs.addTab(self.home, "")
        self.agenda = self.supervisor = self.cases = self.reminders = self.leads = None
        if actor is not None:
            from ui.reminders import ReminderBanner, ReminderService
            from ui.views.agenda.agenda_view import AgendaView

            self.agenda = AgendaView(actor, self.open_customer, self.tabs, open_followup=self.open_followup)
            self.tabs.addTab(self.agenda, "")
            self.workspace.sig_followup_attempt_recorded.connect(self.agenda.invalidate)
            if str(actor.role) in ("supervisor", "admin"):
                from ui.views.agenda.supervisor_view import SupervisorView

                self.supervisor = SupervisorView(actor, self.tabs)
                self.tabs.addTab(self.supervisor, "")
            from ui.views.cases.cases_view import CasesView

            self.cases = CasesView(actor, self.open_customer, self.tabs)  # last tab: its index varies by role
            self.tabs.addTab(self.cases, "")
            from ui.views.leads.leads_view import LeadsView

            self.leads = LeadsView(actor, self.open_customer, self.tabs)
            self.tabs.addTab(self.leads, "")
            self.reminders = ReminderService(actor, self)
            self.reminders.sig_customer_open_requested.connect(self.open_customer)
            self.reminders.sig_followup_open_requested.connect(self.open_followup)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.setCentralWidget(self.tabs)
        self._create_actions()
        self._create_menus()
        self.staff_label = QLabel(self)
        self.storage_label = QLabel(self)
        self.storage_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if self.reminders is not None:
            self.reminder_banner = ReminderBanner(self.reminders, self)
            self.statusBar().addWidget(self.reminder_banner, 1)
            self.reminders.start()
        self.statusBar().addPermanentWidget(self.staff_label)
        self.statusBar().addPermanentWidget(self.storage_label, 1)
        self.retranslateUi()
        self._restore_geometry()
        self.workspace.focus_search()

    # --- construction ---------------------------------------------------------------------------

    def _create_actions(self) -> None:
        self.backup_action = QAction(self)
        self.backup_action.triggered.connect(self._on_backup_triggered)
        self.backup_action.setEnabled(self._storage.mode == "sqlcipher")
        self.export_ics_action = QAction(self)
        self.export_ics_action.triggered.connect(self._on_export_ics_triggered)
        self.export_leads_action = QAction(self)
        self.export_leads_action.triggered.connect(self._on_export_leads_triggered)
        self.import_outcomes_action = QAction(self)
        self.import_outcomes_action.triggered.connect(self._on_import_outcomes_triggered)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.preferences_action = QAction(self)
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.preferences_action.triggered.connect(self._on_preferences_triggered)
        self.products_action = QAction(self)
        self.products_action.triggered.connect(self._on_products_triggered)
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self._on_about_triggered)
        self.workspace_action = QAction(self, checkable=True, checked=True)
        self.workspace_action.setShortcut(QKeySequence("Ctrl+1"))
        self.workspace_action.triggered.connect(self.show_workspace)
        self.overview_action = QAction(self, checkable=True)
        self.overview_action.setShortcut(QKeySequence("Ctrl+2"))
        self.overview_action.triggered.connect(self.show_overview)
        self._view_group = QActionGroup(self)
        self._view_group.addAction(self.workspace_action)
        self._view_group.addAction(self.overview_action)
        self.agenda_action = QAction(self, checkable=True)
        self.agenda_action.setShortcut(QKeySequence("Ctrl+3"))
        self.agenda_action.triggered.connect(self.show_agenda)
        self.agenda_action.setVisible(self.agenda is not None)
        self.supervisor_action = QAction(self, checkable=True)
        self.supervisor_action.setShortcut(QKeySequence("Ctrl+4"))
        self.supervisor_action.triggered.connect(self.show_supervisor)
        self.supervisor_action.setVisible(self.supervisor is not None)
        self.cases_action = QAction(self, checkable=True)
        self.cases_action.setShortcut(QKeySequence("Ctrl+5"))
        self.cases_action.triggered.connect(self.show_cases)
        self.cases_action.setVisible(self.cases is not None)
        self._view_group.addAction(self.agenda_action)
        self._view_group.addAction(self.supervisor_action)
        self._view_group.addAction(self.cases_action)
        self.leads_action = QAction(self, checkable=True)
        self.leads_action.setShortcut(QKeySequence("Ctrl+6"))
        self.leads_action.triggered.connect(self.show_leads)
        self.leads_action.setVisible(self.leads is not None)
        self._view_group.addAction(self.leads_action)
        self.find_action = QAction(self)
        self.find_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Find), QKeySequence("F3")])
        # Also from the customer panel's fields and from our other windows: the caller comes first.
        self.find_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.find_action.triggered.connect(self._on_find_triggered)
        self.addAction(self.find_action)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.backup_action)
        if self._actor is not None:
            self.file_menu.addAction(self.export_ics_action)
            self.file_menu.addAction(self.export_leads_action)
            self.file_menu.addAction(self.import_outcomes_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        self.view_menu.addAction(self.workspace_action)
        self.view_menu.addAction(self.overview_action)
        if self.agenda is not None:
            self.view_menu.addAction(self.agenda_action)
        if self.supervisor is not None:
            self.view_menu.addAction(self.supervisor_action)
        if self.cases is not None:
            self.view_menu.addAction(self.cases_action)
        if self.leads is not None:
            self.view_menu.addAction(self.leads_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.find_action)
        self.tools_menu = bar.addMenu("")
        self.tools_menu.addAction(self.products_action)
        self.tools_menu.addAction(self.preferences_action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Bank Customer Service CRM"))
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.workspace_action.setText(self.tr("&Workspace"))
        self.overview_action.setText(self.tr("&Overview"))
        self.find_action.setText(self.tr("&Find Customer"))
        self.find_action.setStatusTip(self.tr("Go to the search box of the workspace"))
        self.tabs.setTabText(WORKSPACE_TAB, self.tr("Workspace"))
        self.tabs.setTabText(OVERVIEW_TAB, self.tr("Overview"))
        self.agenda_action.setText(self.tr("&My Day"))
        self.supervisor_action.setText(self.tr("&Supervisor"))
        if self.agenda is not None:
            self.tabs.setTabText(AGENDA_TAB, self.tr("My Day"))
        if self.supervisor is not None:
            self.tabs.setTabText(SUPERVISOR_TAB, self.tr("Supervisor", "tab"))
        self.cases_action.setText(self.tr("Complaint &Cases"))
        if self.cases is not None:
            self.tabs.setTabText(self.tabs.indexOf(self.cases), self.tr("Complaint Cases"))
        self.leads_action.setText(self.tr("Sales &Leads"))
        if self.leads is not None:
            self.tabs.setTabText(self.tabs.indexOf(self.leads), self.tr("Sales Leads"))
        self.export_leads_action.setText(self.tr("Export &Leads to Sales…"))
        self.export_leads_action.setStatusTip(self.tr("Hand new leads to the sales team as a CSV or Excel file"))
        self.import_outcomes_action.setText(self.tr("&Import Lead Outcomes…"))
        self.import_outcomes_action.setStatusTip(self.tr("Read what sales reported back about handed-over leads"))
        self.tools_menu.setTitle(self.tr("&Tools"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.export_ics_action.setText(self.tr("&Export My Follow-ups to Calendar…"))
        self.export_ics_action.setStatusTip(
            self.tr("Write an iCalendar file so Outlook reminds you even when the CRM is closed"))
        self.backup_action.setText(self.tr("&Back Up Database…"))
        self.backup_action.setStatusTip(
            self.tr("Save an encrypted copy of the local database")
            if self.backup_action.isEnabled()
            else self.tr("The team database is backed up on the server by your administrator"))
        self.quit_action.setText(self.tr("E&xit"))
        self.preferences_action.setText(self.tr("&Preferences…"))
        self.products_action.setText(self.tr("Product &Catalogue…"))
        self.products_action.setStatusTip(self.tr("The products agents may suggest, with risk levels and dual "
                                                  "recording (双录); administrators edit them"))
        self.about_action.setText(self.tr("&About"))
        self.storage_label.setText(self.storage_description())
        self.storage_label.setToolTip(self.storage_label.text())
        self.staff_label.setText(self.staff_description())
        self.staff_label.setVisible(self._actor is not None)

    def staff_description(self) -> str:
        """Who is signed in, and as what, for the status bar."""
        if self._actor is None:
            return ""
        roles = {"agent": self.tr("Agent"), "supervisor": self.tr("Supervisor"), "admin": self.tr("Administrator")}
        role = str(self._actor.role)
        return self.tr("{name} ({role})").format(name=self._actor.display_name, role=roles.get(role, role))

    def storage_description(self) -> str:
        """What the status bar says about where the data lives."""
        if self._storage.mode == "postgresql":
            return self.tr("Team database (PostgreSQL) · {place}").format(
                place=team_database_place(self._storage.location))
        return self.tr("Local encrypted database · {path}").format(
            path=QDir.toNativeSeparators(self._storage.location))

    # --- geometry --------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value(GEOMETRY_KEY)
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen().availableGeometry()  # room for the list and the customer record
            self.resize(max(1000, min(1280, screen.width() * 9 // 10)), max(680, min(800, screen.height() * 9 // 10)))
        state = settings.value(STATE_KEY)
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(STATE_KEY, self.saveState())
        self.workspace.save_state(settings)
        if self.reminders is not None:
            self.reminders.stop()  # the storage closes after the window; no tick may run in between
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # --- views and screen pop --------------------------------------------------------------------

    def show_workspace(self) -> None:
        self.tabs.setCurrentIndex(WORKSPACE_TAB)

    def show_overview(self) -> None:
        self.tabs.setCurrentIndex(OVERVIEW_TAB)

    def show_agenda(self) -> None:
        if self.agenda is not None:
            self.tabs.setCurrentIndex(AGENDA_TAB)

    def show_supervisor(self) -> None:
        if self.supervisor is not None:
            self.tabs.setCurrentIndex(SUPERVISOR_TAB)

    def show_cases(self) -> None:
        if self.cases is not None:
            self.tabs.setCurrentWidget(self.cases)

    def show_leads(self) -> None:
        if self.leads is not None:
            self.tabs.setCurrentWidget(self.leads)

    def open_customer(self, customer_id: int) -> None:
        """From the agenda or a reminder: the customer in the workspace."""
        self.show_workspace()
        self.workspace.open_customer(customer_id)

    def open_followup(self, followup_id: int) -> None:
        """From My Day or a follow-up's reminder: its customer in the workspace, the call form set to log the
        call as the follow-up's attempt."""
        self.show_workspace()
        self.workspace.open_followup(followup_id)

    def bring_to_front(self) -> None:
        """Un-minimise (keeping a maximised window maximised), raise and activate the window."""
        if self.isMinimized():
            self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()

    def pop_number(self, number: str) -> None:
        """Screen pop from the telephony hook (``crm pop NUMBER``): show the caller in the workspace."""
        self.bring_to_front()
        self.show_workspace()
        self.workspace.open_number(number)

    def _on_tabs_current_changed(self, index: int) -> None:
        actions = {self.workspace: self.workspace_action, self.home: self.overview_action,
                   self.agenda: self.agenda_action, self.supervisor: self.supervisor_action,
                   self.cases: self.cases_action, self.leads: self.leads_action}
        action = actions.get(self.tabs.widget(index))
        if action is not None:
            action.setChecked(True)

    def _on_export_ics_triggered(self) -> None:
        from crm.exports.ics import export_followups

        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export Follow-ups"), "followups.ics",
                                              self.tr("iCalendar files (*.ics)"))
        if not path:
            return
        try:
            result = export_followups(path, owner=self._actor, actor=self._actor,
                                      language="zh" if i18n.current_language() == i18n.CHINESE else "en")
        except CrmError as exc:
            show_error(self, exc, self.tr("Export Follow-ups"))
            return
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Export Follow-ups"), str(exc))
            return
        self.statusBar().showMessage(
            self.tr("Follow-ups exported to the calendar file: {count}").format(count=result.events), 8000)

    def _on_export_leads_triggered(self) -> None:
        """The Leads tab's export: its filter and selection say which leads go."""
        if self.leads is not None:
            self.show_leads()
            self.leads.export_leads()

    def _on_import_outcomes_triggered(self) -> None:
        if self.leads is not None:
            self.leads.import_outcomes()

    def _on_find_triggered(self) -> None:
        if QApplication.activeModalWidget() is not None:  # a dialog is waiting for an answer first
            return
        self.show_workspace()
        if not self.isActiveWindow():
            self.bring_to_front()
        self.workspace.focus_search()

    # --- actions ---------------------------------------------------------------------------------

    def _on_backup_triggered(self) -> None:
        stamp = QDateTime.currentDateTime().toString("yyyyMMdd-HHmm")
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / f"crm-backup-{stamp}.db")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Back Up Database"), suggested, self.tr("Encrypted database backups (*.db)"))
        if path:
            self.back_up_to(Path(path))

    def back_up_to(self, out: Path) -> bool:
        """Write the backup and tell the user how it went; True on success."""
        from crm import db

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = db.backup(self._storage, out)
        except CrmError as exc:
            QApplication.restoreOverrideCursor()
            log.warning("backup to %s failed: %s", out, exc)
            show_error(self, exc, self.tr("Back Up Database"))
            return False
        QApplication.restoreOverrideCursor()
        self.statusBar().showMessage(self.tr("Backup saved"), 5000)
        QMessageBox.information(
            self, self.tr("Back Up Database"),
            self.tr("The backup was saved to:\n{path}\n\nIt is encrypted with the same key as the database. "
                    "To restore it you need this computer's keyring entry, the recovery key or the "
                    "passphrase.").format(path=QDir.toNativeSeparators(str(written))))
        return True

    def _on_preferences_triggered(self) -> None:
        from ui.dialogs.preferences_dialog import PreferencesDialog

        PreferencesDialog(self).exec()

    def _on_products_triggered(self) -> None:
        from ui.dialogs.products_dialog import ProductsDialog

        dialog = ProductsDialog(self._actor, self)
        dialog.exec()
        dialog.deleteLater()

    def _on_about_triggered(self) -> None:
        try:
            version = metadata.version("bank-crm")
        except metadata.PackageNotFoundError:
            version = "dev"
        text = self.tr(
            "<h3>Bank Customer Service CRM {version}</h3>"
            "<p>Customer records, service history, complaint cases and follow-up calls for bank "
            "customer-service staff.</p>"
            "<p>{storage}</p>"
            "<p><small>Python {python} · Qt {qt}</small></p>").format(
            version=version, storage=html.escape(self.storage_description()),
            python=platform.python_version(), qt=qVersion())
        QMessageBox.about(self, self.tr("About"), text)
