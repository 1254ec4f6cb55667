"""RecoveryKeyDialog: show the new recovery key once (print it, confirm it is stored), or ask for it."""

from __future__ import annotations

import html
import logging
import unicodedata
from pathlib import Path

from PySide6.QtCore import QDate, QDir, QEvent, QLocale, QStandardPaths, Qt
from PySide6.QtGui import QFont, QFontDatabase, QTextDocument
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QFrame, QHBoxLayout,
                               QLabel, QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget)

from ui.keyring_label import keyring_label
from ui.widgets.field_message import FieldMessage

try:  # PySide6-Essentials ships QtPrintSupport, but a trimmed bundle might not
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    HAVE_PRINT = True
except ImportError:  # pragma: no cover - depends on the installation
    HAVE_PRINT = False

log = logging.getLogger(__name__)
SHOW, ENTER = "show", "enter"
GROUPS_PER_LINE = 7
MIN_KEY_CHARACTERS = 40  # the core's keys have 55; this only catches obviously incomplete input


def display_key(key: str) -> str:
    """The key on two or more lines, each line break after a dash so no group is split."""
    groups = key.split("-")
    lines = ["-".join(groups[i:i + GROUPS_PER_LINE]) for i in range(0, len(groups), GROUPS_PER_LINE)]
    return "-\n".join(lines)


def normalise_key(text: str) -> str:
    """Full-width letters typed with a Chinese input method become ASCII; outer spaces go."""
    return unicodedata.normalize("NFKC", text).strip()


class RecoveryKeyDialog(QDialog):
    """mode SHOW: the key of a new database; mode ENTER: ask for the key when the keyring lost it."""

    def __init__(self, mode: str, *, key: str = "", location: str = "", backend: str = "",
                 reason: str = "key_missing", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if mode not in (SHOW, ENTER):
            raise ValueError(mode)
        self.mode = mode
        self._key = key
        self._location = QDir.toNativeSeparators(location)
        self._backend = backend
        self._reason = reason
        self._heading = QLabel(self)
        font = QFont(self._heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self._heading.setFont(font)
        self._text = QLabel(self)
        self._text.setWordWrap(True)
        self._buttons = QDialogButtonBox(self)
        self.continue_button = QPushButton(self)
        self.continue_button.setDefault(True)
        self._buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self._heading)
        layout.addWidget(self._text)
        if mode == SHOW:
            self._build_show(layout)
        else:
            self._build_enter(layout)
        layout.addStretch(1)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(640)
        self.retranslateUi()

    def _key_font(self, scale: float) -> QFont:
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * scale)
        return font

    def _build_show(self, layout: QVBoxLayout) -> None:
        self.key_label = QLabel(display_key(self._key), self)
        self.key_label.setFont(self._key_font(1.6))
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.key_label.setContentsMargins(16, 16, 16, 16)
        self.print_button = QPushButton(self)
        self.print_button.clicked.connect(self._on_print_clicked if HAVE_PRINT else self._on_save_clicked)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.print_button)
        self._warning = QLabel(self)
        self._warning.setWordWrap(True)
        self.stored_check = QCheckBox(self)
        self.stored_check.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.setEnabled(False)
        for item in (self.key_label, row, self._warning, self.stored_check):
            layout.addLayout(item) if isinstance(item, QHBoxLayout) else layout.addWidget(item)

    def _build_enter(self, layout: QVBoxLayout) -> None:
        self._path = QLabel(self)
        self._path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._path.setWordWrap(True)
        self.key_edit = QLineEdit(self)
        self.key_edit.setFont(self._key_font(1.1))
        self.key_edit.setPlaceholderText("XXXX-XXXX-XXXX-…")
        self.key_edit.textChanged.connect(lambda: self.key_message.clear_message())
        self.key_message = FieldMessage(self)
        self._cancel_button = self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        for widget in (self._path, self.key_edit, self.key_message):
            layout.addWidget(widget)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Recovery Key"))
        backend = keyring_label(self._backend)
        if self.mode == SHOW:
            self._heading.setText(self.tr("Print or write down the recovery key"))
            self._text.setText(self.tr(
                "If the key in the system keyring is ever lost, for example after a new Windows account is "
                "set up or the computer is reinstalled, the database can be opened only with this recovery "
                "key. It is shown only this once."))
            self.print_button.setText(self.tr("&Print…") if HAVE_PRINT else self.tr("&Save as Text…"))
            self._warning.setText(self.tr(
                "Keep it like the key to a safe: anyone with this key and a copy of the database can read "
                "the customer data. Do not keep it on this computer and do not send it by email or chat."))
            self.stored_check.setText(self.tr("I have &stored the recovery key safely"))
            self.continue_button.setText(self.tr("C&ontinue"))
            return
        self._heading.setText(self.tr("Enter the recovery key"))
        if self._reason == "keyring_unavailable":
            text = self.tr("The system keyring ({backend}) cannot be used, so the key of the customer "
                           "database cannot be read. You can still open it with the recovery key.")
        else:
            text = self.tr("The key of the customer database is missing from the system keyring ({backend}) "
                           "of this computer, for example after a new Windows account was set up. Enter the "
                           "recovery key that was printed when the database was created.")
        self._text.setText(text.format(backend=backend))
        self._path.setText(self.tr("Database: {path}").format(path=self._location))
        self.continue_button.setText(self.tr("&Open Database"))

    # --- enter mode ------------------------------------------------------------------------------

    def recovery_key(self) -> str:
        return normalise_key(self.key_edit.text())

    def set_error(self, text: str) -> None:
        """The core rejected the key (wrong database or a typing error)."""
        self.key_message.show_message(text)
        self.key_edit.selectAll()
        self.key_edit.setFocus()

    def validate(self) -> bool:
        key = self.recovery_key()
        allowed = all(ch.isascii() and (ch.isalnum() or ch in " -") for ch in key)
        if allowed and sum(ch.isalnum() for ch in key) >= MIN_KEY_CHARACTERS:
            self.key_message.clear_message()
            return True
        self.key_message.show_message(self.tr(
            "Type the recovery key exactly as printed: groups of letters and digits separated by dashes."))
        return False

    # --- show mode -------------------------------------------------------------------------------

    def recovery_sheet_html(self) -> str:
        """The printed sheet: what it is, when and for which database, the key, what to do with it."""
        date = QLocale().toString(QDate.currentDate(), QLocale.FormatType.LongFormat)
        key = html.escape(display_key(self._key)).replace("\n", "<br>")
        return self.tr(
            "<h2>Recovery key of the customer database</h2>"
            "<p>Created on {date}<br>Database: {path}</p>"
            "<p style='font-family: monospace; font-size: 18pt'>{key}</p>"
            "<p>Keep this sheet locked away, like the key to a safe. Anyone with this key and a copy of the "
            "database can read the customer data.</p>"
            "<p>You need it only if the program asks for it, for example after a new Windows account is "
            "set up or the computer is reinstalled. Type it in exactly as shown.</p>"
        ).format(date=html.escape(date), path=html.escape(self._location), key=key)

    def print_sheet(self, printer: QPrinter) -> None:
        document = QTextDocument(self)
        document.setHtml(self.recovery_sheet_html())
        document.print_(printer)

    def _on_print_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_sheet(printer)

    def _on_save_clicked(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save Recovery Key"),
                                              str(Path(folder) / "crm-recovery-key.txt"),
                                              self.tr("Text files (*.txt)"))
        if path:
            document = QTextDocument(self)
            document.setHtml(self.recovery_sheet_html())
            Path(path).write_text(document.toPlainText(), encoding="utf-8")

    # --- closing ---------------------------------------------------------------------------------

    def accept(self) -> None:
        if self.mode == ENTER and not self.validate():
            return
        if self.mode == SHOW and not self.stored_check.isChecked():
            return
        super().accept()

    def reject(self) -> None:
        if self.mode == SHOW and not self.stored_check.isChecked():
            QMessageBox.warning(self, self.tr("Recovery Key"), self.tr(
                "The recovery key is shown only this once. Print or write it down, tick the box, then "
                "press Continue."))
            return
        super().reject() if self.mode == ENTER else super().accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
