"""The command line: global options, one clear error line (never a traceback), backup/restore, self-test."""

from __future__ import annotations

import json

import pytest

from crm import cli, db


def run(argv, capsys):
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_init_prints_recovery_key_once_and_refuses_to_overwrite(tmp_path, capsys):
    code, out, err = run(["--data-dir", str(tmp_path), "init"], capsys)
    assert code == 0 and "RECOVERY KEY" in err
    code, out, err = run(["--data-dir", str(tmp_path), "init"], capsys)
    assert code == 2
    assert err.startswith("crm: error: a database already exists") and "Traceback" not in err
    assert err.count("\n") == 1


def test_data_dir_from_environment(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CRM_DATA_DIR", str(tmp_path / "env"))
    assert run(["init"], capsys)[0] == 0
    assert db.db_path(tmp_path / "env").exists()


def test_backup_restore_via_cli(tmp_path, capsys):
    base = ["--data-dir", str(tmp_path / "d")]
    assert run(base + ["init"], capsys)[0] == 0
    code, out, err = run(base + ["backup", "--out", str(tmp_path / "b.db")], capsys)
    assert code == 0 and "backup written" in out
    code, out, err = run(base + ["restore", str(tmp_path / "b.db")], capsys)
    assert code == 0, err
    code, out, err = run(base + ["restore", str(tmp_path / "nope.db")], capsys)
    assert code == 2 and "no backup file" in err


def test_lost_keyring_entry_message_says_how_to_recover(tmp_path, capsys, fake_keyring):
    base = ["--data-dir", str(tmp_path)]
    _, _, err = run(base + ["init"], capsys)
    recovery = err.split("\n")[2].strip()
    fake_keyring.entries.clear()
    code, out, err = run(base + ["backup", "--out", str(tmp_path / "x.db")], capsys)
    assert code == 2 and "--recovery-key" in err and "Traceback" not in err
    code, out, err = run(base + ["--recovery-key", recovery, "backup", "--out", str(tmp_path / "x.db")], capsys)
    assert code == 0, err


def test_passphrase_mode_from_environment(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CRM_PASSPHRASE", "a long enough passphrase")
    base = ["--data-dir", str(tmp_path), "--passphrase"]
    code, out, err = run(base + ["init"], capsys)
    assert code == 0 and "RECOVERY KEY" not in err
    monkeypatch.setenv("CRM_PASSPHRASE", "wrong passphrase here")
    code, out, err = run(base + ["backup", "--out", str(tmp_path / "x.db")], capsys)
    assert code == 2 and "passphrase does not open" in err


def test_bad_db_url_is_one_line(capsys):
    code, out, err = run(["--db-url", "mysql://nope", "backup", "--out", "x"], capsys)
    assert code == 2 and err.startswith("crm: error:") and err.count("\n") == 1


def test_unknown_command_is_argparse_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["frobnicate"])
    assert exit_info.value.code == 2


def test_self_test_core_checks_and_json(tmp_path, capsys):
    report_path = tmp_path / "st.json"
    code, out, err = run(["self-test", "--no-gui", "--json", str(report_path)], capsys)
    report = json.loads(report_path.read_text(encoding="utf-8"))
    names = {c["name"]: c for c in report["checks"]}
    assert {"python_version", "keyring_roundtrip", "encrypted_database", "no_plaintext_on_disk",
            "backup_roundtrip"} <= set(names)
    assert report["ok"] and code == 0, out
    assert "self-test passed" in out


def test_self_test_fails_without_a_usable_keyring(tmp_path, capsys, monkeypatch):
    import keyring
    from keyring.backends import fail

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    code, out, err = run(["self-test", "--no-gui"], capsys)
    assert code == 1 and "FAIL keyring_roundtrip" in out


def test_search_command_json(tmp_path, capsys):
    from crm import db as crm_db
    from crm.services import customers
    from crm.services.customers import NewCustomer

    base = ["--data-dir", str(tmp_path)]
    assert run(base + ["init"], capsys)[0] == 0
    storage = crm_db.open_local(tmp_path)
    customers.create_customer(None, NewCustomer(name="张三", phones=("13812345678",)))
    customers.create_customer(None, NewCustomer(name="张三丰", phones=("13912345678",)))
    storage.close()
    code, out, err = run(base + ["search", "+86 138 1234 5678", "--json"], capsys)
    hits = json.loads(out)
    assert code == 0 and hits[0]["name"] == "张三" and hits[0]["phone"] == "138****5678"
    assert {"id", "name", "phone", "segment"} <= set(hits[0])
    code, out, err = run(base + ["search", "zs", "--limit", "1", "--json"], capsys)
    assert len(json.loads(out)) == 1
    code, out, err = run(base + ["search", "zs", "--limit", "0"], capsys)
    assert code == 2 and "--limit must be between" in err
