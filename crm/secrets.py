"""The only module that talks to the OS keyring: database keys, team-database and mail passwords."""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets as _random
import sys
from urllib.parse import urlsplit

import keyring
import keyring.errors
from keyring.backends.chainer import ChainerBackend

from crm.errors import KeyringUnavailable, ValidationError

log = logging.getLogger(__name__)

SERVICE = "bank-crm"
KEY_BYTES = 32  # 256-bit SQLCipher raw key
_RECOVERY_CHECK_BYTES = 2
_configured = False

# Backends that "work" but do not protect anything or only exist for tests/fallbacks.
_UNSAFE_BACKEND_MARKERS = ("fail", "null", "plaintext")


def configure_backend() -> str:
    """Choose the keyring backend once: Credential Locker on Windows, keyring's default elsewhere."""
    global _configured
    if not _configured and sys.platform == "win32":
        from keyring.backends import Windows

        keyring.set_keyring(Windows.WinVaultKeyring())
    _configured = True
    return backend_name()


def backend_name() -> str:
    kr = keyring.get_keyring()
    return f"{type(kr).__module__}.{type(kr).__name__}"


def keyring_usable() -> bool:
    """True when the active backend stores secrets somewhere protected (not a fail/null backend)."""
    configure_backend()
    kr = keyring.get_keyring()
    if isinstance(kr, ChainerBackend):
        return bool(kr.backends)
    return not any(marker in backend_name().lower() for marker in _UNSAFE_BACKEND_MARKERS)


def get_secret(account: str) -> str | None:
    configure_backend()
    try:
        return keyring.get_password(SERVICE, account)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable("keyring_unavailable", backend=backend_name(), reason=type(exc).__name__) from exc


def set_secret(account: str, value: str) -> None:
    configure_backend()
    if not keyring_usable():
        raise KeyringUnavailable("keyring_unavailable", backend=backend_name())
    try:
        keyring.set_password(SERVICE, account, value)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable("keyring_unavailable", backend=backend_name(), reason=type(exc).__name__) from exc


def delete_secret(account: str) -> None:
    configure_backend()
    try:
        keyring.delete_password(SERVICE, account)
    except keyring.errors.PasswordDeleteError:
        pass


# --- database keys ---------------------------------------------------------------------------

def db_key_account(db_id: str) -> str:
    return f"db-key:{db_id}"


def new_database_key() -> bytes:
    return _random.token_bytes(KEY_BYTES)


def store_db_key(db_id: str, key: bytes) -> None:
    set_secret(db_key_account(db_id), key.hex())


def load_db_key(db_id: str) -> bytes | None:
    value = get_secret(db_key_account(db_id))
    return bytes.fromhex(value) if value else None


def format_recovery_key(key: bytes) -> str:
    """Human-copyable form of the key: base32 groups of four, with a two-byte checksum at the end."""
    check = hashlib.sha256(key).digest()[:_RECOVERY_CHECK_BYTES]
    text = base64.b32encode(key + check).decode("ascii").rstrip("=")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    """Inverse of format_recovery_key; tolerant of spaces, dashes and lower case; checks the checksum."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except (ValueError, base64.binascii.Error):
        raise ValidationError("invalid_recovery_key", field="recovery_key", reason="format") from None
    if len(raw) != KEY_BYTES + _RECOVERY_CHECK_BYTES:
        raise ValidationError("invalid_recovery_key", field="recovery_key", reason="length")
    key, check = raw[:KEY_BYTES], raw[KEY_BYTES:]
    if hashlib.sha256(key).digest()[:_RECOVERY_CHECK_BYTES] != check:
        raise ValidationError("invalid_recovery_key", field="recovery_key", reason="checksum")
    return key


# --- team database and mail passwords ----------------------------------------------------------

def pg_account(url: str) -> str:
    """Keyring account for a PostgreSQL URL: user@host:port/db (never the password itself)."""
    parts = urlsplit(url)
    port = parts.port or 5432
    return f"pg:{parts.username or ''}@{parts.hostname or ''}:{port}{parts.path or '/'}"


def mail_account(address: str) -> str:
    return f"mail:{address.lower()}"
