"""Switching the language: translators reinstalled at once, widgets retranslated, choice persisted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings

from ui import i18n
from ui.dialogs.preferences_dialog import PreferencesDialog
from ui.views.main_window import MainWindow
from ui_fakes import GUI, CountingOverview, FakeSummary
from workspace_fakes import FakeCustomerPanel, FakeSearch, fake_actor

pytestmark = GUI


@pytest.fixture
def window(qtbot, local_storage):
    w = MainWindow(local_storage, actor=fake_actor(), customer_panel_factory=FakeCustomerPanel,
                   overview=CountingOverview(FakeSummary(customers=1234)), search_source=FakeSearch().source)
    qtbot.addWidget(w)
    w.show()
    return w


def test_menu_titles_switch_to_chinese_and_back(qtbot, window):
    i18n.install_language(i18n.CHINESE)
    qtbot.waitUntil(lambda: window.file_menu.title() == "文件(&F)")
    assert window.tools_menu.title() == "工具(&T)"
    assert window.help_menu.title() == "帮助(&H)"
    assert window.quit_action.text() == "退出(&X)"
    assert window.preferences_action.text() == "偏好设置(&P)…"
    assert window.home.cards["open_cases"].caption() == "未结投诉工单"
    i18n.install_language(i18n.ENGLISH)
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File")
    assert window.home.cards["open_cases"].caption() == "Open complaint cases"


def test_qt_own_strings_are_translated_too(qtbot):
    i18n.install_language(i18n.CHINESE)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    i18n.install_language(i18n.ENGLISH)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_switching_twice_leaves_one_set_of_translators(qtbot):
    from PySide6.QtCore import QTranslator

    for _ in range(3):
        loaded = i18n.install_language(i18n.CHINESE)
        assert {"crm_zh_CN": True, "workspace_zh_CN": True, "qtbase_zh_CN": True}.items() <= loaded.items()
    app = QCoreApplication.instance()
    assert len(app.findChildren(QTranslator, "crm-translator")) == len(loaded)
    assert i18n.current_language() == i18n.CHINESE


def test_numbers_follow_the_interface_language(qtbot):
    i18n.install_language(i18n.CHINESE)
    assert QLocale().language() == QLocale.Language.Chinese
    i18n.install_language(i18n.ENGLISH)
    assert QLocale().language() == QLocale.Language.English


def test_preferences_switch_language_at_once_and_ok_persists_it(qtbot, window):
    dialog = PreferencesDialog(window)
    qtbot.addWidget(dialog)
    page = dialog.pages[0]
    assert page.language_combo.currentText() == "English"
    page.language_combo.setCurrentIndex(page.language_combo.findData(i18n.CHINESE))
    qtbot.waitUntil(lambda: window.file_menu.title() == "文件(&F)")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "偏好设置")
    assert QSettings().value(i18n.SETTINGS_KEY) is None  # not persisted before OK
    dialog.accept()
    assert QSettings().value(i18n.SETTINGS_KEY) == i18n.CHINESE
    assert i18n.stored_language() == i18n.CHINESE


def test_preferences_cancel_reverts_the_preview(qtbot, window):
    dialog = PreferencesDialog(window)
    qtbot.addWidget(dialog)
    page = dialog.pages[0]
    page.language_combo.setCurrentIndex(page.language_combo.findData(i18n.CHINESE))
    qtbot.waitUntil(lambda: window.file_menu.title() == "文件(&F)")
    dialog.reject()
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File")
    assert i18n.current_language() == i18n.ENGLISH
    assert QSettings().value(i18n.SETTINGS_KEY) is None


def test_stored_language_defaults_to_the_system_and_ignores_junk(qtbot):
    assert i18n.stored_language() == i18n.system_language()
    QSettings().setValue(i18n.SETTINGS_KEY, "klingon")
    assert i18n.stored_language() == i18n.system_language()
    with pytest.raises(ValueError):
        i18n.store_language("klingon")
