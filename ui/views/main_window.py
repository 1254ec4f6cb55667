"""MainWindow: menus, the database-mode status line, the home panel, saved geometry, live retranslation."""

from __future__ import annotations

import html
import logging
import platform
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Callable
from urllib.parse import urlsplit

from PySide6.QtCore import QDateTime, QDir, QEvent, QSettings, QStandardPaths, Qt, qVersion
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMainWindow, QMessageBox, QWidget

from crm.errors import CrmError
from ui.errors import show_error
from ui.views.home.home_panel import HomePanel

if TYPE_CHECKING:
    from crm.db import Storage
    from crm.services.overview import OverviewSummary

log = logging.getLogger(__name__)
GEOMETRY_KEY = "main_window/geometry"
STATE_KEY = "main_window/state"


def _default_overview() -> Callable[[], OverviewSummary]:
    from crm.services.overview import overview  # the core binds it to the open database

    return overview


def team_database_place(location: str) -> str:
    """'host[:port]/database' from a password-free PostgreSQL URL."""
    parts = urlsplit(location)
    host = f"{parts.hostname}:{parts.port}" if parts.port else (parts.hostname or "")
    return f"{host}{parts.path}" if host else location


class MainWindow(QMainWindow):
    """The application's one main window; the storage is open for its whole life."""

    def __init__(self, storage: Storage, parent: QWidget | None = None, *,
                 overview: Callable[[], OverviewSummary] | None = None) -> None:
        super().__init__(parent)
        self._storage = storage
        self.home = HomePanel(overview or _default_overview(), self)
        self.setCentralWidget(self.home)
        self._create_actions()
        self._create_menus()
        self.storage_label = QLabel(self)
        self.storage_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.storage_label, 1)
        self.retranslateUi()
        self._restore_geometry()

    # --- construction ---------------------------------------------------------------------------

    def _create_actions(self) -> None:
        self.backup_action = QAction(self)
        self.backup_action.triggered.connect(self._on_backup_triggered)
        self.backup_action.setEnabled(self._storage.mode == "sqlcipher")
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.preferences_action = QAction(self)
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.preferences_action.triggered.connect(self._on_preferences_triggered)
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self._on_about_triggered)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.backup_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.tools_menu = bar.addMenu("")
        self.tools_menu.addAction(self.preferences_action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Bank Customer Service CRM"))
        self.file_menu.setTitle(self.tr("&File"))
        self.tools_menu.setTitle(self.tr("&Tools"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.backup_action.setText(self.tr("&Back Up Database…"))
        self.backup_action.setStatusTip(
            self.tr("Save an encrypted copy of the local database")
            if self.backup_action.isEnabled()
            else self.tr("The team database is backed up on the server by your administrator"))
        self.quit_action.setText(self.tr("E&xit"))
        self.preferences_action.setText(self.tr("&Preferences…"))
        self.about_action.setText(self.tr("&About"))
        self.storage_label.setText(self.storage_description())
        self.storage_label.setToolTip(self.storage_label.text())

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
            self.resize(1000, 680)
        state = settings.value(STATE_KEY)
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(STATE_KEY, self.saveState())
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

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
