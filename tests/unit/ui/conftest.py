"""Fixtures for the UI tests: isolated QSettings, English at the start of every test, fake storage."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from ui import i18n
from ui_fakes import FakeStorage, FakeSummary


@pytest.fixture(autouse=True)
def isolated_settings(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """QSettings go to a fresh folder (never the developer's), and every test starts in English."""
    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    qapp.setOrganizationName("BankCRM-tests")
    qapp.setApplicationName("BankCRM-tests")
    i18n.install_language(i18n.ENGLISH)
    yield folder
    i18n.install_language(i18n.ENGLISH)


@pytest.fixture
def local_storage() -> FakeStorage:
    return FakeStorage("sqlcipher", "/data/BankCRM/crm.db")


@pytest.fixture
def team_storage() -> FakeStorage:
    return FakeStorage("postgresql", "postgresql://agent@db.branch.example:5433/crm")


@pytest.fixture
def summary() -> FakeSummary:
    return FakeSummary(customers=123456, interactions=1234567, open_cases=42, due_followups=7)
