"""Error codes become translated sentences with their details; bugs reach the crash dialog."""

from __future__ import annotations

import logging
import sys

import pytest

from crm.errors import ConflictError, CrmError, KeyringUnavailable, StorageError, ValidationError
from ui import errors, i18n
from ui.errors import error_message
from ui_fakes import GUI

pytestmark = GUI

STORAGE_CODES = ["key_missing", "wrong_key", "passphrase_required", "wrong_passphrase", "db_missing",
                 "keyring_unavailable", "migration_failed", "not_a_crm_database", "pg_password_missing",
                 "pg_unreachable", "db_exists", "meta_unreadable", "open_failed", "bad_db_url",
                 "password_in_url", "backup_not_supported", "backup_failed", "backup_missing",
                 "restore_rejected"]
DETAILS = {"path": "/data/crm.db", "url": "postgresql://a@h/crm", "backend": "fail", "migration": "0002_x"}


@pytest.mark.parametrize("code", STORAGE_CODES)
def test_every_storage_code_has_its_own_filled_in_sentence(code):
    text = error_message(StorageError(code, **DETAILS))
    assert text != error_message(StorageError("some_future_code"))
    assert "{" not in text


@pytest.mark.parametrize("code", STORAGE_CODES)
def test_every_storage_code_is_translated(code):
    english = error_message(StorageError(code, **DETAILS))
    i18n.install_language(i18n.CHINESE)
    chinese = error_message(StorageError(code, **DETAILS))
    assert chinese != english
    assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese)


def test_details_are_filled_in():
    assert error_message(StorageError("db_missing", path="/x/crm.db")) == (
        "The customer database was not found: /x/crm.db")


def test_reason_specific_message_wins():
    auth = error_message(StorageError("pg_unreachable", url="u", reason="auth"))
    assert "refused the user name or password" in auth


def test_field_row_and_line_are_named():
    text = error_message(ValidationError("bad_format", field="mobile", row=12, line=13))
    assert text == "The entered value is not valid. (field: mobile number; row 12; line 13)"
    i18n.install_language(i18n.CHINESE)
    text = error_message(ValidationError("bad_format", field="mobile", row=12))
    assert text == "输入的内容无效。（字段：手机号；第 12 行）"


def test_unknown_codes_fall_back_to_the_class_and_unknown_placeholders_stay_visible():
    assert "changed this record" in error_message(ConflictError("version_mismatch"))
    assert error_message(CrmError("whatever")) == "The action could not be completed."
    assert "cannot be used" in error_message(KeyringUnavailable("keyring_unavailable"))  # no backend given


def test_excepthook_logs_bugs_and_shows_the_crash_dialog(monkeypatch, caplog):
    shown = []
    monkeypatch.setattr(errors, "show_crash", lambda t, e, tb: shown.append(e))
    # import-linter (tests/unit/test_architecture.py) reconfigures logging and disables existing loggers
    monkeypatch.setattr(logging.getLogger("ui.errors"), "disabled", False)
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        info = sys.exc_info()
    with caplog.at_level(logging.CRITICAL, logger="ui.errors"):
        errors.excepthook(*info)
    assert shown == [info[1]]
    assert "uncaught exception" in caplog.text


def test_excepthook_shows_known_errors_as_messages(monkeypatch):
    known, crashes = [], []
    monkeypatch.setattr(errors, "show_error", lambda parent, exc, title=None: known.append(exc))
    monkeypatch.setattr(errors, "show_crash", lambda *a: crashes.append(a))
    exc = StorageError("backup_failed", path="/x")
    errors.excepthook(StorageError, exc, None)
    assert known == [exc] and crashes == []


def test_install_excepthook(monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    errors.install_excepthook()
    assert sys.excepthook is errors.excepthook


def test_crash_details_mask_customer_identifiers(monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    details = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: details.append(box.detailedText()) or 0)
    try:
        raise ValueError("cannot parse 13812345678 for customer")
    except ValueError:
        errors.show_crash(*sys.exc_info())
    assert "13812345678" not in details[0]
    assert "138****5678" in details[0] and "ValueError" in details[0]
