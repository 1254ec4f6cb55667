"""Run a command inside a private D-Bus session with an unlocked gnome-keyring Secret Service."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Mapping, Sequence

# The password that unlocks the throwaway "login" keyring; it protects nothing.
_UNLOCK_PASSWORD = "crm-test"
_PROGRAMS = ("dbus-run-session", "gnome-keyring-daemon")
# Variables that would make the child use something other than the private Secret Service.
_SCRUBBED = ("PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS", "GNOME_KEYRING_CONTROL",
             "SSH_AUTH_SOCK")


def secret_service_unavailable() -> str | None:
    """None when `run_in_secret_service` can work here, else the reason it cannot."""
    missing = [prog for prog in _PROGRAMS if shutil.which(prog) is None]
    if missing:
        return f"missing {', '.join(missing)} (Debian packages: dbus, gnome-keyring)"
    return None


def run_in_secret_service(argv: Sequence[str], env: Mapping[str, str] | None = None,
                          timeout: float = 120, cwd: str | None = None
                          ) -> subprocess.CompletedProcess[str]:
    """Run argv with a fresh session bus and an unlocked keyring, isolated from the user's own.

    HOME and the XDG folders point into a temporary directory, so the keyring files the daemon
    writes and any keyringrc.cfg the user has are neither touched nor read. `env` entries are
    applied last. Output is captured as text; the whole process group is killed on timeout.
    """
    reason = secret_service_unavailable()
    if reason:
        raise RuntimeError(reason)
    with tempfile.TemporaryDirectory(prefix="crm-secret-service-") as home:
        child_env = _isolated_env(home)
        child_env.update(env or {})
        script = (f"echo -n {shlex.quote(_UNLOCK_PASSWORD)} | "
                  "gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 97; "
                  'exec "$@"')
        full = ["dbus-run-session", "--", "sh", "-c", script, "sh", *argv]
        proc = subprocess.Popen(full, env=child_env, cwd=cwd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                encoding="utf-8", errors="replace", start_new_session=True)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc.pid)
            out, err = proc.communicate()
            raise subprocess.TimeoutExpired(full, timeout, output=out, stderr=err) from None
        finally:
            # dbus-run-session ends the bus; the keyring daemon may outlive it for a moment.
            _kill_group(proc.pid)
        return subprocess.CompletedProcess(full, proc.returncode, out, err)


def _isolated_env(home: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in _SCRUBBED}
    folders = {"HOME": home, "XDG_RUNTIME_DIR": os.path.join(home, "run"),
               "XDG_DATA_HOME": os.path.join(home, "data"),
               "XDG_CONFIG_HOME": os.path.join(home, "config"),
               "XDG_CACHE_HOME": os.path.join(home, "cache")}
    for path in folders.values():
        os.makedirs(path, mode=0o700, exist_ok=True)
    env.update(folders)
    return env


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
