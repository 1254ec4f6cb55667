"""Fixtures shared by the whole suite: offscreen Qt, a fake keyring, a throwaway PostgreSQL server."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

# Before anything can import Qt: no window system is needed or wanted in tests.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
# Code that asks keyring for its backend outside the fake_keyring fixture gets the "fail" backend,
# never the developer's real keyring. Child processes that need a real one drop this variable
# (helpers.secret_service does).
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

# tests/ on sys.path whatever pytest's import mode, so `import pg_server` / `from helpers...` work.
_TESTS_DIR = str(Path(__file__).resolve().parent)
if _TESTS_DIR not in sys.path:
    sys.path.insert(0, _TESTS_DIR)

import keyring  # noqa: E402
import keyring.core  # noqa: E402
import pytest  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402
from keyring.compat import properties  # noqa: E402
from keyring.errors import PasswordDeleteError  # noqa: E402

import pg_server as pg_server_harness  # noqa: E402

# Markers (declared in pyproject.toml) copied into the JUnit report, so CI can tell that
# PostgreSQL and slow tests really ran (see .ci/run).
_REPORTED_MARKERS = ("postgres", "slow", "gui")


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip() == "1"


def _slow_selected(config: pytest.Config) -> bool:
    expr = config.getoption("markexpr", default="") or ""
    return bool(re.search(r"\bslow\b", expr)) and not re.search(r"\bnot\s+slow\b", expr)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    run_slow = _env_flag("CRM_RUN_SLOW") or _slow_selected(config)
    skip_slow = pytest.mark.skip(reason="slow test: set CRM_RUN_SLOW=1 or pass -m slow")
    for item in items:
        if "pg_server" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("postgres"):
            item.add_marker(pytest.mark.postgres)
        for name in _REPORTED_MARKERS:
            if item.get_closest_marker(name):
                item.user_properties.append(("marker", name))
        if not run_slow and item.get_closest_marker("slow"):
            item.add_marker(skip_slow)


# --- keyring ---------------------------------------------------------------------------------------

class MemoryKeyring(KeyringBackend):
    """An in-memory keyring; `entries` maps (service, username) to the secret."""

    @properties.classproperty
    def priority(cls) -> float:
        # Never chosen by keyring's own detection: only installed explicitly by the fixture.
        raise RuntimeError("test-only backend")

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.entries[(service, username)]
        except KeyError:
            raise PasswordDeleteError(f"no entry for {service!r}/{username!r}") from None


@pytest.fixture(autouse=True)
def fake_keyring() -> Iterator[MemoryKeyring]:
    """Every test runs against an empty in-memory keyring; the previous backend is restored after."""
    # Read the module attribute rather than get_keyring(): that would run backend detection.
    previous = keyring.core._keyring_backend
    fake = MemoryKeyring()
    keyring.set_keyring(fake)
    try:
        yield fake
    finally:
        keyring.core._keyring_backend = previous


# --- PostgreSQL ------------------------------------------------------------------------------------

def _postgres_unavailable(reason: str) -> None:
    if _env_flag("CRM_REQUIRE_POSTGRES"):
        pytest.fail(f"PostgreSQL required (CRM_REQUIRE_POSTGRES=1) but unavailable: {reason}",
                    pytrace=False)
    pytest.skip(f"PostgreSQL unavailable: {reason}")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pg_server_harness.PgServer]:
    """One throwaway server for the whole run (started on first use, ~1 s)."""
    reason = pg_server_harness.available()
    if reason:
        _postgres_unavailable(reason)
    try:
        server = pg_server_harness.PgServer.start()
    except (pg_server_harness.PgServerError, OSError, subprocess.SubprocessError) as exc:
        _postgres_unavailable(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: pg_server_harness.PgServer, fake_keyring: MemoryKeyring) -> str:
    """A fresh empty database's URL (no password in it); the password is in the fake keyring."""
    from crm import secrets  # lazily: only PostgreSQL tests need the core importable here

    url = pg_server.url(pg_server.create_database())
    secrets.set_secret(secrets.pg_account(url), pg_server.password)
    return url


# --- storage fixtures (integrator) -----------------------------------------------------------------

@pytest.fixture(params=["sqlcipher", pytest.param("postgres", marks=pytest.mark.postgres)])
def storage(request: pytest.FixtureRequest, tmp_path: Path, fake_keyring: MemoryKeyring):
    """An open, migrated database bound to crm.db.database_proxy: the service suite runs on both backends."""
    from crm import db

    if request.param == "sqlcipher":
        opened, _ = db.create_local(tmp_path / "data")
    else:
        opened = db.open_url(request.getfixturevalue("pg_url"))
    try:
        yield opened
    finally:
        opened.close()
