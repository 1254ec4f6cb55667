"""Opening the database at start-up: first run, passphrase prompt, recovery key, fatal errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from crm.errors import KeyringUnavailable, StorageError, ValidationError
from ui import storage_opener
from ui.dialogs.passphrase_dialog import PassphraseDialog
from ui.dialogs.recovery_key_dialog import ENTER, SHOW, RecoveryKeyDialog
from ui.dialogs.setup_dialog import SetupDialog
from ui.storage_opener import StorageOpener
from ui_fakes import GUI, FakeDb, FakeStorage, fake_secrets

pytestmark = GUI
DATA = Path("/data/BankCRM")
KEY = "MFRG-GZDF-MZTW-Q2LK-NNWW-23TP-OBYX-E43U-OR3X-O6DZ-PJAU-CQ2E-IRCU-EQ3"


class Script:
    """Plays the user: each step fills in the dialog it is given and says whether to accept it."""

    def __init__(self, *steps):
        self.steps = list(steps)
        self.seen: list[object] = []
        self.messages: list[str] = []  # the field message each dialog showed when it came up

    def __call__(self, dialog) -> bool:
        self.seen.append(dialog)
        message = getattr(dialog, "key_message", None) or getattr(dialog, "message", None)
        self.messages.append(message.text() if message is not None and message.isVisibleTo(dialog) else "")
        return self.steps.pop(0)(dialog)


def keyring_choice(dialog: SetupDialog) -> bool:
    assert isinstance(dialog, SetupDialog)
    return True


def passphrase_choice(dialog: SetupDialog) -> bool:
    dialog.passphrase_check.setChecked(True)
    dialog.passphrase_edit.setText("a long passphrase")
    dialog.confirm_edit.setText("a long passphrase")
    return dialog.validate()


def tick_stored(dialog: RecoveryKeyDialog) -> bool:
    assert dialog.mode == SHOW and not dialog.continue_button.isEnabled()
    dialog.stored_check.setChecked(True)
    return True


def type_key(text: str):
    def step(dialog: RecoveryKeyDialog) -> bool:
        assert dialog.mode == ENTER
        dialog.key_edit.setText(text)
        return True
    return step


def type_passphrase(text: str):
    def step(dialog: PassphraseDialog) -> bool:
        assert isinstance(dialog, PassphraseDialog)
        dialog.passphrase_edit.setText(text)
        return True
    return step


def cancel(dialog) -> bool:
    return False


@pytest.fixture
def shown_errors(monkeypatch):
    errors = []
    monkeypatch.setattr(storage_opener, "show_error", lambda parent, exc, title=None: errors.append(exc))
    return errors


def opener(db: FakeDb, script: Script, usable: bool = True) -> StorageOpener:
    return StorageOpener(db=db, secrets=fake_secrets(usable), run_dialog=script)


def test_first_run_keyring_shows_the_recovery_key_once(qtbot):
    storage = FakeStorage("sqlcipher", "/data/BankCRM/crm.db")
    db = FakeDb(exists=False, create_results=[(storage, KEY)])
    script = Script(keyring_choice, tick_stored)
    assert opener(db, script).open(DATA, None) is storage
    assert db.calls == [("create_local", {"passphrase": None})]
    recovery = script.seen[1]
    assert recovery.key_label.text().replace("\n", "") == KEY


def test_first_run_with_passphrase_has_no_recovery_key(qtbot):
    storage = FakeStorage("sqlcipher", "/data/BankCRM/crm.db")
    db = FakeDb(exists=False, create_results=[(storage, None)])
    script = Script(passphrase_choice)
    assert opener(db, script).open(DATA, None) is storage
    assert db.calls == [("create_local", {"passphrase": "a long passphrase"})]


def test_keyring_failing_at_creation_offers_the_passphrase_instead(qtbot):
    storage = FakeStorage("sqlcipher", "/data/BankCRM/crm.db")
    db = FakeDb(exists=False, create_results=[KeyringUnavailable("keyring_unavailable", backend="fail"),
                                              (storage, None)])
    script = Script(keyring_choice, passphrase_choice)
    assert opener(db, script).open(DATA, None) is storage
    setup = script.seen[0]
    assert script.seen[1] is setup and not setup.passphrase_check.isEnabled()


def test_cancelling_the_first_run_exits_without_error(qtbot):
    db = FakeDb(exists=False)
    o = opener(db, Script(cancel))
    assert o.open(DATA, None) is None
    assert o.exit_code == 0 and db.calls == []


def test_missing_keyring_entry_asks_for_the_recovery_key_until_it_opens(qtbot):
    storage = FakeStorage("sqlcipher", "/data/BankCRM/crm.db")
    db = FakeDb(open_results=[
        StorageError("key_missing", path="/data/BankCRM/crm.db", reason="keyring_entry_missing"),
        ValidationError("invalid_recovery_key", field="recovery_key", reason="checksum"),
        storage,
    ])
    script = Script(type_key("MFRG-WRONG-" + KEY[11:]), type_key(f"  {KEY} "))
    assert opener(db, script).open(DATA, None) is storage
    assert db.calls[1:] == [("open_local", {"passphrase": None, "recovery_key": "MFRG-WRONG-" + KEY[11:]}),
                            ("open_local", {"passphrase": None, "recovery_key": KEY})]
    dialog = script.seen[0]
    assert script.seen[1] is dialog
    assert script.messages[0] == ""
    assert script.messages[1] == "The recovery key contains a typing error. Compare each group with the printed sheet."


def test_passphrase_database_prompts_and_retries_on_a_wrong_passphrase(qtbot):
    storage = FakeStorage("sqlcipher", "/data/BankCRM/crm.db")
    db = FakeDb(open_results=[StorageError("passphrase_required", path="/data/BankCRM/crm.db"),
                              StorageError("wrong_passphrase", path="/data/BankCRM/crm.db"),
                              storage])
    script = Script(type_passphrase("wrong one"), type_passphrase("right one"))
    assert opener(db, script).open(DATA, None) is storage
    assert [c[1]["passphrase"] for c in db.calls] == [None, "wrong one", "right one"]
    assert script.messages == ["", "The passphrase is not correct."]


def test_other_storage_errors_are_shown_and_exit_non_zero(qtbot, shown_errors):
    db = FakeDb(open_results=[StorageError("migration_failed", migration="0003_cases", reason="x")])
    o = opener(db, Script())
    assert o.open(DATA, None) is None
    assert o.exit_code == 1
    assert [e.code for e in shown_errors] == ["migration_failed"]


def test_team_database_opens_by_url_and_reports_an_unreachable_server(qtbot, shown_errors):
    db = FakeDb(open_results=[StorageError("pg_unreachable", url="postgresql://a@h/crm", reason="unreachable")])
    o = opener(db, Script())
    assert o.open(DATA, "postgresql://a@h/crm") is None
    assert db.calls == [("open_url", {"url": "postgresql://a@h/crm"})]
    assert o.exit_code == 1 and shown_errors[0].code == "pg_unreachable"
