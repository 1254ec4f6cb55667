"""FieldMessage: the short red line under an input field that says what is wrong with it."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

ERROR_COLOR = QColor("#b3261e")


class FieldMessage(QLabel):
    """Hidden while empty, so a valid form keeps its compact layout."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOR)
        self.setPalette(palette)
        self.setVisible(False)

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")


def fit_height(dialog: QWidget) -> None:
    """Grow a shown dialog to the height its layout now needs (a wrapped message appeared in it): Qt's minimum
    size ignores the height that word-wrapped labels need at the current width."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    width = dialog.width()
    needed = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.totalSizeHint().height()
    if needed > dialog.height():
        dialog.resize(width, needed)
