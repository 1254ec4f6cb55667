"""StatCard: one big number with its caption, as on the home panel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


class StatCard(QFrame):
    """A framed count; the number is formatted by the caller (QLocale), the caption translated by it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(180)
        self._value = QLabel("–", self)
        font = QFont(self._value.font())
        font.setPointSizeF(font.pointSizeF() * 2.4)
        font.setBold(True)
        self._value.setFont(font)
        self._value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._caption = QLabel(self)
        self._caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self._value)
        layout.addWidget(self._caption)

    def set_caption(self, text: str) -> None:
        self._caption.setText(text)

    def caption(self) -> str:
        return self._caption.text()

    def set_value(self, text: str) -> None:
        self._value.setText(text)

    def value(self) -> str:
        return self._value.text()
