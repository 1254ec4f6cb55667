"""Tiny stand-ins for the core's Storage and OverviewSummary, shaped like the real ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from crm.errors import StorageError


@dataclass
class FakeStorage:
    mode: str
    location: str
    data_dir: Path | None = None
    closed: bool = False

    def close(self) -> None:
        self.closed = True


@dataclass(frozen=True)
class FakeSummary:
    customers: int = 0
    interactions: int = 0
    open_cases: int = 0
    due_followups: int = 0


class CountingOverview:
    """overview() replacement that counts its calls and can be told to fail."""

    def __init__(self, summary: FakeSummary, error: Exception | None = None) -> None:
        self.summary = summary
        self.error = error
        self.calls = 0

    def __call__(self) -> FakeSummary:
        self.calls += 1
        if self.error is not None:
            raise self.error
        return self.summary


@dataclass
class FakeDb:
    """Plays crm.db: each open_local call pops the next scripted outcome (a Storage or an error)."""

    exists: bool = True
    open_results: list[Any] = field(default_factory=list)
    create_results: list[Any] = field(default_factory=list)
    calls: list[tuple[str, dict]] = field(default_factory=list)

    def local_exists(self, data_dir: Path) -> bool:
        return self.exists

    def _next(self, results: list[Any]) -> Any:
        result = results.pop(0)
        if isinstance(result, Exception):
            raise result
        return result

    def open_local(self, data_dir: Path, passphrase: str | None = None, recovery_key: str | None = None):
        self.calls.append(("open_local", {"passphrase": passphrase, "recovery_key": recovery_key}))
        return self._next(self.open_results)

    def create_local(self, data_dir: Path, passphrase: str | None = None):
        self.calls.append(("create_local", {"passphrase": passphrase}))
        return self._next(self.create_results)

    def open_url(self, url: str):
        self.calls.append(("open_url", {"url": url}))
        return self._next(self.open_results)


def fake_secrets(usable: bool = True, backend: str = "keyring.backends.Windows.WinVaultKeyring"):
    return SimpleNamespace(keyring_usable=lambda: usable, backend_name=lambda: backend)


def storage_error(code: str, **details: Any) -> StorageError:
    return StorageError(code, **details)




# The offscreen platform warns about window-system features it lacks (propagateSizeHints, raise,
# keyboard grabs); qt_log_level_fail = WARNING would fail every test that shows a window.
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore(r"^This plugin does not support ")
GUI = [pytest.mark.gui, OFFSCREEN_NOISE]
