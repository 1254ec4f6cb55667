"""StorageOpener: first-run setup, or opening the database with keyring, passphrase or recovery key."""

from __future__ import annotations

import os

import logging
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Callable

from PySide6.QtWidgets import QDialog, QWidget

from crm.errors import CrmError, KeyringUnavailable, StorageError, ValidationError
from ui.errors import error_message, show_error

if TYPE_CHECKING:
    from crm.db import Storage

log = logging.getLogger(__name__)
RECOVERY_CODES = ("key_missing", "keyring_unavailable")
PASSPHRASE_CODES = ("passphrase_required", "wrong_passphrase")


def _exec(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


class StorageOpener:
    """Runs the dialogs needed to get an open Storage; ``exit_code`` says why open() returned None.

    ``db`` and ``secrets`` default to the core modules; tests pass fakes, and ``run_dialog`` (which
    normally calls exec()) so they can fill a dialog in and press its buttons without a modal loop.
    """

    def __init__(self, *, db: ModuleType | None = None, secrets: ModuleType | None = None,
                 run_dialog: Callable[[QDialog], bool] = _exec, parent: QWidget | None = None) -> None:
        if db is None:
            from crm import db
        if secrets is None:
            from crm import secrets
        self._db = db
        self._secrets = secrets
        self._run = run_dialog
        self._parent = parent
        self.exit_code = 0  # 0: the user cancelled; 1: the database could not be opened

    def open(self, data_dir: Path, db_url: str | None) -> Storage | None:
        try:
            if db_url:
                return self._db.open_url(db_url)
            if not self._db.local_exists(data_dir):
                return self._create(data_dir)
            return self._open_existing(data_dir)
        except CrmError as exc:
            log.error("cannot open the database: %s", exc)
            show_error(self._parent, exc)
            self.exit_code = 1
            return None

    # --- first run -------------------------------------------------------------------------------

    def _create(self, data_dir: Path) -> Storage | None:
        from ui.dialogs.recovery_key_dialog import SHOW, RecoveryKeyDialog
        from ui.dialogs.setup_dialog import SetupDialog

        backend = self._secrets.backend_name()
        dialog = SetupDialog(data_dir, self._secrets.keyring_usable(), backend, self._parent)
        while self._run(dialog):
            try:
                storage, recovery_key = self._db.create_local(data_dir, dialog.passphrase())
            except KeyringUnavailable as exc:
                log.warning("keyring unusable while creating the database: %s", exc)
                dialog.set_keyring_unavailable(exc.details.get("backend"))
                continue
            except StorageError as exc:
                log.error("cannot create the database: %s", exc)
                dialog.set_error(error_message(exc))
                continue
            if recovery_key:
                self._run(RecoveryKeyDialog(SHOW, key=recovery_key, location=storage.location,
                                            backend=backend, parent=self._parent))
            return storage
        return None

    # --- existing database -------------------------------------------------------------------

    def _open_existing(self, data_dir: Path) -> Storage | None:
        # The same explicit option the command line honours (kiosk/automation); a wrong one asks again.
        passphrase: str | None = os.environ.get("CRM_PASSPHRASE") or None
        dialog = None
        while True:
            try:
                return self._db.open_local(data_dir, passphrase=passphrase)
            except StorageError as exc:
                if exc.code in RECOVERY_CODES:
                    return self._open_with_recovery_key(data_dir, exc)
                if exc.code not in PASSPHRASE_CODES:
                    raise
                if dialog is None:
                    from ui.dialogs.passphrase_dialog import PassphraseDialog

                    dialog = PassphraseDialog(exc.details.get("path", str(data_dir)), self._parent)
                if exc.code == "wrong_passphrase":
                    dialog.set_error(error_message(exc))
                if not self._run(dialog):
                    return None
                passphrase = dialog.passphrase()

    def _open_with_recovery_key(self, data_dir: Path, reason: StorageError) -> Storage | None:
        from ui.dialogs.recovery_key_dialog import ENTER, RecoveryKeyDialog

        log.warning("database key unavailable (%s); asking for the recovery key", reason)
        dialog = RecoveryKeyDialog(ENTER, location=reason.details.get("path", str(data_dir)),
                                   backend=self._secrets.backend_name(), reason=reason.code,
                                   parent=self._parent)
        while self._run(dialog):
            try:
                return self._db.open_local(data_dir, recovery_key=dialog.recovery_key())
            except ValidationError as exc:
                dialog.set_error(error_message(exc, where=False))
            except StorageError as exc:
                if exc.code != "wrong_key":
                    raise
                dialog.set_error(error_message(exc))
        return None
