"""The one place that turns errors into words: CrmError codes → translated text, and the crash dialog.

The core raises ``CrmError(code, **details)`` and never builds sentences. Everything the user reads about
an error is written here, so translators find it in one context ("ErrorMessages"). Bugs (any other
exception) reach ``sys.excepthook``: they are logged and shown in a crash dialog with the traceback.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from crm.errors import ConflictError, CrmError, NotFound, PermissionDenied, StorageError, ValidationError
from crm.identifiers import mask_identifiers_in_text

log = logging.getLogger(__name__)
_CONTEXT = "ErrorMessages"

# Placeholders in braces are filled from the error's details; translations must keep them.
_MESSAGES: dict[str, str] = {
    "key_missing": QT_TRANSLATE_NOOP(
        "ErrorMessages", "The key of the customer database is not in this computer's system keyring. "
        "Enter the recovery key to open the database."),
    "wrong_key": QT_TRANSLATE_NOOP(
        "ErrorMessages", "This key does not open the customer database. Check that the recovery key "
        "belongs to this database."),
    "passphrase_required": QT_TRANSLATE_NOOP(
        "ErrorMessages", "The customer database is protected by a passphrase. Enter it to continue."),
    "wrong_passphrase": QT_TRANSLATE_NOOP("ErrorMessages", "The passphrase is not correct."),
    "db_missing": QT_TRANSLATE_NOOP("ErrorMessages", "The customer database was not found: {path}"),
    "db_exists": QT_TRANSLATE_NOOP("ErrorMessages", "A customer database already exists: {path}"),
    "meta_unreadable": QT_TRANSLATE_NOOP(
        "ErrorMessages", "The database information file cannot be read: {path}"),
    "open_failed": QT_TRANSLATE_NOOP("ErrorMessages", "The customer database cannot be opened: {path}"),
    "not_a_crm_database": QT_TRANSLATE_NOOP(
        "ErrorMessages", "This file is not a customer database of this program: {path}"),
    "keyring_unavailable": QT_TRANSLATE_NOOP(
        "ErrorMessages", "The system keyring ({backend}) cannot be used, so the database key can be "
        "neither stored nor read."),
    "migration_failed": QT_TRANSLATE_NOOP(
        "ErrorMessages", "The customer database could not be upgraded for this version of the program "
        "(step “{migration}”). The failed step changed nothing. Please contact IT support."),
    "bad_db_url": QT_TRANSLATE_NOOP("ErrorMessages", "The team database address is not valid: {url}"),
    "password_in_url": QT_TRANSLATE_NOOP(
        "ErrorMessages", "The team database address must not contain a password; the password is kept "
        "in the system keyring. Address: {url}"),
    "pg_password_missing": QT_TRANSLATE_NOOP(
        "ErrorMessages", "No password for the team database is stored in the system keyring. Ask your "
        "administrator to set it up. Address: {url}"),
    "pg_unreachable": QT_TRANSLATE_NOOP(
        "ErrorMessages", "The team database cannot be reached. Check the network connection or ask your "
        "administrator. Address: {url}"),
    "pg_unreachable/auth": QT_TRANSLATE_NOOP(
        "ErrorMessages", "The team database refused the user name or password. Address: {url}"),
    "backup_not_supported": QT_TRANSLATE_NOOP(
        "ErrorMessages", "The team database is backed up on the server by your administrator; this "
        "program backs up only the local database."),
    "backup_failed": QT_TRANSLATE_NOOP("ErrorMessages", "The backup could not be written to {path}."),
    "backup_missing": QT_TRANSLATE_NOOP("ErrorMessages", "The backup file was not found: {path}"),
    "restore_rejected": QT_TRANSLATE_NOOP(
        "ErrorMessages", "The backup does not open with this database's key, so nothing was restored: "
        "{path}"),
    "invalid_recovery_key": QT_TRANSLATE_NOOP(
        "ErrorMessages", "This is not a valid recovery key. Check each character and try again."),
    "invalid_recovery_key/checksum": QT_TRANSLATE_NOOP(
        "ErrorMessages", "The recovery key contains a typing error. Compare each group with the printed "
        "sheet."),
    "required": QT_TRANSLATE_NOOP("ErrorMessages", "This field must be filled in."),
    "too_long": QT_TRANSLATE_NOOP("ErrorMessages", "The text is too long: at most {max} characters."),
    "out_of_range": QT_TRANSLATE_NOOP("ErrorMessages", "The value must be between {min} and {max}."),
    "invalid_choice": QT_TRANSLATE_NOOP("ErrorMessages", "“{value}” is not one of the allowed choices."),
    "not_editable": QT_TRANSLATE_NOOP("ErrorMessages", "This field cannot be changed here."),
    "invalid_phone": QT_TRANSLATE_NOOP("ErrorMessages", "This is not a valid phone number."),
    "invalid_phone/not_mainland": QT_TRANSLATE_NOOP(
        "ErrorMessages", "Only mainland China mobile numbers are accepted here."),
    "invalid_id_number": QT_TRANSLATE_NOOP(
        "ErrorMessages", "This is not a valid ID number; check the digits and the check character."),
    "invalid_card_number": QT_TRANSLATE_NOOP(
        "ErrorMessages", "This is not a valid card number; check the digits."),
    "invalid_email": QT_TRANSLATE_NOOP("ErrorMessages", "This is not a valid email address."),
    "stale_version": QT_TRANSLATE_NOOP(
        "ErrorMessages", "Someone else changed this record after you opened it. Reload it and make "
        "your change again."),
    "not_found": QT_TRANSLATE_NOOP("ErrorMessages", "The record no longer exists."),
}

_BY_CLASS: tuple[tuple[type[CrmError], str], ...] = (
    (ValidationError, QT_TRANSLATE_NOOP("ErrorMessages", "The entered value is not valid.")),
    (ConflictError, QT_TRANSLATE_NOOP(
        "ErrorMessages", "Someone else changed this record after you opened it. Reload it and make "
        "your change again.")),
    (NotFound, QT_TRANSLATE_NOOP("ErrorMessages", "The record no longer exists.")),
    (PermissionDenied, QT_TRANSLATE_NOOP("ErrorMessages", "Your role does not allow this action.")),
    (StorageError, QT_TRANSLATE_NOOP("ErrorMessages", "The customer database reported a problem.")),
    (CrmError, QT_TRANSLATE_NOOP("ErrorMessages", "The action could not be completed.")),
)

_FIELDS: dict[str, str] = {
    "name": QT_TRANSLATE_NOOP("ErrorMessages", "name"),
    "mobile": QT_TRANSLATE_NOOP("ErrorMessages", "mobile number"),
    "phones": QT_TRANSLATE_NOOP("ErrorMessages", "phone number"),
    "reserved_phone": QT_TRANSLATE_NOOP("ErrorMessages", "reserved mobile number"),
    "cards": QT_TRANSLATE_NOOP("ErrorMessages", "card number"),
    "emails": QT_TRANSLATE_NOOP("ErrorMessages", "email"),
    "care_interval_days": QT_TRANSLATE_NOOP("ErrorMessages", "return-visit interval (days)"),
    "id_number": QT_TRANSLATE_NOOP("ErrorMessages", "ID number"),
    "card_number": QT_TRANSLATE_NOOP("ErrorMessages", "card number"),
    "email": QT_TRANSLATE_NOOP("ErrorMessages", "email"),
    "passphrase": QT_TRANSLATE_NOOP("ErrorMessages", "passphrase"),
    "recovery_key": QT_TRANSLATE_NOOP("ErrorMessages", "recovery key"),
}


def _tr(text: str) -> str:
    """Translate a message marked with QT_TRANSLATE_NOOP above (literal calls use translate directly)."""
    return QCoreApplication.translate(_CONTEXT, text)


class _Missing(dict):
    """Leaves unknown placeholders visible instead of raising KeyError inside an error handler."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def error_message(error: CrmError, *, where: bool = True) -> str:
    """The translated sentence for ``error``, followed by where it happened (field, row, line).

    Pass ``where=False`` for a message shown under the field it is about.
    """
    template = _MESSAGES.get(f"{error.code}/{error.details.get('reason')}") or _MESSAGES.get(error.code)
    if template is None:
        template = next(text for cls, text in _BY_CLASS if isinstance(error, cls))
    text = _tr(template).format_map(_Missing({k: str(v) for k, v in error.details.items()}))
    place = _location(error.details) if where else ""
    if not place:
        return text
    template = QCoreApplication.translate("ErrorMessages", "{message} ({where})")
    return template.format(message=text, where=place)


def _location(details: dict[str, Any]) -> str:
    translate = QCoreApplication.translate
    parts = []
    if "field" in details:
        field = str(details["field"])
        base = field.split("[", 1)[0]  # "emails[2]" names the list the bad value is in
        label = _tr(_FIELDS[base]) if base in _FIELDS else field
        parts.append(translate("ErrorMessages", "field: {field}").format(field=label))
    if "row" in details:
        parts.append(translate("ErrorMessages", "row {row}").format(row=details["row"]))
    if "line" in details:
        parts.append(translate("ErrorMessages", "line {line}").format(line=details["line"]))
    return translate("ErrorMessages", "; ").join(parts)


def technical_details(error: CrmError) -> str:
    """Code and raw details, for IT support (shown folded away under "Show Details…")."""
    lines = [f"code: {error.code}"] + [f"{k}: {v}" for k, v in sorted(error.details.items())]
    return mask_identifiers_in_text("\n".join(lines))


def show_error(parent: QWidget | None, error: CrmError, title: str | None = None) -> None:
    """A modal message box for a known error."""
    title = title or QCoreApplication.translate("ErrorMessages", "Bank Customer Service CRM")
    box = QMessageBox(QMessageBox.Icon.Warning, title, error_message(error), QMessageBox.StandardButton.Ok,
                      parent)
    box.setDetailedText(technical_details(error))
    box.exec()


def show_crash(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """The crash dialog for a bug: an apology, what to do next, and the traceback to pass on."""
    translate = QCoreApplication.translate
    box = QMessageBox(QMessageBox.Icon.Critical, translate("ErrorMessages", "Unexpected error"),
                      translate("ErrorMessages", "An unexpected error occurred. Your saved data is not "
                                "affected, but the last action may not have been completed."),
                      QMessageBox.StandardButton.Ok)
    box.setInformativeText(translate("ErrorMessages", "Please copy the details below and send them to IT "
                                     "support. You can continue working; if the problem repeats, restart "
                                     "the program."))
    # Exception texts may quote customer data: C2 identifiers are masked on display (DOMAIN.md).
    box.setDetailedText(mask_identifiers_in_text("".join(traceback.format_exception(exc_type, exc, tb))))
    box.exec()


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Log every uncaught exception; show known errors as messages and bugs as the crash dialog."""
    if issubclass(exc_type, KeyboardInterrupt) or not isinstance(QApplication.instance(), QApplication):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if isinstance(exc, CrmError):
        log.warning("unhandled %s", exc, exc_info=(exc_type, exc, tb))
        show_error(QApplication.activeWindow(), exc)
        return
    log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
    if _crash_dialog_open:  # an error repeating under an open dialog (e.g. in a timer): log only
        return
    _set_crash_dialog_open(True)
    try:
        show_crash(exc_type, exc, tb)
    except Exception:  # the dialog itself failed: the log already has the original
        log.exception("crash dialog failed")
    finally:
        _set_crash_dialog_open(False)


_crash_dialog_open = False


def _set_crash_dialog_open(value: bool) -> None:
    global _crash_dialog_open
    _crash_dialog_open = value


def install_excepthook() -> None:
    sys.excepthook = excepthook
