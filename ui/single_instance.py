"""One running app per user and data folder: later starts and `crm pop NUMBER` hand over to it.

The running app listens on a QLocalServer (a named pipe on Windows, a socket file elsewhere) whose name
is a short hash of the OS user and the data folder. A message is one UTF-8 line ``command\\targument``:
``activate`` (a second plain start) or ``pop\\t<number>`` (screen pop). The server answers ``ok``.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import sys
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

log = logging.getLogger(__name__)
ACTIVATE = "activate"
POP = "pop"
COMMANDS = (ACTIVATE, POP)
_MAX_MESSAGE = 4096  # a phone number and a command word; anything longer is not ours


class Delivery(StrEnum):
    DELIVERED = "delivered"  # the running app confirmed it
    NOT_RUNNING = "not_running"  # nobody listens: the caller should start the app itself
    NO_REPLY = "no_reply"  # written, but the running app did not confirm in time (busy or hung)


def server_name(data_dir: Path, user: str | None = None) -> str:
    """Short and stable: 'bankcrm-' + 16 hex digits of (user, data folder). Windows pipes are global."""
    user = (user or _os_user()).lower()
    folder = str(Path(data_dir).expanduser().resolve())
    digest = hashlib.sha256(f"{user}\0{folder}".encode()).hexdigest()[:16]
    return f"bankcrm-{digest}"


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        return "unknown"


def encode(command: str, argument: str = "") -> bytes:
    if command not in COMMANDS:
        raise ValueError(f"unknown command {command!r}")
    clean = argument.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    return f"{command}\t{clean}\n".encode()


def decode(line: bytes) -> tuple[str, str] | None:
    """(command, argument) from one received line, or None when it is not a message of ours."""
    try:
        text = line.decode().rstrip("\r\n")
    except UnicodeDecodeError:
        return None
    command, _, argument = text.partition("\t")
    return (command, argument) if command in COMMANDS else None


def send_command(name: str, command: str, argument: str = "", timeout_ms: int = 1500) -> Delivery:
    """Hand a command to the running app (blocking; for a process that has no window yet)."""
    _allow_foreground()
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        log.debug("no running instance at %s: %s", name, socket.errorString())
        return Delivery.NOT_RUNNING
    socket.write(encode(command, argument))
    if not socket.waitForBytesWritten(timeout_ms):
        socket.abort()
        return Delivery.NO_REPLY
    replied = socket.waitForReadyRead(timeout_ms) and bytes(socket.readAll().data()).startswith(b"ok")
    socket.disconnectFromServer()
    return Delivery.DELIVERED if replied else Delivery.NO_REPLY


def _answers(name: str, timeout_ms: int = 300) -> bool:
    """True when a server accepts connections on ``name`` (the probe sends nothing)."""
    probe = QLocalSocket()
    probe.connectToServer(name)
    connected = probe.waitForConnected(timeout_ms)
    probe.abort()
    return connected


def _allow_foreground() -> None:
    """Windows lets only the foreground process raise a window: pass that right on to the running app.

    It helps when this process was started by the foreground program (the softphone); otherwise
    Windows flashes the running app's taskbar button instead of raising it.
    """
    if sys.platform != "win32":
        return
    import ctypes

    ASFW_ANY = -1
    ctypes.windll.user32.AllowSetForegroundWindow(ASFW_ANY)


class InstanceServer(QObject):
    """Listens for the commands of later starts; emits one signal per command."""

    sig_activate_requested = Signal()
    sig_pop_requested = Signal(str)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)  # not other users
        self._server.newConnection.connect(self._on_server_new_connection)

    def listen(self) -> bool:
        """Start listening unless another instance already answers on the name.

        The check comes first because listen() with UserAccessOption replaces an existing socket file
        (it binds in a private folder and renames into place), which also takes over a crashed app's file.
        """
        if _answers(self.name):
            log.warning("single-instance server %s not started: another instance listens", self.name)
            return False
        if self._server.listen(self.name):
            return True
        if self._server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            QLocalServer.removeServer(self.name)  # a socket file nobody answers on (checked above)
            if self._server.listen(self.name):
                return True
        log.warning("single-instance server %s not started: %s", self.name, self._server.errorString())
        return False

    def is_listening(self) -> bool:
        return self._server.isListening()

    def close(self) -> None:
        self._server.close()

    def _on_server_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._on_socket_ready_read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_socket_ready_read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > _MAX_MESSAGE:
                socket.abort()
            return
        message = decode(bytes(socket.readLine(_MAX_MESSAGE).data()))
        if message is None:
            log.warning("ignored a malformed single-instance message")
            socket.abort()
            return
        socket.write(b"ok\n")
        socket.flush()
        command, argument = message
        log.info("single-instance command %s", command)  # never the number: it identifies a customer
        if command == POP and argument.strip():
            self.sig_pop_requested.emit(argument.strip())
        else:
            self.sig_activate_requested.emit()
