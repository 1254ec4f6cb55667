"""E2E fixtures: the real core on a temporary data folder, isolated QSettings, English UI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from ui import i18n


@pytest.fixture(autouse=True)
def isolated_settings(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    qapp.setOrganizationName("BankCRM-tests")
    qapp.setApplicationName("BankCRM-tests")
    i18n.install_language(i18n.ENGLISH)
    yield folder
    i18n.install_language(i18n.ENGLISH)
