"""Typed errors the core raises for user and environment problems (bugs stay ordinary exceptions).

The core never builds user-facing sentences: each error carries a stable ``code`` and a ``details``
mapping; the UI and the CLI turn them into translated text.
"""

from __future__ import annotations

from typing import Any


class CrmError(Exception):
    """Base of every expected, user-explainable failure."""

    def __init__(self, code: str, **details: Any) -> None:
        self.code = code
        self.details = details
        super().__init__(code, details)

    def __str__(self) -> str:
        if not self.details:
            return self.code
        parts = ", ".join(f"{k}={v}" for k, v in sorted(self.details.items()))
        return f"{self.code} ({parts})"


class ValidationError(CrmError):
    """Input that breaks a rule; ``details['field']`` (and ``row``/``line`` for files) say where."""


class ConflictError(CrmError):
    """Someone else saved the row since it was read (version mismatch)."""


class NotFound(CrmError):
    """A row that should exist does not."""


class PermissionDenied(CrmError):
    """The acting user's role does not allow the action."""


class StorageError(CrmError):
    """The database cannot be opened, created, migrated, backed up or restored."""


class KeyringUnavailable(StorageError):
    """No usable OS keyring; the caller may offer the explicit passphrase option."""
