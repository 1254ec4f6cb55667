"""GeneralPage: the interface language (中文 / English), applied at once and kept in QSettings."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ui import i18n
from ui.dialogs.preferences.preferences_page import PreferencesPage


class GeneralPage(PreferencesPage):
    """Choosing a language reinstalls the translators immediately, so the whole UI switches as a preview."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loaded_language = i18n.current_language()
        self.language_combo = QComboBox(self)
        for code in i18n.LANGUAGES:
            self.language_combo.addItem(i18n.LANGUAGE_NAMES[code], code)
        self.language_combo.currentIndexChanged.connect(self._on_language_combo_changed)
        self._language_label = QLabel(self)
        self._language_label.setBuddy(self.language_combo)
        self._hint = QLabel(self)
        self._hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self._language_label, self.language_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self._hint)
        layout.addStretch(1)
        self.retranslateUi()

    def title(self) -> str:
        return self.tr("General")

    def retranslateUi(self) -> None:
        self._language_label.setText(self.tr("&Language:"))
        self._hint.setText(self.tr("The new language is used at once and remembered on this computer."))

    def load(self) -> None:
        self._loaded_language = i18n.current_language()
        self._select(self._loaded_language)

    def save(self) -> None:
        language = self.selected_language()
        i18n.store_language(language)
        if language != i18n.current_language():
            i18n.install_language(language)
        self._loaded_language = language

    def revert(self) -> None:
        if i18n.current_language() != self._loaded_language:
            i18n.install_language(self._loaded_language)

    def selected_language(self) -> str:
        return self.language_combo.currentData()

    def _select(self, language: str) -> None:
        index = self.language_combo.findData(language)
        self.language_combo.blockSignals(True)
        self.language_combo.setCurrentIndex(max(index, 0))
        self.language_combo.blockSignals(False)

    def _on_language_combo_changed(self, _index: int) -> None:
        language = self.selected_language()
        if language != i18n.current_language():
            i18n.install_language(language)
