"""One app per user and data folder: later starts and `crm pop` hand over to the running one."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalSocket

from ui import single_instance
from ui.single_instance import Delivery, InstanceServer, decode, encode, send_command, server_name
from ui_fakes import GUI

pytestmark = GUI
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def name() -> str:
    return f"bankcrm-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def server(qapp, name):
    listening = InstanceServer(name)
    assert listening.listen()
    yield listening
    listening.close()


def test_the_name_is_short_stable_and_depends_on_user_and_folder(tmp_path):
    name = server_name(tmp_path / "data", user="agent1")
    assert name == server_name(tmp_path / "data", user="AGENT1")
    assert name.startswith("bankcrm-") and len(name) == len("bankcrm-") + 16
    assert name != server_name(tmp_path / "data", user="agent2")
    assert name != server_name(tmp_path / "other", user="agent1")
    assert str(tmp_path) not in name and "agent1" not in name


def test_messages_are_one_line_and_only_ours_are_accepted():
    assert encode("pop", "13812345678") == b"pop\t13812345678\n"
    assert decode(b"pop\t13812345678\n") == ("pop", "13812345678")
    assert decode(encode("activate")) == ("activate", "")
    assert decode(b"GET / HTTP/1.1\r\n") is None
    assert decode(b"\xff\xfe") is None
    assert encode("pop", "138\n1234\t5678") == b"pop\t138 1234 5678\n"
    with pytest.raises(ValueError):
        encode("shutdown")


def test_a_pop_message_reaches_the_running_app_and_is_acknowledged(qtbot, server, name):
    client = QLocalSocket()
    client.connectToServer(name)
    assert client.waitForConnected(1000)
    with qtbot.waitSignal(server.sig_pop_requested, timeout=2000) as popped:
        client.write(encode("pop", "13812345678"))
    assert popped.args == ["13812345678"]
    qtbot.waitUntil(lambda: client.bytesAvailable() > 0 or client.waitForReadyRead(10), timeout=2000)
    assert bytes(client.readAll().data()) == b"ok\n"
    client.disconnectFromServer()


def test_a_second_start_asks_the_running_app_to_come_forward(qtbot, server, name):
    pops = []
    server.sig_pop_requested.connect(pops.append)
    client = QLocalSocket()
    client.connectToServer(name)
    assert client.waitForConnected(1000)
    with qtbot.waitSignal(server.sig_activate_requested, timeout=2000):
        client.write(encode("activate"))
    with qtbot.waitSignal(server.sig_activate_requested, timeout=2000):
        client.write(b"pop\t  \n")  # a pop without a number only brings the window forward
    assert pops == []


def test_garbage_is_dropped_without_a_signal(qtbot, server, name):
    client = QLocalSocket()
    client.connectToServer(name)
    assert client.waitForConnected(1000)
    with qtbot.assertNotEmitted(server.sig_pop_requested, wait=200), \
            qtbot.assertNotEmitted(server.sig_activate_requested, wait=200):
        client.write(b"hello\n")
        qtbot.waitUntil(lambda: client.state() == QLocalSocket.LocalSocketState.UnconnectedState, timeout=2000)


def test_pop_with_no_app_running_reports_not_running(qapp, name):
    assert send_command(name, "pop", "13812345678", timeout_ms=500) is Delivery.NOT_RUNNING


def test_gui_hooks_pop_starts_the_app_with_the_number_when_none_runs(qapp, tmp_path, monkeypatch):
    from ui import app
    from ui.gui_hooks import GuiHooks

    started = []
    monkeypatch.setattr(app, "run", lambda data_dir, db_url, pop_number=None: started.append(
        (data_dir, db_url, pop_number)) or 0)
    assert GuiHooks().pop(tmp_path, None, "13812345678") == 0
    assert started == [(tmp_path, None, "13812345678")]


def test_start_hands_over_to_a_running_app_and_opens_nothing(qtbot, tmp_path, monkeypatch):
    """`crm pop` (in another process) reaches this process's server; this one serves it meanwhile."""
    name = server_name(tmp_path)
    running = InstanceServer(name)
    assert running.listen()
    code = ("import sys; from pathlib import Path; from ui.gui_hooks import GuiHooks; "
            f"sys.exit(GuiHooks().pop(Path({str(tmp_path)!r}), None, '13812345678'))")
    with qtbot.waitSignal(running.sig_pop_requested, timeout=15000) as popped:
        child = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    assert popped.args == ["13812345678"]
    qtbot.waitUntil(lambda: child.poll() is not None, timeout=15000)
    assert child.returncode == 0
    running.close()


def test_a_running_app_keeps_its_name(qapp, name):
    first = InstanceServer(name)
    assert first.listen()
    second = InstanceServer(name)
    assert not second.listen()
    first.close()
    assert second.listen() and second.is_listening()
    second.close()


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes vanish with their process")
def test_a_socket_file_left_by_a_crashed_app_is_taken_over(qapp, name):
    import socket

    from PySide6.QtCore import QDir

    path = Path(QDir.tempPath()) / name
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(path))  # bound, never listening, then abandoned: what a crash leaves behind
    stale.close()
    assert path.exists()
    server = InstanceServer(name)
    try:
        assert server.listen()
        assert send_command(name, "activate", timeout_ms=200) is not Delivery.NOT_RUNNING
    finally:
        server.close()


def test_delivery_values_are_stable_strings():
    assert [d.value for d in single_instance.Delivery] == ["delivered", "not_running", "no_reply"]
