"""First-run dialog: keyring explained, passphrase option, validation messages under the fields."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from ui import i18n
from ui.dialogs.setup_dialog import MIN_PASSPHRASE_LENGTH, SetupDialog
from ui_fakes import GUI

pytestmark = GUI
WINDOWS = "keyring.backends.Windows.WinVaultKeyring"


@pytest.fixture
def dialog(qtbot):
    d = SetupDialog(Path("/data/BankCRM"), True, WINDOWS)
    qtbot.addWidget(d)
    d.show()
    return d


def choose_passphrase(dialog: SetupDialog, first: str, second: str) -> None:
    dialog.passphrase_check.setChecked(True)
    dialog.passphrase_edit.setText(first)
    dialog.confirm_edit.setText(second)


def test_keyring_mode_is_the_default_and_names_the_backend(dialog):
    assert not dialog.passphrase_check.isChecked()
    assert dialog.passphrase_check.isEnabled()
    assert "Windows Credential Manager" in dialog._keyring_text.text()
    assert not dialog.passphrase_edit.isVisible()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.passphrase() is None


def test_short_passphrase_is_refused_with_a_message_under_the_field(dialog):
    choose_passphrase(dialog, "short", "short")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.passphrase_message.isVisible()
    assert dialog.passphrase_message.text() == (
        f"The passphrase must have at least {MIN_PASSPHRASE_LENGTH} characters (5 typed).")
    assert not dialog.confirm_message.isVisible()


def test_mismatch_is_refused_with_a_message_under_the_confirmation(dialog):
    choose_passphrase(dialog, "correct horse battery", "correct horse batterY")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not dialog.passphrase_message.isVisible()
    assert dialog.confirm_message.text() == "The two passphrases do not match."
    assert dialog.confirm_message.isVisible()


def test_messages_update_while_typing_after_the_first_attempt(dialog):
    choose_passphrase(dialog, "short", "")
    dialog.accept()
    dialog.passphrase_edit.setText("twelve chars")
    assert not dialog.passphrase_message.isVisible()
    assert dialog.confirm_message.isVisible()
    dialog.confirm_edit.setText("twelve chars")
    assert not dialog.confirm_message.isVisible()


def test_valid_passphrase_is_accepted_and_returned(dialog):
    choose_passphrase(dialog, "十二个字符的中文口令也可以吗", "十二个字符的中文口令也可以吗")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.passphrase() == "十二个字符的中文口令也可以吗"


def test_unusable_keyring_forces_the_passphrase_and_says_so(qtbot):
    dialog = SetupDialog(Path("/data/BankCRM"), False, "keyring.backends.fail.Keyring")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.passphrase_check.isChecked()
    assert not dialog.passphrase_check.isEnabled()
    assert dialog.passphrase_edit.isVisible()
    assert dialog._keyring_warning.isVisible()
    assert "cannot be used" in dialog._keyring_warning.text()
    assert not dialog._keyring_text.isVisible()


def test_keyring_failing_during_creation_switches_to_the_passphrase(dialog):
    dialog.set_keyring_unavailable("keyring.backends.fail.Keyring")
    assert dialog.passphrase_check.isChecked() and not dialog.passphrase_check.isEnabled()
    assert dialog._keyring_warning.isVisible()


def test_validation_messages_are_translated(qtbot, dialog):
    i18n.install_language(i18n.CHINESE)
    choose_passphrase(dialog, "short", "short")
    dialog.accept()
    assert dialog.passphrase_message.text() == f"口令至少需要 {MIN_PASSPHRASE_LENGTH} 个字符（当前 5 个）。"
    choose_passphrase(dialog, "correct horse battery", "different horse battery")
    qtbot.waitUntil(lambda: dialog.create_button.text() == "创建数据库(&C)")
    assert dialog.confirm_message.text() == "两次输入的口令不一致。"
