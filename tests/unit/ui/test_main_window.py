"""The main window: database mode in the status bar, real counts on the home panel, geometry, backup."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from crm.errors import StorageError
from ui import i18n
from ui.views.main_window import GEOMETRY_KEY, MainWindow
from ui_fakes import GUI, CountingOverview, FakeSummary

pytestmark = GUI


def make_window(qtbot, storage, summary=FakeSummary()) -> MainWindow:
    window = MainWindow(storage, overview=CountingOverview(summary))
    qtbot.addWidget(window)
    return window


def test_status_bar_names_the_local_encrypted_database_and_its_path(qtbot, local_storage):
    window = make_window(qtbot, local_storage)
    window.show()
    assert window.storage_label.text() == "Local encrypted database · " + str(Path("/data/BankCRM/crm.db"))
    assert window.storage_label.isVisible()


def test_status_bar_names_the_team_database_by_host_and_database_only(qtbot, team_storage):
    window = make_window(qtbot, team_storage)
    assert window.storage_label.text() == "Team database (PostgreSQL) · db.branch.example:5433/crm"
    assert "agent@" not in window.storage_label.text()


def test_status_bar_follows_the_language(qtbot, local_storage, team_storage):
    local, team = make_window(qtbot, local_storage), make_window(qtbot, team_storage)
    i18n.install_language(i18n.CHINESE)
    qtbot.waitUntil(lambda: local.storage_label.text().startswith("本地加密数据库 · "))
    qtbot.waitUntil(lambda: team.storage_label.text() == "团队数据库 (PostgreSQL) · db.branch.example:5433/crm")


def test_home_panel_counts_when_shown_and_formats_with_the_locale(qtbot, local_storage, summary):
    overview = CountingOverview(summary)
    window = MainWindow(local_storage, overview=overview)
    qtbot.addWidget(window)
    assert overview.calls == 0  # nothing is queried before the window is shown
    window.show()
    assert overview.calls == 1
    values = {name: card.value() for name, card in window.home.cards.items()}
    assert values == {"customers": "123,456", "interactions": "1,234,567", "open_cases": "42",
                      "due_followups": "7"}
    captions = [card.caption() for card in window.home.cards.values()]
    assert captions == ["Customers", "Interactions", "Open complaint cases", "Follow-up calls due"]


def test_home_panel_counts_again_on_refresh(qtbot, local_storage, summary):
    overview = CountingOverview(summary)
    window = MainWindow(local_storage, overview=overview)
    qtbot.addWidget(window)
    window.show()
    overview.summary = FakeSummary(customers=5)
    window.home._refresh_button.click()
    assert overview.calls == 2
    assert window.home.cards["customers"].value() == "5"


def test_home_panel_shows_a_database_problem_instead_of_numbers(qtbot, local_storage):
    overview = CountingOverview(FakeSummary(), error=StorageError("open_failed", path="/x/crm.db"))
    window = MainWindow(local_storage, overview=overview)
    qtbot.addWidget(window)
    window.show()
    assert window.home.cards["customers"].value() == "–"
    assert window.home._error.isVisible()
    assert "cannot be opened" in window.home._error.text()


def test_menus_have_the_expected_actions_and_shortcuts(qtbot, local_storage):
    window = make_window(qtbot, local_storage)
    assert [window.file_menu.title(), window.tools_menu.title(), window.help_menu.title()] == [
        "&File", "&Tools", "&Help"]
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert window.backup_action.isEnabled()


def test_backup_is_offered_only_for_the_local_database(qtbot, team_storage):
    window = make_window(qtbot, team_storage)
    assert not window.backup_action.isEnabled()
    assert "administrator" in window.backup_action.statusTip()


def test_backup_reports_success_with_the_path(qtbot, local_storage, monkeypatch, tmp_path):
    from crm import db

    written, shown = [], []
    monkeypatch.setattr(db, "backup", lambda storage, out: written.append((storage, out)) or out)
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    window = make_window(qtbot, local_storage)
    assert window.back_up_to(tmp_path / "b.db")
    assert written == [(local_storage, tmp_path / "b.db")]
    assert str(tmp_path / "b.db") in shown[0]


def test_backup_failure_is_explained(qtbot, local_storage, monkeypatch, tmp_path):
    from crm import db
    from ui.views import main_window

    def fail(storage, out):
        raise StorageError("backup_failed", path=str(out), reason="disk full")

    errors = []
    monkeypatch.setattr(db, "backup", fail)
    monkeypatch.setattr(main_window, "show_error", lambda parent, exc, title=None: errors.append(exc))
    window = make_window(qtbot, local_storage)
    assert not window.back_up_to(tmp_path / "b.db")
    assert [e.code for e in errors] == ["backup_failed"]


def test_geometry_is_saved_on_close_and_restored(qtbot, local_storage):
    window = make_window(qtbot, local_storage)
    window.show()
    window.resize(712, 534)  # the offscreen screen is 800×600
    window.close()
    assert QSettings().value(GEOMETRY_KEY) is not None
    again = make_window(qtbot, local_storage)
    assert again.size().toTuple() == (712, 534)


def test_window_has_a_sensible_default_size_on_first_start(qtbot, local_storage):
    window = make_window(qtbot, local_storage)
    assert window.width() >= 900 and window.height() >= 600
