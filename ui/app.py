"""Composition root of the desktop application: QApplication, translators, storage, main window."""

from __future__ import annotations

import logging
import sys
from importlib import metadata
from pathlib import Path

from PySide6.QtWidgets import QApplication

from crm.settings import APP_NAME
from ui import i18n
from ui.errors import install_excepthook
from ui.storage_opener import StorageOpener
from ui.theme import apply_fonts

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


def run(data_dir: Path, db_url: str | None) -> int:
    """Open the database (asking whatever is needed), show the main window, run until it closes."""
    app = create_application()
    install_excepthook()
    language = i18n.stored_language()
    loaded = i18n.install_language(language)
    if not all(loaded.values()):
        log.warning("some %s translations are missing: %s", language, loaded)
    opener = StorageOpener()
    storage = opener.open(data_dir, db_url)
    if storage is None:
        return opener.exit_code
    from ui.views.main_window import MainWindow

    try:
        window = MainWindow(storage)
        window.show()
        return app.exec()
    finally:
        storage.close()
