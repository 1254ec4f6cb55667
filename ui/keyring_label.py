"""Readable names for keyring backends (``crm.secrets.backend_name()`` gives module.Class)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_KNOWN = (
    ("windows", QT_TRANSLATE_NOOP("KeyringLabel", "Windows Credential Manager")),
    ("macos", QT_TRANSLATE_NOOP("KeyringLabel", "macOS Keychain")),
    ("secretservice", QT_TRANSLATE_NOOP("KeyringLabel", "Secret Service (GNOME Keyring)")),
    ("kwallet", QT_TRANSLATE_NOOP("KeyringLabel", "KDE Wallet")),
    ("fail", QT_TRANSLATE_NOOP("KeyringLabel", "none found")),
    ("null", QT_TRANSLATE_NOOP("KeyringLabel", "none found")),
)


def keyring_label(backend: str) -> str:
    """'Windows Credential Manager' for keyring.backends.Windows.WinVaultKeyring, the raw name otherwise."""
    lowered = backend.lower()
    for marker, label in _KNOWN:
        if marker in lowered:
            return QCoreApplication.translate("KeyringLabel", label)
    return backend
