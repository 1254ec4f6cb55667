"""GuiHooks: the CLI's entry into the UI — no Qt at import time, and the self-test UI checks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from ui import i18n
from ui.gui_hooks import GuiHooks
from ui.views import main_window
from ui.views.main_window import GEOMETRY_KEY
from ui_fakes import GUI, CountingOverview, FakeSummary
from workspace_fakes import FakeCustomerPanel

pytestmark = GUI
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def fake_panel(monkeypatch):
    """The self-test builds the real main window; on a fake storage, with a fake customer panel."""
    from ui import app

    monkeypatch.setattr(app, "customer_panel_factory", lambda: FakeCustomerPanel)


def test_importing_the_entry_point_does_not_load_qt():
    code = ("import sys, ui.entry, ui.gui_hooks; "
            "loaded = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]; "
            "print(loaded); sys.exit(1 if loaded else 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ui_checks_pass_and_leave_language_and_geometry_alone(qtbot, local_storage, monkeypatch, fake_panel):
    overview = CountingOverview(FakeSummary(customers=3))
    monkeypatch.setattr(main_window, "_default_overview", lambda: overview)
    checks = GuiHooks().ui_checks(local_storage)
    assert [(c.name, c.ok) for c in checks] == [
        ("ui_qt", True), ("ui_translations_zh_CN", True), ("ui_main_window", True)], checks
    for name in ("crm_zh_CN.qm", "workspace_zh_CN.qm", "qtbase_zh_CN.qm"):
        assert name in checks[1].detail
    assert "Local encrypted database" in checks[2].detail or "本地加密数据库" in checks[2].detail
    assert overview.calls == 1
    assert i18n.current_language() == i18n.ENGLISH
    assert QSettings().value(GEOMETRY_KEY) is None
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_ui_checks_report_a_broken_main_window_instead_of_raising(qtbot, local_storage, monkeypatch, fake_panel):
    def broken():
        raise RuntimeError("no overview service")

    monkeypatch.setattr(main_window, "_default_overview", broken)
    checks = {c.name: c for c in GuiHooks().ui_checks(local_storage)}
    assert not checks["ui_main_window"].ok
    assert "no overview service" in checks["ui_main_window"].detail


def test_ui_checks_report_a_missing_catalogue(qtbot, local_storage, monkeypatch, tmp_path, fake_panel):
    monkeypatch.setattr(main_window, "_default_overview", lambda: CountingOverview(FakeSummary()))
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    checks = {c.name: c for c in GuiHooks().ui_checks(local_storage)}
    assert not checks["ui_translations_zh_CN"].ok
    assert "crm_zh_CN" in checks["ui_translations_zh_CN"].detail


def test_ui_checks_on_a_real_database(qtbot, tmp_path):
    pytest.importorskip("crm.services.overview", reason="overview service not written yet")
    from crm import db

    storage, _ = db.create_local(tmp_path / "data")
    try:
        checks = GuiHooks().ui_checks(storage)
    finally:
        storage.close()
    assert all(c.ok for c in checks), checks
    assert "0 customers" in checks[-1].detail
