"""Recovery key dialog: shown once (print, confirm before continuing) or asked for when the keyring lost it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from ui.dialogs import recovery_key_dialog
from ui.dialogs.recovery_key_dialog import ENTER, SHOW, RecoveryKeyDialog, display_key, normalise_key
from ui_fakes import GUI

pytestmark = GUI
KEY = "MFRG-GZDF-MZTW-Q2LK-NNWW-23TP-OBYX-E43U-OR3X-O6DZ-PJAU-CQ2E-IRCU-EQ3"
LOCATION = "/data/BankCRM/crm.db"


@pytest.fixture
def show_dialog(qtbot):
    d = RecoveryKeyDialog(SHOW, key=KEY, location=LOCATION, backend="keyring.backends.SecretService.Keyring")
    qtbot.addWidget(d, before_close_func=tick)
    d.show()
    return d


def tick(dialog: RecoveryKeyDialog) -> None:
    """Closing an unconfirmed SHOW dialog opens a modal warning, which would block the teardown."""
    dialog.stored_check.setChecked(True)


@pytest.fixture
def enter_dialog(qtbot):
    d = RecoveryKeyDialog(ENTER, location=LOCATION, backend="keyring.backends.Windows.WinVaultKeyring")
    qtbot.addWidget(d)
    d.show()
    return d


def test_continue_is_disabled_until_the_box_is_ticked(show_dialog):
    assert not show_dialog.continue_button.isEnabled()
    show_dialog.continue_button.click()
    assert show_dialog.isVisible()
    show_dialog.stored_check.setChecked(True)
    assert show_dialog.continue_button.isEnabled()
    show_dialog.continue_button.click()
    assert show_dialog.result() == QDialog.DialogCode.Accepted
    assert not show_dialog.isVisible()


def test_escape_does_not_lose_the_key_before_it_is_stored(show_dialog, monkeypatch):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    show_dialog.reject()
    assert show_dialog.isVisible()
    assert "shown only this once" in warned[0]


def test_key_is_shown_large_monospace_selectable_without_splitting_a_group(show_dialog):
    label = show_dialog.key_label
    assert label.text().replace("\n", "") == KEY
    assert all(len(group) <= 4 for group in label.text().replace("\n", "").split("-"))
    assert QFontInfo(label.font()).fixedPitch()
    assert label.font().pointSizeF() > show_dialog.font().pointSizeF() * 1.3
    assert label.textInteractionFlags() & label.textInteractionFlags().TextSelectableByMouse


def test_display_key_breaks_after_a_dash():
    lines = display_key(KEY).split("\n")
    assert len(lines) == 2 and lines[0].endswith("-")


def test_printed_sheet_has_key_date_path_and_instructions(show_dialog, tmp_path):
    sheet = show_dialog.recovery_sheet_html()
    assert KEY.split("-")[0] in sheet and KEY.split("-")[-1] in sheet
    assert LOCATION in sheet
    assert "locked away" in sheet
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "sheet.pdf"))
    show_dialog.print_sheet(printer)
    assert (tmp_path / "sheet.pdf").read_bytes().startswith(b"%PDF")


def test_without_print_support_the_key_can_be_saved_as_text(qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(recovery_key_dialog, "HAVE_PRINT", False)
    target = tmp_path / "key.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    dialog = RecoveryKeyDialog(SHOW, key=KEY, location=LOCATION)
    qtbot.addWidget(dialog, before_close_func=tick)
    assert dialog.print_button.text() == "&Save as Text…"
    dialog.print_button.click()
    text = target.read_text(encoding="utf-8")
    assert KEY.split("-")[5] in text and LOCATION in text


def test_enter_mode_explains_why_and_checks_the_format_lightly(enter_dialog):
    assert "Windows Credential Manager" in enter_dialog._text.text()
    enter_dialog.key_edit.setText("ABCD-EFGH")
    enter_dialog.continue_button.click()
    assert enter_dialog.isVisible()
    assert enter_dialog.key_message.isVisible()
    enter_dialog.key_edit.setText(KEY.lower())
    assert not enter_dialog.key_message.isVisible()
    enter_dialog.continue_button.click()
    assert enter_dialog.result() == QDialog.DialogCode.Accepted
    assert enter_dialog.recovery_key() == KEY.lower()


def test_full_width_input_from_a_chinese_input_method_is_normalised():
    full_width = "ＭＦＲＧ－ＧＺＤＦ"
    assert normalise_key(f"  {full_width} ") == "MFRG-GZDF"


def test_enter_mode_shows_the_core_rejection_under_the_field(enter_dialog):
    enter_dialog.key_edit.setText(KEY)
    enter_dialog.set_error("This is not a valid recovery key.")
    assert enter_dialog.key_message.text() == "This is not a valid recovery key."
    assert enter_dialog.key_edit.selectedText() == KEY


def test_keyring_unavailable_has_its_own_explanation(qtbot):
    dialog = RecoveryKeyDialog(ENTER, location=LOCATION, backend="x", reason="keyring_unavailable")
    qtbot.addWidget(dialog)
    assert "cannot be used" in dialog._text.text()
