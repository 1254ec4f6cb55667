"""MaskedLabel: shows a masked identifier; its tooltip and its Copy action give the masked form only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QLabel, QMenu, QWidget


class MaskedLabel(QLabel):
    """A label for C2 identifiers (phone, ID, card, email) that never holds the full value.

    The caller passes the value already masked by the core; whatever the user copies (selection, Ctrl+C
    or the context menu) is therefore the masked text, as DOMAIN.md requires for display and copies.
    """

    def __init__(self, masked: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._hint = ""
        self.set_masked(masked)

    def set_masked(self, masked: str, hint: str = "") -> None:
        """Show ``masked``; ``hint`` (e.g. "Reserved mobile") goes on the tooltip's second line."""
        self._hint = hint
        self.setText(masked)
        self.setToolTip(f"{masked}\n{hint}" if hint and masked else masked)

    def masked(self) -> str:
        return self.text()

    def copy_masked(self) -> None:
        QGuiApplication.clipboard().setText(self.text())

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        action = menu.addAction(self.tr("Copy (masked)"))
        action.triggered.connect(self.copy_masked)
        menu.exec(event.globalPos())
