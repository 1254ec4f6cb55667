"""Opening the database (SQLCipher file or PostgreSQL), pragmas, migrations, backup and restore.

Embedded default: one encrypted SQLite file per user, keyed with a random 256-bit raw key kept in the OS
keyring (or, explicitly chosen, a passphrase). A plain-text sidecar (``crm.meta.json``) records only the
database id and key mode, never a secret. Opening never creates a file over an existing one and never
writes to a file it could not decrypt.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import peewee
from playhouse.migrations import Runner

from crm import secrets
from crm.errors import CrmError, KeyringUnavailable, StorageError

log = logging.getLogger(__name__)

database_proxy = peewee.DatabaseProxy()
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
DB_FILE = "crm.db"
META_FILE = "crm.meta.json"
BACKUP_DIR = "backups"
KEY_MODE_KEYRING = "keyring"
KEY_MODE_PASSPHRASE = "passphrase"
SQLITE_PRAGMAS = (
    ("journal_mode", "wal"),
    ("synchronous", "full"),
    ("foreign_keys", 1),
    ("cache_size", -65536),  # 64 MB: scattered-row reads at plain-SQLite speed (FINDINGS)
    ("busy_timeout", 5000),
)


@dataclass
class Storage:
    """An open database and how it was opened."""

    db: peewee.Database
    mode: str  # "sqlcipher" | "postgresql"
    location: str
    data_dir: Path | None = None
    key_sql: str | None = field(default=None, repr=False)

    def close(self) -> None:
        if database_proxy.obj is self.db:
            database_proxy.initialize(None)
        if hasattr(self.db, "close_all"):  # pooled PostgreSQL
            self.db.close_all()
        elif not self.db.is_closed():
            self.db.close()


class _CipherDatabase(peewee.SqliteDatabase):
    """SQLite through sqlcipher3's bundled library, keyed before anything else touches the file."""

    def __init__(self, path: Path, key_sql: str, *, create: bool, **kwargs):
        self._key_sql = key_sql
        self._create = create
        super().__init__(str(path), pragmas=SQLITE_PRAGMAS, **kwargs)

    def _connect(self):
        from sqlcipher3 import dbapi2 as sqlcipher

        mode = "rwc" if self._create else "rw"
        uri = Path(self.database).resolve().as_uri() + f"?mode={mode}"
        conn = sqlcipher.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(self._key_sql)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError:
            conn.close()
            raise
        self._add_conn_hooks(conn)
        return conn


def db_path(data_dir: Path) -> Path:
    return Path(data_dir) / DB_FILE


def local_exists(data_dir: Path) -> bool:
    return db_path(data_dir).exists() or (Path(data_dir) / META_FILE).exists()


def _raw_key_sql(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def _passphrase_sql(passphrase: str) -> str:
    escaped = passphrase.replace("'", "''")
    return f"PRAGMA key = '{escaped}'"


def _read_meta(data_dir: Path) -> dict:
    try:
        return json.loads((Path(data_dir) / META_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise StorageError("meta_unreadable", path=str(Path(data_dir) / META_FILE), reason=str(exc)) from exc


def _write_meta(data_dir: Path, meta: dict) -> None:
    target = Path(data_dir) / META_FILE
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    os.replace(tmp, target)


def create_local(data_dir: Path, passphrase: str | None = None) -> tuple[Storage, str | None]:
    """Create a new encrypted database. Returns the storage and the recovery key (None with a passphrase)."""
    data_dir = Path(data_dir)
    if local_exists(data_dir):
        raise StorageError("db_exists", path=str(db_path(data_dir)))
    db_id = uuid.uuid4().hex
    if passphrase is None:
        if not secrets.keyring_usable():
            raise KeyringUnavailable("keyring_unavailable", backend=secrets.backend_name())
        key = secrets.new_database_key()
        secrets.store_db_key(db_id, key)
        key_sql, recovery = _raw_key_sql(key), secrets.format_recovery_key(key)
        mode = KEY_MODE_KEYRING
    else:
        key_sql, recovery, mode = _passphrase_sql(passphrase), None, KEY_MODE_PASSPHRASE
    data_dir.mkdir(parents=True, exist_ok=True)
    _write_meta(data_dir, {"db_id": db_id, "key_mode": mode, "created": _now_iso(), "format": 1})
    storage = _open_file(data_dir, key_sql, create=True)
    return storage, recovery


def open_local(data_dir: Path, passphrase: str | None = None, recovery_key: str | None = None) -> Storage:
    """Open the existing database in ``data_dir``; see StorageError codes in the module docs of ui/errors."""
    data_dir = Path(data_dir)
    path = db_path(data_dir)
    if not path.exists():
        raise StorageError("db_missing", path=str(path))
    meta = _read_meta(data_dir)
    db_id = meta.get("db_id")
    if recovery_key is not None:
        key = secrets.parse_recovery_key(recovery_key)
        storage = _open_file(data_dir, _raw_key_sql(key), create=False)
        _adopt_recovered_key(data_dir, meta, key)
        return storage
    if meta.get("key_mode") == KEY_MODE_PASSPHRASE or passphrase is not None:
        if not passphrase:
            raise StorageError("passphrase_required", path=str(path))
        try:
            return _open_file(data_dir, _passphrase_sql(passphrase), create=False)
        except StorageError as exc:
            if exc.code == "wrong_key":
                raise StorageError("wrong_passphrase", path=str(path)) from None
            raise
    if not db_id:
        raise StorageError("key_missing", path=str(path), reason="meta_missing")
    if not secrets.keyring_usable():
        raise KeyringUnavailable("keyring_unavailable", backend=secrets.backend_name(), path=str(path))
    key = secrets.load_db_key(db_id)
    if key is None:
        raise StorageError("key_missing", path=str(path), reason="keyring_entry_missing")
    return _open_file(data_dir, _raw_key_sql(key), create=False)


def _adopt_recovered_key(data_dir: Path, meta: dict, key: bytes) -> None:
    """After opening with the recovery key, put the key back into this machine's keyring."""
    db_id = meta.get("db_id") or uuid.uuid4().hex
    try:
        secrets.store_db_key(db_id, key)
    except KeyringUnavailable:
        log.warning("database opened with the recovery key but the keyring is unusable; key not stored")
        return
    _write_meta(data_dir, {**meta, "db_id": db_id, "key_mode": KEY_MODE_KEYRING, "format": 1})


def _open_file(data_dir: Path, key_sql: str, *, create: bool) -> Storage:
    from sqlcipher3 import dbapi2 as sqlcipher  # peewee wraps some of its errors in its own classes

    path = db_path(data_dir)
    db = _CipherDatabase(path, key_sql, create=create)
    try:
        db.connect()
    except (sqlcipher.DatabaseError, peewee.DatabaseError) as exc:
        if "not a database" in str(exc):
            raise StorageError("wrong_key", path=str(path)) from None
        raise StorageError("open_failed", path=str(path), reason=str(exc)) from exc
    storage = Storage(db=db, mode="sqlcipher", location=str(path), data_dir=data_dir, key_sql=key_sql)
    try:
        migrate(storage)
    except BaseException:
        db.close()
        raise
    database_proxy.initialize(db)
    return storage


def open_url(url: str) -> Storage:
    """Team mode: PostgreSQL with pooled connections, the password read from the keyring."""
    from playhouse.postgres_ext import PooledPsycopg3Database

    parts = urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres") or not parts.hostname or len(parts.path) < 2:
        raise StorageError("bad_db_url", url=_safe_url(url))
    if parts.password:
        raise StorageError("password_in_url", url=_safe_url(url))
    password = secrets.get_secret(secrets.pg_account(url))
    if password is None:
        raise StorageError("pg_password_missing", url=_safe_url(url), account=secrets.pg_account(url))
    db = PooledPsycopg3Database(
        unquote(parts.path[1:]), user=unquote(parts.username or ""), password=password,
        host=parts.hostname, port=parts.port or 5432, max_connections=8, stale_timeout=300,
        connect_timeout=5, application_name="bank-crm",
    )
    try:
        db.connect()
    except peewee.OperationalError as exc:
        reason = "auth" if "password" in str(exc).lower() else "unreachable"
        raise StorageError("pg_unreachable", url=_safe_url(url), reason=reason) from None
    storage = Storage(db=db, mode="postgresql", location=_safe_url(url))
    try:
        migrate(storage)
    except BaseException:
        db.close_all()
        raise
    db.close()
    database_proxy.initialize(db)
    return storage


def _safe_url(url: str) -> str:
    parts = urlsplit(url)
    host = f"{parts.hostname}:{parts.port}" if parts.port else (parts.hostname or "")
    user = f"{parts.username}@" if parts.username else ""
    return f"{parts.scheme}://{user}{host}{parts.path}"


# --- migrations ---------------------------------------------------------------------------------

def _runner(db: peewee.Database, directory: Path = MIGRATIONS_DIR) -> Runner:
    return Runner(db, directory=str(directory))


def pending_migrations(db: peewee.Database, directory: Path = MIGRATIONS_DIR) -> list[str]:
    return [m.name for m in _runner(db, directory).status() if m.path is not None and not m.applied]


def apply_migrations(database: peewee.Database, directory: Path = MIGRATIONS_DIR) -> list[str]:
    """Apply pending migrations in order; each runs in its own transaction. Returns applied names."""
    return list(_runner(database, directory).up() or [])


def migrate(storage: Storage, directory: Path = MIGRATIONS_DIR) -> list[str]:
    """Bring the schema up to date; an existing local database is backed up first."""
    runner = _runner(storage.db, directory)
    status = runner.status()
    pending = [m.name for m in status if m.path is not None and not m.applied]
    if not pending:
        return []
    if storage.mode == "sqlcipher" and any(m.applied for m in status):
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup(storage, Path(storage.data_dir) / BACKUP_DIR / f"pre-migrate-{stamp}.db")
    applied: list[str] = []
    for name in pending:
        try:
            applied.extend(runner.up(target=name) or [])
        except Exception as exc:
            log.exception("migration %s failed", name)
            raise StorageError("migration_failed", migration=name, reason=str(exc)) from exc
    return applied


# --- backup and restore -------------------------------------------------------------------------

def backup(storage: Storage, out: Path) -> Path:
    """Online backup of the open SQLCipher database into ``out`` (same key: the copy stays encrypted)."""
    if storage.mode != "sqlcipher":
        raise StorageError("backup_not_supported", mode=storage.mode)
    from sqlcipher3 import dbapi2 as sqlcipher

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".partial")
    tmp.unlink(missing_ok=True)
    try:
        target = sqlcipher.connect(str(tmp))
        try:
            target.execute("PRAGMA cipher_log_level = NONE")
            target.execute(storage.key_sql)
            storage.db.connection().backup(target)
        finally:
            target.close()
        os.replace(tmp, out)
    except (sqlcipher.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError("backup_failed", path=str(out), reason=str(exc)) from exc
    return out


def restore(data_dir: Path, source: Path, passphrase: str | None = None, recovery_key: str | None = None) -> Path:
    """Replace the database in ``data_dir`` with a backup; the current file is kept as a backup first.

    The backup must open with this database's key (or the given passphrase/recovery key); nothing is
    replaced unless it does.
    """
    data_dir, source = Path(data_dir), Path(source)
    if not source.is_file():
        raise StorageError("backup_missing", path=str(source))
    staging_dir = data_dir / BACKUP_DIR / f"restore-{uuid.uuid4().hex[:8]}"
    staging_dir.mkdir(parents=True)
    try:
        shutil.copyfile(source, db_path(staging_dir))
        meta = _read_meta(data_dir)
        if meta:
            _write_meta(staging_dir, meta)
        try:
            check = open_local(staging_dir, passphrase=passphrase, recovery_key=recovery_key)
        except CrmError as exc:
            raise StorageError("restore_rejected", path=str(source), reason=exc.code) from None
        check.close()
        current = db_path(data_dir)
        if current.exists():
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            kept = data_dir / BACKUP_DIR / f"pre-restore-{stamp}.db"
            for suffix in ("", "-wal"):  # an unclean stop may leave committed pages in the WAL
                if Path(str(current) + suffix).exists():
                    shutil.copyfile(str(current) + suffix, str(kept) + suffix)
        for suffix in ("-wal", "-shm"):
            Path(str(current) + suffix).unlink(missing_ok=True)
        os.replace(db_path(staging_dir), current)
        if not meta:
            _write_meta(data_dir, _read_meta(staging_dir))
    finally:
        shutil.rmtree(staging_dir, ignore_errors=True)
    return db_path(data_dir)


def _now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
