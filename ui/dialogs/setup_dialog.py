"""SetupDialog: first start — where the data will live and how its key is kept (keyring or passphrase)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDir, QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from ui.keyring_label import keyring_label
from ui.widgets.field_message import FieldMessage

MIN_PASSPHRASE_LENGTH = 12


class SetupDialog(QDialog):
    """Collects the choice only; the caller creates the database and may call set_keyring_unavailable()."""

    def __init__(self, data_dir: Path, keyring_usable: bool, backend: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._keyring_usable = keyring_usable
        self._backend = backend
        self._validated_once = False
        self._build_ui()
        self.retranslateUi()
        self._update_mode()

    def _build_ui(self) -> None:
        self._heading = QLabel(self)
        font = QFont(self._heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self._heading.setFont(font)
        self._intro = self._wrapping_label()
        self._path = QLabel(QDir.toNativeSeparators(str(self._data_dir)), self)
        self._path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._path.setWordWrap(True)
        self._keyring_text = self._wrapping_label()
        self._keyring_warning = FieldMessage(self)
        self.passphrase_check = QCheckBox(self)
        self.passphrase_check.toggled.connect(self._update_mode)

        self._passphrase_box = QWidget(self)
        self._passphrase_text = self._wrapping_label(self._passphrase_box)
        self.passphrase_edit = self._password_edit()
        self.passphrase_message = FieldMessage(self._passphrase_box)
        self.confirm_edit = self._password_edit()
        self.confirm_message = FieldMessage(self._passphrase_box)
        self._passphrase_label = QLabel(self._passphrase_box)
        self._passphrase_label.setBuddy(self.passphrase_edit)
        self._confirm_label = QLabel(self._passphrase_box)
        self._confirm_label.setBuddy(self.confirm_edit)
        form = QFormLayout()
        form.addRow(self._passphrase_label, self.passphrase_edit)
        form.addRow("", self.passphrase_message)
        form.addRow(self._confirm_label, self.confirm_edit)
        form.addRow("", self.confirm_message)
        box_layout = QVBoxLayout(self._passphrase_box)
        box_layout.setContentsMargins(24, 0, 0, 0)
        box_layout.addWidget(self._passphrase_text)
        box_layout.addLayout(form)

        self.error_message = FieldMessage(self)
        self._buttons = QDialogButtonBox(self)
        self.create_button = QPushButton(self)
        self.create_button.setDefault(True)
        self._buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self._cancel_button = self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        for widget in (self._heading, self._intro, self._path, self._keyring_text, self._keyring_warning,
                       self.passphrase_check, self._passphrase_box, self.error_message):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(580)

    def _wrapping_label(self, parent: QWidget | None = None) -> QLabel:
        label = QLabel(parent or self)
        label.setWordWrap(True)
        return label

    def _password_edit(self) -> QLineEdit:
        edit = QLineEdit(self._passphrase_box)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.textChanged.connect(self._on_passphrase_edited)
        return edit

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Create the Customer Database"))
        self._heading.setText(self.tr("Welcome"))
        self._intro.setText(self.tr("Customer data will be kept in an encrypted database in this folder:"))
        backend = keyring_label(self._backend)
        self._keyring_text.setText(self.tr(
            "A random key will be created for the database and stored in the system keyring ({backend}), "
            "so you do not have to type a password when the program starts. You will then see a recovery "
            "key once: print it and keep it in a safe place.").format(backend=backend))
        self._keyring_warning.show_message("" if self._keyring_usable else self.tr(
            "The system keyring cannot be used on this computer ({backend}). The database will be "
            "protected by a passphrase instead, which you must enter every time the program starts."
        ).format(backend=backend))
        self.passphrase_check.setText(self.tr("&Use a passphrase instead of the system keyring (advanced)"))
        self._passphrase_text.setText(self.tr(
            "Choose a passphrase of at least {count} characters. Nobody, not even IT support, can open "
            "the database if it is forgotten.").format(count=MIN_PASSPHRASE_LENGTH))
        self._passphrase_label.setText(self.tr("&Passphrase:"))
        self._confirm_label.setText(self.tr("&Repeat passphrase:"))
        self.create_button.setText(self.tr("&Create Database"))
        if self._validated_once:
            self.validate()

    # --- state -----------------------------------------------------------------------------------

    def set_keyring_unavailable(self, backend: str | None = None) -> None:
        """The keyring failed while creating: switch to the passphrase option and say why."""
        self._keyring_usable = False
        if backend:
            self._backend = backend
        self.retranslateUi()
        self._update_mode()

    def set_error(self, text: str) -> None:
        self.error_message.show_message(text)

    def uses_passphrase(self) -> bool:
        return self.passphrase_check.isChecked()

    def passphrase(self) -> str | None:
        """The chosen passphrase, or None for the keyring option."""
        return self.passphrase_edit.text() if self.uses_passphrase() else None

    def _update_mode(self) -> None:
        if not self._keyring_usable:
            self.passphrase_check.setChecked(True)
        self.passphrase_check.setEnabled(self._keyring_usable)
        self._keyring_text.setVisible(self._keyring_usable)
        self._passphrase_box.setVisible(self.uses_passphrase())
        if self.uses_passphrase():
            self.passphrase_edit.setFocus()
        self.adjustSize()

    # --- validation ------------------------------------------------------------------------------

    def validate(self) -> bool:
        """Show what is wrong under each field; True when the dialog may be accepted."""
        self._validated_once = True
        if not self.uses_passphrase():
            self.passphrase_message.clear_message()
            self.confirm_message.clear_message()
            return True
        first, second = self.passphrase_edit.text(), self.confirm_edit.text()
        too_short = len(first) < MIN_PASSPHRASE_LENGTH
        mismatch = not too_short and first != second
        self.passphrase_message.show_message(self.tr(
            "The passphrase must have at least {count} characters ({typed} typed)."
        ).format(count=MIN_PASSPHRASE_LENGTH, typed=len(first)) if too_short else "")
        self.confirm_message.show_message(self.tr("The two passphrases do not match.") if mismatch else "")
        return not (too_short or mismatch)

    def _on_passphrase_edited(self) -> None:
        if self._validated_once:
            self.validate()

    def accept(self) -> None:
        self.error_message.clear_message()
        if self.validate():
            super().accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
