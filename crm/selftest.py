"""`crm self-test`: checks that this installation can do its job (storage, keyring, migrations, UI)."""

from __future__ import annotations

import shutil
import sys
import tempfile
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Protocol

from crm import db, secrets


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str = ""


class UiChecks(Protocol):
    def ui_checks(self, storage: db.Storage) -> list[Check]: ...


def _run(name: str, fn: Callable[[], str]) -> Check:
    try:
        return Check(name, True, fn() or "")
    except Exception as exc:  # a self-test reports every failure instead of stopping at the first
        return Check(name, False, f"{type(exc).__name__}: {exc}")


def run_checks(gui: UiChecks | None) -> dict:
    checks: list[Check] = []
    checks.append(_run("python_version", _check_python))
    checks.append(_run("keyring_roundtrip", _check_keyring))
    tmp = Path(tempfile.mkdtemp(prefix="crm-selftest-"))
    storage: db.Storage | None = None
    try:
        state: dict = {}
        checks.append(_run("encrypted_database", lambda: _check_database(tmp, state)))
        storage = state.get("storage")
        if storage is not None:
            checks.append(_run("no_plaintext_on_disk", lambda: _check_no_plaintext(tmp, storage)))
            checks.append(_run("backup_roundtrip", lambda: _check_backup(tmp, storage)))
            if gui is not None:
                try:
                    checks.extend(gui.ui_checks(storage))
                except Exception as exc:
                    checks.append(Check("ui", False, f"{type(exc).__name__}: {exc}"))
    finally:
        if storage is not None:
            storage.close()
        meta = db._read_meta(tmp) if tmp.exists() else {}
        if meta.get("db_id"):
            secrets.delete_secret(secrets.db_key_account(meta["db_id"]))
        shutil.rmtree(tmp, ignore_errors=True)
    return {
        "ok": all(c.ok for c in checks),
        "keyring_backend": secrets.backend_name(),
        "checks": [asdict(c) for c in checks],
    }


def _check_python() -> str:
    version = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info < (3, 12):
        raise RuntimeError(f"Python {version} < 3.12 (PySide6 6.12 aborts on 3.11)")
    return version


def _check_keyring() -> str:
    if not secrets.keyring_usable():
        raise RuntimeError(f"no usable keyring backend ({secrets.backend_name()})")
    account = f"self-test:{uuid.uuid4().hex}"
    value = uuid.uuid4().hex
    secrets.set_secret(account, value)
    try:
        if secrets.get_secret(account) != value:
            raise RuntimeError("value read back differs")
    finally:
        secrets.delete_secret(account)
    if secrets.get_secret(account) is not None:
        raise RuntimeError("entry still present after delete")
    return secrets.backend_name()


_PROBE_NAME = "自检张三"
_PROBE_PHONE = "13912345678"


def _check_database(tmp: Path, state: dict) -> str:
    from crm.models import Customer, CustomerPhone

    storage, recovery = db.create_local(tmp)
    state["storage"] = storage
    with storage.db.atomic():
        customer = Customer.create(name=_PROBE_NAME, name_pinyin="zijianzhangsan", name_initials="zjzs")
        CustomerPhone.create(customer=customer, number=_PROBE_PHONE, number_rev=_PROBE_PHONE[::-1])
    if Customer.get_by_id(customer.id).name != _PROBE_NAME:
        raise RuntimeError("row read back differs")
    applied = [m.name for m in db._runner(storage.db).status() if m.applied]
    return f"{len(applied)} migrations applied; cipher {storage.db.execute_sql('PRAGMA cipher_version').fetchone()[0]}"


def _check_no_plaintext(tmp: Path, storage: db.Storage) -> str:
    storage.db.execute_sql("PRAGMA wal_checkpoint(PASSIVE)")
    needles = (_PROBE_NAME.encode("utf-8"), _PROBE_PHONE.encode("ascii"))
    files = [p for p in tmp.iterdir() if p.name.startswith(db.DB_FILE)]
    for path in files:
        data = path.read_bytes()
        if any(n in data for n in needles):
            raise RuntimeError(f"plaintext found in {path.name}")
    return f"{len(files)} files scanned"


def _check_backup(tmp: Path, storage: db.Storage) -> str:
    out = db.backup(storage, tmp / "selftest-backup.db")
    data = out.read_bytes()
    if _PROBE_PHONE.encode() in data:
        raise RuntimeError("plaintext found in backup")
    return f"{len(data)} bytes"
