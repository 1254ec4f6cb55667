"""Embedded storage: encrypted file, keyring key, recovery key, passphrase mode, migrations, backup/restore."""

from __future__ import annotations

import hashlib
from pathlib import Path

import keyring
import pytest

from crm import db, secrets
from crm.errors import KeyringUnavailable, StorageError

NAME = "欧阳明月"
PHONE = "13987654321"


def _add_customer(storage: db.Storage) -> int:
    from crm.models import Customer, CustomerPhone

    with storage.db.atomic():
        c = Customer.create(name=NAME, name_pinyin="ouyangmingyue", name_initials="oymy")
        CustomerPhone.create(customer=c, number=PHONE, number_rev=PHONE[::-1])
    return c.id


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(data_dir: Path) -> list[Path]:
    return sorted(p for p in data_dir.rglob("*") if p.is_file())


def _data_digests(data_dir: Path) -> dict[str, str]:
    """Every file that holds data; SQLite's -shm is a transient shared-memory index, not data."""
    return {p.name: _digest(p) for p in _files(data_dir) if not p.name.endswith("-shm")}


def test_create_reopen_round_trip(tmp_path):
    storage, recovery = db.create_local(tmp_path)
    assert recovery and storage.mode == "sqlcipher"
    cid = _add_customer(storage)
    storage.close()
    reopened = db.open_local(tmp_path)
    from crm.models import Customer

    assert Customer.get_by_id(cid).name == NAME
    assert reopened.db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert reopened.db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert reopened.db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    reopened.close()


def test_no_plaintext_in_database_wal_or_backup(tmp_path):
    storage, _ = db.create_local(tmp_path)
    _add_customer(storage)
    # Read the WAL before a checkpoint, then the main file after one, then a backup.
    wal = Path(str(db.db_path(tmp_path)) + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    backup = db.backup(storage, tmp_path / "b" / "copy.db")
    storage.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    storage.close()
    needles = [NAME.encode("utf-8"), PHONE.encode("ascii"), PHONE.encode("utf-16-le")]
    scanned = _files(tmp_path)
    assert wal in scanned or True  # WAL may have been truncated away after checkpoint
    for path in scanned + [backup]:
        data = path.read_bytes()
        for needle in needles:
            assert needle not in data, f"plaintext {needle!r} in {path.name}"


def test_wal_contents_are_encrypted_before_checkpoint(tmp_path):
    storage, _ = db.create_local(tmp_path)
    _add_customer(storage)
    wal = Path(str(db.db_path(tmp_path)) + "-wal")
    data = wal.read_bytes()
    storage.close()
    assert NAME.encode() not in data and PHONE.encode() not in data


def test_key_lives_only_in_keyring_never_on_disk(tmp_path, fake_keyring):
    storage, recovery = db.create_local(tmp_path)
    storage.close()
    key = secrets.parse_recovery_key(recovery)
    for path in _files(tmp_path):
        data = path.read_bytes()
        assert key not in data and key.hex().encode() not in data and recovery.encode() not in data


def test_missing_keyring_entry_never_creates_or_changes_the_file(tmp_path):
    storage, recovery = db.create_local(tmp_path)
    cid = _add_customer(storage)
    storage.close()
    before = _data_digests(tmp_path)
    meta = db._read_meta(tmp_path)
    secrets.delete_secret(secrets.db_key_account(meta["db_id"]))
    with pytest.raises(StorageError) as err:
        db.open_local(tmp_path)
    assert err.value.code == "key_missing"
    assert _data_digests(tmp_path) == before
    # The recovery key reopens it and puts the key back into the keyring.
    reopened = db.open_local(tmp_path, recovery_key=recovery.lower().replace("-", " "))
    from crm.models import Customer

    assert Customer.get_by_id(cid).name == NAME
    reopened.close()
    db.open_local(tmp_path).close()


def test_wrong_key_is_reported_and_file_unchanged(tmp_path):
    storage, _ = db.create_local(tmp_path)
    _add_customer(storage)
    storage.close()
    before = _data_digests(tmp_path)
    meta = db._read_meta(tmp_path)
    secrets.store_db_key(meta["db_id"], secrets.new_database_key())
    with pytest.raises(StorageError) as err:
        db.open_local(tmp_path)
    assert err.value.code == "wrong_key"
    other = secrets.format_recovery_key(secrets.new_database_key())
    with pytest.raises(StorageError) as err:
        db.open_local(tmp_path, recovery_key=other)
    assert err.value.code == "wrong_key"
    assert _data_digests(tmp_path) == before


def test_missing_database_file_is_not_recreated(tmp_path):
    storage, _ = db.create_local(tmp_path)
    storage.close()
    db.db_path(tmp_path).unlink()
    with pytest.raises(StorageError) as err:
        db.open_local(tmp_path)
    assert err.value.code == "db_missing"
    assert not db.db_path(tmp_path).exists()
    with pytest.raises(StorageError) as err:
        db.create_local(tmp_path)  # the sidecar still names the lost database: refuse to start over silently
    assert err.value.code == "db_exists"


def test_mistyped_recovery_key_is_a_validation_error(tmp_path):
    storage, recovery = db.create_local(tmp_path)
    storage.close()
    typo = ("A" if recovery[0] != "A" else "B") + recovery[1:]
    with pytest.raises(Exception) as err:
        db.open_local(tmp_path, recovery_key=typo)
    assert getattr(err.value, "code", None) == "invalid_recovery_key"


def test_no_usable_keyring_offers_passphrase_and_writes_no_key(tmp_path, monkeypatch):
    from keyring.backends import fail

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    with pytest.raises(KeyringUnavailable):
        db.create_local(tmp_path / "a")
    assert not (tmp_path / "a").exists()
    storage, recovery = db.create_local(tmp_path / "b", passphrase="correct horse battery")
    assert recovery is None
    _add_customer(storage)
    storage.close()
    with pytest.raises(StorageError) as err:
        db.open_local(tmp_path / "b")
    assert err.value.code == "passphrase_required"
    with pytest.raises(StorageError) as err:
        db.open_local(tmp_path / "b", passphrase="wrong horse")
    assert err.value.code == "wrong_passphrase"
    db.open_local(tmp_path / "b", passphrase="correct horse battery").close()
    for path in _files(tmp_path / "b"):
        assert b"correct horse" not in path.read_bytes()


def test_failed_migration_leaves_old_schema_intact_after_backup(tmp_path):
    storage, _ = db.create_local(tmp_path)
    _add_customer(storage)
    tables_before = set(storage.db.get_tables())
    storage.close()
    bad_dir = tmp_path / "migrations"
    bad_dir.mkdir()
    for src in sorted(db.MIGRATIONS_DIR.glob("[0-9]*.py")):
        (bad_dir / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    (bad_dir / "9999_broken.py").write_text(
        "from peewee import *\n"
        "def up(migrator, db):\n"
        "    db.execute_sql('CREATE TABLE half_done (x INTEGER)')\n"
        "    migrator.migrate(migrator.add_column('customer', 'shoe_size', IntegerField(default=0)))\n"
        "    raise RuntimeError('boom')\n",
        encoding="utf-8",
    )
    reopened = db.open_local(tmp_path)
    with pytest.raises(StorageError) as err:
        db.migrate(reopened, directory=bad_dir)
    assert err.value.code == "migration_failed" and err.value.details["migration"] == "9999_broken"
    assert set(reopened.db.get_tables()) == tables_before
    assert "shoe_size" not in {c.name for c in reopened.db.get_columns("customer")}
    backups = list((tmp_path / db.BACKUP_DIR).glob("pre-migrate-*.db"))
    assert len(backups) == 1
    reopened.close()


def test_backup_and_restore(tmp_path):
    storage, _ = db.create_local(tmp_path)
    cid = _add_customer(storage)
    backup = db.backup(storage, tmp_path / "backup.db")
    from crm.models import Customer

    Customer.delete().where(Customer.id == cid).execute()
    storage.close()
    db.restore(tmp_path, backup)
    restored = db.open_local(tmp_path)
    assert Customer.get_by_id(cid).name == NAME
    restored.close()
    assert list((tmp_path / db.BACKUP_DIR).glob("pre-restore-*.db"))


def test_restore_rejects_a_file_that_is_not_ours_and_keeps_current(tmp_path):
    storage, _ = db.create_local(tmp_path)
    cid = _add_customer(storage)
    storage.close()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 100)
    before = _digest(db.db_path(tmp_path))
    with pytest.raises(StorageError) as err:
        db.restore(tmp_path, junk)
    assert err.value.code == "restore_rejected"
    assert _digest(db.db_path(tmp_path)) == before
    reopened = db.open_local(tmp_path)
    from crm.models import Customer

    assert Customer.get_by_id(cid).name == NAME
    reopened.close()


def test_backup_failure_leaves_no_partial_file(tmp_path):
    storage, _ = db.create_local(tmp_path)
    target_dir = tmp_path / "ro"
    target_dir.mkdir()
    (target_dir / "copy.db").mkdir()  # a directory where the file should go: os.replace fails
    with pytest.raises((StorageError, OSError)):
        db.backup(storage, target_dir / "copy.db")
    assert not (target_dir / "copy.db.partial").exists()
    storage.close()
