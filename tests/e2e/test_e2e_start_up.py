"""Golden paths of starting the program against the real core (SQLCipher file, in-memory keyring).

The dialogs are driven through StorageOpener's run_dialog seam: each step fills in the dialog the real
code put up and presses its button, as an agent would.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from crm import db
from ui.dialogs.passphrase_dialog import PassphraseDialog
from ui.dialogs.recovery_key_dialog import ENTER, SHOW, RecoveryKeyDialog
from ui.dialogs.setup_dialog import SetupDialog
from ui.app import build_main_window
from ui.storage_opener import StorageOpener
from ui.views.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore(r"^This plugin does not support ")]


class Agent:
    """Answers each dialog with the next step; remembers what it saw."""

    def __init__(self, *steps):
        self.steps = list(steps)
        self.seen: list[object] = []
        self.messages: list[str] = []  # the error each dialog showed when it came up
        self.recovery_key = ""

    def __call__(self, dialog) -> bool:
        self.seen.append(dialog)
        message = getattr(dialog, "key_message", None) or getattr(dialog, "message", None)
        self.messages.append(message.text() if message is not None and message.isVisibleTo(dialog) else "")
        return self.steps.pop(0)(self, dialog)


def choose_keyring(agent: Agent, dialog: SetupDialog) -> bool:
    assert isinstance(dialog, SetupDialog) and not dialog.passphrase_check.isChecked()
    dialog.create_button.click()
    return dialog.result() == dialog.DialogCode.Accepted


def write_down_key(agent: Agent, dialog: RecoveryKeyDialog) -> bool:
    assert dialog.mode == SHOW and not dialog.continue_button.isEnabled()
    agent.recovery_key = dialog.key_label.text().replace("\n", "")
    dialog.stored_check.setChecked(True)
    dialog.continue_button.click()
    return dialog.result() == dialog.DialogCode.Accepted


def type_key(text: str):
    def step(agent: Agent, dialog: RecoveryKeyDialog) -> bool:
        assert dialog.mode == ENTER
        dialog.key_edit.setText(text)
        dialog.continue_button.click()
        return dialog.result() == dialog.DialogCode.Accepted
    return step


def choose_passphrase(text: str):
    def step(agent: Agent, dialog: SetupDialog) -> bool:
        dialog.passphrase_check.setChecked(True)
        dialog.passphrase_edit.setText(text)
        dialog.confirm_edit.setText(text)
        dialog.create_button.click()
        return dialog.result() == dialog.DialogCode.Accepted
    return step


def type_passphrase(text: str):
    def step(agent: Agent, dialog: PassphraseDialog) -> bool:
        assert isinstance(dialog, PassphraseDialog)
        dialog.passphrase_edit.setText(text)
        return True
    return step


def open_with(data_dir: Path, agent: Agent, secrets=None):
    return StorageOpener(run_dialog=agent, secrets=secrets).open(data_dir, None)


def show_window(qtbot, storage) -> MainWindow:
    window = build_main_window(storage)  # as the app builds it: signed-in OS user, real customer panel
    qtbot.addWidget(window)
    window.show()
    window.show_overview()
    return window


def test_first_run_then_daily_start_then_lost_keyring(qtbot, tmp_path, fake_keyring, monkeypatch):
    data = tmp_path / "BankCRM"
    first = Agent(choose_keyring, write_down_key)
    storage = open_with(data, first)
    assert storage is not None and len(first.recovery_key) > 40
    window = show_window(qtbot, storage)
    assert window.storage_label.text() == f"Local encrypted database · {data / 'crm.db'}"
    assert window.home.cards["customers"].value() == "0"

    from crm.services.customers import NewCustomer, create_customer

    create_customer(None, NewCustomer(name="张三", phones=("13812345678",)))
    window.home.refresh()
    assert window.home.cards["customers"].value() == "1"

    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    assert window.back_up_to(tmp_path / "backup.db")
    assert (tmp_path / "backup.db").stat().st_size > 0
    window.close()
    storage.close()

    daily = Agent()  # the key is in the keyring: no dialog at all
    storage = open_with(data, daily)
    assert storage is not None and daily.seen == []
    storage.close()

    fake_keyring.entries.clear()  # new Windows profile: the keyring entry is gone
    typo = first.recovery_key[:-4] + ("AAAA" if not first.recovery_key.endswith("AAAA") else "BBBB")
    lost = Agent(type_key(typo), type_key(first.recovery_key.lower()))
    storage = open_with(data, lost)
    assert storage is not None
    assert lost.seen[0] is lost.seen[1]
    assert lost.messages == ["", "This is not a valid recovery key. Check each character and try again."]
    window = show_window(qtbot, storage)
    assert window.home.cards["customers"].value() == "1"
    storage.close()
    assert fake_keyring.entries, "the recovered key is put back into the keyring"


def test_passphrase_database_asks_every_start(qtbot, tmp_path):
    data = tmp_path / "BankCRM"
    storage = open_with(data, Agent(choose_passphrase("correct horse battery staple")))
    assert storage is not None
    storage.close()

    agent = Agent(type_passphrase("wrong horse battery staple"), type_passphrase("correct horse battery staple"))
    storage = open_with(data, agent)
    assert storage is not None and len(agent.seen) == 2
    assert agent.messages == ["", "The passphrase is not correct."]
    storage.close()


def test_cancelled_first_run_creates_nothing(qtbot, tmp_path):
    data = tmp_path / "BankCRM"
    opener = StorageOpener(run_dialog=Agent(lambda agent, dialog: False))
    assert opener.open(data, None) is None and opener.exit_code == 0
    assert not db.local_exists(data)
