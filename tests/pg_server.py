"""A throwaway PostgreSQL server for tests: its own data folder, loopback only, password auth."""

from __future__ import annotations

import atexit
import glob
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import pwd
except ImportError:  # Windows: no root, no accounts to switch to
    pwd = None  # type: ignore[assignment]

SUPERUSER = "crm"
_SERVER_PROGRAMS = ("initdb", "pg_ctl", "postgres")
# Fast start and cheap teardown; durability is worthless for a server that lives one test run.
_SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "shared_buffers": "16MB",
    "max_connections": "40",
    "max_wal_size": "256MB",
    "password_encryption": "scram-sha-256",
    "logging_collector": "off",
    "log_min_messages": "warning",
    "timezone": "UTC",
}
_DB_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class PgServerError(RuntimeError):
    """The test server could not be set up."""


def find_bindir() -> Path | None:
    """The folder with initdb/pg_ctl/postgres: `pg_config --bindir`, else the newest Debian install."""
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True,
                                 timeout=10, check=True).stdout.strip()
            candidates.append(Path(out))
        except (OSError, subprocess.SubprocessError):
            pass
    debian = glob.glob("/usr/lib/postgresql/*/bin")
    debian.sort(key=lambda p: _version_key(Path(p).parent.name), reverse=True)
    candidates += [Path(p) for p in debian]
    for folder in candidates:
        if all(shutil.which(prog, path=str(folder)) for prog in _SERVER_PROGRAMS):
            return folder
    return None


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", name)) or (0,)


def _run_as_user() -> str | None:
    """The unprivileged account to run the server as when we are root (the server refuses root)."""
    if pwd is None or os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise PgServerError("running as root and neither a 'postgres' nor a 'nobody' account exists")


def available() -> str | None:
    """None when a test server can be started here, else the reason it cannot."""
    if find_bindir() is None:
        return "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found"
    try:
        import psycopg  # noqa: F401  (the harness creates databases through it)
    except ImportError as exc:
        return f"psycopg is not importable: {exc}"
    try:
        user = _run_as_user()
    except PgServerError as exc:
        return str(exc)
    if user is not None and shutil.which("runuser") is None:
        return "running as root but 'runuser' is missing (needed to start the server unprivileged)"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PgServer:
    """A running server; `PgServer.start()` makes one, `stop()` removes every trace of it."""

    def __init__(self, bindir: Path, base: Path, run_as: str | None) -> None:
        self.bindir = bindir
        self.base = base
        self.run_as = run_as
        self.data_dir = base / "data"
        self.socket_dir = base / "sock"
        self.log_file = base / "server.log"
        self.password = secrets.token_urlsafe(18)
        self.user = SUPERUSER
        self.host = "127.0.0.1"
        self.port = 0
        self.startup_seconds = 0.0
        self._running = False
        self._db_counter = 0
        self._watchdog: subprocess.Popen | None = None

    # -- lifecycle -----------------------------------------------------------------------------------
    @classmethod
    def start(cls, attempts: int = 3) -> PgServer:
        reason = available()
        if reason:
            raise PgServerError(reason)
        bindir = find_bindir()
        assert bindir is not None
        server = cls(bindir, Path(tempfile.mkdtemp(prefix="crm-pg-")), _run_as_user())
        atexit.register(server.stop)
        began = time.perf_counter()
        try:
            server._init_cluster()
            server._start_listening(attempts)
        except BaseException:
            server.stop()
            raise
        server.startup_seconds = time.perf_counter() - began
        server._start_watchdog()
        return server

    def _init_cluster(self) -> None:
        self.socket_dir.mkdir()
        pwfile = self.base / "pwfile"
        pwfile.write_text(self.password + "\n", encoding="utf-8")
        if self.run_as:
            entry = pwd.getpwnam(self.run_as)
            for path in (self.base, self.socket_dir, pwfile):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        os.chmod(self.base, 0o700)
        # C.UTF-8 (not plain C) so pg_trgm and lower() treat Chinese characters as word characters.
        self._run(["initdb", "-D", str(self.data_dir), "-U", SUPERUSER, f"--pwfile={pwfile}",
                   "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
                   "--no-instructions"], timeout=120)
        pwfile.unlink()
        lines = [f"{key} = '{value}'" for key, value in _SETTINGS.items()]
        # Our own socket folder, never the system's (/var/run/postgresql); none on Windows.
        sockets = "" if sys.platform == "win32" else str(self.socket_dir)
        lines.append(f"unix_socket_directories = '{sockets}'")
        with open(self.data_dir / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write("\n# crm test harness\n" + "\n".join(lines) + "\n")

    def _start_listening(self, attempts: int) -> None:
        # The free port can be taken between probing and binding; try a few.
        for attempt in range(attempts):
            self.port = _free_port()
            proc = self._run(["pg_ctl", "-D", str(self.data_dir), "-l", str(self.log_file), "-w",
                              "-t", "60", "-o", f"-p {self.port}", "start"],
                             timeout=90, check=False)
            if proc.returncode == 0:
                self._running = True
                return
            if attempt == attempts - 1:
                raise PgServerError(f"pg_ctl start failed: {proc.stdout}{proc.stderr}\n{self.log_tail()}")

    def _start_watchdog(self) -> None:
        # atexit does not run when the test process is killed (CI timeout, SIGTERM, SIGKILL); a
        # small process of its own stops the server and removes its folder once we are gone.
        argv = [sys.executable, __file__, "--watchdog", str(os.getpid()), str(self.base),
                str(self.bindir), self.run_as or ""]
        self._watchdog = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL, start_new_session=True)

    def stop(self) -> None:
        """Stop the server (immediately; nothing here is worth a checkpoint) and delete its folder."""
        if self._watchdog is not None:
            self._watchdog.kill()
            self._watchdog.wait()
            self._watchdog = None
        if self._running:
            self._run(["pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "-t", "30",
                       "stop"], timeout=60, check=False)
            self._running = False
        shutil.rmtree(self.base, ignore_errors=True)
        atexit.unregister(self.stop)

    # -- use -----------------------------------------------------------------------------------------
    def url(self, dbname: str = "postgres") -> str:
        """A connection URL without the password (our code reads that from the keyring)."""
        return f"postgresql://{self.user}@{self.host}:{self.port}/{dbname}"

    def conninfo(self, dbname: str = "postgres") -> dict[str, object]:
        """psycopg.connect(**conninfo) keyword arguments, password included."""
        return {"host": self.host, "port": self.port, "user": self.user,
                "password": self.password, "dbname": dbname, "connect_timeout": 10}

    def create_database(self, name: str | None = None) -> str:
        """Create an empty database (a unique name when none is given) and return its name."""
        import psycopg
        from psycopg import sql

        if name is None:
            self._db_counter += 1
            name = f"test_{self._db_counter}"
        if not _DB_NAME.match(name):
            raise ValueError(f"not a plain lower-case database name: {name!r}")
        with psycopg.connect(**self.conninfo(), autocommit=True) as conn:
            # FILE_COPY (PostgreSQL 15+): with fsync off it is never slower than the default WAL_LOG.
            strategy = " STRATEGY FILE_COPY" if conn.info.server_version >= 150000 else ""
            conn.execute(sql.SQL("CREATE DATABASE {}" + strategy).format(sql.Identifier(name)))
        return name

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    # -- helpers -------------------------------------------------------------------------------------
    def _run(self, argv: list[str], timeout: float, check: bool = True) -> subprocess.CompletedProcess:
        argv = [str(self.bindir / argv[0]), *argv[1:]]
        if self.run_as:
            argv = ["runuser", "-u", self.run_as, "--", *argv]
        env = {**os.environ, "LC_ALL": "C.UTF-8", "PGTZ": "UTC"}
        # cwd inside our folder: the server user may not be allowed into the caller's directory.
        proc = subprocess.run(argv, cwd=self.base, env=env, capture_output=True, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL)
        if check and proc.returncode != 0:
            raise PgServerError(f"{' '.join(argv)} failed ({proc.returncode}): "
                                f"{proc.stdout}{proc.stderr}")
        return proc


def _watch(parent_pid: int, base: str, bindir: str, run_as: str) -> None:
    while True:
        try:
            os.kill(parent_pid, 0)
        except ProcessLookupError:
            break
        except PermissionError:
            pass
        time.sleep(1)
    server = PgServer(Path(bindir), Path(base), run_as or None)
    server._running = (Path(base) / "data" / "postmaster.pid").exists()
    server.stop()


if __name__ == "__main__" and len(sys.argv) == 6 and sys.argv[1] == "--watchdog":
    _watch(int(sys.argv[2]), *sys.argv[3:])
