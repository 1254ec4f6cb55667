"""PreferencesDialog: a list of pages on the left, the chosen page on the right, OK / Cancel / Apply."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QListWidget, QStackedWidget,
                               QVBoxLayout, QWidget)

from ui.dialogs.preferences.general_page import GeneralPage
from ui.dialogs.preferences.preferences_page import PreferencesPage


class PreferencesDialog(QDialog):
    """Every page is loaded on open; OK and Apply save every page, Cancel reverts their live previews."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages: list[PreferencesPage] = [GeneralPage(self)]
        self._page_list = QListWidget(self)
        self._page_list.setMaximumWidth(160)
        self._stack = QStackedWidget(self)
        for page in self.pages:
            self._page_list.addItem(page.title())
            self._stack.addWidget(page)
            page.load()
        self._page_list.currentRowChanged.connect(self._stack.setCurrentIndex)
        self._page_list.setCurrentRow(0)
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply, self)
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        self._buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.save)
        body = QHBoxLayout()
        body.addWidget(self._page_list)
        body.addWidget(self._stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self._buttons)
        self.resize(520, 300)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Preferences"))
        for row, page in enumerate(self.pages):
            self._page_list.item(row).setText(page.title())

    def save(self) -> None:
        for page in self.pages:
            page.save()

    def accept(self) -> None:
        self.save()
        super().accept()

    def reject(self) -> None:
        for page in self.pages:
            page.revert()
        super().reject()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
