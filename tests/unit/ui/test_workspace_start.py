"""Starting the app: signed-in user, a pop waiting for the window, handing over to a running instance."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtNetwork import QLocalSocket

from crm.services import customers
from crm.services.customers import NewCustomer
from ui import app, single_instance
from ui.single_instance import InstanceServer, encode, server_name
from ui_fakes import GUI
from workspace_fakes import FakeCustomerPanel

pytestmark = GUI


class Opener:
    """Plays StorageOpener: hands out a storage (or None, as when the user cancels) and counts calls."""

    def __init__(self, storage=None, exit_code: int = 0) -> None:
        self.storage, self.exit_code, self.calls = storage, exit_code, 0

    def open(self, data_dir, db_url):
        self.calls += 1
        return self.storage


@pytest.fixture
def quiet_start(monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # start() installs ours; put it back after
    monkeypatch.setattr(app, "customer_panel_factory", lambda: FakeCustomerPanel)


def use_opener(monkeypatch, opener: Opener) -> None:
    monkeypatch.setattr(app, "StorageOpener", lambda: opener)


def test_start_signs_in_the_os_user_and_pops_the_number_once_the_window_is_up(
        qtbot, storage, tmp_path, monkeypatch, quiet_start):
    caller = customers.create_customer(None, NewCustomer(name="张三", phones=("13812345678",))).id
    use_opener(monkeypatch, Opener(storage))
    session = app.start(tmp_path, None, pop_number="13812345678")
    assert not isinstance(session, int)
    window = session.window
    qtbot.addWidget(window)
    try:
        assert window.isVisible()
        assert "Administrator" in window.staff_label.text()  # the database's first user administers it
        qtbot.waitUntil(lambda: window.workspace.panel.calls == [("customer", caller)])
        assert session.server.is_listening()
        client = QLocalSocket()
        client.connectToServer(server_name(tmp_path))
        assert client.waitForConnected(1000)
        with qtbot.waitSignal(session.server.sig_pop_requested) as popped:
            client.write(encode("pop", "13900000000"))
        assert popped.args == ["13900000000"]
        assert window.workspace.panel.calls[-1] == ("new", "13900000000")
    finally:
        session.server.close()
        window.hide()


def test_start_hands_over_when_the_app_already_runs(qtbot, tmp_path, monkeypatch, quiet_start):
    running = InstanceServer(server_name(tmp_path))
    assert running.listen()
    opener = Opener()
    use_opener(monkeypatch, opener)
    try:
        # In one process the running side cannot answer while start() waits: it counts as handed over.
        assert app.start(tmp_path, None) == 0
    finally:
        running.close()
    assert opener.calls == 0  # no second connection to the database


def test_start_returns_the_openers_exit_code_and_frees_the_name(qtbot, tmp_path, monkeypatch, quiet_start):
    use_opener(monkeypatch, Opener(None, exit_code=1))
    assert app.start(tmp_path, None) == 1
    assert single_instance.send_command(server_name(tmp_path), "activate", timeout_ms=300) \
        is single_instance.Delivery.NOT_RUNNING


def test_a_missing_customer_panel_is_a_clear_error(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_panel(name, *args, **kwargs):
        if name == "ui.views.customer.customer_panel":
            raise ImportError("No module named 'ui.views.customer.customer_panel'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_panel)
    build = app.customer_panel_factory()  # cheap: the panel is imported when first built
    with pytest.raises(RuntimeError, match="lacks the customer panel"):
        build(None, None)
