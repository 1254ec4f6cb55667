"""Chip: a small coloured badge (segment, elderly, do not disturb, verification state)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

# (background, text) per tone; readable on light and dark window backgrounds because they bring their own.
TONES: dict[str, tuple[str, str]] = {
    "neutral": ("#e6e6e6", "#333333"),
    "info": ("#dbe9fb", "#0b4a8b"),
    "good": ("#dcf1df", "#1d6b2c"),
    "warn": ("#fdebc8", "#7a4a00"),
    "bad": ("#fbdcd9", "#9c1c13"),
    "gold": ("#f6e3a1", "#5f4500"),
    "purple": ("#e8dcf5", "#4d2a7a"),
}


class Chip(QLabel):
    """Rounded label with a tone from ``TONES``; hidden while it has no text."""

    def __init__(self, tone: str = "neutral", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._tone = ""
        self.set_tone(tone)
        self.setVisible(False)

    def set_tone(self, tone: str) -> None:
        if tone == self._tone:
            return
        self._tone = tone
        background, text = TONES[tone]
        self.setStyleSheet(f"QLabel {{ background-color: {background}; color: {text}; border-radius: 9px;"
                           f" padding: 2px 9px; }}")

    def tone(self) -> str:
        return self._tone

    def show_text(self, text: str, tone: str | None = None) -> None:
        if tone is not None:
            self.set_tone(tone)
        self.setText(text)
        self.setVisible(bool(text))
