"""Composition root of the desktop application: QApplication, translators, one instance, storage, window."""

from __future__ import annotations

import os

import logging
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from crm.settings import APP_NAME
from ui import i18n, single_instance
from ui.errors import install_excepthook
from ui.storage_opener import StorageOpener
from ui.theme import apply_fonts

if TYPE_CHECKING:
    from crm.db import Storage
    from ui.views.main_window import MainWindow
    from ui.views.workspace.workspace_view import CustomerPanelFactory

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), named so QSettings has a per-user home, with our fonts."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    try:
        app.setApplicationVersion(metadata.version("bank-crm"))
    except metadata.PackageNotFoundError:
        pass
    apply_fonts(app)
    return app


def customer_panel_factory() -> CustomerPanelFactory:
    """The workspace's customer panel (customer feature) carrying the call form (interaction feature).

    Imported when the workspace first builds the panel, just after the window is painted.
    """
    def build(actor, parent):
        try:
            from ui.views.customer.customer_panel import CustomerPanel
            from ui.views.interaction.panel_wiring import with_call_form
        except ImportError as exc:
            raise RuntimeError(f"this build lacks the customer panel or the call form: {exc}") from exc
        return with_call_form(CustomerPanel)(actor, parent)

    return build


def build_main_window(storage: Storage, *, sign_in: bool = True) -> MainWindow:
    """The main window on an open database, as the signed-in OS user (``sign_in=False``: as nobody)."""
    from crm.services.products import ensure_catalogue
    from crm.services.staff import current_staff
    from ui.views.main_window import MainWindow

    actor = None
    if sign_in:  # a self-test signs nobody in and writes nothing
        ensure_catalogue()  # the shipped products a new database lacks (admins' edits are kept)
        actor = current_staff()
    return MainWindow(storage, actor=actor, customer_panel_factory=customer_panel_factory())


@dataclass
class Session:
    """A started app: ``run`` enters the event loop with it and closes it afterwards."""

    window: MainWindow
    storage: Storage
    server: single_instance.InstanceServer
    pending_pops: list[str] = field(default_factory=list)

    def close(self) -> None:
        self.server.close()
        self.storage.close()


def start(data_dir: Path, db_url: str | None, pop_number: str | None = None) -> Session | int:
    """Everything up to the shown main window, or the exit code when there will be none.

    When the app already runs for this user and data folder, it is brought to the front (and pops
    ``pop_number`` when given) and 0 is returned: one database connection, one window.
    """
    app = create_application()
    install_excepthook()
    language = i18n.stored_language()
    loaded = i18n.install_language(language)
    if not all(loaded.values()):
        log.warning("some %s translations are missing: %s", language, loaded)
    name = single_instance.server_name(data_dir)
    command, argument = (single_instance.POP, pop_number) if pop_number else (single_instance.ACTIVATE, "")
    delivery = single_instance.send_command(name, command, argument)
    if delivery is not single_instance.Delivery.NOT_RUNNING:
        log.info("the app already runs for this user and data folder (%s); handed over", delivery)
        return 0
    # Listen before the passphrase dialog: a call that rings meanwhile is popped once the window is up.
    server = single_instance.InstanceServer(name, app)
    server.listen()
    pending = [pop_number] if pop_number else []

    def remember(number: str) -> None:
        pending.append(number)

    server.sig_pop_requested.connect(remember)
    server.sig_activate_requested.connect(_raise_open_dialog)
    opener = StorageOpener()
    storage = opener.open(data_dir, db_url)
    if storage is None:
        server.close()
        return opener.exit_code
    try:
        window = build_main_window(storage)
    except BaseException:
        server.close()
        storage.close()
        raise
    server.sig_pop_requested.disconnect(remember)
    server.sig_activate_requested.disconnect(_raise_open_dialog)
    server.sig_pop_requested.connect(window.pop_number)
    server.sig_activate_requested.connect(window.bring_to_front)
    window.show()
    if os.environ.get("CRM_STARTUP_PROBE") == "1":  # benchmarks/workspace.py measures the first paint
        from ui import startup_probe

        startup_probe.watch(window)
    if pending:  # only the latest call matters
        QTimer.singleShot(0, window, lambda: window.pop_number(pending[-1]))
    return Session(window, storage, server, pending)


def run(data_dir: Path, db_url: str | None, pop_number: str | None = None) -> int:
    """Start (or hand over to the running app), run until the main window closes."""
    started = start(data_dir, db_url, pop_number)
    if isinstance(started, int):
        return started
    try:
        return QApplication.instance().exec()
    finally:
        started.close()


def _raise_open_dialog() -> None:
    """A second start while the first still asks for its passphrase: show that dialog again."""
    dialog = QApplication.activeModalWidget()
    if dialog is not None:
        dialog.raise_()
        dialog.activateWindow()
