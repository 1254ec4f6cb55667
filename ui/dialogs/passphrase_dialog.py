"""PassphraseDialog: asks for the passphrase of a database created with the passphrase option."""

from __future__ import annotations

from PySide6.QtCore import QDir, QEvent, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.widgets.field_message import FieldMessage


class PassphraseDialog(QDialog):
    """The caller opens the database with passphrase() and calls set_error() when it was wrong."""

    def __init__(self, location: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = QLabel(self)
        self._text.setWordWrap(True)
        self._location = QDir.toNativeSeparators(location)
        self._path = QLabel(self)
        self._path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._path.setWordWrap(True)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.textChanged.connect(lambda: self.message.clear_message())
        self.message = FieldMessage(self)
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self._text, self._path, self.passphrase_edit, self.message):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(480)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Open Customer Database"))
        self._text.setText(self.tr("Enter the passphrase of the customer database:"))
        self._path.setText(self.tr("Database: {path}").format(path=self._location))
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Open"))

    def passphrase(self) -> str:
        return self.passphrase_edit.text()

    def set_error(self, text: str) -> None:
        self.message.show_message(text)
        self.passphrase_edit.selectAll()
        self.passphrase_edit.setFocus()

    def accept(self) -> None:
        if not self.passphrase_edit.text():
            self.set_error(self.tr("Enter the passphrase."))
            return
        super().accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
