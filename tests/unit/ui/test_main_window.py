"""The main window: workspace and overview tabs, user and database in the status bar, geometry, backup."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from crm.errors import StorageError
from ui import i18n
from ui.views.main_window import GEOMETRY_KEY, MainWindow
from ui_fakes import GUI, CountingOverview, FakeSummary
from workspace_fakes import FakeCustomerPanel, FakeSearch, fake_actor

pytestmark = GUI


def make_window(qtbot, storage, summary=FakeSummary(), *, overview=None, actor=None, search=None) -> MainWindow:
    window = MainWindow(storage, actor=actor, customer_panel_factory=FakeCustomerPanel,
                        overview=overview or CountingOverview(summary), search_source=(search or FakeSearch()).source)
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
    window = make_window(qtbot, local_storage, overview=overview)
    assert overview.calls == 0  # nothing is queried before the window is shown
    window.show()
    assert overview.calls == 0  # the workspace is the first screen
    window.show_overview()
    assert overview.calls == 1
    values = {name: card.value() for name, card in window.home.cards.items()}
    assert values == {"customers": "123,456", "interactions": "1,234,567", "open_cases": "42",
                      "due_followups": "7"}
    captions = [card.caption() for card in window.home.cards.values()]
    assert captions == ["Customers", "Interactions", "Open complaint cases", "Follow-up calls due"]


def test_home_panel_counts_again_on_refresh(qtbot, local_storage, summary):
    overview = CountingOverview(summary)
    window = make_window(qtbot, local_storage, overview=overview)
    window.show()
    window.show_overview()
    overview.summary = FakeSummary(customers=5)
    window.home._refresh_button.click()
    assert overview.calls == 2
    assert window.home.cards["customers"].value() == "5"


def test_home_panel_shows_a_database_problem_instead_of_numbers(qtbot, local_storage):
    overview = CountingOverview(FakeSummary(), error=StorageError("open_failed", path="/x/crm.db"))
    window = make_window(qtbot, local_storage, overview=overview)
    window.show()
    window.show_overview()
    assert window.home.cards["customers"].value() == "–"
    assert window.home._error.isVisible()
    assert "cannot be opened" in window.home._error.text()


def test_menus_have_the_expected_actions_and_shortcuts(qtbot, local_storage):
    window = make_window(qtbot, local_storage)
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&File", "&View", "&Tools", "&Help"]
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


# --- workspace, views, screen pop ------------------------------------------------------------------

PEOPLE = {1: ("张伟", "13812345678", "vip"), 2: ("张敏", "13912340000", "standard")}


@pytest.fixture
def shown(qtbot, local_storage) -> MainWindow:
    window = make_window(qtbot, local_storage, actor=fake_actor(), search=FakeSearch(PEOPLE))
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_the_workspace_is_the_first_screen_with_the_search_box_focused(qtbot, shown):
    assert shown.tabs.currentWidget() is shown.workspace
    assert [shown.tabs.tabText(i) for i in range(shown.tabs.count())] == ["Workspace", "Overview", "My Day", "Complaint Cases",
                                                                            "Sales Leads"]  # an agent: no supervisor tab
    assert QApplication.focusWidget() is shown.workspace.search_box
    assert shown.workspace_action.isChecked()


def test_ctrl_1_and_ctrl_2_switch_views(qtbot, shown):
    qtbot.keyClick(shown, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert shown.tabs.currentWidget() is shown.home and shown.overview_action.isChecked()
    qtbot.keyClick(shown, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert shown.tabs.currentWidget() is shown.workspace and shown.workspace_action.isChecked()


@pytest.mark.parametrize("key", [(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier),
                                 (Qt.Key.Key_F3, Qt.KeyboardModifier.NoModifier)])
def test_find_reaches_the_search_box_from_anywhere_in_the_window(qtbot, shown, key):
    shown.show_overview()
    shown.home._refresh_button.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), *key)
    assert shown.tabs.currentWidget() is shown.workspace
    assert QApplication.focusWidget() is shown.workspace.search_box
    shown.workspace.panel.label.setFocus()  # inside the customer panel too
    qtbot.keyClick(shown.workspace.panel.label, *key)
    assert QApplication.focusWidget() is shown.workspace.search_box
    assert "Ctrl+F" in shown.find_action.shortcut().toString()


def test_status_bar_shows_who_is_signed_in(qtbot, local_storage):
    window = make_window(qtbot, local_storage, actor=fake_actor("王小明", "supervisor"))
    window.show()
    assert window.staff_label.text() == "王小明 (Supervisor)"
    assert window.staff_label.isVisible()
    i18n.install_language(i18n.CHINESE)
    qtbot.waitUntil(lambda: window.staff_label.text() == "王小明（客服主管）")
    assert [window.tabs.tabText(i) for i in range(2)] == ["工作台", "概览"]
    assert window.view_menu.title() == "视图(&V)"


def test_pop_number_brings_the_window_back_and_opens_the_caller(qtbot, shown):
    shown.show_overview()
    shown.showMinimized()
    qtbot.waitUntil(shown.isMinimized)
    shown.pop_number("13812345678")
    assert not shown.isMinimized()
    assert shown.tabs.currentWidget() is shown.workspace
    assert shown.workspace.panel.calls == [("customer", 1)]


def test_column_widths_are_saved_with_the_window(qtbot, local_storage):
    from ui.views.workspace.workspace_view import COLUMNS_KEY

    window = make_window(qtbot, local_storage)
    window.show()
    window.workspace.results.horizontalHeader().resizeSection(0, 151)
    window.close()
    assert [int(w) for w in QSettings().value(COLUMNS_KEY)][0] == 151
